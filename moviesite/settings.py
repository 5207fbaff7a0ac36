"""
Settings for the film magazine, all driven by environment variables.

Local use needs none of them: DEBUG is on only when asked for, and the database
falls back to an embedded SQLite file. A production start without DEBUG refuses
to run on the development secret key.
"""

import datetime
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from moviesite.static_files import add_page_headers

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG")

# A fixed key is fine for a laptop and for management commands; a server started on it
# without DEBUG refuses to run (moviesite/serving.py), and `check --deploy` flags it.
DEVELOPMENT_SECRET_KEY = "django-insecure-local-development-only"
SECRET_KEY = os.environ.get("SECRET_KEY") or DEVELOPMENT_SECRET_KEY

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Django's admin, on the editors' site: their start page, and pickers that create what they lack.
    "recommendations.admin_config.EditorialAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    # Ahead of staticfiles so runserver serves static files the way production does.
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    # Django's form widget templates, for FORM_RENDERER below.
    "django.forms",
    # Only for its sitemap.xml templates; the sitemaps use the request's host, not the sites framework.
    "django.contrib.sitemaps",
    "taggit",
    # Revisions of lists, with their entries, for the admin's history, compare and restore.
    "reversion",
    # Sign-in limits: repeated wrong passwords lock a username out from one address for a while.
    "axes",
    # The Content-Security-Policy header (CONTENT_SECURITY_POLICY below).
    "csp",
    "recommendations",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Right after SecurityMiddleware, so static files skip the rest of the stack.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so that pages served from it get the policy and frame denial as
    # they stand now, not as they were stored.
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Database errors become a branded 503 (recommendations/outages.py); /healthz for load balancers.
    "recommendations.outages.DatabaseUnavailableMiddleware",
    "recommendations.outages.HealthCheckMiddleware",
    # Before sessions and auth: a cached page is served without a database query.
    "recommendations.page_cache.PageCacheMiddleware",
    # On PostgreSQL, readers' queries are cancelled after PUBLIC_STATEMENT_TIMEOUT_MS.
    "recommendations.statement_timeouts.StatementTimeoutMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes asks: it answers a locked-out sign-in with recommendations.sign_in.locked_out.
    "axes.middleware.AxesMiddleware",
]

# django-axes first: it refuses a locked-out username and address before a password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "moviesite.urls"

TEMPLATES = [
    # Readers' pages in Jinja2 (templates/jinja2/): they render many times faster than Django's
    # template language, which the admin keeps (templates/admin/ and the apps' own). First, so
    # that a page's name is looked up there before anywhere else.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {
            "environment": "recommendations.templating.environment",
            "context_processors": ["recommendations.context_processors.site"],
            # Tags on lines of their own leave no blank lines or indentation in the page.
            "trim_blocks": True,
            "lstrip_blocks": True,
        },
    },
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "recommendations.context_processors.site",
            ],
        },
    },
]

# Form widgets render through TEMPLATES, so templates/ can mend one of the admin's: its date and time inputs
# get labels of their own (templates/admin/widgets/split_datetime.html).
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "moviesite.wsgi.application"

# SQLite keeps a newcomer's first minute to one command; DATABASE_URL switches to PostgreSQL
# (postgres://user:pass@host:5432/db, through psycopg 3). Connections are kept for a minute
# so a busy worker does not reconnect on every request, and checked before reuse.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # Write-ahead log: readers never wait for a writer, nor a writer for readers, so pages
        # render while a save, an import or a backup holds the write lock. NORMAL sync is safe
        # with WAL (a power cut may lose the last commits, never corrupt the file).
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
        # A write waits up to 5 s for another writer, then fails (the branded 503, the editor's
        # form kept): long enough for any save to finish, short of gunicorn's 30 s timeout.
        "timeout": 5,
        # Transactions take the write lock as they begin, where the busy timeout applies: a read
        # transaction that turned into a write would fail at once with "database is locked".
        "transaction_mode": "IMMEDIATE",
    }

