"""Search that forgives typos and reads intros and blurbs, through the database's own indexes."""

import datetime

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from recommendations.models import Article, Entry, Film, Person
from recommendations.search import matching_lists, search

from .factories import make_article, make_film, make_person
from .page_parts import visible_text


def search_html(client, query):
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("query", "found", "correction"),
    [
        ("mementoo", "Films (1) Memento (2000)", "memento"),
        ("stalone", "People (1) Sylvester Stallone", "stallone"),
        ("christopher nolen", "People (1) Christopher Nolan", "christopher nolan"),
    ],
)
def test_typos_find_the_name_and_offer_the_spelling(client, backtrace, query, found, correction):
    html = search_html(client, query)
    page = visible_text(html)

    assert f"No exact matches for “{query}”." in page
    assert found in page
    link = f'<a href="/search/?q={correction.replace(" ", "%20")}">{correction}</a>'
    assert f"Did you mean {link}?" in html


def test_the_corrected_spelling_finds_exact_matches(client, backtrace):
    page = visible_text(search_html(client, "christopher nolan"))

    assert "People (1) Christopher Nolan" in page
    assert "Did you mean" not in page
    assert "No exact matches" not in page


def test_words_of_a_blurb_find_the_list_with_the_passage(client, backtrace):
    html = search_html(client, "anterograde amnesia")
    page = visible_text(html)

    assert "Lists (1) Movies Like Backtrace · if you liked Backtrace (2022)" in page
    assert "#1 Memento (2000): …" in page
    assert "<mark>anterograde</mark> <mark>amnesia</mark>" in html
    assert f'href="{backtrace.get_absolute_url()}"' in html


def test_words_of_an_intro_find_the_list(client, backtrace):
    page = visible_text(search_html(client, "psychiatric ward"))

    assert "Lists (1) Movies Like Backtrace" in page
    assert "Intro: …" in page


def test_prose_is_matched_by_word_forms(client, db):
    make_article(entries=1, title="Movies Like Lanterns").entries.update(blurb="A thief who robs banks at night.")

    assert "Lists (1) Movies Like Lanterns" in visible_text(search_html(client, "robbing bank"))


def test_drafts_and_scheduled_lists_never_leak_through_their_words(client, db):
    draft = make_article(entries=1, status=Article.Status.DRAFT, published_at=None, intro="A secret zeppelin plan.")
    draft.entries.update(blurb="The zeppelin blurb.")
    later = make_article(entries=1, published_at=timezone.now() + datetime.timedelta(days=2), intro="Zeppelin soon.")
    later.entries.update(blurb="Another zeppelin.")

    page = visible_text(search_html(client, "zeppelin"))

    assert "No results for “zeppelin”." in page
    assert draft.title not in page and later.title not in page


def test_results_show_pictures_and_the_page_has_one_search_box(client, backtrace):
    html = search_html(client, "memento")

    assert html.count('role="search"') == 1
    assert "Poster of Memento (2000)" in html
    people = search_html(client, "guy pearce")
    assert "Photo of Guy Pearce" in people


def test_nonsense_gets_no_close_matches(client, backtrace):
    page = visible_text(search_html(client, "qqqqxz"))

    assert "No results for “qqqqxz”." in page
    assert "Did you mean" not in page


def test_a_two_letter_query_finds_names_that_start_with_it(client, db):
    make_film("Up", 2009)
    make_film("Upgrade", 2018)
    make_film("Cup Final", 1991)

    page = visible_text(search_html(client, "up"))

    assert "Films (2) Up (2009)" in page
    assert page.index("Up (2009)") < page.index("Upgrade (2018)")
    assert "Cup Final" not in page


def test_the_index_follows_every_way_rows_are_written(client, db):
    """Saves, update(), bulk_create, deletes and loaddata all reach SQLite's FTS tables (triggers)."""
    film = make_film("Quixotic Harbour", 1999)
    assert "Films (1)" in visible_text(search_html(client, "quixotic"))

    Film.objects.filter(pk=film.pk).update(search_text="zanzibar tide 1999")
    assert "Films (1)" in visible_text(search_html(client, "zanzibar"))
    assert "No results" in visible_text(search_html(client, "quixotic"))

    Person.objects.bulk_create([Person(name="Ottoline Brask", slug="ottoline-brask", search_text="ottoline brask")])
    assert "People (1) Ottoline Brask" in visible_text(search_html(client, "ottoline"))

    Film.objects.filter(pk=film.pk).delete()
    assert "No results" in visible_text(search_html(client, "zanzibar"))


def test_fixtures_loaded_with_loaddata_are_searchable(client, db):
    call_command("loaddata", "backtrace", verbosity=0)

    assert "People (1) Guy Pearce" in visible_text(search_html(client, "pearce"))
    assert "Lists (1)" in visible_text(search_html(client, "anterograde"))


def sqlite_plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        return [row[-1] for row in cursor.fetchall()]


def postgresql_plan(queryset):
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        # On a test-sized table a sequential scan is always cheapest: forbid it, to see what the indexes allow.
        cursor.execute("SET enable_seqscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = [row[0] for row in cursor.fetchall()]
        cursor.execute("RESET enable_seqscan")
    return plan


def full_scans(queryset, tables):
    """The plan's steps that read a whole table of `tables`."""
    if connection.vendor == "postgresql":
        return [step for step in postgresql_plan(queryset) if "Seq Scan on" in step and any(t in step for t in tables)]
    scans = []
    for step in sqlite_plan(queryset):
        words = step.split()
        if words[0] == "SCAN" and words[1] in tables and "VIRTUAL TABLE" not in step:
            scans.append(step)
    return scans


CATALOGUE = ["recommendations_film", "recommendations_person", "recommendations_theme"]
LISTS = ["recommendations_article", "recommendations_entry"]


@pytest.mark.parametrize("words", [("memento",), ("christopher", "nolan"), ("up",), ("nolan", "up")])
def test_name_searches_read_indexes_not_whole_tables(db, words):
    from recommendations.search import closest_first

    for model in (Film, Person):
        assert full_scans(closest_first(model, words), CATALOGUE) == []


def test_typo_and_prose_searches_read_indexes_not_whole_tables(db):
    from recommendations.search_index import names_close_to

    for model in (Film, Person):
        assert full_scans(model.objects.filter(names_close_to(model, ("mementoo",))), CATALOGUE) == []
    # Lists: the live filter is read from the rows the indexes found.
    assert full_scans(matching_lists(("anterograde", "amnesia")), CATALOGUE + LISTS) == []


def test_search_results_are_the_same_as_the_page_shows(backtrace):
    results = search("mementoo")

    assert results.did_you_mean == "memento"
    assert [film.title for film in results.groups[1].items] == ["Memento"]
    assert Entry.objects.filter(article=backtrace).count() == 6
    assert make_person  # the factories module stays the one way tests make people
