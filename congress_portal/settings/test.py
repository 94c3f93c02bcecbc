"""Tests: the embedded default unless DATABASE_URL / REDIS_URL point at real services."""

import os

from .base import *  # noqa: F403

DEBUG = False
# Argon2 is deliberately slow; tests create hundreds of users.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = True

# Worker threads in tests (Celery, live server) must not hold connections past their work, or the
# test database cannot be dropped at the end of the run.
DATABASES["default"]["CONN_MAX_AGE"] = 0  # noqa: F405

# pytest-xdist runs the suite in several processes, each on its own test database but on the one
# Redis db of REDIS_URL. Each keeps its keys (cache, Celery queues and results) under its worker
# id, so a Celery worker thread started by one process never takes a task queued by the other,
# whose job rows live in a database it cannot see. The worker id is in the environment, so a
# `celery worker` subprocess started by a test reads the same prefix.
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER")
if REDIS_URL and _XDIST_WORKER:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = _XDIST_WORKER  # noqa: F405
    CELERY_BROKER_TRANSPORT_OPTIONS = {  # noqa: F405
        **CELERY_BROKER_TRANSPORT_OPTIONS,  # noqa: F405
        # The base's options are all numbers, so mypy takes the dict for one of numbers.
        "global_keyprefix": f"{_XDIST_WORKER}:",  # type: ignore[dict-item]
    }
    CELERY_RESULT_BACKEND_TRANSPORT_OPTIONS = {"global_keyprefix": f"{_XDIST_WORKER}:"}
