"""
Production configuration, read from the environment as a real server would read it.

Settings are read once per process, so each case starts `manage.py` or Python in a
subprocess with only the variables it names: nothing from the shell that runs the tests
(DEBUG=1, a DATABASE_URL, a bucket) leaks in.
"""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

from django.conf import settings

# Every variable moviesite/settings.py reads, dropped before each case sets its own: read off the
# settings file itself, so a variable added there is never left to leak in from the shell.
SETTINGS_FILE = Path(settings.BASE_DIR) / "moviesite" / "settings.py"
READS_VARIABLE = re.compile(r"""(?:environ\.get|environ\[|env_bool|env_list)\(?\s*["']([A-Z][A-Z0-9_]+)["']""")
# DATABASE_URL is read by dj-database-url, not in the file's own words.
CONFIGURATION = set(READS_VARIABLE.findall(SETTINGS_FILE.read_text())) | {"DJANGO_SETTINGS_MODULE", "DATABASE_URL"}
PRODUCTION = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "films.example.com"}
# What `make serve` adds (see the Makefile) to browse the production set-up over http on 127.0.0.1.
MAKE_SERVE = {
    "SECRET_KEY": "local-make-serve-only-never-for-a-real-site",
    "SECURE_SSL_REDIRECT": "0",
    "SESSION_COOKIE_SECURE": "0",
    "CSRF_COOKIE_SECURE": "0",
    "SERVE_MEDIA": "1",
    "CACHE_URL": "file:///tmp/moviesite-serve-cache",
}
BUCKET = {
    "AWS_STORAGE_BUCKET_NAME": "film-media",
    "AWS_S3_ENDPOINT_URL": "https://objects.example.net",
    "AWS_S3_REGION_NAME": "eu-west-1",
    "AWS_ACCESS_KEY_ID": "test-access-key",
    "AWS_SECRET_ACCESS_KEY": "test-secret-key",
}

# Prints what a case is about, as JSON, from a fresh process.
REPORT = """
import json, django
django.setup()
from django.conf import settings
from django.core.cache import caches
from django.core.files.storage import storages
from django.urls import Resolver404, resolve
try:
    media_route = resolve("/media/posters/memento-2000.jpg").func.__module__
except Resolver404:
    media_route = None
database = settings.DATABASES["default"]
print(json.dumps({
    "debug": settings.DEBUG,
    "database": [database["ENGINE"], database["NAME"], database["HOST"], database["PORT"]],
    "cache": [type(caches["default"]).__name__, settings.CACHES["default"].get("LOCATION", "")],
    "storage": type(storages["default"]).__name__,
    "poster_url": storages["default"].url("posters/memento-2000.jpg"),
    "static_storage": settings.STORAGES["staticfiles"]["BACKEND"],
    "session_engine": settings.SESSION_ENGINE,
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "secure_cookies": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    "media_route": media_route,
}))
"""


def run(args, **env):
    environment = {
        name: value for name, value in os.environ.items() if name not in CONFIGURATION and not name.startswith("AWS_")
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="moviesite.settings")
    return subprocess.run(
        [sys.executable, *args], cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=120
    )


def configured(**env):
    finished = run(["-c", REPORT], **env)
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout)


def test_production_settings_pass_the_deployment_checks():
    finished = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], **PRODUCTION)

    assert finished.returncode == 0, finished.stdout + finished.stderr
    assert finished.stdout.strip() == "System check identified no issues (0 silenced)."
    assert "WARNING" not in finished.stderr


def test_a_production_start_without_a_secret_key_is_refused():
    for secret in ({}, {"SECRET_KEY": ""}):
        for server in ("moviesite.wsgi", "moviesite.asgi"):
            finished = run(["-c", f"import {server}"], ALLOWED_HOSTS="films.example.com", **secret)

            assert finished.returncode == 1
            assert "ImproperlyConfigured: Set SECRET_KEY (or DEBUG=1 for local development)." in finished.stderr


