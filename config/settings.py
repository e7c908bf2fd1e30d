"""The one settings file: everything that differs between machines comes from the environment.

SOM_ENV is one of development (default), demo, test or production. Production refuses to start
while a setting it needs is missing or left at its development default (config/production.py,
called at the end of this file) and turns on the strict security settings; demo data can never
be loaded there.
"""

import logging
import os
import sys
from pathlib import Path
from typing import Any

import dj_database_url
from csp.constants import NONCE
from django.utils.translation import gettext_lazy as _

from config import observability
from config.production import refuse_incomplete

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


# Under pytest the default is "test" (a memory cache each test empties), so that a plain
# `pytest` never shares the development cache on disk.
SOM_ENV = env_str("SOM_ENV", "test" if "pytest" in sys.modules else "development")
IS_PRODUCTION = SOM_ENV == "production"

# Production checks the keys (set, long, not Django's generated ones) with the rest at the end.
SECRET_KEY = env_str(
    "SECRET_KEY", "" if IS_PRODUCTION else "insecure-development-key-never-used-in-production"
)
# Old keys, comma-separated, while what they signed is still in use: sessions, and the sealed
# ballots of a poll that is still open (docs/deploy.md).
SECRET_KEY_FALLBACKS = env_list("SECRET_KEY_FALLBACKS")

DEBUG = env_bool("DEBUG", default=SOM_ENV in {"development", "demo"})
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "" if IS_PRODUCTION else "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
# Links in mails. By default the address `make demo` / runserver serve on (PORT, default 8000).
SITE_URL = env_str("SITE_URL", f"http://127.0.0.1:{env_str('PORT', '8000')}")

# --- The organisation that runs the platform --------------------------------------------------
# Its name, contact and source address in one place, so another network runs the platform under
# its own name (docs/development.md, "Running it for another network"). Every template, mail and
# PDF reads them as `{{ network.name }}` and so on (som/core/templating.py); Python messages take
# them as a %(network)s placeholder. The defaults are SOM Leuven's, which the demo shows.
SOM_NETWORK_NAME = env_str("SOM_NETWORK_NAME", "SOM Leuven")
SOM_NETWORK_LONG_NAME = env_str("SOM_NETWORK_LONG_NAME", "Samen Onderwijs Maken")
# The logo in the site's header: a path under static/ (or the override folder's static files).
SOM_LOGO = env_str("SOM_LOGO", "img/som-logo.svg")
SOM_TEAM_EMAIL = env_str("SOM_TEAM_EMAIL", "hallo@samenonderwijsmaken.be")
SOM_TEAM_PHONE = env_str("SOM_TEAM_PHONE", "0470 71 17 80")
# AGPL section 13: every page links to the source of the version that runs (the site's footer).
# Point it at your fork when you change the code.
SOM_SOURCE_URL = env_str("SOM_SOURCE_URL", "https://github.com/som-leuven/platform")
# A folder of templates searched before the platform's own: the organisation's own texts (the
# about, join and home pages, the footer's blurb) are replaced there, not in the code.
SOM_TEMPLATE_OVERRIDES_DIR = env_str("SOM_TEMPLATE_OVERRIDES_DIR")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_tasks",
    "django_tasks_db",
    "dbbackup",
    # Wagtail: the pages, stories and portraits the team edits (som/publishing, docs/decisions.md).
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "som.core",
    "som.accounts",
    "som.network",
    "som.finance",
    "som.membership",
    "som.events",
    "som.voting",
    "som.labs",
    "som.governance",
    "som.publishing",
    "som.reports",
    "som.api",
    "som.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise (static files are not logged), before the page cache (cached pages are):
    # a request id, and one log line per request (config/observability.py).
    "django_structlog.middlewares.RequestMiddleware",
    "csp.middleware.CSPMiddleware",
    "som.core.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # NUL characters and bodies past the limits: a 400 or 413 in the page's language.
    "som.core.middleware.BadInputMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "som.accounts.middleware.TeamSessionMiddleware",
    "som.accounts.middleware.RequireTeamMfaMiddleware",
    # Wagtail's admin (/cms/): the team only, in their language, with its own CSP.
    "som.accounts.middleware.TeamOnlyCmsMiddleware",
    # An address a page had before its slug changed leads to where it is now (Wagtail makes the
    # redirect when the slug changes).
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        # Django's engine, with `network` (the organisation's name, contact, source) in every
        # template's context, also in mails and PDFs that have no request.
        "BACKEND": "som.core.templating.NetworkTemplates",
        "NAME": "django",
        "DIRS": [
            *([Path(SOM_TEMPLATE_OVERRIDES_DIR)] if SOM_TEMPLATE_OVERRIDES_DIR else []),
            BASE_DIR / "templates",
        ],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "som.core.context_processors.site",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------------
