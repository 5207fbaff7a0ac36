"""The standalone article parser (recommendations.parsing) on the invented corpus, today's shapes and the seed."""

import pytest

from recommendations.parsing import ArticleParseError, FilmMatch, InMemoryCatalogue, parse_html, parse_text

from .article_corpus import HELD_OUT, articles, catalogue_of, score

CORPUS = articles()


@pytest.mark.parametrize("article", CORPUS, ids=[article.name for article in CORPUS])
def test_corpus_article_parses_as_a_reader_reads_it(article):
    expected = article.expected
    parsed = article.parse()

    assert [(entry.rank, entry.title, entry.year) for entry in parsed.entries] == [
        tuple(item[:3]) for item in expected["entries"]
    ]
    directors = {item[1]: item[3] for item in expected["entries"] if len(item) > 3}
    assert {entry.title: entry.director for entry in parsed.entries if entry.title in directors} == directors
    subject = expected["subject"]
    if subject is None:
        assert parsed.subject is None
    else:
        assert (parsed.subject.title, parsed.subject.year) == (subject["title"], subject["year"])
        assert parsed.subject.kind == subject.get("kind", "film")
    if "title" in expected:
        assert parsed.title == expected["title"]
    if "intro" in expected:
        assert parsed.intro == expected["intro"]
    by_title = {entry.title: entry for entry in parsed.entries}
    for title, (kind, year_end) in expected.get("kinds", {}).items():
        assert (by_title[title].kind, by_title[title].year_end) == (kind, year_end)
    for title, tagline in expected.get("taglines", {}).items():
        assert by_title[title].tagline == tagline
    for title, blurb in expected.get("blurbs", {}).items():
        assert by_title[title].blurb == blurb
    assert [[item.line, item.reason] for item in parsed.skipped] == expected["skipped"]
    if "images" in expected:
        assert parsed.images == expected["images"]


def test_the_corpus_is_large_and_scored():
    f1, subjects, failures = score(CORPUS)

    assert len(CORPUS) >= 40
    assert f1 >= 0.95 and subjects >= 0.9, failures


@pytest.mark.parametrize("with_catalogue", [False, True], ids=["alone", "with-a-catalogue"])
def test_held_out_articles_are_kept_apart_and_scored(with_catalogue):
    held_out = articles(HELD_OUT)
    f1, subjects, failures = score(held_out, catalogue_of(held_out) if with_catalogue else None)

    assert len(held_out) >= 10
    # Each round was scored once when written (held_out/SCORES.md) and fixed after: this keeps the fixes.
    assert f1 >= 0.95 and subjects >= 0.9, failures


def test_the_seed_parses_into_the_backtrace_countdown(seed_text):
    parsed = parse_text(seed_text)

    assert parsed.date == "2022-06-24"
    assert parsed.intro.startswith("Directed by Brian A. Miller, ‘Backtrace’ is an action-thriller film.")
    assert (parsed.subject.title, parsed.subject.year) == ("Backtrace", None)
    assert [(entry.rank, entry.title, entry.year) for entry in parsed.entries] == [
        (6, "Escape Plan", 2013),
        (5, "Dragged Across Concrete", 2019),
        (4, "American Heist", 2014),
        (3, "Out of Death", 2021),
        (2, "211", 2018),
        (1, "Memento", 2000),
    ]
    assert parsed.skipped == []


CATALOGUE = InMemoryCatalogue(
    films=[
        FilmMatch(1, "Memento", 2000),
        FilmMatch(2, "Heat", 1995),
        FilmMatch(3, "Heat", 1986),
        {"id": 4, "title": "Amélie", "year": 2001},
        (5, "The Town", 2010),
        (6, "Thief", 1981),
    ],
    people=["Michael Mann", "Christopher Nolan"],
)


def test_catalogue_matches_ignoring_accents_case_punctuation_and_leading_articles():
    assert CATALOGUE.find("AMELIE", 2001).id == 4
    assert CATALOGUE.find("Town", 2010).id == 5
    assert CATALOGUE.find("the town!", None).id == 5
    assert CATALOGUE.find("Heat", None).id == 2  # the most recent, as the importer picks today
    assert CATALOGUE.find("Heat", 1986).id == 3
    assert CATALOGUE.find("Heat", 2001) is None


