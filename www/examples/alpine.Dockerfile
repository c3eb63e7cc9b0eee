FROM alpine:3.20
RUN apk update
RUN apk add curl ca-certificates
RUN apk add --no-cache tini=0.19.0-r3 bash
COPY healthcheck.c /tmp/
RUN apk add --no-cache --virtual .build-deps gcc musl-dev \
    && gcc -O2 -static -o /usr/local/bin/healthcheck /tmp/healthcheck.c \
    && apk del .build-deps \
    && rm /tmp/healthcheck.c
COPY entrypoint.sh /usr/local/bin/
HEALTHCHECK CMD ["/usr/local/bin/healthcheck"]
ENTRYPOINT ["/sbin/tini", "--", "/usr/local/bin/entrypoint.sh"]
