"""
Reading one heading line, its number taken off (numbering.py): title, year (or year range), director,
tagline and any blurb after it.
Every pattern here runs on a line of at most LONGEST_HEADING characters, and none nests
quantifiers, so no line can make them backtrack for long.
"""

import functools
import re
from dataclasses import dataclass

from .names import common_name, looks_like_person, word_set

LONGEST_HEADING = 200
LONGEST_TITLE_WORDS = 15
# A heading with nothing else marking it (no number, year, quotes or markup) is at most this many words.
WEAK_HEADING_WORDS = 8
# Styles a reader cannot mistake for part of a title: "5.", "5)", "#5", "No. 5", "V.".
SURE_STYLES = {"dot", "paren", "hash", "no", "roman", "list", "of", "ordinal"}

QUOTE_CLOSERS = {'"': '"', "'": "'", "“": "”", "‘": "’", "«": "»", "„": "“", "*": "*", "_": "_", "”": "”", "’": "’"}
# A bullet, or the emoji and symbols some sites put before a heading ("🎬 5. Heat"), but not the apostrophe
# some titles start with ("’71", "’Round Midnight").
# Also the labels some lists put where a number would go, which rank nothing: "A) …", "00:12:30 – …".
# A star rating, half stars too ("★★★★½ Prisoners"): "½" is a number to \w, so it is named.
BULLET = re.compile(
    r"^(?:[★☆⭐✩✭✮✯]+\s*½?\s*(?=\S)|(?:[-*•·▪►»>]|&gt;)\s+|[^\w\s\"'“‘’«(\[【（〔#¡¿*_.-]+\s*|[A-Z]\)\s+(?=\S)|(?:\d{1,2}:)?\d{1,2}:\d\d\s*[–—-]\s+)"
)
RANK_AFTER = re.compile(r"\s*[–—|:-]?\s*\(?(?:#|no\.\s*|number\s+)(\d{1,5})\)?\s*$", re.IGNORECASE)

YEAR = r"(?:18[89]\d|19\d\d|20[0-3]\d)"
YEAR_IN_GROUP = re.compile(
    rf"(?<!\d)({YEAR})(?!\d)(?:\s*([–—-]|to)\s*(\d{{4}}|\d{{2}}(?!\d)|present|now|today|ongoing|current)?)?",
    re.IGNORECASE,
)
SHORT_YEAR = re.compile(r"^\s*['’‘](\d{2})\s*$")
BRACKETS = re.compile(r"[(\[]([^()\[\]]{0,80})[)\]]")
# "Heat, 1995", "Heat – 1995", "Heat | 1995": a year after a separator, at the end or before more text.
YEAR_AFTER_SEPARATOR = re.compile(
    rf"\s*(?:,|\s[–—-]|[–—]|\s\||\s/|\s[•·])\s*({YEAR})(?!\d)(?:\s*([–—-])\s*(\d{{4}}|present|now)?)?"
    r"(?=\s*(?:$|[,:;.|–—•·-]\s|[,:;.]$))",
    re.IGNORECASE,
)
# "Film: The Immigrant (2013)", "Our pick: …": a label before the title.
LABEL = re.compile(
    r"^(?:film|movie|title|show|series|book|novel|pick|our\s+pick|top\s+pick|entry|documentary|watch)\s*[:–—]\s+(?=\S)",
    re.IGNORECASE,
)
OWNER = re.compile(
    r"^([A-Z][\w.-]+(?:\s+(?:de|del|van|von|da|di|le|la)?\s*[A-Z][\w.-]+){1,3})[’']s\s+(?=[A-Z0-9‘“\"'])"
)
# Where a known title may end inside a heading ("Mission: Impossible – Fallout – …"), tried longest first.
SPLIT_POINT = re.compile(r"(?:\s[–—|-]|:)\s")
ONLY_A_YEAR = re.compile(rf"^[(\[]\s*{YEAR}[^)\]]*[)\]]$")
TV_WORDS = re.compile(r"\b(?:tv|series|mini-?series|season|seasons|show|episodes?|anime series)\b", re.IGNORECASE)
DIRECTED = re.compile(r"^(?:dir\.|directed\s+by|director:?|d\.)\s*", re.IGNORECASE)
DIRECTED_INSIDE = re.compile(r"\s*[,–—-]?\s*\b(?:dir\.|directed\s+by)\s+", re.IGNORECASE)
# Lower-case words a title may hold; more than a few others make a sentence.
SMALL_WORDS = word_set(
    "a an the of and or in on at to for with from by vs vs. de la le du des del di da el und is it its me my you "
    "your i we us our be not no nor but as into upon about over under up out off than that this all one two "
    "are was were am do does don't can't won't what who how why when where so "
    # Small words of the languages foreign titles come in, written in sentence case ("Y tu mamá también").
    "y tu su los las un una les au aux et à il lo gli der die das ein eine von zu im mit"
)
ABBREVIATIONS = {"dr", "mr", "mrs", "ms", "st", "jr", "sr", "vs", "vol", "no", "pt", "mt", "ft", "lt", "sgt", "capt"}
SHARED_LINE_SPLIT = re.compile(r"(?<=\S)(?::\s|\s[–—-]\s|[–—]\s?|\.\s)(?=\S)")
TAGLINE_SEPARATOR = re.compile(r"^\s*(?:[–—:|/•·,-]+|\.)\s*")