def test_a_near_match_is_offered_never_applied():
    parsed = parse_text("Movies like Heat\n\n2. Momento (2000)\n\nBackwards.\n\n1. Thief (1981)\n\nMann.\n", CATALOGUE)

    momento, thief = parsed.entries
    assert (momento.title, momento.match, momento.near) == ("Momento", None, FilmMatch(1, "Memento", 2000))
    assert (thief.match, thief.near) == (FilmMatch(6, "Thief", 1981), None)
    assert "line 3: 2. Momento (2000): new; did you mean Memento (2000)?" in parsed.explain()
    assert parsed.as_json()["entries"][0]["near"] == {"film": 1, "title": "Memento", "year": 2000}
    assert (parsed.subject.match, parsed.as_json()["subject"]["film"]) == (FilmMatch(2, "Heat", 1995), 2)


def test_the_catalogue_tells_a_director_from_a_subtitle_after_a_dash():
    text = (
        "Movies like Heat\n\n2. Thief – Michael Mann (1981)\n\nMann.\n\n"
        "1. Mission: Impossible – Fallout (2018)\n\nCruise.\n"
    )

    with_people = parse_text(text, CATALOGUE)
    without = parse_text(text)

    assert [(entry.title, entry.director) for entry in with_people.entries] == [
        ("Thief", "Michael Mann"),
        ("Mission: Impossible – Fallout", None),
    ]
    assert [(entry.title, entry.director) for entry in without.entries] == [
        ("Thief – Michael Mann", None),
        ("Mission: Impossible – Fallout", None),
    ]


def test_the_catalogue_separates_a_known_title_from_its_tagline():
    text = "Movies like Collateral\n\n2. Heat – A Los Angeles Crime Saga (1995)\n\nMann.\n\n1. Thief (1981)\n\nCaan.\n"

    first = parse_text(text, CATALOGUE).entries[0]

    assert (first.title, first.tagline, first.match.id) == ("Heat", "A Los Angeles Crime Saga", 2)


def test_json_keeps_todays_fields_and_adds_the_explanations():
    text = (
        "Movies like Heat\n\nIntro.\n\n2. Thief / Michael Mann (1981)\n\nImage: UA\n\nMann.\n\n"
        "1. Ronin (1998)\n\nCars.\n"
    )

    payload = parse_text(text, CATALOGUE).as_json()

    assert payload["title"] == "Movies like Heat"
    assert payload["subject"] == {
        "title": "Heat",
        "year": None,
        "how": "the title says “Movies like Heat”; the catalogue has Heat (1995)",
        "confidence": "high",
        "kind": "film",
        "line": 1,
        "film": 2,
    }
    assert payload["entries"][0] == {
        "rank": 2,
        "title": "Thief",
        "year": 1981,
        "blurb": "Mann.",
        "film": 6,
        "line": 5,
        "director": "Michael Mann",
        "kind": "film",
        "year_end": None,
        "tagline": None,
        "near": None,
    }
    assert payload["entries"][1]["film"] is None
    assert payload["skipped"] == [{"line": 7, "text": "Image: UA", "reason": "image caption or credit"}]


def test_the_dry_run_explains_itself():
    text = "Movies like Heat\n\n2. Thief (1981)\n\nWatch on Netflix\n\nMann.\n\n1. Ronin (1998)\n\nCars.\n"

    explanation = parse_text(text, CATALOGUE).explain()

    assert explanation.splitlines() == [
        "Title: “Movies like Heat”",
        "Subject: Heat: the title says “Movies like Heat”; the catalogue has Heat (1995) (high confidence, "
        "catalogue film Heat (1995))",
        "Entries (2):",
        "  line 3: 2. Thief (1981): matches Thief (1981)",
        "  line 9: 1. Ronin (1998): new",
        "Skipped (1):",
        "  line 5: “Watch on Netflix”: where-to-watch call-out",
    ]


def test_no_entries_is_the_parsers_own_error():
    with pytest.raises(ArticleParseError, match="No entries found") as raised:
        parse_text("Movies like Heat\n\nJust some thoughts about films, with no list at all.\n")

    assert isinstance(raised.value, ValueError)


def test_a_film_heading_without_a_number_in_a_numbered_list_is_reported():
    text = "Movies like Heat\n\n3. Thief (1981)\n\nMann.\n\n2. Ronin (1998)\n\nCars.\n\nCollateral (2004)\n\nLA.\n"

    parsed = parse_text(text)

    assert [entry.title for entry in parsed.entries] == ["Thief", "Ronin"]
    assert [(item.line, item.reason) for item in parsed.skipped] == [
        (11, "a film heading without a number, in a numbered list")
    ]


def test_a_printed_number_beyond_the_sites_ranks_names_the_line():
    text = "Movies like Heat\n\n10000. Thief (1981)\n\nMann.\n\n9999. Ronin (1998)\n\nCars.\n"

    with pytest.raises(ArticleParseError, match=r"^Line 3: “Thief” is numbered 10000; a list's numbers run from 1"):
        parse_text(text)


