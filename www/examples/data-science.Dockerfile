FROM python:3.12
RUN apt-get update && apt-get upgrade -y
RUN apt-get install -y build-essential gfortran libopenblas-dev git vim wget
RUN pip install numpy pandas scikit-learn matplotlib jupyterlab
WORKDIR /notebooks
ADD https://example.com/datasets/housing.csv.gz /notebooks/data/
COPY . /notebooks
EXPOSE 8888
CMD jupyter lab --ip=0.0.0.0 --allow-root --no-browser
