"""What `make run` does to a newcomer's database, and the project's own consistency checks."""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousFileOperation
from django.core.management import CommandError, call_command
from django.http import Http404
from django.test import RequestFactory

from recommendations.models import Article, Entry
from recommendations.views import local_media

# setup_local_site refuses to run unless the site is in local debug mode on SQLite.
pytestmark = pytest.mark.sqlite


@pytest.fixture
def local_debug(settings):
    settings.DEBUG = True


def setup_local_site():
    out = StringIO()
    call_command("setup_local_site", stdout=out)
    return out.getvalue()


def test_first_run_loads_the_backtrace_list_and_an_editor(db, local_debug, client):
    output = setup_local_site()

    article = Article.objects.live().get(slug="movies-like-backtrace")
    assert article.entries.count() == 6
    assert "Sign in at http://127.0.0.1:8000/admin/ as editor / editor" in output
    # Through the sign-in page, as the editor would: django-axes checks every sign-in's request.
    signed_in = client.post("/admin/login/", {"username": "editor", "password": "editor", "next": "/admin/"})
    assert signed_in.status_code == 302
    assert client.get("/admin/recommendations/article/").status_code == 200


def test_a_restart_does_not_undo_an_editors_changes(db, local_debug):
    setup_local_site()
    Entry.objects.filter(film__title="Memento").update(blurb="The editor's rewrite.")
    Article.objects.filter(slug="movies-like-backtrace").update(title="Films Like Backtrace")

    output = setup_local_site()

    assert "fixtures not loaded" in output
    assert Entry.objects.get(film__title="Memento").blurb == "The editor's rewrite."
    assert Article.objects.get().title == "Films Like Backtrace"
    assert get_user_model().objects.filter(username="editor").count() == 1


def test_setup_refuses_outside_local_debug(db, settings):
    settings.DEBUG = False  # refused on any database

    with pytest.raises(CommandError, match="local SQLite database with DEBUG=1 only"):
        setup_local_site()
    assert not get_user_model().objects.filter(username="editor").exists()


def test_django_system_checks_pass(db):
    out = StringIO()
    call_command("check", stdout=out)
    assert "System check identified no issues" in out.getvalue()


def test_models_and_migrations_agree(db):
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_local_media_answers_404_for_missing_and_impossible_names(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "poster.jpg").write_bytes(b"jpeg bytes")
    request = RequestFactory().get("/media/")

    assert b"".join(local_media(request, "poster.jpg").streaming_content) == b"jpeg bytes"
    for name in ["missing.jpg", "a" * 10_000]:
        with pytest.raises(Http404):
            local_media(request, name)
    # Django answers this one 400 Bad Request.
    with pytest.raises(SuspiciousFileOperation):
        local_media(request, "../../etc/passwd")