def test_management_commands_run_without_a_secret_key_but_check_deploy_objects():
    plain = run(["manage.py", "check"], ALLOWED_HOSTS="films.example.com")
    deploy = run(["manage.py", "check", "--deploy"], ALLOWED_HOSTS="films.example.com")

    assert plain.returncode == 0
    assert "System check identified no issues" in plain.stdout
    assert "security.W009" in deploy.stderr + deploy.stdout


def test_production_defaults_keep_no_state_in_the_app_server_but_local_files():
    production = configured(**PRODUCTION)

    assert production["debug"] is False
    assert production["database"][0] == "django.db.backends.sqlite3"
    assert production["cache"] == ["LocMemCache", ""]
    assert production["session_engine"] == "django.contrib.sessions.backends.db"
    assert production["storage"] == "FileSystemStorage"
    assert production["static_storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert production["ssl_redirect"] is True
    assert production["secure_cookies"] == [True, True]
    assert production["media_route"] is None


def test_database_and_cache_come_from_urls():
    shared = configured(
        **PRODUCTION,
        DATABASE_URL="postgres://films:pw@db.internal:5433/films",
        REDIS_URL="redis://cache.internal:6379/0",
    )
    assert shared["database"] == ["django.db.backends.postgresql", "films", "db.internal", 5433]
    assert shared["cache"] == ["RedisCache", "redis://cache.internal:6379/0"]

    # CACHE_URL, when given, wins over the REDIS_URL a host's add-on sets.
    both = configured(**PRODUCTION, REDIS_URL="redis://addon:6379/0", CACHE_URL="rediss://cache.internal:6380/1")
    assert both["cache"] == ["RedisCache", "rediss://cache.internal:6380/1"]


def test_a_cache_url_that_is_not_redis_is_refused():
    finished = run(["manage.py", "check"], **PRODUCTION, CACHE_URL="memcached://cache.internal:11211")

    assert finished.returncode == 1
    refusal = "CACHE_URL must be a redis://, rediss://, unix:// or file:// URL, not 'memcached://cache.internal:11211'."
    assert refusal in finished.stderr


def test_media_goes_to_the_bucket_when_one_is_named():
    # Building a link needs no network: these cases never reach the (made-up) endpoint.
    through_cdn = configured(**PRODUCTION, **BUCKET, AWS_S3_CUSTOM_DOMAIN="media.films.example.com")
    assert through_cdn["storage"] == "S3Storage"
    assert through_cdn["poster_url"] == "https://media.films.example.com/posters/memento-2000.jpg"

    # Plain links, never signed ones that expire while a cached page still shows them.
    direct = configured(**PRODUCTION, **BUCKET)
    assert direct["poster_url"] == "https://objects.example.net/film-media/posters/memento-2000.jpg"


def test_make_serve_is_production_made_browsable_over_http_on_this_machine():
    served = configured(**MAKE_SERVE)

    assert served["debug"] is False
    assert served["static_storage"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    assert served["ssl_redirect"] is False
    assert served["secure_cookies"] == [False, False]
    assert served["media_route"] == "recommendations.views"
    # Both workers see one cache, so an edit through either refreshes the pages of both.
    assert served["cache"] == ["FileBasedCache", "/tmp/moviesite-serve-cache"]


def test_the_site_time_zone_comes_from_the_environment_and_a_wrong_name_is_refused():
    print_zone = "import django; django.setup(); from django.conf import settings; print(settings.TIME_ZONE)"

    assert run(["-c", print_zone], **PRODUCTION).stdout.strip() == "UTC"
    assert run(["-c", print_zone], **PRODUCTION, TIME_ZONE="Europe/London").stdout.strip() == "Europe/London"
    wrong = run(["manage.py", "check"], **PRODUCTION, TIME_ZONE="Mars/Olympus_Mons")
    assert wrong.returncode == 1
    assert "Incorrect timezone setting: Mars/Olympus_Mons" in wrong.stderr
