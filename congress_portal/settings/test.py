"""Tests: the embedded default unless DATABASE_URL / REDIS_URL point at real services."""

from .base import *  # noqa: F403

DEBUG = False
# Argon2 is deliberately slow; tests create hundreds of users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = True

# Worker threads in tests (Celery, live server) must not hold connections past their work, or the
# test database cannot be dropped at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405
