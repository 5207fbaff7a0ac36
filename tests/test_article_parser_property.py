"""
Articles generated from a grammar of shapes must parse back to the entries they were built from.

numbering style (or a star rating in its place) × quoting × year form × director placement × tagline ×
noise lines between entries × heading and blurb on one line or two × counting down or top-down.
"""

from dataclasses import dataclass

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from recommendations.parsing import parse_text

TITLES = [
    "Night Train", "The Glass Key", "Amélie", "211", "Dune: Part Two", "Ocean's Eleven", "The Night of the Hunter",
    "Léon", "Crouching Tiger, Hidden Dragon", "9", "Blade Runner 2049", "(500) Days of Summer", "Mission: Impossible",
    "Y tu mamá también", "The Third Man", "Solaris", "Rififi", "Spider-Man: Across the Spider-Verse", "Wolf Children",
    "Do the Right Thing", "Mission: Impossible – Fallout", "Léon: The Professional", "Don’t Look Up", "Up", "1917",
    "The Good, the Bad and the Ugly", "Se7en", "M", "Paris, Texas", "Spirited Away", "Kiki's Delivery Service", "’71",
]  # fmt: skip
DIRECTORS = ["Jane Roe", "Bong Joon-ho", "Agnès Varda", "Guillermo del Toro", "Kathryn Bigelow", "Satyajit Ray"]
BLURBS = [
    "The crew plans one last job in a city that never sleeps, and it goes wrong from the first minute.",
    "A quiet film about two strangers who share a train compartment and far too many secrets.",
    "Everything in it looks hand-made, from the sets to the score, and it is all the better for it.",
    "It starts as a comedy and ends somewhere much darker, without ever raising its voice.",
]
NOISE = {
    "Image: Netflix": "image caption or credit",
    "Photo credit: A24": "image caption or credit",
    "(Credit: Focus Features)": "image caption or credit",
    "Read more: Movies like Thief": "link to another article",
    "Watch on Netflix": "where-to-watch call-out",
    "Stream it on Hulu": "where-to-watch call-out",
    "By Jane Doe": "byline or date",
    "Updated 3 March 2023": "byline or date",
    "Advertisement": "banner",
    "Subscribe to our newsletter": "banner",
    "Reply · Quote · Report 14 likes": "banner",
    "Sat 16 Mar 18:00 · Wed 20 Mar 20:30": "screening time",
    "04:12 Listener mail": "chapter timestamp",
    "Still from Heat (1995). Courtesy BFI Stills.": "image caption or credit",
    "u/winden_caves · 340 points": "byline or date",
    "Issue #112 · Thursday": "byline or date",
    "View this email in your browser": "e-mail header, greeting or sign-off",
}
NUMBERINGS = {
    "none": None,
    "dot": "{n}. ",
    "paren": "{n}) ",
    "hash": "#{n} ",
    "hash-colon": "#{n}: ",
    "no": "No. {n} – ",
    "dash": "{n} - ",
    "colon": "{n}: ",
    "bare": "{n} ",
    "roman": "{roman}. ",
    "roman-lower": "{roman_lower}. ",
    "after": None,
    # A star rating where a number would be: it ranks nothing, so the list is ranked by its order.
    "stars": "★★★½ ",
}
UNNUMBERED = {"none", "stars"}
ROMAN = ["", "I", "II", "III", "IV", "V", "VI", "VII", "VIII"]
QUOTES = {"none": ("", ""), "single": ("'", "'"), "curly": ("‘", "’"), "double": ("“", "”")}
YEAR_FORMS = ["paren", "bracket", "comma", "dash", "tv-open", "tv-present", "tv-closed", "none"]


@dataclass
class Shape:
    numbering: str
    quotes: str
    year_form: str
    director: str  # none, slash, in-brackets, dir-after
    tagline: bool
    one_line: bool
    top_down: bool


@st.composite
def shapes(draw):
    numbering = draw(st.sampled_from(list(NUMBERINGS)))
    quotes = draw(st.sampled_from(list(QUOTES)))
    year_form = draw(st.sampled_from(YEAR_FORMS))
    # A heading needs something that says it is one: a number, quotes or a year, or else a line of its own.
    director = draw(st.sampled_from(["none", "slash", "in-brackets", "dir-after", "dash", "after-year"]))
    if year_form != "paren" and director in ("in-brackets", "dir-after"):
        director = "none"
    if year_form == "none" or (director == "after-year" and year_form not in ("paren", "bracket")):
        director = "none"
    if numbering == "after" and year_form == "none":
        year_form = "paren"
    bare_heading = numbering in (*UNNUMBERED, "after") and quotes == "none" and year_form == "none"
    one_line = draw(st.booleans()) and not bare_heading and numbering != "after"
    tagline = draw(st.booleans()) and not one_line and year_form != "none" and numbering != "after"
    tagline = tagline and director != "after-year"
    one_line = one_line and director != "after-year"
    top_down = draw(st.booleans()) and numbering not in UNNUMBERED
    return Shape(numbering, quotes, year_form, director, tagline, one_line, top_down)


