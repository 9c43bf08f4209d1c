# 讲稿库 web image: gunicorn serving the archive; data folder on a volume at /data.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    ARCHIVE_DATA_DIR=/data \
    ARCHIVE_STATIC_ROOT=/app/staticfiles \
    BIND=0.0.0.0:8000 \
    PORT=8000

WORKDIR /app

RUN groupadd --system --gid 10001 archive \
    && useradd --system --uid 10001 --gid archive --home-dir /app --shell /usr/sbin/nologin archive

# Dependencies first, in their own layer: rebuilt only when pyproject.toml changes.
COPY pyproject.toml ./
RUN mkdir -p archive search \
    && touch archive/__init__.py search/__init__.py \
    && pip install --no-cache-dir . \
    && pip uninstall -y jianggaoku

COPY . .

# Static files are collected at build time with the production storage (hashed, compressed),
# into ARCHIVE_STATIC_ROOT inside the image: without their manifest every page is a 500.
# The settings need a key to load; a random one, thrown away with this layer, so the image holds
# no key that production would accept.
RUN DJANGO_ENV=production \
    DJANGO_SECRET_KEY="$(python -c 'import secrets; print(secrets.token_urlsafe(50))')" \
    DJANGO_ALLOWED_HOSTS=localhost \
    ARCHIVE_DATA_DIR=/tmp/build-data \
    python manage.py collectstatic --noinput \
    && rm -rf /tmp/build-data \
    && mkdir -p /data \
    && chown -R archive:archive /data \
    && chmod +x docker/entrypoint.sh

USER 10001:10001
VOLUME ["/data"]
EXPOSE 8000

HEALTHCHECK --interval=30s --timeout=5s --start-period=30s \
    CMD ["python", "-c", "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz').status == 200 else 1)"]

ENTRYPOINT ["docker/entrypoint.sh"]
CMD ["gunicorn", "-c", "gunicorn.conf.py", "archive.wsgi:application"]
