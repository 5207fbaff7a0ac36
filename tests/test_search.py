import datetime

import pytest
from django.utils import timezone

from recommendations.models import Article

from .factories import make_article, make_film, make_person, make_theme
from .page_parts import visible_text

HELP = "Search the names of lists, films, people and themes"


def search_page(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def search_text(client, query):
    return visible_text(search_page(client, query))


def test_amelie_finds_amelie_whatever_the_accents_and_capitals(client, db):
    make_film("Amélie", 2001)

    for query in ["amelie", "AMÉLIE", "Amelie", "amélie 2001"]:
        page = search_text(client, query)
        assert "Films (1) Amélie (2001)" in page, query


def test_dont_finds_a_title_with_an_apostrophe(client, db):
    film = make_film("Don't Look Up", 2021)

    html = search_page(client, "dont")

    assert "Films (1) Don't Look Up (2021)" in visible_text(html)
    assert f'href="{film.get_absolute_url()}"' in html


def test_every_word_must_match_in_any_order(client, db):
    make_film("Escape Plan", 2013)
    make_film("Escape from Alcatraz", 1979)

    assert "Films (2)" in search_text(client, "escape")
    assert "Films (1) Escape Plan (2013)" in search_text(client, "plan  escape")
    assert "No results for “escape nowhere”." in search_text(client, "escape nowhere")


def test_backtrace_finds_the_list_and_the_film(client, backtrace):
    html = search_page(client, "backtrace")
    page = visible_text(html)

    assert "Lists (1) Movies Like Backtrace · if you liked Backtrace (2022)" in page
    assert "Films (1) Backtrace (2022)" in page
    assert f'href="{backtrace.get_absolute_url()}"' in html
    assert 'href="/films/backtrace-2022/"' in html


def test_a_list_is_found_by_its_subject_film(client, db):
    article = make_article(title="Thrillers for Fans of a Bank Job", subject=make_film("Heat", 1995))

    html = search_page(client, "heat")

    assert "Lists (1) Thrillers for Fans of a Bank Job · if you liked Heat (1995)" in visible_text(html)
    assert f'href="{article.get_absolute_url()}"' in html


def test_people_and_themes_are_found(client, backtrace):
    people = search_page(client, "stallone")
    themes = search_page(client, "memory")

    assert "People (1) Sylvester Stallone" in visible_text(people)
    assert 'href="/people/sylvester-stallone/"' in people
    assert "Themes (1) memory loss" in visible_text(themes)
    assert 'href="/themes/memory-loss/"' in themes


def test_results_are_grouped_under_headings_with_counts(client, db):
    make_article(entries=0, title="Movies Like Zebra", subject=make_film("Zebra", 1990))
    make_person("Zebra Jones")
    make_theme("zebra crossings")

    html = search_page(client, "zebra")

    assert '<h2 id="lists-heading">Lists (1)</h2>' in html
    assert '<h2 id="films-heading">Films (1)</h2>' in html
    assert '<h2 id="people-heading">People (1)</h2>' in html
    assert '<h2 id="themes-heading">Themes (1)</h2>' in html
    assert html.index("Lists (1)") < html.index("Films (1)") < html.index("People (1)") < html.index("Themes (1)")
    assert "4 results for “zebra”" in visible_text(html)


def test_exact_and_prefix_matches_come_first(client, db):
    make_theme("prison escape")
    make_theme("escape")
    make_theme("escape by sea")

    page = search_text(client, "escape")

    assert "Themes (3) escape escape by sea prison escape" in page


def test_lists_are_newest_first(client, db):
    now = timezone.now()
    make_article(entries=0, title="Movies Like Older Walrus", published_at=now - datetime.timedelta(days=9))
    make_article(entries=0, title="Movies Like Newer Walrus", published_at=now - datetime.timedelta(days=1))

    page = search_text(client, "walrus")

    assert page.index("Movies Like Newer Walrus") < page.index("Movies Like Older Walrus")


def test_drafts_and_future_lists_are_never_found(client, db):
    make_article(status=Article.Status.DRAFT, title="Movies Like Secret", published_at=None)
    make_article(title="Movies Like Tomorrow Secret", published_at=timezone.now() + datetime.timedelta(days=1))

    page = search_text(client, "secret")

    assert "No results for “secret”." in page
    assert "Movies Like" not in page


def test_search_pages_are_not_indexed_and_keep_the_query_in_the_box(client, db):
    html = search_page(client, "amélie <b>")

    assert '<meta name="robots" content="noindex">' in html
    assert 'value="amélie &lt;b&gt;"' in html
    assert '<form class="search-form" role="search"' in html
    assert '<label for="search-query">' in html


def test_every_page_has_a_labelled_search_form_in_the_header(client, backtrace):
    html = client.get("/").content.decode()

    assert '<form class="site-search" role="search" aria-label="Site" action="/search/" method="get">' in html
    assert '<label class="visually-hidden" for="site-search-query">' in html
    assert '<a class="skip-link" href="#main">' in html
    assert '<meta name="robots"' not in html


def test_no_query_explains_what_can_be_searched_and_offers_themes(client, backtrace):
    html = search_page(client, "")

    assert HELP in visible_text(html)
    assert 'href="/themes/memory-loss/"' in html
    assert "No results" not in html


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        "%",
        "_",
        "%_%",
        "\\",
        "'; DROP TABLE recommendations_film; --",
        "a" * 5000,
        "🎬🍿",
        "\x00",
        "one two three four five six seven eight nine ten eleven twelve",
    ],
)
def test_junk_queries_get_a_helpful_page(client, backtrace, query):
    page = search_text(client, query)

    assert HELP in page or "No results for" in page
    assert "Check the spelling" in page or HELP in page


def test_percent_and_underscore_match_nothing_rather_than_everything(client, backtrace):
    assert "Films (" not in search_text(client, "%")
    assert "Films (" not in search_text(client, "_")


def test_sql_in_the_query_is_only_text(client, backtrace):
    page = search_text(client, "'; DROP TABLE recommendations_film; --")

    assert "No results for “'; DROP TABLE recommendations_film; --”." in page
    assert "Films (1) Memento (2000)" in search_text(client, "memento")


def test_a_very_long_query_is_cut_not_refused(client, db):
    html = search_page(client, "a" * 5000)

    assert 'value="' + "a" * 100 + '"' in html
    assert "a" * 101 not in html


def test_repeated_q_parameters_use_the_last(client, db):
    make_film("Amélie", 2001)

    response = client.get("/search/?q=nothing&q=amelie")

    assert response.status_code == 200
    assert "Films (1) Amélie (2001)" in visible_text(response.content.decode())


@pytest.mark.parametrize("size", [3, 30])
def test_query_count_does_not_grow_with_matches(client, db, django_assert_max_num_queries, size):
    for n in range(size):
        make_article(entries=0, title=f"Movies Like Quokka {n}", subject=make_film(f"Quokka {n}", 2000 + n % 20))
        make_person(f"Quokka Person {n}")
        make_theme(f"quokka theme {n}")

    # Lists, films, people and themes, each counted too when it has more than it shows, and the blurbs of the
    # lists shown that matched.
    with django_assert_max_num_queries(9):
        page = search_text(client, "quokka")

    assert f"Lists ({size})" in page
    assert f"Films ({size})" in page
    assert f"People ({size})" in page
    assert f"Themes ({size})" in page
    assert ("Showing the first 20." in page) == (size > 20)