@dataclass
class Reading:
    title: str
    year: int | None = None
    year_end: int | None = None
    kind: str = "film"
    director: str | None = None
    tagline: str | None = None
    rest: str = ""  # blurb text that shares the heading's line
    quoted: bool = False
    year_form: str | None = None  # paren, comma, dash...
    rank_after: int | None = None
    sentence: bool = False  # "Heat (1995) is…": a sentence that starts with a title, not a heading

    def copy(self):
        # Field by field: several times quicker than copy.copy, and a 9,999-heading list makes 60,000 copies.
        return Reading(
            self.title, self.year, self.year_end, self.kind, self.director, self.tagline, self.rest, self.quoted,
            self.year_form, self.rank_after, self.sentence,
        )  # fmt: skip


def read_heading(text, catalogue=None, keep=False):
    """The title, year, director, tagline and rest of a heading whose number (if any) is already taken off.

    `keep` is for callers that only look: they get the kept reading itself, not a copy to change."""
    text = LABEL.sub("", text.strip(), count=1)
    if catalogue is not None:
        return _read_heading.__wrapped__(text, catalogue)  # what a catalogue answers may change: never kept
    reading = _read_heading(text, None)
    return reading.copy() if reading and not keep else reading


# Each line is read several times (to split blocks, to find candidates): the reading is kept, and copied out.
@functools.lru_cache(maxsize=65536)
def _read_heading(text, catalogue):
    text = BULLET.sub("", text.strip())
    if not text or len(text) > LONGEST_HEADING:
        return None
    rank_after = None
    after = RANK_AFTER.search(text)
    if after and after.start() > 0:
        rank_after, text = int(after.group(1)), text[: after.start()].rstrip()
    reading = _read_quoted(text) or _read_with_year(text) or Reading(title=text)
    reading.rank_after = rank_after
    _split_label(reading)
    _split_owner(reading, catalogue)
    if not reading.quoted and reading.year is None:
        _split_shared_line(reading)
    _read_director(reading, catalogue)
    reading.title = _tidy_title(reading.title)
    if catalogue is not None:
        _prefer_catalogue_title(reading, catalogue)
    return reading if reading.title else None


