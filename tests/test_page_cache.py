"""Whole-page caching: hits cost no query, every kind of edit shows on the very next request."""

import datetime
import gzip
import os

import pytest
import time_machine
from django.core.cache import cache
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from recommendations import page_cache, page_dependencies
from recommendations.models import Article, Availability, Credit, Entry, Film, Person, Service, Theme
from recommendations.page_cache import PageCacheMiddleware
from recommendations.previews import make_token

from .admin_forms import change_url, existing_entries, list_form_data
from .factories import make_article, make_film, make_theme
from .page_parts import visible_text

LIST = "/lists/movies-like-backtrace/"
MEMENTO = "/films/memento-2000/"


@pytest.fixture(autouse=True, params=["local memory", "redis"])
def page_cache_on(request, settings, page_cache_off):
    """Every test here twice: on the test settings' local-memory cache, and on a real Redis server, as the
    app servers of a deployment share it (scripts/with-redis, which `make test` runs the suite under)."""
    if request.param == "redis":
        location = os.environ.get("REDIS_TEST_URL")
        if not location:
            pytest.skip("No Redis server: run the suite through scripts/with-redis (make test does, with redis-server)")
        settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": location}}
        cache.clear()
    settings.PAGE_CACHE_SECONDS = 600


def test_a_cached_page_is_served_without_a_query(client, backtrace, django_assert_num_queries):
    first = client.get(LIST)

    with django_assert_num_queries(0):
        second = client.get(LIST)

    assert second.status_code == 200
    assert second.content == first.content
    assert second["ETag"] == first["ETag"]
    assert "Last-Modified" in second
    assert "must-revalidate" in second["Cache-Control"]
    assert second["X-Frame-Options"] == "DENY"


