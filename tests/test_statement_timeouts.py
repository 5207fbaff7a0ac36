"""On PostgreSQL, a reader's request stuck behind a lock answers 503 within its statement timeout; editors' do not."""

import time

import pytest
from django.db import connection

from .factories import make_article

pytestmark = [pytest.mark.postgresql, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def locked_lists():
    """Another session holding the lists table so that nobody can read it, as a long migration would."""
    import psycopg

    database = connection.settings_dict
    other = psycopg.connect(
        dbname=database["NAME"],
        user=database["USER"],
        password=database["PASSWORD"],
        host=database["HOST"],
        port=database["PORT"],
    )
    other.execute("LOCK TABLE recommendations_article IN ACCESS EXCLUSIVE MODE")
    yield
    other.rollback()
    other.close()


def current_timeout():
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


def test_a_readers_request_stuck_behind_a_lock_answers_503_within_its_timeout(client, settings, request):
    settings.PUBLIC_STATEMENT_TIMEOUT_MS = 500
    make_article(title="Movies Like Heat")
    request.getfixturevalue("locked_lists")

    started = time.monotonic()
    response = client.get("/lists/movies-like-heat/")
    elapsed = time.monotonic() - started

    assert response.status_code == 503
    assert "The site cannot reach its database just now." in response.content.decode()
    assert elapsed < 3, f"{elapsed:.1f} s"


def test_readers_requests_have_the_timeout_and_editors_the_servers_own(client, editor_client, settings):
    settings.PUBLIC_STATEMENT_TIMEOUT_MS = 1500
    make_article(title="Movies Like Heat")
    server_default = current_timeout()

    assert client.get("/lists/movies-like-heat/").status_code == 200
    assert current_timeout() == "1500ms"
    assert editor_client.get("/admin/recommendations/article/").status_code == 200
    assert current_timeout() == server_default