# SQLite is the embedded default (demo, one-box install); PostgreSQL whenever DATABASE_URL says so.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=600,
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Persistent connections are per thread, SQLite's are cheap; WAL and IMMEDIATE transactions
    # keep concurrent writers from failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
        ),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache shared by every worker process of the box (files on local disk): sessions, the
# page cache's version (its invalidation), and the login rate limits must agree between workers.
# Rendered HTML is kept in each process's memory ("pages"): the anonymous pages, the members'
# page fragments and the layout's fragments. Read on every visit, they would cost a file read and
# a decompression each from the shared cache; the shared version says when they are stale. Tests keep memory caches that each test empties.
CACHES: dict[str, dict[str, Any]] = {
    "default": (
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "som"}
        if SOM_ENV == "test"
        else {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": env_str("CACHE_DIR", str(BASE_DIR / "var" / "cache")),
            "OPTIONS": {"MAX_ENTRIES": 5000},
        }
    ),
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "som-pages",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}
# Several app nodes behind one proxy (docs/deploy.md, "More than one box"): the shared cache moves
# to one Redis (Django's own backend), so that sessions, the login rate limits and the page
# cache's version counters agree between the nodes; "pages" stays in each process, told by that
# version.
if CACHE_URL := env_str("CACHE_URL"):
    CACHES["default"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_URL,
        "KEY_PREFIX": "som",
    }

