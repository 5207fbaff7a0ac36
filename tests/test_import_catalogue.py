"""The catalogue an import reads from the database: what it matches, and that it asks by index, never by scan."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from recommendations.importing import DatabaseCatalogue, Deadline, TookTooLong
from recommendations.models import Film

from .factories import make_film, make_person

TABLES = ("recommendations_film", "recommendations_person")


def test_films_are_found_ignoring_case_accents_punctuation_and_a_leading_article(db):
    amelie, town, fast = make_film("Amélie", 2001), make_film("The Town", 2010), make_film("Fast & Furious", 2009)
    matrix = make_film("Matrix", 1999)
    catalogue = DatabaseCatalogue()

    assert catalogue.find("AMELIE").id == amelie.pk
    assert catalogue.find("Town", 2010).id == town.pk
    assert catalogue.find("Fast and Furious").id == fast.pk
    assert catalogue.find("The Matrix", 1999).id == matrix.pk
    assert catalogue.find("The Town", 2011) is None
    assert catalogue.find("Towns") is None


def test_without_a_year_the_latest_film_of_a_title_is_the_one_meant(db):
    make_film("Heat", 1986)
    latest = make_film("Heat", 1995)
    make_film("Heat 2", 2026)

    assert DatabaseCatalogue().find("Heat").id == latest.pk


def test_near_matches_are_misspellings_or_the_same_title_in_another_year(db):
    memento = make_film("Memento", 2000)
    make_film("Momentum", 2015)
    catalogue = DatabaseCatalogue()

    assert catalogue.near("Momento", 2000).id == memento.pk
    assert catalogue.near("Memento", 2001).id == memento.pk
    assert catalogue.near("Zzyzx Road Trip") is None
    assert catalogue.near("Up") is None  # too short to be a misspelling of anything


def test_people_are_known_by_their_name_whatever_its_accents(db):
    make_person("Céline Sciamma")
    catalogue = DatabaseCatalogue()

    assert catalogue.is_person("Celine Sciamma") and not catalogue.is_person("Celine Dion")


def test_answers_are_kept_for_the_import_so_each_title_is_asked_once(db, django_assert_num_queries):
    make_film("Heat", 1995)
    catalogue = DatabaseCatalogue()

    with django_assert_num_queries(1):
        for _ in range(5):
            catalogue.find("Heat", 1995)
            catalogue.find("heat")


def test_past_its_deadline_the_catalogue_stops_the_import(db):
    catalogue = DatabaseCatalogue(Deadline(seconds=0))

    with pytest.raises(TookTooLong, match="took longer than 0 seconds"):
        catalogue.find("Heat")


def plan(sql):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # On a test-sized table a sequential scan is always cheapest: forbid it, to see what the indexes allow.
            cursor.execute("SET enable_seqscan = off")
            cursor.execute(f"EXPLAIN {sql}")
            steps = [row[0] for row in cursor.fetchall()]
            cursor.execute("RESET enable_seqscan")
            return [step for step in steps if "Seq Scan on" in step and any(table in step for table in TABLES)]
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}")
        steps = [row[-1] for row in cursor.fetchall()]
    return [step for step in steps if step.split()[:2] in (["SCAN", table] for table in TABLES)]


def test_every_question_reads_an_index_not_the_whole_catalogue(db):
    for number in range(20):
        make_film(f"Catalogue Film {number}", 1990 + number)
    make_person("Michael Mann")
    catalogue = DatabaseCatalogue()

    with CaptureQueriesContext(connection) as asked:
        catalogue.find("The Town", 2010)
        catalogue.find("Heat")
        catalogue.near("Momento", 2000)
        catalogue.is_person("Michael Mann")

    # The near match asks first for the title itself (another year of it), then for names sharing trigrams.
    assert len(asked.captured_queries) == 5
    assert [plan(query["sql"]) for query in asked.captured_queries] == [[]] * 5
    assert Film.objects.count() == 20