def test_a_corpus_catalogue_matches_every_dated_entry_without_changing_the_parse():
    films = {}
    for article in CORPUS:
        for item in article.expected["entries"]:
            films.setdefault((item[1], item[2]), len(films) + 1)
    catalogue = InMemoryCatalogue(films=[(film_id, title, year) for (title, year), film_id in films.items()])

    f1_without, subjects_without, _ = score(CORPUS)
    f1_with, subjects_with, failures = score(CORPUS, catalogue)

    assert (f1_with, subjects_with) == (f1_without, subjects_without), failures
    for article in CORPUS:
        for entry in article.parse(catalogue).entries:
            assert entry.match is not None and entry.match.title == entry.title, (article.name, entry.title)


def test_with_no_phrase_the_catalogue_decides_which_name_in_the_prose_is_the_subject():
    text = (
        "Night-time LA\n\nNight-time LA has never looked better than in Collateral. Night-time LA is orange and "
        "green, and Collateral shot it on video.\n\n2. Drive (2011)\n\nA stunt driver.\n\n"
        "1. Nightcrawler (2014)\n\nThe morning news.\n"
    )
    catalogue = InMemoryCatalogue(films=[FilmMatch(7, "Collateral", 2004)])

    guessed, known = parse_text(text).subject, parse_text(text, catalogue).subject

    assert (guessed.title, guessed.confidence) == ("Night-time LA", "low")
    assert (known.title, known.confidence, known.match.id) == ("Collateral", "medium", 7)
    assert known.how == "no “movies like” phrase; “Collateral” is the catalogue film the title and intro name most"


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        pytest.param(
            "Films like Whiplash\n\n1st. Black Swan (2010)\nBallet.\n\n2nd. Shine (1996)\nPiano.\n",
            ["Black Swan", "Shine"],
            id="ordinal-numbers",
        ),
        pytest.param(
            "Movies like Twin Peaks\n\n→ Blue Velvet (1986)\nAn ear.\n\n→ Eraserhead (1977)\nA baby.\n\n"
            "→ Read more: our Lynch guide\n",
            ["Blue Velvet", "Eraserhead"],
            id="arrow-bullets",
        ),
        pytest.param(
            "Movies like Zodiac\n\n**Prisoners**, 2013. A father hunts.\n\n**The Vanishing**, 1988. A search.\n\n"
            "*Follow us on Instagram for more picks.*\n",
            ["Prisoners", "The Vanishing"],
            id="bold-title-comma-year-and-an-emphasised-call-out",
        ),
        pytest.param(
            "Movies like Before Sunrise\n\n3. Sofia Coppola's Lost in Translation (2003)\nTokyo.\n\n"
            "2. Céline Sciamma's Petite Maman (2021)\nWoods.\n\n1. Barry Jenkins's Moonlight (2016)\nMiami.\n",
            ["Lost in Translation", "Petite Maman", "Moonlight"],
            id="directors-possessives-across-the-list",
        ),
    ],
)
def test_round_9_shapes_are_read(text, titles):
    assert [entry.title for entry in parse_text(text).entries] == titles


@pytest.mark.parametrize(
    ("title", "subject", "kind"),
    [
        ("Four Films That Share Alien's DNA", "Alien", "film"),
        ("Crime sagas that live in The Godfather's shadow", "The Godfather", "film"),
        ("Cure your Succession withdrawal with these shows", "Succession", "tv"),
        ("Read The Road? Five novels that go just as dark", "The Road", "book"),
        ("Still grieving The Leftovers? Start with these shows", "The Leftovers", "tv"),
        ("The spiritual successors to Blade Runner", "Blade Runner", "film"),
        ("Night-time LA: the runners-up to Collateral", "Collateral", "film"),
        ("Black Swan, but make it music", "Black Swan", "film"),
        ("Arrival: eight more films where first contact is a conversation", "Arrival", "film"),
        ("For anyone who's a sucker for Before Sunrise", "Before Sunrise", "film"),
    ],
)
def test_subjects_named_in_many_more_phrasings(title, subject, kind):
    text = f"{title}\n\nAn intro.\n\n2. Heat (1995)\n\nA blurb.\n\n1. Ronin (1998)\n\nAnother.\n"

    found = parse_text(text).subject

    assert (found.title, found.kind, found.confidence) == (subject, kind, "high")