# --- Accounts -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.Person"
AUTHENTICATION_BACKENDS = [
    # Django's and allauth's backends, with the session's person loaded in plain SQL.
    "som.accounts.backends.ModelBackend",
    "som.accounts.backends.AuthenticationBackend",
    "som.accounts.backends.TeamPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "my_som:home"  # Mijn SOM (som/reports/my_som.py)
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
# Confirming the address in the browser that signed up logs in and goes on to `next`.
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "som.accounts.forms.SignupNameForm"
ACCOUNT_ADAPTER = "som.accounts.adapter.AccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{SOM_NETWORK_NAME}] "
# allauth's rate limits (kept in the cache), counted per visitor address (som/core/client_ip.py)
# and sized for a network day: 300 people log in from the venue's one address within minutes,
# some of them twice after a typo. A person's own account is guarded by growing delays after
# failed logins (som/accounts/login_delays.py), not by a lock an attacker could keep closed.
ACCOUNT_RATE_LIMITS = {
    "login": "600/m/ip",
    "login_failed": "150/m/ip",
    "request_login_code": "300/m/ip,3/m/key",
    "signup": "100/m/ip",
    "reset_password": "100/m/ip,5/m/key",
    "reset_password_from_key": "100/m/ip",
    "confirm_email": "1/3m/key",
    # Ours: the contact forms (the team's and a lab's), per address and per sender.
    "contact": "20/h/ip,5/h/key",
    # Ours: the public check of an attendance certificate (/attest/<code>/), per address.
    "certificate_check": "30/m/ip",
}
# Behind a proxy the connection's address is the proxy's: name the header it sets (nginx:
# X-Real-IP) or how many proxies of ours append to X-Forwarded-For. Never set either without
# such a proxy: anybody can send these headers (docs/deploy.md).
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env_str("TRUSTED_CLIENT_IP_HEADER") or None
ALLAUTH_TRUSTED_PROXY_COUNT = int(env_str("TRUSTED_PROXY_COUNT", "0"))
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SOM_NETWORK_NAME
# The authenticator-app secrets and recovery-code seeds are encrypted in the database
# (som/accounts/mfa.py) under a key from the environment, never from the database. Without one
# (development, demo, tests) it is derived from SECRET_KEY. Rotation: docs/deploy.md.
MFA_ADAPTER = "som.accounts.mfa.MFAAdapter"
MFA_ENCRYPTION_KEY = env_str("MFA_ENCRYPTION_KEY")
MFA_ENCRYPTION_KEY_FALLBACKS = env_list("MFA_ENCRYPTION_KEY_FALLBACKS")
# Invitations by email (colleagues to a staff list, co-authors to a proposal): how long a link
# works, and how many one person may send per window as (count, seconds) (som.core.invitations).
INVITATION_VALID_DAYS = 14
INVITATION_RATE_LIMITS = [(20, 60 * 60), (50, 24 * 60 * 60)]
# API tokens expire: a year by default, never later than this many days after they are made.
API_TOKEN_DEFAULT_DAYS = 365
API_TOKEN_MAX_DAYS = int(env_str("API_TOKEN_MAX_DAYS", "365"))

# --- Internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Dutch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Belgian dates in both languages (7 December 2026, 07/12/2026, 15:30): see config/formats.
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------------
STATIC_URL = "/static/"
# Where collectstatic puts the files that nginx (deploy/nginx/som.conf) and WhiteNoise send.
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "som.core.static_storage.StaticFilesStorage"
            if IS_PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not IS_PRODUCTION
# Uploaded files (lab attachments, receipts, result photos). Nothing under MEDIA_ROOT is served as
# is: every file goes out through a view that checks who may read it.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Production behind nginx: the view checks who may read a private file, then nginx sends it from
# MEDIA_ROOT through its internal /protected/ location (som/core/downloads.py,
# deploy/nginx/som.conf), so a slow download does not hold an app worker.
SOM_X_ACCEL_REDIRECT = env_bool("SOM_X_ACCEL_REDIRECT")
SOM_X_ACCEL_REDIRECT_PREFIX = "/protected/"
# What one request may send: its files together (counted while they arrive, som/core/uploads.py;
# the proxy's client_max_body_size in docs/deploy.md matches), and its other fields.
SOM_UPLOAD_MAX_BYTES = int(env_str("SOM_UPLOAD_MAX_MB", "20")) * 1024 * 1024
FILE_UPLOAD_HANDLERS = [
    "som.core.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Backups (docs/deploy.md, "Backups") ----------------------------------------------------------
# `manage.py backup` writes a folder per backup here (django-dbbackup's dump and media archive
# and our manifest of checksums, som/core/backups.py); `manage.py restore` reads one back.
SOM_BACKUP_DIR = Path(env_str("SOM_BACKUP_DIR", str(BASE_DIR / "var" / "backups")))
STORAGES["dbbackup"] = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(SOM_BACKUP_DIR)},
}
# PostgreSQL: pg_dump's custom format (dbbackup's PgDumpBinaryConnector), restored by pg_restore
# as the restoring user (another server's roles need not match). SQLite: the online backup API
# both ways (dbbackup's restore writes over the file, under the WAL checkpointer's connection).
DBBACKUP_CONNECTOR_MAPPING = {
    "django.db.backends.sqlite3": "som.core.backups.SqliteOnlineConnector"
}
DBBACKUP_CONNECTORS = {"default": {"PG_OPTIONS": "--no-owner --no-privileges"}}
# Encrypted for this GPG key (its fingerprint; the public key in the keyring of the user who runs
# the backup): the private key stays off the server. Unset: the backups are not encrypted.
DBBACKUP_GPG_RECIPIENT = env_str("SOM_BACKUP_GPG_RECIPIENT") or None
DBBACKUP_GPG_ALWAYS_TRUST = True  # the key named above is trusted because the environment names it

# --- Mail and background work ---------------------------------------------------------------------
# The demo keeps every mail in its mailbox page (/demo/mail/): nobody reads the demo's addresses.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "som.demo.mailbox.EmailBackend"
    if SOM_ENV == "demo"
    else "django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env_str("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
