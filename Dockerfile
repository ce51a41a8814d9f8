# Production image: gunicorn by default; the same image runs the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=oversight.settings \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media

# WeasyPrint's libraries, fonts (CJK too, or Chinese prints as boxes), libmagic for uploads,
# gettext for compilemessages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 \
        fonts-noto-core fonts-noto-cjk libmagic1 gettext \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY . /app
# What `make` installs, minus the test extras.
RUN pip install . \
    && if [ -d locale ]; then DEBUG=true python manage.py compilemessages; fi \
    && SECRET_KEY=collectstatic-only-not-a-secret ALLOWED_HOSTS=localhost \
       python manage.py collectstatic --noinput

RUN useradd --system --uid 10001 --home-dir /app oversight \
    && mkdir -p /data/media /backups \
    && chown -R oversight:oversight /data /backups
USER oversight

EXPOSE 8000
# Workers, threads and the rest: gunicorn.conf.py (WEB_WORKERS, WEB_THREADS), the benchmark's too.
CMD ["gunicorn", "oversight.wsgi:application", "-c", "gunicorn.conf.py"]