def heading(shape, rank, title, year, director):
    opening, closing = QUOTES[shape.quotes]
    text = f"{opening}{title}{closing}"
    if shape.director == "slash":
        text += f" / {director}"
    elif shape.director == "dash":
        text += f" – {director}"
    year_text = {
        "paren": f" ({year})",
        "bracket": f" [{year}]",
        "comma": f", {year}",
        "dash": f" – {year}",
        "tv-open": f" ({year}-)",
        "tv-present": f" ({year}–present)",
        "tv-closed": f" ({year}–{year + 3})",
        "none": "",
    }[shape.year_form]
    if shape.director == "in-brackets":
        year_text = f" ({director}, {year})"
    elif shape.director == "dir-after":
        year_text = f" ({year}, dir. {director})"
    text += year_text
    if shape.director == "after-year":
        text += f" – {director}"
    if shape.tagline:
        text += " - a tagline for this one"
    pattern = NUMBERINGS[shape.numbering]
    if pattern:
        text = pattern.format(n=rank, roman=ROMAN[rank], roman_lower=ROMAN[rank].lower()) + text
    if shape.numbering == "after":
        text += f" – #{rank}"
    return text


@st.composite
def articles(draw):
    shape = draw(shapes())
    # A director after a dash is told from a subtitle by the whole list: it takes three headings written so.
    fewest = 3 if shape.director in ("dash", "after-year") else 2
    count = draw(st.integers(min_value=fewest, max_value=8))
    titles = draw(st.lists(st.sampled_from(TITLES), min_size=count, max_size=count, unique=True))
    years = draw(st.lists(st.integers(min_value=1930, max_value=2024), min_size=count, max_size=count))
    directors = draw(st.lists(st.sampled_from(DIRECTORS), min_size=count, max_size=count))
    noise = draw(st.lists(st.sampled_from([None, *NOISE]), min_size=count, max_size=count))
    # Stray lines sit after a blurb, or between a heading and its blurb.
    noise_first = draw(st.booleans()) and not shape.one_line
    ranks = list(range(1, count + 1)) if shape.top_down else list(range(count, 0, -1))
    lines = ["Movies like Heat", "", "If you loved Heat, these films are for you and your friends.", ""]
    expected, noise_lines = [], {}
    for position, (rank, title, year, director) in enumerate(zip(ranks, titles, years, directors, strict=True)):
        blurb = BLURBS[position % len(BLURBS)]
        line = heading(shape, rank, title, year, director)
        if shape.one_line:
            lines += [f"{line}: {blurb}", ""]
        elif noise_first and noise[position]:
            lines += [line, ""]
        else:
            lines += [line, "", blurb, ""]
        if noise[position]:
            noise_lines[len(lines) + 1] = noise[position]
            lines += [noise[position], ""]
            if noise_first and not shape.one_line:
                lines += [blurb, ""]
        printed_rank = rank if shape.numbering not in UNNUMBERED else count - position
        kind = "tv" if shape.year_form.startswith("tv") else "film"
        expected.append(
            (
                printed_rank,
                title,
                None if shape.year_form == "none" else year,
                None if shape.director == "none" else director,
                kind,
            )
        )
    return shape, "\n".join(lines), expected, noise_lines


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(articles())
def test_every_generated_entry_and_noise_line_comes_back(article):
    shape, text, expected, noise_lines = article

    parsed = parse_text(text)

    got = [(entry.rank, entry.title, entry.year, entry.director, entry.kind) for entry in parsed.entries]
    assert got == expected, f"{shape}\n{text}"
    skipped = {item.line: (item.text, item.reason) for item in parsed.skipped}
    assert skipped == {line: (noise, NOISE[noise]) for line, noise in noise_lines.items()}, f"{shape}\n{text}"
    assert (parsed.subject.title, parsed.title) == ("Heat", "Movies like Heat")
    if shape.tagline:
        assert {entry.tagline for entry in parsed.entries} == {"a tagline for this one"}
    if shape.one_line:
        assert all(entry.blurb in BLURBS for entry in parsed.entries)