def test_a_browser_revalidates_with_its_etag(client, backtrace):
    etag = client.get(LIST)["ETag"]

    response = client.get(LIST, HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 304
    assert response.content == b""


def edit_and_read(client, django_capture_on_commit_callbacks, path, edit):
    client.get(path)
    with django_capture_on_commit_callbacks(execute=True):
        edit()
    return client.get(path).content.decode()


@pytest.mark.parametrize(
    ("path", "edit", "expected"),
    [
        (LIST, lambda: _rename(Article.objects.get(), "intro", "A rewritten intro."), "A rewritten intro."),
        ("/", lambda: _rename(Article.objects.get(), "title", "Films Like Backtrace"), "Films Like Backtrace"),
        (LIST, lambda: _rename(Entry.objects.get(rank=1), "blurb", "A new top-pick blurb."), "A new top-pick blurb."),
        (LIST, lambda: _rename(Film.objects.get(slug="memento-2000"), "title", "Memento Mori"), "Memento Mori"),
        (MEMENTO, lambda: _rename(Film.objects.get(slug="memento-2000"), "runtime", 114), "114 minutes"),
        (MEMENTO, lambda: _rename(Person.objects.get(slug="guy-pearce"), "name", "Guy E. Pearce"), "Guy E. Pearce"),
        (LIST, lambda: _rename(Theme.objects.get(slug="memory-loss"), "name", "amnesia"), "amnesia"),
        (MEMENTO, lambda: _rename(Service.objects.get(slug="netflix"), "name", "Netflix Premium"), "Netflix Premium"),
        (
            MEMENTO,
            lambda: Availability.objects.filter(film__slug="memento-2000", service__slug="netflix").delete(),
            "Apple TV",
        ),
        ("/themes/memory-loss/", lambda: Film.objects.get(slug="211-2018").themes.add(_theme()), "211 (2018)"),
        ("/tags/mystery/", lambda: Film.objects.get(slug="211-2018").tags.add("mystery"), "211 (2018)"),
    ],
    ids=["list", "home", "entry", "film", "film-page", "person", "theme", "service", "availability", "m2m", "tag"],
)
def test_every_kind_of_edit_shows_on_the_next_request(
    client, backtrace, django_capture_on_commit_callbacks, path, edit, expected
):
    page = edit_and_read(client, django_capture_on_commit_callbacks, path, edit)

    assert expected in page


def test_unpublishing_takes_the_list_off_cached_pages_at_once(client, backtrace, django_capture_on_commit_callbacks):
    assert client.get(LIST).status_code == 200
    assert "Movies Like Backtrace" in client.get(MEMENTO).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        backtrace.status = Article.Status.DRAFT
        backtrace.save()

    assert client.get(LIST).status_code == 404
    assert "Movies Like Backtrace" not in client.get(MEMENTO).content.decode()


def test_a_poster_change_shows_on_the_next_request(client, backtrace, django_capture_on_commit_callbacks):
    film = Film.objects.get(slug="memento-2000")
    client.get(MEMENTO)

    with django_capture_on_commit_callbacks(execute=True):
        film.poster = ""
        film.save()

    assert "Poster of Memento (2000)" in client.get(MEMENTO).content.decode()
    assert "<picture" not in client.get(MEMENTO).content.decode().split("film-header")[1].split("</header>")[0]


def test_scheduled_list_appears_on_a_cached_home_page_at_its_time(client, db):
    publish_at = timezone.now() + datetime.timedelta(hours=1)
    make_article(entries=1, title="Movies Like Later", published_at=publish_at)

    assert "Movies Like Later" not in client.get("/").content.decode()
    assert "Movies Like Later" not in client.get("/").content.decode()  # served from the cache

    with time_machine.travel(publish_at + datetime.timedelta(seconds=2)):
        assert "Movies Like Later" in client.get("/").content.decode()


def test_editors_are_never_served_a_cached_page_and_never_fill_the_cache(
    client, editor, backtrace, django_assert_num_queries
):
    client.get(LIST)  # an anonymous reader fills the cache
    client.force_login(editor)

    response = client.get(LIST)

    assert "ETag" not in response
    client.logout()
    Entry.objects.filter(rank=1).update(blurb="Changed behind the cache's back.")
    # The editor's visit stored nothing: the reader still gets the page cached before it.
    assert "Changed behind the cache's back." not in client.get(LIST).content.decode()


def test_pages_with_a_query_string_are_cached_separately(client, backtrace):
    countdown = client.get(LIST).content.decode()
    top_first = client.get(LIST + "?order=top").content.decode()

    assert countdown != top_first


def change_behind_the_caches_back():
    """A change no signal sees: a page that still shows the old text was served from the cache."""
    Entry.objects.filter(rank=1).update(blurb="Changed behind the cache's back.")


@pytest.mark.parametrize(
    "stored, asked",
    [
        (LIST, LIST + "?utm_source=x"),
        (LIST, LIST + "?fbclid=IwAR0abc&utm_medium=social&utm_campaign=spring"),
        (LIST + "?order=top", LIST + "?utm_source=newsletter&order=top"),
        ("/search/?q=memento&page=1", "/search/?page=1&gclid=xyz&q=memento"),
    ],
    ids=["utm_source", "several trackers", "trackers beside order", "parameter order"],
)
def test_tracking_parameters_and_their_order_share_the_pages_own_entry(
    client, backtrace, django_assert_num_queries, stored, asked
):
    first = client.get(stored)
    change_behind_the_caches_back()

    with django_assert_num_queries(0):
        served = client.get(asked)

    assert served.status_code == first.status_code
    assert served.content == first.content


@pytest.mark.parametrize(
    "page, variant",
    [
        (LIST, LIST + "?region=GB"),
        (LIST, LIST + "?service=netflix"),
        ("/lists/", "/lists/?theme=heist"),
        ("/lists/", "/lists/?decade=2020s"),
        ("/films/", "/films/?letter=m"),
        ("/people/", "/people/?letter=n"),
    ],
)
def test_each_parameter_the_reader_pages_read_gets_its_own_entry(client, backtrace, page, variant):
    Availability.objects.create(
        film=Film.objects.get(slug="memento-2000"),
        service=Service.objects.get(slug="netflix"),
        region="GB",
        url="https://www.netflix.com/gb/title/memento",
    )
    plain = client.get(page)
    varied = client.get(variant)

    assert (plain.status_code, varied.status_code) == (200, 200)
    assert plain.content != varied.content


def test_a_parameter_a_page_reads_still_gets_its_own_entry(client, backtrace):
    client.get("/search/?q=memento")
    change_behind_the_caches_back()

    assert "Changed behind the cache&#x27;s back." not in client.get("/search/?q=memento").content.decode()
    assert client.get("/search/?q=escape").content != client.get("/search/?q=memento").content


def test_signing_in_leaves_cached_pages_cached(
    client, backtrace, editor, django_capture_on_commit_callbacks, django_assert_num_queries
):
    cached = client.get(LIST).content
    change_behind_the_caches_back()
    editor_browser = Client()

    with django_capture_on_commit_callbacks(execute=True) as committed:
        signed_in = editor_browser.post(
            "/admin/login/?next=/admin/", {"username": editor.username, "password": "correct horse"}
        )
        editor_browser.get("/admin/")
        editor_browser.post("/admin/logout/")

    assert signed_in.status_code == 302
    assert committed == []  # nothing asked for the pages to be refreshed
    with django_assert_num_queries(0):
        assert client.get(LIST).content == cached


def test_a_new_name_for_an_author_still_shows_in_their_bylines(
    client, backtrace, editor, django_capture_on_commit_callbacks
):
    Article.objects.filter(pk=backtrace.pk).update(author=editor)
    with django_capture_on_commit_callbacks(execute=True):
        editor.first_name, editor.last_name = "Ada", "Byline"
        editor.save()
    assert "Ada Byline" in client.get(LIST).content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        editor.last_name = "Renamed"
        editor.save()

    assert "Ada Renamed" in client.get(LIST).content.decode()


def test_not_found_pages_are_not_cached(client, db, django_capture_on_commit_callbacks):
    assert client.get("/lists/arriving-later/").status_code == 404
    make_article(entries=1, title="Arriving Later")

    assert client.get("/lists/arriving-later/").status_code == 200


def _rename(obj, field, value):
    setattr(obj, field, value)
    obj.save()


def _theme():
    return Theme.objects.get(slug="memory-loss")


def test_a_cache_outage_costs_speed_not_pages(client, backtrace, settings):
    # A Redis server nobody listens on: every cache call fails to connect.
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        }
    }

    response = client.get(LIST)

    assert response.status_code == 200
    assert "Movies Like Backtrace" in response.content.decode()


