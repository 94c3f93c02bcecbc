"""Settings for `make bench`: production-like (DEBUG off, PostgreSQL, Redis) plus the floor views.

DATABASE_URL and REDIS_URL come from the environment, which `bench/__main__.py` fills with loopback
defaults. Passwords use a fast hasher only because the bench's 1,600 logins share one stored hash
made at generation time; nothing here is for serving real users.
"""

from congress_portal.settings.base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "testserver"]
ROOT_URLCONF = "bench.urls"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Thousands of sessions are opened in a few seconds; the lockout must not count them.
AXES_ENABLED = False
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
