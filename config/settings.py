"""Claimdesk settings: one module, configured from environment variables.

Every variable has a development default so `make run` works on a fresh machine;
production sets DATABASE_URL, SECRET_KEY, DEBUG=0 and ALLOWED_HOSTS. A variable with
a value that cannot be understood stops the start with a message naming it.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envbool(name: str, default: str) -> bool:
    value = os.getenv(name, default).strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"Environment variable {name}={value!r} is not a boolean: use 1/0, true/false, yes/no or on/off."
    )


def envint(name: str, default: str) -> int:
    value = os.getenv(name, default)
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"Environment variable {name}={value!r} is not a whole number."
        ) from None


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.getenv(name, default).split(",") if item.strip()]


def envdatabase(name: str, default: str) -> dict[str, object]:
    value = os.getenv(name, default)
    try:
        config = dict(dj_database_url.parse(value, conn_max_age=envint("DB_CONN_MAX_AGE", "0")))
    except (ValueError, KeyError) as exc:
        raise ImproperlyConfigured(
            f"Environment variable {name}={value!r} is not a database URL "
            f"(expected e.g. sqlite:///path/db.sqlite3 or postgres://user@host:5432/name): {exc}"
        ) from None
    if config.get("ENGINE") not in {
        "django.db.backends.sqlite3",
        "django.db.backends.postgresql",
    }:
        raise ImproperlyConfigured(
            f"Environment variable {name}={value!r}: Claimdesk supports SQLite and PostgreSQL only."
        )
    return config


# The development default starts with "django-insecure-" so that `manage.py check --deploy`
# rejects it (security.W009): production must set its own SECRET_KEY.
SECRET_KEY = os.getenv(
    "SECRET_KEY", "django-insecure-claimdesk-development-key-do-not-use-in-production"
)
DEBUG = envbool("DEBUG", "1")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_extensions",
    "django_htmx",
    "csp",
    # Scale and deployment (issue 8): background jobs through django-tasks; its database
    # backend's tables are always migrated, so switching TASKS_BACKEND needs no migration.
    "django_tasks",
    "django_tasks_db",
    # Review workflow (issue 5): who changed what and when, revertible from the admin.
    "simple_history",
    "articles",
    "claims",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Issue 20: a body over the upload limits is refused (413, naming the limit) before the
    # CSRF check or a view reads it.
    "articles.limits.RequestSizeLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Every page needs a logged-in user, except the login page itself.
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
    # Review workflow (issue 5): history records name the user who made each change.
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {
    "default": envdatabase("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while an import writes; IMMEDIATE avoids "database is locked"
    # surprises when two requests upgrade a read transaction to a write.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
# Scale and deployment (issue 8): persistent connections (checked before reuse, so a
# restarted database costs one failed check, not a failed request) in production.
DATABASES["default"]["CONN_MAX_AGE"] = envint("DB_CONN_MAX_AGE", "0" if DEBUG else "60")
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Planner settings for each connection: random_page_cost for SSD storage (the default, 4,
    # models spinning disks and has PostgreSQL scan a million-row table where a few thousand
    # index probes are ten times faster), and no JIT compilation (meant for analytics: on a
    # page's queries it costs 100-200 ms whenever the planner over-estimates).
    DATABASES["default"]["OPTIONS"] = {
        "options": os.getenv("DB_OPTIONS", "-c random_page_cost=1.1 -c jit=off")
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.getenv("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = Path(os.getenv("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Security: cookies and HTTPS follow DEBUG, so production (DEBUG=0) is secure by default.
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0" if DEBUG else "31536000")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "0" if DEBUG else "1")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "0" if DEBUG else "1")
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "0" if DEBUG else "1")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", "0" if DEBUG else "1")
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", "0" if DEBUG else "1")
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content Security Policy: scripts only from our own origin, never inline.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        # The Django admin sets a few style attributes of its own.
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.getenv("LOG_LEVEL", "WARNING")},
}

# Articles larger than this are refused on import, with a message naming the file.
CLAIMDESK_MAX_ARTICLE_CHARS = envint("CLAIMDESK_MAX_ARTICLE_CHARS", "2000000")
# Upload limits (issues 6 and 20), checked before anything is parsed; a refusal names the
# variable (articles/limits.py). One imported file: a bulk JSONL/CSV of 10,000 articles of
# 20 KB fits (the upload page keeps big uploads on disk, not in memory).
CLAIMDESK_MAX_IMPORT_BYTES = envint("CLAIMDESK_MAX_IMPORT_BYTES", str(200 * 1024 * 1024))
# A request's body besides its files (a pasted article, a JSON API body): the longest article
# (CLAIMDESK_MAX_ARTICLE_CHARS) in Chinese, JSON-escaped at 6 bytes a character, fits.
CLAIMDESK_MAX_REQUEST_BYTES = envint("CLAIMDESK_MAX_REQUEST_BYTES", str(16 * 1024 * 1024))
DATA_UPLOAD_MAX_MEMORY_SIZE = CLAIMDESK_MAX_REQUEST_BYTES
# A whole upload request: a file at the limit and the form's other fields.
CLAIMDESK_MAX_UPLOAD_BYTES = envint(
    "CLAIMDESK_MAX_UPLOAD_BYTES", str(CLAIMDESK_MAX_IMPORT_BYTES + CLAIMDESK_MAX_REQUEST_BYTES)
)
# On SQLite the JSONL export's claim records are written by SQLite's JSON functions, the same
# bytes as the Python path at about 1.5 times the speed (claims/exports/sqlite_json.py; used only
# where a probe finds SQLite escaping text as orjson does). 0 writes them in Python.
CLAIMDESK_EXPORT_SQLITE_JSON = envbool("CLAIMDESK_EXPORT_SQLITE_JSON", "1")

# Evidence (issue 19): documents larger than this are refused before they are read; a workbook
# or CSV with more cells than the cell limit is refused; an XLSX or DOCX (a zip) whose members
# would unpack to more than the uncompressed limit is refused as a zip bomb before it is opened.
CLAIMDESK_MAX_EVIDENCE_BYTES = envint("CLAIMDESK_MAX_EVIDENCE_BYTES", str(50 * 1024 * 1024))
CLAIMDESK_MAX_EVIDENCE_CELLS = envint("CLAIMDESK_MAX_EVIDENCE_CELLS", "500000")
# A PDF of more pages than this is attached by a background job, with its progress (issue 19).
CLAIMDESK_EVIDENCE_BACKGROUND_PAGES = envint("CLAIMDESK_EVIDENCE_BACKGROUND_PAGES", "50")
# Seconds a fetch of an evidence document's address may take (trafilatura's download).
CLAIMDESK_EVIDENCE_FETCH_TIMEOUT = envint("CLAIMDESK_EVIDENCE_FETCH_TIMEOUT", "30")
# Addresses on private or local networks are refused (trafilatura's SSRF protection) unless this
# is set: a test server on 127.0.0.1, an intranet deployment.
CLAIMDESK_EVIDENCE_FETCH_PRIVATE = envbool("CLAIMDESK_EVIDENCE_FETCH_PRIVATE", "0")
CLAIMDESK_MAX_EVIDENCE_UNCOMPRESSED = envint(
    "CLAIMDESK_MAX_EVIDENCE_UNCOMPRESSED", str(200 * 1024 * 1024)
)

GRAPH_MODELS = {"app_labels": ["articles", "claims"], "group_models": True}

# --- Scale and deployment (issue 8) ------------------------------------------------------------
# Files the background jobs write (exports, reports, uploads waiting for an import), served only
# through a view that checks who asks. Several web or worker machines share one directory
# (a network volume) or set STORAGES["default"] to an object store.
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "media/"

# Background tasks (django-tasks). `immediate` (the default) runs a job inside the request
# that starts it, so `make run` needs no worker; `database` queues it in the database for
# `manage.py db_worker` processes on any number of machines.
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS_BACKEND = os.getenv("TASKS_BACKEND", "immediate").strip().lower()
if TASKS_BACKEND not in _TASK_BACKENDS:
    raise ImproperlyConfigured(
        f"Environment variable TASKS_BACKEND={TASKS_BACKEND!r}: use immediate or database."
    )
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[TASKS_BACKEND], "QUEUES": ["default"]}}
