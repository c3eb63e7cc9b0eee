//! The Dockerfile the editor starts with.

/// A small Python web app: one stage, a cached dependency layer and a continued `RUN`.
pub const EXAMPLE: &str = r#"# syntax=docker/dockerfile:1
FROM python:3.12-slim AS base
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --create-home --uid 10001 app \
    && chown -R app:app /app \
    && python -m compileall -q /app
USER app
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:server"]
"#;
