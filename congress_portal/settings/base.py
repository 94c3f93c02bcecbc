"""Settings shared by every environment.

The embedded default (no DATABASE_URL, no REDIS_URL) runs on a SQLite file under var/ with Celery
tasks executed in-process, so a fresh clone works without any service. Production differs only
through environment variables, read by the helpers in env.py.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.utils.translation import gettext_lazy as _

from .env import env_bool, env_file_storage, env_int, env_list, env_networks, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Everything the portal writes (SQLite file, uploads, exports, collected static) lives here.
VAR_DIR = BASE_DIR / "var"
VAR_DIR.mkdir(exist_ok=True)

SECRET_KEY = env_str("SECRET_KEY", "dev-insecure-key-only-for-local-use-0123456789abcdefghijklmnop")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",
    "django_filters",
    "simple_history",
    "axes",
    "csp",
    "rules",
    "core",
    "accounts",
    "polls",
    "deputies",
    "livelihood_projects",
    "evaluations",
    "supervision",
    "budget",
    "experts",
    "legislation",
    "reports",
    "notifications",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the session cookie or a query parameter from the database.
    "core.middleware.RejectNulMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.middleware.SessionRenewalMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a lockout signalled by the backend into a response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "congress_portal.urls"
WSGI_APPLICATION = "congress_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.navigation",
                "core.context_processors.public_body",
                "notifications.context_processors.inbox",
            ],
        },
    },
]

FORM_RENDERER = "core.forms.PortalFormRenderer"

# --- Data stores -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
    }
    if DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # An unreachable server should fail within seconds, not hang a worker.
        DATABASES["default"].setdefault("OPTIONS", {})["connect_timeout"] = 3
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "portal.sqlite3"),
            "OPTIONS": {"timeout": 20, "transaction_mode": "IMMEDIATE"},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Accounts and sessions ---------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # Named permissions: each app's `permissions.py` (see accounts/permissions.py).
    "rules.permissions.ObjectPermissionBackend",
    "accounts.backends.PortalModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Idle timeout: the session expires after this many seconds without a request, because every
# request saves the session and so pushes the expiry forward.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_SECONDS", 30 * 60)
# Renewed at most once a minute by core.middleware.SessionRenewalMiddleware, not on every request.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Lock out a username from one address after repeated failures, not the whole address
# (many deputies share one government NAT) and not the username everywhere (which would let
# anyone lock out a colleague).
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.5  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
# How many reverse proxies in front of the app append to X-Forwarded-For (the README's nginx: 1).
# 0 trusts no header. Lockouts and the public rate limit both read the address from here.
TRUSTED_PROXY_COUNT = max(0, env_int("TRUSTED_PROXY_COUNT", 0))
# Where those proxies connect from: the header is read only from these (the README's nginx on the
# same host: loopback; in compose, the address the web container sees nginx connect from).
TRUSTED_PROXY_NETWORKS = env_networks("TRUSTED_PROXY_NETWORKS", ["127.0.0.1/32", "::1/128"])
AXES_CLIENT_IP_CALLABLE = "core.proxies.client_address"

# --- Internationalisation ----------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static files ------------------------------------------------------------------------------
STATIC_URL = "static/"
# Development and tests serve files straight from static/ and app folders; prod.py collects them.
WHITENOISE_USE_FINDERS = True
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_ROOT = VAR_DIR / "media"
# Private keys of open polls (polls/sealing.py): never in the database, destroyed at close. Every
# web and worker machine must see the same directory; keep it out of backups (see polls/models.py).
POLL_KEY_DIR = Path(env_str("POLL_KEY_DIR", str(VAR_DIR / "poll-keys")))
# Uploads, attachments and exports: the local disk, or object storage shared by every machine
# when STORAGE_URL is set (env.py).
STORAGES = {
    "default": env_file_storage("STORAGE_URL"),
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Security headers (apply everywhere; prod.py adds the HTTPS-only parts) --------------------
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
# Everything is served from this origin: no CDN, no external fonts, no inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Celery ------------------------------------------------------------------------------------
# Without Redis the embedded default runs every task in-process at enqueue time.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Redis hands an unacknowledged task (acks_late) to another worker after visibility_timeout. It
# must exceed the longest task, or a task still running is started a second time: the job tasks
# are cut off at 20 minutes (reports/tasks.py JOB_TIME_LIMIT), the slowest measured export takes
# seconds. Recovering a job does not wait for it: a dead worker's job stops beating and the
# reaper (reap-stale-jobs) queues it again within about three minutes; the timeout only brings
# back other tasks of a worker that died whole, which an hour late is acceptable for. Publishing
# gives up after max_retries; socket_connect_timeout and socket_timeout bound a broker that does
# not answer (without them a hung Redis holds the request for ever), so an outage costs a request
# one to a few seconds before core.outbox keeps the task. Redis answers in milliseconds and the
# worker's BRPOP within its 1 s poll, far below the 3 s.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 3600,
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "socket_connect_timeout": 2,
    "socket_timeout": 3,
}
CELERY_RESULT_EXPIRES = 24 * 3600
# The schedule lives here, in code, so every deployment runs the same periodic jobs.
CELERY_BEAT_SCHEDULE = {
    "clear-expired-sessions": {
        "task": "accounts.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=17),
    },
    # Reminders are recomputed from the records on every run; each is sent once (unique key).
    "send-reminders": {"task": "notifications.tasks.send_reminders", "schedule": crontab(minute=5)},
    "retry-deliveries": {
        "task": "notifications.tasks.retry_deliveries",
        "schedule": crontab(minute="*/5"),
    },
    "send-digests": {
        "task": "notifications.tasks.send_digests",
        "schedule": crontab(hour=7, minute=30),
    },
    "close-due-polls": {"task": "polls.tasks.close_due_polls", "schedule": crontab(minute="*/5")},
    "quarterly-reports": {
        "task": "reports.tasks.send_quarterly_reports",
        "schedule": crontab(day_of_month=1, month_of_year="1,4,7,10", hour=6, minute=0),
    },
    # Jobs whose worker died are queued again (or failed) within minutes.
    "reap-stale-jobs": {"task": "reports.tasks.reap_stale_jobs", "schedule": 60.0},
    # Tasks kept while the broker was down are sent once it is back.
    "drain-outbox": {"task": "core.tasks.drain_outbox", "schedule": 60.0},
    "purge-expired-exports": {
        "task": "reports.tasks.purge_expired_exports",
        "schedule": crontab(hour=3, minute=37),
    },
}

# --- Email and SMS ------------------------------------------------------------------------------
# Without EMAIL_HOST mail is printed to the console (development, demos).
EMAIL_HOST = env_str("EMAIL_HOST", "")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "portal@localhost")
# Counties plug in their own SMS gateway; the default only logs.
SMS_BACKEND = env_str("SMS_BACKEND", "notifications.sms.LoggingSmsBackend")
# Absolute links in emails.
PORTAL_BASE_URL = env_str("PORTAL_BASE_URL", "http://127.0.0.1:8000")

# --- Logging -----------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

PORTAL_NAME = _("人大监督工作平台")
# The body that runs this deployment, named on the public front door and in every page's footer
# and printout; set per deployment. Empty lines are left out of the footer.
PORTAL_BODY_NAME = env_str("PORTAL_BODY_NAME", "怀化市人大常委会")
PORTAL_BODY_ADDRESS = env_str("PORTAL_BODY_ADDRESS", "")
PORTAL_BODY_CONTACT = env_str("PORTAL_BODY_CONTACT", "")
# 网站备案号 (ICP filing number): a public site in China must show it, linked to the MIIT register.
PORTAL_ICP_NUMBER = env_str("PORTAL_ICP_NUMBER", "")
