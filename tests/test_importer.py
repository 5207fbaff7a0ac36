"""Importing articles from plain text: the parse of many real shapes, the draft it saves, and the command."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from recommendations.importer import ArticleImportError, parse_article, save_draft
from recommendations.models import Article, Entry, Film, Person

from .factories import make_film


def entry(rank, title, year, blurb):
    return {"rank": rank, "title": title, "year": year, "blurb": blurb}


PARENTHESIS_NUMBERS = """10 Films Similar to ‘Heat’ (1995)

Michael Mann’s crime epic set the bar for cops-and-robbers cinema.
3) The Town (2010)
Ben Affleck robs banks in Charlestown.

2) Thief (1981)

Mann’s first feature.
Its heist is a masterclass.

1) Collateral (2004)
One night in Los Angeles.
"""

HASH_AND_DASH = """date: 2019-03-01
If you liked Heat, these will keep you up at night.

#3 – ‘Ronin’ (1998)

Car chases through Paris.

#2 — Den of Thieves (2018)

Gerard Butler’s crew against the sheriff’s.

#1 - Inside Man (2006)

Spike Lee’s bank job.
"""

UNNUMBERED = """Movies like Alien

Space horror that still works.

Event Horizon (1997)

A ship comes back from hell.

Sunshine (2007)

A crew flies into the sun.

Life (2017)

Something grows on the space station.
"""

COUNTING_UP = """Films like Inception, from the top pick down.

1. The Matrix (1999)

Reality is not what it seems.

2. Paprika (2006)

Dreams leak into the waking world.

3. Dark City (1998)

The city is rearranged every night.
"""

AWKWARD_TITLES = """Movies Like 2001: A Space Odyssey

Films with the same sense of awe.

5. Solaris (1972)
Tarkovsky’s answer.

4. 2010: The Year We Make Contact (1984)
The sequel, kinder.

3. Don’t Look Up (2021)
A comet, and nobody looking.

2. Amélie (2001)
Not in space at all, but it shares the wonder.

1. 211 (2018)
A heist, and a test that numbers stay titles.
"""

MISSING_YEAR = """If you enjoyed ‘Paddington 2’, try these.

2. Mary Poppins

Practically perfect.

1. Babe (1995)

A pig who herds sheep.
"""

WINDOWS_AND_CURLY = (
    "date 2021-12-24\r\nMovies like “Home Alone”: holiday chaos.\r\n\r\n"
    "2. “Gremlins” (1984)\r\n\r\nDon’t feed them after midnight.\r\n\r\n"
    "1. Elf (2003)\r\n\r\nBuddy (Will Ferrell) comes to New York.\r\n"
)

MANY_PARAGRAPHS = """Movies like Zodiac

David Fincher’s procedural.

Obsessive and slow.

2. Prisoners (2013)

Keller Dover (Hugh Jackman) looks for his daughter.

Detective Loki (Jake Gyllenhaal) looks for the truth.

1. Memories of Murder (2003)