# On PostgreSQL, how long one statement of a reader's request may run (recommendations/
# statement_timeouts.py): pages take milliseconds, so anything near this is stuck behind a lock or
# gone wrong, and answers 503 rather than holding a worker for gunicorn's 30 s. Editors and
# management commands keep the server's own setting.
PUBLIC_STATEMENT_TIMEOUT_MS = int(os.environ.get("PUBLIC_STATEMENT_TIMEOUT_MS", "5000"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


def cache_from_url(url):
    """The default cache for CACHE_URL or REDIS_URL: Redis, a folder (file://), or local memory when empty."""
    if not url:
        # One process's memory: fine for a laptop and for tests, but each server (and each
        # gunicorn worker) keeps its own, so any deployment with more than one sets a URL.
        return {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    scheme = url.split("://", 1)[0]
    if scheme == "file":
        # A folder shared by the processes of one machine: `make serve`'s workers, so that an
        # edit through one refreshes the cached pages of both. Not for more than one machine.
        return {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache", "LOCATION": url[len("file://") :]}
    if scheme not in {"redis", "rediss", "unix"}:
        raise ImproperlyConfigured(f"CACHE_URL must be a redis://, rediss://, unix:// or file:// URL, not {url!r}.")
    return {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": url,
        # A Redis that stops answering costs a request two seconds, not a whole worker timeout.
        "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
    }


# Shared by every app server, so none holds state of its own. CACHE_URL wins over REDIS_URL,
# the name most hosts give their Redis add-on.
CACHES = {"default": cache_from_url(os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL", ""))}

# Sessions stay in the database (Django's default): every app server sees them, and they
# survive a cache flush.
SESSION_ENGINE = "django.contrib.sessions.backends.db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
# The site's time zone, by its IANA name ("Europe/London"): editors schedule lists in it, and the
# admin names it beside every date field and publishing time. UTC unless the newsroom says otherwise.
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
# Django serves MEDIA_ROOT itself only in DEBUG, or when SERVE_MEDIA=1 on a local production-style
# server (`make serve`). Real deployments keep media in object storage (below) or behind a web server.
SERVE_MEDIA = env_bool("SERVE_MEDIA")

# Uploaded posters and photos go to local files unless a bucket is named: app servers then keep
# no files of their own. Any S3-compatible service works (AWS_S3_ENDPOINT_URL for non-AWS ones).
# Credentials are read by django-storages from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY in the
# environment (or the host's role), so they never pass through settings.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_STORAGE = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            # e.g. a CDN in front of the bucket: pictures are linked there.
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            # Pictures are public, and pages may be cached: plain links, never signed ones that
            # expire an hour later. The bucket (or CDN) must allow reading its objects.
            "querystring_auth": False,
            # As with local files: an upload named like a stored file gets a name of its own
            # instead of replacing a picture that another film shows.
            "file_overwrite": False,
        },
    }
else:
    MEDIA_STORAGE = {"BACKEND": "django.core.files.storage.FileSystemStorage"}

STORAGES = {
    "default": MEDIA_STORAGE,
    # Hashed, compressed files in production; plain files while developing so no
    # collectstatic step is needed to see a change.
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Whitenoise serves straight from the source folders while developing (and in
# tests), and only from collected files in production.
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG
# Static files carry the pages' frame and content-security policies too (an SVG is a document).
WHITENOISE_ADD_HEADERS_FUNCTION = add_page_headers

# Editors write Markdown; these are the only tags and attributes that reach a page.
MARKDOWN_ALLOWED_TAGS = {"p", "br", "em", "strong", "a", "ul", "ol", "li", "blockquote", "code"}

# What one request may send. The longest list the admin is built for (models.LONGEST_LIST: 300
# entries, each with up to 10 themes and 10 people) is about 25 fields an entry, 7,500 in all;
# Django's default of 1,000 refused a 60-entry list. The body limit leaves room for 300 blurbs
# of about 3,500 characters even in a script that takes three bytes a character (nine once
# urlencoded). Anything over either gets a page that keeps the text (recommendations/request_limits.py).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# The site's first content lives at the top level, beside the code that reads it.
FIXTURE_DIRS = [BASE_DIR / "fixtures"]

LOGIN_URL = "admin:login"
# Where a sign-in lands when its ?next= is missing or refused (another site's address): editors
# sign in to the admin, and Django's default, /accounts/profile/, is no page here.
LOGIN_REDIRECT_URL = "admin:index"

# Five wrong passwords for one username from one address lock that pair out for 15 minutes; the
# same editor elsewhere, and other editors here, are unaffected, so a guesser cannot lock the
# whole newsroom out. Attempts are kept in the database, which every app server shares.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = datetime.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The admin's sign-in page again, with the reason, instead of django-axes' bare text.
AXES_LOCKOUT_CALLABLE = "recommendations.sign_in.locked_out"
AXES_CLIENT_IP_CALLABLE = "recommendations.sign_in.client_ip"
# How many proxies (load balancers) append to X-Forwarded-For in front of the app: 0 reads the
# address from the connection. Set it only when every request really comes through them, or a
# reader could claim any address.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Where pictures are linked from when media are in a bucket: the policy below must allow them.
if AWS_STORAGE_BUCKET_NAME:
    MEDIA_ORIGIN = (
        f"https://{os.environ['AWS_S3_CUSTOM_DOMAIN']}"
        if os.environ.get("AWS_S3_CUSTOM_DOMAIN")
        else os.environ.get("AWS_S3_ENDPOINT_URL") or "https://*.amazonaws.com"
    )
else:
    MEDIA_ORIGIN = None

# Only this site's own files may run or style anything, and no other site may frame it: no inline
# script or style anywhere (the admin's scripts and ours are files; JSON-LD is data, not script;
# the admin's widgets style through the DOM, which the policy allows). The browser tests fail on
# anything it blocks. Images may also be data: URLs, which the admin's icons use.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *([MEDIA_ORIGIN] if MEDIA_ORIGIN else [])],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
# Also sent in development; these say what Django does by default, written out because they are
# part of the site's promise: no MIME sniffing, no framing, and other sites see no paths.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# No script of ours reads the CSRF cookie (forms carry the token), so scripts may not either.
CSRF_COOKIE_HTTPONLY = True
SESSION_COOKIE_HTTPONLY = True

# Production hardening, on whenever DEBUG is off.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    # Load balancers probe over plain http, by address: /healthz answers them without a redirect.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # Off only for `make serve`, which is plain http on 127.0.0.1.
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", True)

# Everything to stderr, where gunicorn and any PaaS collect it. Without this, Django sends the
# traceback of a server error only to ADMINS by email when DEBUG is off, and nobody sees it.
# Django's own handlers are dropped so that each message is written once, by the root logger.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"stderr": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["stderr"], "level": "WARNING"},
    "loggers": {"django": {"handlers": [], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")}},
}

# The magazine's name, in page titles, the header, feeds, social cards and structured data.
SITE_NAME = os.environ.get("SITE_NAME", "Film Magazine")

# Where-to-watch: the region readers see until they pick another (?region=GB), and how many days
# after its last check a where-to-watch row tells readers it may have changed (editors see it too).
DEFAULT_REGION = os.environ.get("DEFAULT_REGION", "US").strip().upper()
AVAILABILITY_STALE_AFTER_DAYS = int(os.environ.get("AVAILABILITY_STALE_AFTER_DAYS", "90"))

# How long one import (a pasted article, a file, or a WordPress export in the admin) may take,
# parse and save together, before it is refused with nothing saved: well inside gunicorn's 30 s
# worker timeout, so no import ties up a worker.
IMPORT_TIME_BUDGET_SECONDS = float(os.environ.get("IMPORT_TIME_BUDGET_SECONDS", "20"))

# Share links for reviewing an unpublished list: long enough for a review round, short enough
# that a forwarded link does not stay open for good. Editors can revoke them sooner.
PREVIEW_LINK_MAX_AGE = datetime.timedelta(days=7)

# Whole public pages kept in the shared cache (recommendations/page_cache.py); 0 turns it off.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Each process also keeps the pages it served lately, up to this many (compressed) bytes, in its memory.
PAGE_CACHE_MEMORY_BYTES = int(os.environ.get("PAGE_CACHE_MEMORY_BYTES", str(32 * 1024 * 1024)))
