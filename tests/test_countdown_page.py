import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_script_prefix
from django.urls import reverse

from recommendations.models import Article, Entry

from .factories import make_article, make_film
from .page_parts import BACKTRACE_COUNTDOWN, countdown_headings, visible_text


def test_home_links_the_backtrace_list(client, backtrace):
    response = client.get("/")

    assert response.status_code == 200
    assert f'href="{backtrace.get_absolute_url()}"' in response.content.decode()
    assert "Movies Like Backtrace" in visible_text(response.content.decode())


def test_list_page_counts_down_from_6_to_1(client, backtrace):
    response = client.get("/lists/movies-like-backtrace/")

    assert response.status_code == 200
    assert countdown_headings(response.content.decode()) == BACKTRACE_COUNTDOWN


def test_list_page_is_an_ordered_list_with_stable_anchors(client, backtrace):
    html = client.get(backtrace.get_absolute_url()).content.decode()

    assert '<ol class="countdown" reversed>' in html
    assert '<li value="1" id="memento-2000">' in html
    assert '<li value="6" id="escape-plan-2013">' in html


def test_list_page_shows_every_blurb_and_the_intro_word_for_word(client, backtrace, seed_text):
    page = visible_text(client.get(backtrace.get_absolute_url()).content.decode())

    paragraphs = [p.strip() for p in seed_text.split("\n\n") if p.strip()]
    intro = paragraphs[0].removeprefix("date 2022-06-24 ")
    blurbs = paragraphs[2::2]
    assert len(blurbs) == 6
    assert intro in page
    for blurb in blurbs:
        assert blurb in page
    assert "By Film Desk" in page
    assert "24 June 2022" in page


def test_each_entry_links_its_film_themes_and_people(client, backtrace):
    html = client.get(backtrace.get_absolute_url()).content.decode()

    for path in ["/films/memento-2000/", "/themes/memory-loss/", "/people/guy-pearce/", "/people/christopher-nolan/"]:
        assert f'href="{path}"' in html
        assert client.get(path).status_code == 200


def test_a_site_served_under_a_path_links_its_pages_under_it(client, backtrace):
    # As behind a proxy that mounts the magazine at /magazine/: Django's WSGI handler sets the prefix from the
    # server's SCRIPT_NAME for each request, which the test client leaves to the test.
    path_at_the_root = backtrace.get_absolute_url()
    with override_script_prefix("/magazine/"):
        html = client.get(path_at_the_root).content.decode()

    for path in ["/films/memento-2000/", "/themes/memory-loss/", "/people/guy-pearce/"]:
        assert f'href="/magazine{path}"' in html
        assert f'href="{path}"' not in html
    # The next request, at the root, links at the root again.
    assert 'href="/films/memento-2000/"' in client.get(path_at_the_root).content.decode()


def test_film_page_shows_credits_and_where_the_film_is_featured(client, backtrace):
    page = visible_text(client.get("/films/memento-2000/").content.decode())

    assert "Memento (2000)" in page
    assert "Directed by Christopher Nolan" in page
    assert "Guy Pearce as Leonard Shelby" in page
    assert "#1 in Movies Like Backtrace" in page


def test_subject_film_page_links_the_list_about_it(client, backtrace):
    html = client.get("/films/backtrace-2022/").content.decode()

    assert "Movies like Backtrace" in visible_text(html)
    assert f'href="{backtrace.get_absolute_url()}"' in html


def test_person_and_theme_pages_show_their_films_and_lists(client, backtrace):
    person = visible_text(client.get("/people/sylvester-stallone/").content.decode())
    theme = visible_text(client.get("/themes/prison-escape/").content.decode())

    assert "Actor Backtrace (2022) as Detective Sykes Escape Plan (2013) as Ray Breslin" in person
    assert "#6 in Movies Like Backtrace — Escape Plan (2013)" in person
    assert "Escape Plan (2013)" in theme
    assert "#6 in Movies Like Backtrace" in theme


def test_draft_list_is_404_to_readers_and_missing_from_home(client, db):
    draft = make_article(status=Article.Status.DRAFT, title="Movies Like Secret")

    assert client.get(draft.get_absolute_url()).status_code == 404
    assert "Movies Like Secret" not in client.get("/").content.decode()


