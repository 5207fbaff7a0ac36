"""Importing an article as a draft: what it saves, the catalogue's help, and every refusal naming its line."""

import pytest

from recommendations.importing import Source, import_article
from recommendations.models import Article, ArticleImport, Credit, Entry, Film, Person
from recommendations.parsing import parse_text

from . import todays_shapes
from .factories import make_film, make_person


def text_import(text, **options):
    return import_article(Source(ArticleImport.Source.TEXT, text), **options)


def todays_fields(parsed):
    """The dry-run fields today's importer printed: the parser's own JSON holds more."""
    subject = parsed.subject
    return {
        "title": parsed.title,
        "subject": {"title": subject.title, "year": subject.year} if subject else None,
        "intro": parsed.intro,
        "entries": [
            {key: entry[key] for key in ("rank", "title", "year", "blurb")} for entry in parsed.as_json()["entries"]
        ],
        "date": parsed.date,
    }


@pytest.mark.parametrize("name", todays_shapes.TEXTS)
def test_every_shape_todays_importer_read_is_read_the_same(name):
    assert todays_fields(parse_text(todays_shapes.TEXTS[name])) == todays_shapes.expected(name)


def test_the_seed_is_read_exactly_as_today(seed_text):
    assert todays_fields(parse_text(seed_text)) == todays_shapes.expected("seed")


def test_importing_the_seed_gives_a_draft_equal_to_the_fixture_list(backtrace, seed_text):
    outcome = text_import(seed_text, again=True)

    draft = outcome.report.article
    assert outcome.problems == []
    assert draft.status == Article.Status.DRAFT
    assert (draft.title, draft.subject, draft.intro) == ("Movies Like Backtrace", backtrace.subject, backtrace.intro)
    assert draft.published_at.date() == backtrace.published_at.date()
    imported = [(e.rank, e.film_id, e.blurb) for e in draft.entries.order_by("-rank")]
    assert imported == [(e.rank, e.film_id, e.blurb) for e in backtrace.entries.order_by("-rank")]
    assert outcome.report.created_films == []
    assert len(outcome.report.matched_films) == 7


def test_importing_twice_is_refused_unless_asked_and_never_duplicates_films_or_people(db, seed_text):
    text_import(seed_text)
    films, people = Film.objects.count(), Person.objects.count()

    refused = text_import(seed_text)
    second = text_import(seed_text, again=True)

    assert [str(problem) for problem in refused.problems] == [
        "This article was already imported as “Movies Like Backtrace” (draft). Import it again to make a second draft."
    ]
    assert Article.objects.count() == 2
    assert second.report.article.slug == "movies-like-backtrace-2"
    assert (Film.objects.count(), Person.objects.count()) == (films, people)


def test_films_match_ignoring_case_accents_punctuation_and_a_leading_article(db):
    amelie, dont, town = make_film("Amélie", 2001), make_film("Don't Look Up", 2021), make_film("The Town", 2010)
    text = (
        "Movies like Heat\n\n3. AMELIE (2001)\n\nParis.\n\n2. Dont Look Up (2021)\n\nComet.\n\n"
        "1. Town (2010)\n\nBoston.\n"
    )

    report = text_import(text).report

    assert [entry.film for entry in report.article.entries.order_by("-rank")] == [amelie, dont, town]
    assert [str(film) for film in report.created_films] == ["Heat"]


def test_a_near_match_is_offered_and_never_applied(db):
    memento = make_film("Memento", 2000)
    text = "Movies like Heat\n\n2. Momento (2000)\n\nAmnesia.\n\n1. Memento (2001)\n\nA year out.\n"

    outcome = text_import(text, commit=False)

    momento, wrong_year = outcome.parsed.entries
    assert (momento.title, momento.match, momento.near.id) == ("Momento", None, memento.pk)
    assert (wrong_year.match, wrong_year.near.id) == (None, memento.pk)
    assert [str(film) for film in outcome.report.created_films] == ["Heat", "Momento (2000)", "Memento (2001)"]
    assert not Film.objects.exclude(pk=memento.pk).exists()


def test_a_dry_run_saves_nothing_and_says_what_the_import_would_make(backtrace, seed_text):
    counts = (Article.objects.count(), Film.objects.count(), Entry.objects.count(), Person.objects.count())

    outcome = text_import(seed_text, again=True, commit=False)

    assert outcome.ok
    assert len(outcome.report.films_by_line) == 6
    assert (Article.objects.count(), Film.objects.count(), Entry.objects.count(), Person.objects.count()) == counts


def test_known_people_are_linked_and_new_ones_only_proposed(backtrace):
    text = (
        "Movies like Backtrace\n\n1. Cliffhanger (1993)\n\n"
        "Sylvester Stallone climbs; Eric Qualen (John Lithgow) waits at the top.\n"
    )

    report = text_import(text).report

    [draft_entry] = report.article.entries.all()
    assert [person.name for person in draft_entry.people.all()] == ["Sylvester Stallone"]
    assert draft_entry.proposed_people == [{"name": "John Lithgow", "character": "Eric Qualen"}]
    assert not Person.objects.filter(name="John Lithgow").exists()
    assert "Proposed new people, to confirm on the draft: John Lithgow." in report.summary()


