"""The database down or locked: a branded 503 for readers, editors' text kept, recovery, and /healthz."""

import json
from contextlib import contextmanager
from unittest import mock

import pytest
from django.db import InterfaceError, OperationalError, connection

from recommendations.models import Article, Film

from .factories import make_article

pytestmark = pytest.mark.django_db(transaction=True)


CONNECTION_REFUSED = OperationalError("could not connect to server: Connection refused")


@contextmanager
def database_down(error=CONNECTION_REFUSED):
    """Every statement fails, as when the server is gone or SQLite's file is locked."""

    def refuse(execute, sql, params, many, context):
        raise error

    with connection.execute_wrapper(refuse):
        yield


@pytest.fixture
def article(db):
    return make_article(title="Movies Like Heat", intro="The original intro.")


def assert_branded_503(response):
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "<title>Back in a moment · Film Magazine</title>" in page
    assert "The site cannot reach its database just now." in page
    return page


@pytest.mark.parametrize("path", ["/", "/lists/movies-like-heat/", "/themes/", "/search/?q=heat", "/feed/"])
def test_readers_get_a_branded_503_and_the_next_request_after_recovery_is_served(client, article, path):
    with database_down():
        down = client.get(path)

    assert_branded_503(down)
    assert client.get(path).status_code == 200


@pytest.mark.parametrize("error", [OperationalError("database is locked"), InterfaceError("connection already closed")])
def test_a_locked_database_or_a_closed_connection_is_a_503_too(client, article, error):
    with database_down(error):
        assert_branded_503(client.get("/"))


def test_an_error_in_a_middleware_is_the_same_503_not_a_500(client, article, settings):
    """The page cache asks the database when it stores a page: outside any view."""
    settings.PAGE_CACHE_SECONDS = 600
    client.raise_request_exception = False

    with mock.patch(
        "recommendations.page_cache.PageCacheMiddleware.timeout", side_effect=OperationalError("server closed")
    ):
        response = client.get("/")

    assert_branded_503(response)
    assert client.get("/").status_code == 200


def test_other_errors_are_still_500s(client, article):
    client.raise_request_exception = False

    with mock.patch("recommendations.views.HomeView.get_queryset", side_effect=ZeroDivisionError):
        response = client.get("/")

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_an_editors_save_that_fails_keeps_their_text_and_changes_nothing(editor_client, article):
    change = f"/admin/recommendations/article/{article.pk}/change/"
    form = {
        "title": "Movies Like Heat",
        "slug": article.slug,
        "subject": article.subject_id,
        "intro": "A long new intro that took an hour to write, <em>with care</em>.",
        "status": "draft",
        "loaded_version": article.edit_version,
        "entries-TOTAL_FORMS": "0",
        "entries-INITIAL_FORMS": "0",
        "_save": "Save",
    }

    with database_down():
        response = editor_client.post(change, form)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Your change was not saved:" in page
    assert "Use your browser's Back button: the form still holds what you wrote." in page
    # Shown back to copy, as text.
    assert "A long new intro that took an hour to write, &lt;em&gt;with care&lt;/em&gt;." in page
    assert "csrfmiddlewaretoken" not in page
    assert Article.objects.get(pk=article.pk).intro == "The original intro."
    # Back up: the editor's next save goes through.
    assert editor_client.get(change).status_code == 200


@contextmanager
def database_refuses_writes():
    """Reads work, every write fails: SQLite's "database is locked", or a primary that went read-only."""

    def refuse_writes(execute, sql, params, many, context):
        if sql.lstrip().split(" ", 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}:
            raise OperationalError("database is locked")
        return execute(sql, params, many, context)

    with connection.execute_wrapper(refuse_writes):
        yield


def test_an_editors_save_that_the_database_refuses_comes_back_as_the_form_with_their_text(editor_client, article):
    change = f"/admin/recommendations/article/{article.pk}/change/"
    entry = article.entries.order_by("-rank").first()
    form = {
        "title": "Movies Like Heat, rewritten",
        "slug": article.slug,
        "subject": article.subject_id,
        "intro": "A long new intro that took an hour to write.",
        "tags": "",
        "status": "draft",
        "loaded_version": article.edit_version,
        "entries-TOTAL_FORMS": "1",
        "entries-INITIAL_FORMS": "1",
        "entries-0-id": entry.pk,
        "entries-0-article": article.pk,
        "entries-0-rank": entry.rank,
        "entries-0-film": entry.film_id,
        "entries-0-blurb": "A blurb rewritten with care.",
        "_save": "Save",
    }

    with database_refuses_writes():
        response = editor_client.post(change, form)

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "Nothing was saved: the database did not answer. Your changes are still in this form." in page
    assert 'value="Movies Like Heat, rewritten"' in page
    assert "A long new intro that took an hour to write.</textarea>" in page
    assert "A blurb rewritten with care.</textarea>" in page
    assert Article.objects.get(pk=article.pk).intro == "The original intro."
    # Pressing Save again once the database answers saves it all.
    assert editor_client.post(change, form).status_code == 302
    article.refresh_from_db()
    assert (article.title, article.intro) == (
        "Movies Like Heat, rewritten",
        "A long new intro that took an hour to write.",
    )
    assert article.entries.get(pk=entry.pk).blurb == "A blurb rewritten with care."


def test_a_new_film_the_database_refuses_comes_back_as_the_form(editor_client, db):
    form = {
        "title": "Thief",
        "year": 1981,
        "slug": "thief-1981",
        "synopsis": "Mann's first feature, written with care.",
    }
    form |= {"themes": [], "tags": "", "credits-TOTAL_FORMS": "0", "credits-INITIAL_FORMS": "0"}
    form |= {"availabilities-TOTAL_FORMS": "0", "availabilities-INITIAL_FORMS": "0"}

    with database_refuses_writes():
        response = editor_client.post("/admin/recommendations/film/add/", form)

    assert response.status_code == 503
    assert "Mann&#x27;s first feature, written with care.</textarea>" in response.content.decode()
    assert not Film.objects.filter(slug="thief-1981").exists()


def test_a_failed_sign_in_never_shows_the_password_back(client, editor):
    with database_down():
        response = client.post("/admin/login/", {"username": "editor-in-chief", "password": "correct horse battery"})

    assert response.status_code == 503
    assert "correct horse battery" not in response.content.decode()


def test_healthz_says_the_database_is_reachable(client, settings):
    settings.PAGE_CACHE_SECONDS = 600

    response = client.get("/healthz")

    assert response.status_code == 200
    assert json.loads(response.content) == {"status": "ok", "database": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_down_and_is_never_cached(client, settings):
    settings.PAGE_CACHE_SECONDS = 600
    client.get("/healthz")

    with database_down():
        down = client.get("/healthz")

    assert down.status_code == 503
    assert json.loads(down.content) == {"status": "unavailable", "database": "unavailable"}
    assert client.get("/healthz").status_code == 200


def test_healthz_answers_a_balancer_probing_by_address_over_http(client, settings):
    settings.ALLOWED_HOSTS = ["films.example.com"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

    probe = client.get("/healthz", HTTP_HOST="10.0.3.17:8000")

    assert probe.status_code == 200
    # Everything else still goes to HTTPS.
    assert client.get("/", HTTP_HOST="films.example.com").status_code == 301