def test_draft_lists_do_not_show_on_film_pages(client, db):
    draft = make_article(status=Article.Status.DRAFT, title="Movies Like Secret")
    film = draft.entries.first().film

    assert "Movies Like Secret" not in client.get(film.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/lists/no-such-list/",
        "/films/no-such-film/",
        "/people/nobody/",
        "/themes/no-such-theme/",
        "/lists/?theme=no-such-theme",
        "/lists/?decade=1995s",
        "/films/?letter=ab",
        "/authors/nobody/",
        "/lists/bad%20slug!/",
        "/lists/movies-like-backtrace/extra/",
        "/nowhere/",
    ],
)
def test_unknown_or_malformed_urls_are_404(client, backtrace, path):
    assert client.get(path).status_code == 404


def test_script_in_a_blurb_is_rendered_harmless(client, db):
    article = make_article(entries=1)
    entry = article.entries.get()
    entry.blurb = (
        'Like *Backtrace*, see [the trailer](https://example.com/t).\n\n<script>alert("x")</script>'
        '<img src=x onerror="alert(1)"> [click](javascript:alert(2))'
    )
    entry.save()

    html = client.get(article.get_absolute_url()).content.decode()

    assert "<em>Backtrace</em>" in html
    assert '<a href="https://example.com/t" rel="noopener noreferrer nofollow">the trailer</a>' in html
    assert "<script>alert" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


def test_home_is_newest_first_and_paginated(client, db):
    first_day = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    for n in range(14):
        make_article(entries=1, title=f"Movies Like Number {n}", published_at=first_day + datetime.timedelta(days=n))

    first_page = visible_text(client.get("/").content.decode())
    second_page = visible_text(client.get("/?page=2").content.decode())

    assert first_page.index("Movies Like Number 13") < first_page.index("Movies Like Number 12")
    assert "Movies Like Number 1 " not in first_page
    assert "Movies Like Number 1 " in second_page
    assert "Page 2 of 2" in second_page
    assert client.get("/?page=99").status_code == 404
    assert client.get("/?page=abc").status_code == 404


@pytest.mark.parametrize("entries", [3, 30])
def test_list_page_query_count_does_not_grow_with_entries(client, db, django_assert_max_num_queries, entries):
    article = make_article(entries=entries)
    client.get(article.get_absolute_url())  # its first view scores the lists like it, and keeps them

    # The list, its entries, their themes, people and tags, the films' directors and where to watch
    # them (the subject's too), and the lists like it (kept, then fetched when there are any).
    with django_assert_max_num_queries(9):
        response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert response.content.decode().count('class="entry-title"') == entries


def test_list_page_query_count_is_the_same_for_3_and_30_entries(client, db):
    small, large = make_article(entries=3), make_article(entries=30)
    counts = []
    for article in (small, large):
        with CaptureQueriesContext(connection) as queries:
            client.get(article.get_absolute_url())
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_entry_anchor_follows_the_film_when_reranked(client, db):
    article = make_article(entries=2)
    top = article.entries.get(rank=1)
    anchor = f'id="{top.film.slug}"'
    Entry.objects.filter(pk=top.pk).update(rank=3)

    html = client.get(article.get_absolute_url()).content.decode()

    assert f'<li value="3" {anchor}>' in html


def test_films_sharing_a_title_get_distinct_pages(client, db):
    first, second = make_film("Solaris", 1972), make_film("Solaris", 2002)

    assert first.slug == "solaris-1972"
    assert second.slug == "solaris-2002"
    assert "Solaris (2002)" in visible_text(
        client.get(reverse("recommendations:film_detail", args=["solaris-2002"])).content.decode()
    )


def test_list_page_shows_the_lists_tags_and_why_each_film_is_alike(client, backtrace):
    page = visible_text(client.get(backtrace.get_absolute_url()).content.decode())

    assert "action thriller" in page
    assert "Like Backtrace for memory loss People Christopher Nolan Guy Pearce" in page