def test_a_subject_in_capitals_is_written_as_the_intro_writes_it():
    text = (
        "HIGH-OCTANE MOVIES LIKE MAD MAX: FURY ROAD\n\nIf you can't stop rewatching Mad Max: Fury Road, read on.\n\n"
        "2. Duel (1971)\n\nA truck.\n\n1. Dredd (2012)\n\nA tower.\n"
    )

    assert parse_text(text).subject.title == "Mad Max: Fury Road"


def test_a_page_whose_h1_names_no_subject_is_read_from_its_title_element():
    html = (
        "<html><head><title>What to Watch If You Loved Arrival | Reel Talk</title></head><body>"
        "<h1>First contact: our picks</h1><p>Talking to aliens.</p><h2>2. Contact (1997)</h2><p>A signal.</p>"
        "<h2>1. Solaris (1972)</h2><p>A planet.</p></body></html>"
    )

    subject = parse_html(html).subject

    assert (subject.title, subject.how) == ("Arrival", "the page's <title> says “If You Loved Arrival”")


def test_an_email_is_read_past_its_header_greeting_and_sign_off():
    text = (
        "Subject: weekend watching\n\nHi all,\n\nA few of you asked what to watch now that you have all seen Past\n"
        "Lives. Celine Song's film about two friends who meet again in New\n"
        "York was the one everybody talked about. Here is what I would put\non next.\n\n"
        "* Brooklyn (2015)\n  Two countries.\n\n* Aftersun (2022)\n  A holiday.\n\nBest,\nMarta\n"
    )

    parsed = parse_text(text)

    assert (parsed.title, parsed.subject.title) == ("Movies Like Past Lives", "Past Lives")
    assert [item.reason for item in parsed.skipped] == ["e-mail header, greeting or sign-off"] * 3
    assert parsed.intro.startswith("A few of you asked")


@pytest.mark.parametrize(
    ("text", "subject"),
    [
        ("If Drive My Car stayed with you, start here\n\nA slow film.", "Drive My Car"),
        (
            "Stories that cross\n\nMagnolia is three hours of strangers in one valley. Few films braid so well.",
            "Magnolia",
        ),
    ],
)
def test_round_10_subjects_are_read(text, subject):
    text += "\n\n2. Short Cuts (1993)\n\nAltman.\n\n1. Babel (2006)\n\nA rifle shot.\n"

    assert parse_text(text).subject.title == subject


def test_a_ranked_label_before_a_title_is_its_number():
    text = (
        "Films like Whiplash\n\nOur number one pick: Black Swan (2010)\nBallet.\n\nNumber two: Amadeus (1984)\nEnvy.\n"
    )

    assert [(entry.rank, entry.title) for entry in parse_text(text).entries] == [(1, "Black Swan"), (2, "Amadeus")]


@pytest.mark.parametrize(
    ("heading", "title", "year"),
    [
        ("B) Paper Moon (1973)", "Paper Moon", 1973),
        ("C) Somewhere (2010)", "Somewhere", 2010),
        ("00:12:30 – Piranha (1978)", "Piranha", 1978),
        ("12:30 - Orca (1977)", "Orca", 1977),
        ("“Thief,” 1981 — the first one", "Thief", 1981),
    ],
)
def test_round_11_headings_are_read(heading, title, year):
    text = f"Movies like Jaws\n\nAn intro.\n\n{heading}\nA blurb.\n\nA) Crawl (2019)\nAnother.\n"

    assert (title, year) in [(entry.title, entry.year) for entry in parse_text(text).entries]


def test_an_intro_naming_a_film_the_catalogue_knows_stays_the_intro():
    text = (
        "Our verdict\n\nDune: Part Two is a triumph. Villeneuve finishes the story with sandworms.\n\n"
        "2. Lawrence of Arabia (1962)\n\nThe desert.\n\n1. Mad Max: Fury Road (2015)\n\nSand.\n"
    )
    catalogue = InMemoryCatalogue(films=[FilmMatch(1, "Dune", 2021), FilmMatch(2, "Dune: Part Two", 2024)])

    parsed = parse_text(text, catalogue)

    assert parsed.intro.startswith("Dune: Part Two is a triumph.")
    assert (parsed.subject.title, parsed.subject.match.id) == ("Dune: Part Two", 2)


def test_a_list_set_in_capitals_gets_its_titles_as_readers_write_them():
    text = (
        "MOVIES LIKE HEAT\n\nNO. 3 — THE INSIDER (1999)\nTobacco.\n\nNO. 2 — JFK (1991)\nStone.\n\n"
        "NO. 1 — TO LIVE AND DIE IN L.A. (1985)\nFriedkin.\n"
    )

    assert [entry.title for entry in parse_text(text).entries] == ["The Insider", "JFK", "To Live and Die in L.A."]