def _read_quoted(text):
    closer = QUOTE_CLOSERS.get(text[0])
    if not closer:
        return None
    end = _closing_quote(text, closer)
    if end is None:
        return None
    title, after = text[1:end].strip(), text[end + 1 :]
    if title.endswith(",") and after[:1].isspace():
        title, after = title[:-1].rstrip(), "," + after  # “Thief,” 1981: the comma goes inside the quotes
    if not title:
        return None
    reading = Reading(title=title, quoted=True)
    year = _leading_year(after)
    if not year:
        # "'Heat' / Michael Mann (1995)": the director sits between the quoted title and the year.
        later = _read_with_year("x" + after)
        between = later.title[1:].strip() if later and later.year is not None else ""
        if between and len(between.split()) <= 8:
            for name in ("year", "year_end", "kind", "tagline", "rest", "year_form", "sentence"):
                setattr(reading, name, getattr(later, name))
            # The quotes end the title, so a name between it and the year is the director's.
            name = _director_between(between)
            reading.director = later.director or name
            if not reading.director:
                between = TAGLINE_SEPARATOR.sub("", between).strip()
                if looks_like_person(between):
                    reading.director = between
                else:
                    reading.tagline = reading.tagline or between or None
            return reading
    if year:
        reading.year, reading.year_end, reading.kind, extra, after = year
        _read_group_extras(reading, extra)
        reading.year_form = "paren"
    _read_rest(reading, after)
    return reading


def _director_between(text):
    text = text.strip()
    if text[:1] in "/|" or DIRECTED.match(TAGLINE_SEPARATOR.sub("", text)):
        name = DIRECTED.sub("", TAGLINE_SEPARATOR.sub("", text)).strip(" ,")
        return name if looks_like_person(name) else None
    return None


def _closing_quote(text, closer):
    """Where the quote closes; a closing mark followed by a letter is an apostrophe ("Don’t"), and so is one
    straight after the opening mark ("‘’71’")."""
    start = 1
    while True:
        end = text.find(closer, start)
        if end == -1:
            return None
        following = text[end + 1 : end + 2]
        if end > 1 and not following.isalpha():
            return end
        start = end + 1


def _leading_year(after):
    """(year, end year, kind, other parts, text after) when `after` starts with a year group."""
    stripped = after.lstrip()
    group = BRACKETS.match(stripped)
    if group:
        parsed = _year_group(group.group(1))
        if parsed:
            return (*parsed, stripped[group.end() :])
    separated = YEAR_AFTER_SEPARATOR.match(after)
    if separated:
        year = int(separated.group(1))
        return (year, *_range_end(year, separated.group(2), separated.group(3)), [], after[separated.end() :])
    return None


def _read_with_year(text):
    for group in BRACKETS.finditer(text):
        if group.start() == 0:
            continue
        parsed = _year_group(group.group(1))
        if parsed:
            year, year_end, kind, extra = parsed
            reading = Reading(title=_without_alternate_title(text[: group.start()]), year=year, year_end=year_end)
            reading.kind = kind
            reading.year_form = "bracket" if text[group.start()] == "[" else "paren"
            _read_group_extras(reading, extra)
            _read_rest(reading, text[group.end() :])
            return reading
    separated = YEAR_AFTER_SEPARATOR.search(text)
    if separated and separated.start() > 0:
        year = int(separated.group(1))
        year_end, kind = _range_end(year, separated.group(2), separated.group(3))
        reading = Reading(title=text[: separated.start()], year=year, year_end=year_end, kind=kind)
        reading.year_form = "comma" if separated.group(0).lstrip().startswith(",") else "dash"
        _read_rest(reading, text[separated.end() :])
        return reading
    return None


def _without_alternate_title(title):
    """ "Seven Samurai (Shichinin no samurai)", "The Tunnel [Der Tunnel]": the original title is not part of the title.

    "Birdman or (The Unexpected Virtue of Ignorance)" keeps its brackets: they finish the sentence before them.
    """
    title = title.rstrip()
    if not title.endswith((")", "]")) or title.startswith(("(", "[")):
        return title
    opening = title.rfind("(" if title.endswith(")") else "[")
    head = title[:opening].rstrip()
    if opening <= 0 or not head or head.split()[-1].lower() in SMALL_WORDS:
        return title
    return head


def _year_group(inside):
    """(year, end year, kind, other parts) for "(1995)", "(2016–present)", "(Michael Mann, 1995)", "(TV, 2008-13)"."""
    short = SHORT_YEAR.match(inside)
    if short:
        # "('80)": two digits after an apostrophe, of this century up to the next few years, else of the last.
        two = int(short.group(1))
        return (2000 + two if two <= 35 else 1900 + two), None, "film", []
    match = YEAR_IN_GROUP.search(inside)
    if not match:
        return None
    year = int(match.group(1))
    year_end, kind = _range_end(year, match.group(2), match.group(3))
    others = [part.strip() for part in re.split(r"[,;]", inside[: match.start()] + "," + inside[match.end() :])]
    others = [part for part in others if part]
    if any(TV_WORDS.search(part) for part in others):
        kind = "tv"
    others = [part for part in others if not TV_WORDS.search(part) and part.lower() not in ("film", "movie")]
    return year, year_end, kind, others