# Production names its sender: the mail server must be allowed to send from it (SPF, DKIM).
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "" if IS_PRODUCTION else f"{SOM_NETWORK_NAME} <{SOM_TEAM_EMAIL}>"
)
# The sender of Django's own error mails; Django's default is root@localhost.
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# --- Money ----------------------------------------------------------------------------------------
# The SOM bank account printed on invoices and in their EPC QR codes. The default is an example
# account (Belfius' documentation IBAN); production has no default and refuses the example.
SOM_LEGAL_NAME = env_str("SOM_LEGAL_NAME", f"{SOM_NETWORK_NAME} vzw")
SOM_IBAN = env_str("SOM_IBAN", "" if IS_PRODUCTION else "BE71 0961 2345 6769")
SOM_BIC = env_str("SOM_BIC", "" if IS_PRODUCTION else "GKCCBEBB")
SOM_ENTERPRISE_NUMBER = env_str("SOM_ENTERPRISE_NUMBER", "")
SOM_ADDRESS = env_str("SOM_ADDRESS", "Professor Van Overstraetenplein 1, 3000 Leuven")
SOM_PAYMENT_TERM_DAYS = int(env_str("SOM_PAYMENT_TERM_DAYS", "30"))

# --- Lab proposals: the diversity a proposal needs (numbers the organisation may change) --------
SOM_PROPOSAL_MIN_AUTHORS = int(env_str("SOM_PROPOSAL_MIN_AUTHORS", "3"))
SOM_PROPOSAL_MIN_ORGANISATIONS = int(env_str("SOM_PROPOSAL_MIN_ORGANISATIONS", "2"))
# ...spanning at least this many different values in at least this many of the three
# dimensions (education level, network, sector):
SOM_PROPOSAL_MIN_VALUES_PER_DIMENSION = int(env_str("SOM_PROPOSAL_MIN_VALUES", "2"))
SOM_PROPOSAL_MIN_DIMENSIONS = int(env_str("SOM_PROPOSAL_MIN_DIMENSIONS", "2"))
SOM_PROPOSAL_MIN_MONTHS = int(env_str("SOM_PROPOSAL_MIN_MONTHS", "12"))

# Outside production tasks run in the request that enqueues them; production refuses that (and
# the dummy backend, which never runs them) and runs `manage.py db_worker`.
TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"),
    }
}

# --- Public content: Wagtail (som/publishing) ------------------------------------------------------
WAGTAIL_SITE_NAME = SOM_NETWORK_NAME
# The site's address in the team's mails and Wagtail's links to pages.
WAGTAILADMIN_BASE_URL = SITE_URL
# Pages exist in Dutch and English: the English tree is a translation of the Dutch one, and the
# address's language prefix (i18n_patterns) picks the tree (Wagtail's root page, localized).
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# The back office's login: ours (allauth, with the second factor for the team), never Wagtail's.
WAGTAILADMIN_LOGIN_URL = "account_login"
# Also for a private page; Wagtail's own login forms (/cms/login/, /_util/login/) take a password
# alone and are never served (som.accounts.middleware.TeamOnlyCmsMiddleware).
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAILUSERS_PASSWORD_ENABLED = False
WAGTAIL_EMAIL_MANAGEMENT_ENABLED = False
# Images carry their credit and the consents of the people on them (som/publishing/images.py).
WAGTAILIMAGES_IMAGE_MODEL = "publishing.SiteImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "som.publishing.images.SiteImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(env_str("SOM_IMAGE_MAX_MB", "10")) * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
# The database's own search (PostgreSQL's full text; SQLite's for the demo).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Slug changes leave a redirect from the old address.
WAGTAILREDIRECTS_AUTO_CREATE = True
# Nothing is fetched from video hosts by the server (our video block needs no oEmbed).
WAGTAILEMBEDS_FINDERS: list[dict[str, Any]] = []
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# The admin shows no Gravatar pictures: they would send a hash of each team member's address to
# gravatar.com from every team member's browser (and the admin's CSP allows no other host).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# The team works in Leuven: no time zone to choose (Wagtail's list holds "localtime", which its
# account page cannot show).
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]

# --- Security -------------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# Sessions are read from the cache (written through to the database): a logged-in request
# costs no session query (PERFORMANCE.md G1).
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_COOKIE_HTTPONLY = True
# A team member's session ends after a working day and after an idle hour (seconds), whatever
# the cookie says: their account can do everything (som.accounts.middleware.TeamSessionMiddleware).
# Everybody else keeps Django's two weeks.
SOM_TEAM_SESSION_MAX_AGE = int(env_str("SOM_TEAM_SESSION_MAX_AGE", str(10 * 60 * 60)))
SOM_TEAM_SESSION_IDLE = int(env_str("SOM_TEAM_SESSION_IDLE", str(60 * 60)))
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = IS_PRODUCTION
CSRF_COOKIE_SECURE = IS_PRODUCTION
LANGUAGE_COOKIE_SECURE = IS_PRODUCTION
if IS_PRODUCTION:
    # nginx terminates TLS, redirects port 80 and sets X-Forwarded-Proto; the app redirects too,
    # in case a request reaches it some other way (docs/deploy.md).
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    # HSTS for a year, subdomains included unless an install turns that off; never preloaded
    # (docs/decisions.md, "Production fails closed").
    SECURE_HSTS_SECONDS = 31_536_000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = False
