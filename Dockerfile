# 人大监督工作平台 — production image (gunicorn; the same image runs the Celery worker and beat).
#
#   docker build -t congress-portal .
#   docker compose up -d          # see docker-compose.yml and README.md
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=congress_portal.settings.prod \
    TZ=Asia/Shanghai \
    WEB_CONCURRENCY=3

# Time-zone data for zoneinfo (Asia/Shanghai); not every slim base ships it.
RUN apt-get update \
    && apt-get install -y --no-install-recommends tzdata \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 portal \
    && useradd --system --uid 10001 --gid portal --home-dir /app --shell /usr/sbin/nologin portal

WORKDIR /app

# Production dependencies only, every file checked against the hashes in the lock.
COPY requirements.lock ./
RUN pip install --no-cache-dir --require-hashes -r requirements.lock

# The code stays owned by root (read-only to the app user); only var/ is writable.
COPY . .

# Static files are collected (and compressed, with a manifest) at build time under the prod
# settings. The SECRET_KEY and ALLOWED_HOSTS given here exist only for this step; the running
# container must get real ones from the environment (.env).
RUN SECRET_KEY=collectstatic-only-not-a-secret ALLOWED_HOSTS=localhost \
        python manage.py collectstatic --noinput \
    && mkdir -p var/media var/poll-keys \
    && chmod 700 var/poll-keys \
    && chown -R portal:portal var

USER portal

EXPOSE 8000

# /healthz is exempt from the HTTPS redirect, so a plain-HTTP check from inside works. Django
# still checks the Host header, so the check sends the first ALLOWED_HOSTS entry as Host.
# 200 = database (and Redis, when configured) reachable; 503 or no answer fails the check.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["python", "-c", "import os, sys, urllib.request as u; h = os.environ.get('ALLOWED_HOSTS', '').split(',')[0].strip().lstrip('*.') or 'localhost'; r = u.urlopen(u.Request('http://127.0.0.1:8000/healthz', headers={'Host': h}), timeout=4); sys.exit(0 if r.status == 200 else 1)"]

# Worker count: WEB_CONCURRENCY (gunicorn reads it; default 3 above). On two cores with PostgreSQL
# on the same machine, 3 keep both cores busy; 5 or 8 only contend (bench/RESULTS.md, voting).
CMD ["gunicorn", "congress_portal.wsgi:application", \
     "--bind", "0.0.0.0:8000", \
     "--timeout", "60", \
     "--graceful-timeout", "30", \
     "--max-requests", "1000", \
     "--max-requests-jitter", "100", \
     "--access-logfile", "-"]