def test_a_heading_naming_its_director_credits_them_on_the_new_film(db, editor):
    mann = make_person("Michael Mann")
    text = (
        "Movies like Heat\n\n3. Thief / Michael Mann (1981)\n\nA safecracker.\n\n"
        "2. Ronin / John Frankenheimer (1998)\n\nParis.\n\n1. Sicario / Denis Villeneuve (2015)\n\nThe border.\n"
    )

    report = text_import(text, author=editor).report

    directors = Credit.objects.filter(role=Credit.Role.DIRECTOR).order_by("film__title")
    assert [(c.film.title, c.person.name) for c in directors] == [
        ("Ronin", "John Frankenheimer"),
        ("Sicario", "Denis Villeneuve"),
        ("Thief", "Michael Mann"),
    ]
    assert directors.get(film__title="Thief").person == mann
    frankenheimer = Person.objects.get(name="John Frankenheimer")
    assert (frankenheimer.awaiting_review, frankenheimer.added_by) == (True, editor)
    assert sorted(map(str, report.created_people)) == ["Denis Villeneuve", "John Frankenheimer"]


def test_a_failing_import_saves_nothing_and_names_the_line(db):
    heat = make_film("Heat", 1995)
    films, articles = Film.objects.count(), Article.objects.count()
    text = "Movies like Collateral\n\n2. Brand New Film (2024)\n\nNew.\n\n1. Heat (1995)\n\nThe subject chosen.\n"

    outcome = text_import(text, subject=heat)

    assert [str(problem) for problem in outcome.problems] == [
        "Line 7: A list can't recommend its own subject: this is the list of movies like Heat (1995)."
    ]
    assert (Film.objects.count(), Article.objects.count()) == (films, articles)
    assert not Film.objects.filter(title="Brand New Film").exists()


def test_every_problem_is_reported_at_once_each_with_its_line(db):
    text = (
        "date: 2024-13-45\nMovies like Heat\n\n3. Thief (9999)\n\nA typo.\n\n2. Ronin (1000)\n\nAnother.\n\n"
        "1. Heat 2\n\nOK.\n"
    )

    outcome = text_import(text)

    assert [str(problem) for problem in outcome.problems] == [
        "Line 1: The date: “2024-13-45” value has the correct format (YYYY-MM-DD) but it is an invalid date.",
        "Line 4: “Thief”: Year: Ensure this value is less than or equal to 2100.",
        "Line 8: “Ronin”: Year: Ensure this value is greater than or equal to 1878.",
    ]
    assert not Film.objects.exists() and not Article.objects.exists()


def test_a_blurb_past_its_limit_is_refused_naming_the_entrys_line(db):
    text = "Movies like Heat\n\n2. Thief (1981)\n\n" + "word " * 2100 + "\n\n1. Ronin (1998)\n\nParis.\n"

    outcome = text_import(text)

    [problem] = outcome.problems
    assert problem.line == 3
    assert str(problem).startswith("Line 3: #2 Thief (1981): Blurb: At most 10,000 characters fit here")
    assert not Film.objects.exists()


def test_the_subject_can_be_overridden(db):
    heat = make_film("Heat", 1995)

    report = text_import(todays_shapes.UNNUMBERED, subject=heat).report

    assert report.article.subject == heat


def test_a_book_the_catalogue_lacks_is_no_subject_until_one_is_chosen(db):
    text = (
        "Books like Dune\n\nIf you loved the novel Dune, read these.\n\n2. Hyperion (1989)\n\nPilgrims.\n\n"
        "1. Foundation (1951)\n\nAn empire falls.\n"
    )

    outcome = text_import(text)
    chosen = text_import(text, subject=make_film("Dune", 2021))

    assert [str(problem) for problem in outcome.problems] == [
        "Line 1: The list is about the book “Dune”, and the catalogue has no film or show of that name: "
        "choose the subject film."
    ]
    assert chosen.ok and chosen.report.article.subject.title == "Dune"


def test_an_import_keeps_a_record_of_what_it_made(db, editor):
    make_film("Heat", 1995)
    text = "Movies like Heat\n\n2. Thief / Michael Mann (1981)\n\nMann.\n\n1. Ronin (1998)\n\nParis.\n"

    article = text_import(text, author=editor).report.article

    record = article.import_record
    assert record.source == ArticleImport.Source.TEXT
    assert sorted(map(str, record.created_films.all())) == ["Ronin (1998)", "Thief (1981)"]
    assert [person.name for person in record.created_people.all()] == ["Michael Mann"]
    assert article.author == editor and article.last_edited_by == editor


def test_the_catalogue_is_asked_by_index_so_the_cost_follows_the_article(db, seed_text, django_assert_max_num_queries):
    for number in range(3):
        make_film(f"Small Catalogue Film {number}", 2000)
    # The ceiling is loose (each row is saved with Django's own queries); the point is that the second
    # count, with a hundred times the films, is no higher.
    with django_assert_max_num_queries(300) as small:
        text_import(seed_text, commit=False)
    for number in range(300):
        make_film(f"Large Catalogue Film {number}", 1950 + number % 70)

    with django_assert_max_num_queries(len(small.captured_queries)):
        text_import(seed_text, commit=False)