def test_share_link_previews_are_never_cached(client, backtrace):
    Article.objects.filter(pk=backtrace.pk).update(status=Article.Status.DRAFT)
    url = reverse("recommendations:article_preview", kwargs={"token": make_token(backtrace)})
    client.get(url)

    Entry.objects.filter(article=backtrace, rank=1).update(blurb="Edited after the first preview.")
    response = client.get(url)

    assert "Edited after the first preview." in response.content.decode()
    assert "ETag" not in response
    assert "no-store" in response["Cache-Control"]


@pytest.fixture
def heat(db):
    """A second list, sharing nothing with Backtrace's."""
    return make_article(entries=2, title="Movies Like Heat")


def test_a_blurb_edit_refreshes_the_pages_that_show_it_and_no_others(
    client, backtrace, heat, django_capture_on_commit_callbacks, django_assert_num_queries
):
    heat_entry = heat.entries.order_by("rank").first()
    unrelated = [heat.get_absolute_url(), heat_entry.film.get_absolute_url(), heat.subject.get_absolute_url()]
    for path in [LIST, MEMENTO, "/", *unrelated]:
        client.get(path)

    with django_capture_on_commit_callbacks(execute=True):
        _rename(Entry.objects.get(article=backtrace, rank=1), "blurb", "A new top-pick blurb.")

    assert "A new top-pick blurb." in client.get(LIST).content.decode()
    with django_assert_num_queries(0):
        for path in unrelated:
            assert client.get(path).status_code == 200


def test_a_list_title_edit_refreshes_its_films_home_and_feeds_and_leaves_other_lists_cached(
    client, backtrace, heat, django_capture_on_commit_callbacks, django_assert_num_queries
):
    for path in [LIST, MEMENTO, "/", "/feed/", heat.get_absolute_url()]:
        client.get(path)

    with django_capture_on_commit_callbacks(execute=True):
        _rename(backtrace, "title", "Films Like Backtrace")

    for path in [LIST, MEMENTO, "/", "/feed/"]:
        assert "Films Like Backtrace" in client.get(path).content.decode(), path
    with django_assert_num_queries(0):
        assert client.get(heat.get_absolute_url()).status_code == 200


def test_a_person_edit_refreshes_their_page_and_their_films_lists(
    client, backtrace, heat, django_capture_on_commit_callbacks, django_assert_num_queries
):
    pearce = "/people/guy-pearce/"
    for path in [pearce, MEMENTO, LIST, heat.get_absolute_url()]:
        client.get(path)

    with django_capture_on_commit_callbacks(execute=True):
        _rename(Person.objects.get(slug="guy-pearce"), "name", "Guy E. Pearce")

    for path in [pearce, MEMENTO]:
        assert "Guy E. Pearce" in client.get(path).content.decode(), path
    with django_assert_num_queries(0):
        assert client.get(heat.get_absolute_url()).status_code == 200