The case that haunted a country.
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            PARENTHESIS_NUMBERS,
            {
                "title": "10 Films Similar to ‘Heat’ (1995)",
                "subject": {"title": "Heat", "year": 1995},
                "intro": "Michael Mann’s crime epic set the bar for cops-and-robbers cinema.",
                "entries": [
                    entry(3, "The Town", 2010, "Ben Affleck robs banks in Charlestown."),
                    entry(2, "Thief", 1981, "Mann’s first feature. Its heist is a masterclass."),
                    entry(1, "Collateral", 2004, "One night in Los Angeles."),
                ],
            },
        ),
        (
            HASH_AND_DASH,
            {
                "title": "Movies Like Heat",
                "subject": {"title": "Heat", "year": None},
                "intro": "If you liked Heat, these will keep you up at night.",
                "entries": [
                    entry(3, "Ronin", 1998, "Car chases through Paris."),
                    entry(2, "Den of Thieves", 2018, "Gerard Butler’s crew against the sheriff’s."),
                    entry(1, "Inside Man", 2006, "Spike Lee’s bank job."),
                ],
            },
        ),
        (
            UNNUMBERED,
            {
                "title": "Movies like Alien",
                "subject": {"title": "Alien", "year": None},
                "intro": "Space horror that still works.",
                "entries": [
                    entry(3, "Event Horizon", 1997, "A ship comes back from hell."),
                    entry(2, "Sunshine", 2007, "A crew flies into the sun."),
                    entry(1, "Life", 2017, "Something grows on the space station."),
                ],
            },
        ),
        (
            COUNTING_UP,
            {
                "title": "Movies Like Inception",
                "subject": {"title": "Inception", "year": None},
                "intro": "Films like Inception, from the top pick down.",
                "entries": [
                    entry(1, "The Matrix", 1999, "Reality is not what it seems."),
                    entry(2, "Paprika", 2006, "Dreams leak into the waking world."),
                    entry(3, "Dark City", 1998, "The city is rearranged every night."),
                ],
            },
        ),
        (
            AWKWARD_TITLES,
            {
                "title": "Movies Like 2001: A Space Odyssey",
                "subject": {"title": "2001: A Space Odyssey", "year": None},
                "intro": "Films with the same sense of awe.",
                "entries": [
                    entry(5, "Solaris", 1972, "Tarkovsky’s answer."),
                    entry(4, "2010: The Year We Make Contact", 1984, "The sequel, kinder."),
                    entry(3, "Don’t Look Up", 2021, "A comet, and nobody looking."),
                    entry(2, "Amélie", 2001, "Not in space at all, but it shares the wonder."),
                    entry(1, "211", 2018, "A heist, and a test that numbers stay titles."),
                ],
            },
        ),
        (
            MISSING_YEAR,
            {
                "title": "Movies Like Paddington 2",
                "subject": {"title": "Paddington 2", "year": None},
                "intro": "If you enjoyed ‘Paddington 2’, try these.",
                "entries": [
                    entry(2, "Mary Poppins", None, "Practically perfect."),
                    entry(1, "Babe", 1995, "A pig who herds sheep."),
                ],
            },
        ),
        (
            WINDOWS_AND_CURLY,
            {
                "title": "Movies Like Home Alone",
                "subject": {"title": "Home Alone", "year": None},
                "intro": "Movies like “Home Alone”: holiday chaos.",
                "entries": [
                    entry(2, "Gremlins", 1984, "Don’t feed them after midnight."),
                    entry(1, "Elf", 2003, "Buddy (Will Ferrell) comes to New York."),
                ],
            },
        ),
        (
            MANY_PARAGRAPHS,
            {
                "title": "Movies like Zodiac",
                "subject": {"title": "Zodiac", "year": None},
                "intro": "David Fincher’s procedural.\n\nObsessive and slow.",
                "entries": [
                    entry(
                        2,
                        "Prisoners",
                        2013,
                        "Keller Dover (Hugh Jackman) looks for his daughter.\n\n"
                        "Detective Loki (Jake Gyllenhaal) looks for the truth.",
                    ),
                    entry(1, "Memories of Murder", 2003, "The case that haunted a country."),
                ],
            },
        ),
    ],
    ids=[
        "parenthesis-numbers",
        "hash-and-dash",
        "unnumbered",
        "counting-up",
        "colons-apostrophes-digits-accents",
        "missing-year",
        "windows-lines-curly-quotes",
        "many-paragraphs",
    ],
)
def test_parse_reads_every_shape(text, expected):
    assert parse_article(text).as_json() == expected


def test_leading_date_line_is_read(db):
    assert parse_article(HASH_AND_DASH).date == "2019-03-01"
    assert parse_article(WINDOWS_AND_CURLY).date == "2021-12-24"


def test_the_seed_parses_into_the_backtrace_countdown(seed_text):
    parsed = parse_article(seed_text)

    assert parsed.date == "2022-06-24"
    assert parsed.title == "Movies Like Backtrace"
    assert parsed.subject == {"title": "Backtrace", "year": None}
    assert [(item.rank, item.title, item.year) for item in parsed.entries] == [
        (6, "Escape Plan", 2013),
        (5, "Dragged Across Concrete", 2019),
        (4, "American Heist", 2014),
        (3, "Out of Death", 2021),
        (2, "211", 2018),
        (1, "Memento", 2000),
    ]


def test_text_without_entries_is_refused_with_a_clear_message():
    with pytest.raises(ArticleImportError, match="No entries found. Each film needs a heading line of its own"):
        parse_article("Movies like Heat\n\nJust some thoughts about films, with no list at all.\n")


def test_mixed_numbering_names_the_line():
    text = "Movies like Heat\n\n2. Thief (1981)\n\nMann.\n\nCollateral (2004)\n\nLA.\n"

    with pytest.raises(ArticleImportError, match=r"^Line 7: “Collateral” has no number while other entries do"):
        parse_article(text)


def test_importing_the_seed_gives_a_draft_equal_to_the_fixture_list(backtrace, seed_text):
    report = save_draft(parse_article(seed_text), again=True)

    draft = report.article
    assert draft.status == Article.Status.DRAFT
    assert draft.subject == backtrace.subject
    assert draft.intro == backtrace.intro
    assert draft.published_at.date() == backtrace.published_at.date()
    imported = [(e.rank, e.film_id, e.blurb) for e in draft.entries.order_by("-rank")]
    fixture = [(e.rank, e.film_id, e.blurb) for e in backtrace.entries.order_by("-rank")]
    assert imported == fixture
    assert report.created_films == []
    assert len(report.matched_films) == 7


