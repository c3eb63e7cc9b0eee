# Broken on purpose: each bad line is one syntax error, the rest is still linted.
FROM ubuntu:22.04
RUNN apt-get update
RUN apt-get install -y curl
COPY --chwon=app:app . /app
ENV APP_HOME
WORKDIR /app
EXPOSE 8080
ENTRYPOINT ["./run.sh"
CMD ["--port", 8080]