def test_a_save_of_a_list_in_the_admin_refreshes_the_pages_it_touched_and_no_others(
    client, editor, backtrace, heat, django_capture_on_commit_callbacks, django_assert_num_queries
):
    editor_client = Client()
    editor_client.force_login(editor)
    backtrace_theme, heat_theme = Entry.objects.get(article=backtrace, rank=1).themes.first(), make_theme("chase")
    heat_entry = heat.entries.order_by("rank").first()
    unrelated = [heat.get_absolute_url(), heat_entry.film.get_absolute_url()]
    for path in [LIST, MEMENTO, f"/themes/{backtrace_theme.slug}/", "/themes/chase/", *unrelated]:
        client.get(path)

    entries = existing_entries(backtrace)
    memento = next(entry for entry in entries if entry["rank"] == 1)
    memento["blurb"] = "A new top-pick blurb."
    memento["themes"] = [*memento["themes"], heat_theme.pk]
    with django_capture_on_commit_callbacks(execute=True):
        tags = ", ".join(backtrace.tags.names())  # kept as they are: a tag change refreshes every page
        response = editor_client.post(change_url(backtrace), list_form_data(backtrace, entries, tags=tags))
    assert response.status_code == 302

    assert "A new top-pick blurb." in client.get(LIST).content.decode()
    assert "Memento" in visible_text(client.get("/themes/chase/").content.decode())
    assert "chase from Movies Like Backtrace" in visible_text(client.get(MEMENTO).content.decode())
    with django_assert_num_queries(0):
        for path in unrelated:
            assert client.get(path).status_code == 200


def test_a_list_given_another_subject_leaves_its_old_subjects_page(
    client, backtrace, django_capture_on_commit_callbacks
):
    old_subject = backtrace.subject.get_absolute_url()
    assert "Movies Like Backtrace" in visible_text(client.get(old_subject).content.decode())

    with django_capture_on_commit_callbacks(execute=True):
        _rename(backtrace, "subject", make_film("Heat", 1995))

    assert "Movies Like Backtrace" not in visible_text(client.get(old_subject).content.decode())
    assert "Movies Like Backtrace" in visible_text(client.get("/films/heat-1995/").content.decode())


def test_a_person_confirmed_by_an_editor_appears_on_the_cached_pages_of_their_films(
    client, backtrace, django_capture_on_commit_callbacks
):
    newcomer = Person.objects.create(name="Ada Newcomer", slug="ada-newcomer", awaiting_review=True)
    Credit.objects.create(film=Film.objects.get(slug="memento-2000"), person=newcomer, role=Credit.Role.ACTOR)
    assert "Ada Newcomer" not in visible_text(client.get(MEMENTO).content.decode())

    with django_capture_on_commit_callbacks(execute=True):
        Person.objects.filter(pk=newcomer.pk).confirm()

    assert "Ada Newcomer" in visible_text(client.get(MEMENTO).content.decode())


def test_a_cached_page_is_sent_gzipped_to_clients_that_take_it_and_plain_to_others(client, backtrace):
    plain = client.get(LIST)

    gzipped = client.get(LIST, HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert gzipped["Content-Encoding"] == "gzip"
    assert gzip.decompress(gzipped.content) == plain.content
    assert len(gzipped.content) < len(plain.content) / 3
    assert "Content-Encoding" not in plain and "Movies Like Backtrace" in plain.content.decode()
    assert "Accept-Encoding" in gzipped["Vary"] and "Accept-Encoding" in plain["Vary"]
    assert gzipped["ETag"] != plain["ETag"]
    assert client.get(LIST, HTTP_ACCEPT_ENCODING="gzip", HTTP_IF_NONE_MATCH=gzipped["ETag"]).status_code == 304
    assert client.get(LIST, HTTP_IF_NONE_MATCH=gzipped["ETag"]).status_code == 200


def test_pages_are_stored_compressed(client, backtrace):
    response = client.get(LIST)
    request = RequestFactory().get(LIST)

    stored = cache.get(PageCacheMiddleware(None).key(request))

    assert gzip.decompress(stored["gzipped"]) == response.content
    assert "content" not in stored


def test_a_page_kept_in_memory_is_refreshed_by_an_edit_made_through_another_server(client, backtrace):
    client.get(LIST)  # kept in the shared cache and in this process's memory
    Entry.objects.filter(article=backtrace, rank=1).update(blurb="Edited through another app server.")
    assert "Edited through another app server." not in client.get(LIST).content.decode()

    # What that server's edit does once it commits: bump the tags of the pages that show it.
    page_cache.bump(page_dependencies.shown_by(Entry.objects.get(article=backtrace, rank=1)))

    assert "Edited through another app server." in client.get(LIST).content.decode()


def test_a_page_kept_in_memory_is_not_served_once_the_shared_cache_is_emptied(client, backtrace):
    client.get(LIST)
    Entry.objects.filter(article=backtrace, rank=1).update(blurb="Changed while the cache was flushed.")

    cache.clear()

    assert "Changed while the cache was flushed." in client.get(LIST).content.decode()