def test_importing_twice_is_refused_unless_asked_and_never_duplicates_films_or_people(db, seed_text):
    parsed = parse_article(seed_text)
    save_draft(parsed)
    films, people = Film.objects.count(), Person.objects.count()

    with pytest.raises(ArticleImportError, match="already imported as “Movies Like Backtrace” \\(draft\\)"):
        save_draft(parsed)
    second = save_draft(parsed, again=True)

    assert Article.objects.count() == 2
    assert second.article.slug == "movies-like-backtrace-2"
    assert (Film.objects.count(), Person.objects.count()) == (films, people)


def test_films_match_ignoring_case_accents_and_punctuation(db):
    amelie, dont = make_film("Amélie", 2001), make_film("Don't Look Up", 2021)
    text = "Movies like Heat\n\n2. AMELIE (2001)\n\nParis.\n\n1. Dont Look Up (2021)\n\nComet.\n"

    report = save_draft(parse_article(text))

    assert [entry.film for entry in report.article.entries.order_by("-rank")] == [amelie, dont]
    assert [str(film) for film in report.created_films] == ["Heat"]


def test_known_people_are_linked_and_new_ones_only_proposed(backtrace):
    text = (
        "Movies like Backtrace\n\n1. Cliffhanger (1993)\n\n"
        "Sylvester Stallone climbs; Eric Qualen (John Lithgow) waits at the top.\n"
    )

    report = save_draft(parse_article(text))

    [draft_entry] = report.article.entries.all()
    assert [person.name for person in draft_entry.people.all()] == ["Sylvester Stallone"]
    assert draft_entry.proposed_people == [{"name": "John Lithgow", "character": "Eric Qualen"}]
    assert not Person.objects.filter(name="John Lithgow").exists()
    assert "Proposed new people, to confirm on the draft: John Lithgow." in report.summary()


def test_a_failing_import_saves_nothing_and_names_the_line(db):
    make_film("Heat", 1995)
    films, articles = Film.objects.count(), Article.objects.count()
    text = "Movies like Heat\n\n2. Brand New Film (2024)\n\nNew.\n\n1. Heat (1995)\n\nItself.\n"

    with pytest.raises(ArticleImportError, match="^Line 7: A list can't recommend its own subject"):
        save_draft(parse_article(text))

    assert (Film.objects.count(), Article.objects.count()) == (films, articles)
    assert not Entry.objects.filter(film__title="Brand New Film").exists()


def test_subject_can_be_overridden(db):
    heat = make_film("Heat", 1995)

    report = save_draft(parse_article(UNNUMBERED), subject=heat)

    assert report.article.subject == heat


def test_command_dry_run_json_prints_the_parse_and_saves_nothing(db, tmp_path):
    article = tmp_path / "heat.txt"
    article.write_text(HASH_AND_DASH, encoding="utf-8")
    out = StringIO()

    call_command("import_list", str(article), "--dry-run", "--format", "json", stdout=out)

    parsed = json.loads(out.getvalue())
    assert set(parsed) == {"title", "subject", "intro", "entries"}
    assert parsed["subject"] == {"title": "Heat", "year": None}
    for item in parsed["entries"]:
        assert set(item) == {"rank", "title", "year", "blurb"}
        assert isinstance(item["rank"], int) and isinstance(item["title"], str) and isinstance(item["blurb"], str)
        assert item["year"] is None or isinstance(item["year"], int)
    assert [item["title"] for item in parsed["entries"]] == ["Ronin", "Den of Thieves", "Inside Man"]
    assert not Article.objects.exists() and not Film.objects.exists()


def test_command_imports_a_folder_with_a_summary(db, tmp_path):
    for name, text in {"a.txt": HASH_AND_DASH, "b.txt": UNNUMBERED, "c.md": COUNTING_UP}.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    out = StringIO()

    call_command("import_list", str(tmp_path), stdout=out, stderr=StringIO())

    assert "Imported 3 of 3 articles as drafts." in out.getvalue()
    assert sorted(Article.objects.values_list("title", flat=True)) == [
        "Movies Like Heat",
        "Movies Like Inception",
        "Movies like Alien",
    ]


def test_command_reports_failures_and_exits_non_zero(db, tmp_path):
    (tmp_path / "good.txt").write_text(UNNUMBERED, encoding="utf-8")
    (tmp_path / "bad.txt").write_text("No list here at all.", encoding="utf-8")

    with pytest.raises(CommandError, match="1 of 2 could not be imported"):
        call_command("import_list", str(tmp_path), stdout=StringIO(), stderr=StringIO())
    assert Article.objects.count() == 1
