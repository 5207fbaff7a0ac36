"""Security headers on every response: reader pages (fresh and from the page cache), the admin, errors, files."""

import json
import os
import re
import subprocess
import sys

import pytest
from django.conf import settings

from .factories import make_article

LIST = "/lists/movies-like-backtrace/"


def policy(response):
    return dict((directive.split(" ", 1) + [""])[:2] for directive in response["Content-Security-Policy"].split("; "))


def assert_secure_headers(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in {"same-origin", "strict-origin-when-cross-origin", "no-referrer"}
    assert response["X-Frame-Options"] == "DENY"
    directives = policy(response)
    assert directives["script-src"] == "'self'"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"


@pytest.fixture
def production_https(settings):
    """HSTS as production sends it: only over HTTPS (the load balancer says so with X-Forwarded-Proto)."""
    settings.SECURE_HSTS_SECONDS = 60 * 60 * 24 * 365
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = True


@pytest.mark.parametrize(
    "path",
    [
        "/",
        LIST,
        "/films/memento-2000/",
        "/people/guy-pearce/",
        "/themes/",
        "/search/?q=memento",
        "/feed/",
        "/sitemap.xml",
        "/robots.txt",
        "/no-such-page/",
        "/admin/login/",
    ],
)
def test_every_response_carries_the_security_headers(client, backtrace, production_https, path):
    response = client.get(path, secure=True)

    assert response.status_code in {200, 404}
    assert_secure_headers(response)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_the_admin_has_the_same_policy(editor_client, backtrace):
    response = editor_client.get(f"/admin/recommendations/article/{backtrace.pk}/change/")

    assert response.status_code == 200
    assert_secure_headers(response)


def test_pages_from_the_page_cache_keep_every_header(client, backtrace, settings, production_https):
    settings.PAGE_CACHE_SECONDS = 600
    fresh = client.get(LIST, secure=True)

    cached = client.get(LIST, secure=True)
    revalidated = client.get(LIST, secure=True, HTTP_IF_NONE_MATCH=fresh["ETag"])

    assert cached.content == fresh.content and revalidated.status_code == 304
    for response in (fresh, cached, revalidated):
        assert_secure_headers(response)
        assert response["Strict-Transport-Security"].startswith("max-age=31536000")
        assert response["Content-Security-Policy"] == fresh["Content-Security-Policy"]


def test_a_page_cached_before_the_policy_changed_is_served_with_the_new_policy(client, db, settings):
    settings.PAGE_CACHE_SECONDS = 600
    make_article(title="Movies Like Heat")
    client.get("/")
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "img-src": ["'self'"]}
    }

    cached = client.get("/")

    assert policy(cached)["img-src"] == "'self'"


def test_no_inline_script_or_style_reaches_a_reader_page(client, backtrace):
    """The policy blocks them; JSON-LD is data, which the policy leaves alone, and scripts are files."""
    html = client.get(LIST).content.decode()

    assert "<style" not in html
    assert " style=" not in html
    files = re.findall(r'<script src="/static/[\w./-]+\.js" defer></script>', html)
    assert html.count("<script") == html.count('<script type="application/ld+json">') + len(files)


@pytest.mark.parametrize("path", ["/static/css/site.css", "/static/favicon.svg", "/static/admin/js/core.js"])
def test_static_files_carry_the_same_headers_as_pages(client, db, production_https, path):
    page = client.get("/", secure=True)

    response = client.get(path, secure=True)

    assert response.status_code == 200
    assert_secure_headers(response)
    assert response["Content-Security-Policy"] == page["Content-Security-Policy"]
    assert response["Strict-Transport-Security"] == page["Strict-Transport-Security"]


PRODUCTION_REPORT = """
import json, django
django.setup()
from django.conf import settings
print(json.dumps({
    "hsts": [settings.SECURE_HSTS_SECONDS, settings.SECURE_HSTS_INCLUDE_SUBDOMAINS],
    "cookies_secure": [settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE],
    "cookies_httponly": [settings.SESSION_COOKIE_HTTPONLY, settings.CSRF_COOKIE_HTTPONLY],
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
}))
"""


def production_settings(**env):
    environment = {
        name: value
        for name, value in os.environ.items()
        if name not in {"DEBUG", "DATABASE_URL", "CACHE_URL", "REDIS_URL"}
        and not name.startswith(("AWS_", "SECURE_"))
        and not name.endswith("_COOKIE_SECURE")
    }
    environment.update(SECRET_KEY="x" * 60, ALLOWED_HOSTS="films.example.com", **env)
    environment["DJANGO_SETTINGS_MODULE"] = "moviesite.settings"
    finished = subprocess.run(
        [sys.executable, "-c", PRODUCTION_REPORT],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert finished.returncode == 0, finished.stderr
    return json.loads(finished.stdout)


def test_production_cookies_are_secure_and_http_only_and_hsts_is_a_year():
    production = production_settings()

    assert production["hsts"] == [31536000, True]
    assert production["cookies_secure"] == [True, True]
    assert production["cookies_httponly"] == [True, True]
    assert production["img_src"] == ["'self'", "data:"]


def test_pictures_from_a_bucket_are_allowed_by_the_policy():
    through_cdn = production_settings(AWS_STORAGE_BUCKET_NAME="film-media", AWS_S3_CUSTOM_DOMAIN="media.example.com")

    assert through_cdn["img_src"] == ["'self'", "data:", "https://media.example.com"]