# security.W021 asks for HSTS preload. We decided against it: the preload list is built into
# browsers and takes months to leave, and SOM's domain has subdomains run by others (the
# website's host, mailing tools) that would all be bound to https for good.
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Scripts and stylesheets are files under /static/; inline code only where a page puts the
# request's nonce on it (the ballot on a crowded network, som/core/templatetags/inline_static.py):
# django-csp adds the nonce to the header only on those responses.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'", NONCE],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # A story's video plays from these two hosts, only after the reader clicks (no cookies:
        # som/publishing/blocks.py embed_address).
        "frame-src": ["https://www.youtube-nocookie.com", "https://player.vimeo.com"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Wagtail's admin (/cms/: team members with their second factor only) on its responses only,
# in place of the site's directives (som.accounts.middleware.TeamOnlyCmsMiddleware).
# Wagtail's widgets start with inline scripts (a date or image chooser per field, also in the
# modals it loads), so scripts may be inline there; the upload shows the chosen file before it is
# sent (blob:); the editor shows the page's preview in a frame of its own (frame-src 'self'; the
# preview itself may be framed by the admin only: the middleware). Nothing from other hosts.
CMS_CONTENT_SECURITY_POLICY = {
    **CONTENT_SECURITY_POLICY["DIRECTIVES"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "frame-src": ["'self'"],
}

# --- Logs, errors and health (docs/deploy.md, "Logs and errors") ----------------------------------
# Production: one JSON line per request and per task on standard error (journald); elsewhere the
# console's plain lines, without the request lines (runserver prints its own).
LOG_LEVEL = env_str("LOG_LEVEL", "INFO" if IS_PRODUCTION else "WARNING")
LOG_FORMAT = env_str("LOG_FORMAT", "json" if IS_PRODUCTION else "console")
LOGGING = observability.logging_config(
    json=LOG_FORMAT == "json",
    level=LOG_LEVEL,
    request_lines=env_bool("LOG_REQUESTS", default=IS_PRODUCTION),
)
observability.configure_structlog()
# The request line: only its last event (request_started would be a second line per request),
# the person's id from som/core/structured_logs.py, no visitor address (personal data, and the
# proxy's log has it). A request id sent by our proxy (nginx's $request_id) is kept, so its log
# and ours can be joined; without a trusted proxy anybody could choose it.
DJANGO_STRUCTLOG_STATUS_START_LOG_LEVEL = logging.DEBUG
DJANGO_STRUCTLOG_USER_ID_FIELD = None
DJANGO_STRUCTLOG_IP_LOGGING_ENABLED = False
DJANGO_STRUCTLOG_TRUST_UPSTREAM_REQUEST_ID = bool(
    ALLAUTH_TRUSTED_CLIENT_IP_HEADER or ALLAUTH_TRUSTED_PROXY_COUNT
)
# Errors to Sentry (or a Sentry-compatible GlitchTip) only when SENTRY_DSN is set.
SENTRY_ENABLED = observability.init_sentry(
    dsn=env_str("SENTRY_DSN"),
    environment=SOM_ENV,
    traces_sample_rate=float(env_str("SENTRY_TRACES_SAMPLE_RATE", "0")),
)
# /healthz answers 503 when the oldest task waiting for the worker has waited longer (seconds):
# the worker is down or cannot keep up.
SOM_HEALTHZ_MAX_TASK_WAIT = int(env_str("SOM_HEALTHZ_MAX_TASK_WAIT", str(10 * 60)))

# --- Production refuses to start incomplete --------------------------------------------------------
# Last, so that it sees every setting above: one message lists everything missing or left at a
# development default (the example bank account, console mail, tasks in the request, ...).
if IS_PRODUCTION:
    refuse_incomplete(globals())