def _range_end(year, dash, end):
    """(end year or None, kind): any range, even an open one, is a series' run."""
    if not dash:
        return None, "film"
    if not end or not end[0].isdigit():
        return None, "tv"
    end_year = int(end) if len(end) == 4 else (year // 100) * 100 + int(end)
    return (end_year if end_year >= year else None), "tv"


def _read_group_extras(reading, extra):
    for part in extra:
        name = DIRECTED.sub("", part).strip()
        if name and (name != part or looks_like_person(name)):
            reading.director = name


def _read_rest(reading, after):
    """What follows the title and year: a director ("/ Michael Mann"), a tagline, or the blurb's start."""
    after = after.strip()
    if not after:
        return
    if after[0] in "([" and after[-1] in ")]" and DIRECTED.match(after[1:]):
        after = after[1:-1]  # "The Babadook [2014] (dir. Jennifer Kent)"
    if after[0] in "/|•·" or DIRECTED.match(TAGLINE_SEPARATOR.sub("", after)):
        name = DIRECTED.sub("", TAGLINE_SEPARATOR.sub("", after)).strip()
        if looks_like_person(name):
            reading.director = name
            return
    text = TAGLINE_SEPARATOR.sub("", after)
    if not text:
        return
    # "Heat (1995) is…", "Heat (1995), where…": a sentence that starts with a title.
    if (text == after and text[0].isalpha() and text[0].islower()) or re.match(r"^,\s*[a-z]", after):
        reading.sentence = True
        return
    if _is_blurb(text):
        reading.rest = text
    else:
        reading.tagline = text.strip(" \"'“”‘’")


def _is_blurb(text):
    words = text.split()
    return len(words) >= 12 or (len(words) >= 6 and (text.endswith((".", "!", "?")) or ". " in text))


def _split_label(reading):
    """ "For the shoot-out: Sicario (2015)", "If you liked Heat's crew: The Town (2010)": a sentence, a colon,
    then the title in Title Case."""
    head, colon, tail = reading.title.rpartition(": ")
    if not colon or reading.year is None or not tail[:1].isupper():
        return
    lower = [word for word in head.split()[1:] if word[:1].islower() and word.lower() not in SMALL_WORDS]
    if lower and _in_title_case(tail):
        reading.title, reading.tagline = tail, reading.tagline or head


def _split_owner(reading, catalogue):
    """ "Michael Mann's Thief (1981)": the director's possessive before the title."""
    owner = OWNER.match(reading.title)
    if not owner or reading.director:
        return
    person, rest = owner.group(1), reading.title[owner.end() :]
    if catalogue is not None and catalogue.find(reading.title, reading.year):
        return
    if (catalogue is not None and catalogue.is_person(person)) or common_name(person):
        reading.title, reading.director = rest, person


def _split_shared_line(reading):
    """ "Memento: Like Mac in Backtrace, Leonard…" — a title and then a sentence on the same line.

    Of the places the line could split, the last whose head is still in Title Case wins ("Dune: Part Two: It
    starts…"); failing that, the first ("Y tu mamá también: A road trip…").
    """
    splits = []
    for separator in SHARED_LINE_SPLIT.finditer(reading.title):
        head, tail = reading.title[: separator.start()], reading.title[separator.end() :]
        if separator.group(0).startswith(".") and _ends_with_abbreviation(head):
            continue
        if _is_blurb(tail) and len(head.split()) <= 10:
            splits.append((head, tail))
    if splits:
        title_case = [split for split in splits if _in_title_case(split[0])]
        reading.title, reading.rest = title_case[-1] if title_case else splits[0]


def _in_title_case(text):
    words = text.split()
    return all(
        word[:1].isupper() or word[:1].isdigit() or word.lower() in SMALL_WORDS or not word[:1].isalnum()
        for word in words[1:]
    )


def _ends_with_abbreviation(head):
    last = head.split()[-1].lower() if head.split() else ""
    return last in ABBREVIATIONS or len(last) == 1


def _read_director(reading, catalogue):
    """ "Heat / Michael Mann", "Heat, dir. Michael Mann": the director is a person, not part of the title."""
    title = reading.title
    inside = DIRECTED_INSIDE.search(title)
    if inside and inside.start() > 0:
        name = title[inside.end() :].strip(" ,")
        if looks_like_person(name, catalogue):
            reading.title, reading.director = title[: inside.start()], name
            return
    for separator in (" / ", " | ", " – ", " — ", " - "):
        if separator in title:
            head, _, name = title.rpartition(separator)
            name = name.strip()
            # A dash also starts subtitles ("Mission: Impossible – Fallout"): only a known person is a director there.
            known = catalogue is not None and catalogue.is_person(name)
            if known or (separator in (" / ", " | ") and looks_like_person(name, catalogue)):
                reading.title, reading.director = head, name
                return


def _tidy_title(title):
    title = title.strip().strip(",;:|/–—-").strip()
    if len(title) > 2 and title[0] in QUOTE_CLOSERS and title[-1] == QUOTE_CLOSERS[title[0]]:
        title = title[1:-1].strip()
    if len(title) > 4 and title.startswith("**") and title.endswith("**"):
        title = title[2:-2].strip()
    return title


def _prefer_catalogue_title(reading, catalogue):
    """ "Heat – A Los Angeles Saga" is Heat with a tagline when the catalogue has Heat and not the whole line;
    "Thief James Caan plays a safecracker…" is Thief and a blurb when only the catalogue can tell where it ends."""
    if catalogue.find(reading.title, reading.year):
        return
    words = reading.title.split()
    if reading.year is None and not reading.rest and len(words) > 6:
        for size in range(min(6, len(words) - 4), 0, -1):
            head, tail = " ".join(words[:size]), " ".join(words[size:])
            if tail[:1].isupper() and catalogue.find(head):
                reading.title, reading.rest = head, tail
                return
    for split in reversed(list(SPLIT_POINT.finditer(reading.title))):
        head, tail = reading.title[: split.start()], reading.title[split.end() :]
        if catalogue.find(head, reading.year):
            reading.title, reading.tagline = head.strip(), tail.strip()
            if catalogue.is_person(reading.tagline) or common_name(reading.tagline):
                reading.director, reading.tagline = reading.tagline, None
            return


def plausible_title(reading, strict):
    """Whether the reading names a film rather than being a sentence, a label or a list of reasons.

    `strict` is for lines with nothing else saying they are headings: no year, no quotes, no markup.
    """
    title = reading.title
    words = title.split()
    if not words or len(words) > LONGEST_TITLE_WORDS or len(title) > 120 or ONLY_A_YEAR.match(title):
        return False
    if title[-1] in ":,;" or (title[-1] in ".!?" and reading.year is None and not reading.quoted and strict):
        return False
    # "1. Hope is the whole point." is a sentence; "Crazy, Stupid, Love." has its year beside it.
    if title[-1] == "." and reading.year is None and not reading.quoted and not _ends_with_abbreviation(title):
        return False
    first = title.lstrip("(¡¿[\"'“‘’«*_.")[:1]  # "’71" starts with its digits
    lower = sum(1 for word in words[1:] if word[:1].islower() and word.lower().strip(",.!?") not in SMALL_WORDS)
    # "“The Zone wants to be respected.”": a sentence in quotes is a quotation (a signature, a pull quote).
    if reading.quoted and reading.year is None and title[-1] in ".!" and lower >= 2:
        return False
    if not first or not (first.isupper() or first.isdigit()):
        return reading.quoted or (reading.year is not None and not strict)
    # Beyond the small words, a title holds few lower-case words: two at most with no year, four with one.
    checked = strict or reading.year is None
    return not checked or lower <= (2 if reading.year is None else 4)
