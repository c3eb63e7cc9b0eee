FROM python:3.12
RUN apt-get update
RUN apt-get install -y libpq-dev gcc curl
WORKDIR /srv/shop
COPY . .
RUN pip install -r requirements.txt
ENV PORT 5000
EXPOSE 5000
CMD flask --app shop run --host 0.0.0.0 --port $PORT
