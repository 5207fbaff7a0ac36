"""
Decisions made across the whole list once its headings are chosen: captions and subheadings that looked
like headings, headings that only group others, entries named twice, and directors written the same way
in every heading ("Heat – Michael Mann (1995)").
"""

import re
from collections import defaultdict

from recommendations.text import title_key

from .headings import WEAK_HEADING_WORDS, YEAR
from .names import looks_like_person, word_set

# The last " – ", ", " or " by " of a heading, before what may be a director's name.
DIRECTOR_TAILS = [
    re.compile(r"^(?P<title>.+)\s[–—-]\s+(?P<name>\S.*)$"),
    re.compile(r"^(?P<title>.+),\s+(?P<name>[^,]+)$"),
    re.compile(r"^(?P<title>.+?)\s+by\s+(?P<name>.+)$"),
]
# "Henri-Georges Clouzot. ", "Paul W. S. Anderson. ": a name as a sentence of its own, at a blurb's start.
OPENING_NAME = re.compile(
    r"^([A-Z][\w.'’-]+(?:\s+(?:de|van|von|der|da|del|di|le|la)?\s*[A-Z][\w.'’-]+){1,3})\.\s+(?=\S)"
)
BARE_YEAR = re.compile(rf"^(\S.*?)\s+({YEAR})$")
# The words an English title writes in lower case when it is not their first.
LOWER_IN_TITLES = word_set("a an the of and or nor but in on at to for with from by as vs vs.")
OWNED = re.compile(
    r"^(?P<name>[A-Z][\w.-]+(?:\s+(?:de|van|von|da|di|le|la)?\s*[A-Z][\w.-]+){1,3})[’']s\s+(?P<title>\S.*)$"
)


def without_subheadings(chosen, skipped):
    """Films under h2s with their years, and a yearless h3 under one ("Why it's like Heat"): a subheading."""
    dated = [item.candidate.level for item in chosen if item.reading.year is not None and item.candidate.level]
    if not dated or len(dated) < 0.7 * len(chosen):
        return chosen
    top = min(dated)
    kept = []
    for item in chosen:
        if item.reading.year is None and (item.candidate.level or 0) > top:
            skipped[item.candidate.index] = "section heading"
        else:
            kept.append(item)
    return kept


def without_captions(chosen, skipped):
    """ "Thief", then "James Caan in Thief": a line naming the film beside it after "in" is the still's caption."""
    kept = []
    for position, item in enumerate(chosen):
        neighbours = chosen[max(0, position - 1) : position] + chosen[position + 1 : position + 2]
        head = title_key(item.candidate.head)
        if any(captions(head, title_key(other.reading.title)) for other in neighbours):
            skipped[item.candidate.index] = "image caption or credit"
            continue
        kept.append(item)
    return kept


def captions(head, title):
    return bool(title) and head != title and (head.endswith(f" in {title}") or f" in {title} " in f"{head} ")


def without_group_headings(chosen, skipped):
    """ "The Classics" over "Thief (1981)": a heading with no blurb, over a deeper or stronger one, is a group."""
    kept = []
    for position, item in enumerate(chosen):
        following = chosen[position + 1].candidate if position + 1 < len(chosen) else None
        candidate, reading = item.candidate, item.reading
        bare = reading.year is None and not reading.quoted and not reading.rest and not candidate.rest
        next_block = _next_unskipped(candidate.index, skipped)
        if bare and following is not None and following.index == next_block:
            deeper = (following.level or 9) > (candidate.level or 9)
            if deeper or (candidate.weak and not following.weak) or following.plain.year is not None:
                skipped[candidate.index] = "section heading"
                continue
        kept.append(item)
    return kept


def _next_unskipped(index, skipped):
    index += 1
    while index in skipped:
        index += 1
    return index


def without_repeats(chosen, blocks, skipped):
    """A table of contents or a recap names the entries twice: keep the one with a blurb."""
    by_key = defaultdict(list)
    for item in chosen:
        by_key[title_key(item.reading.title)].append(item)
    dropped = set()
    for items in by_key.values():
        years = [item.reading.year for item in items]
        if len(items) < 2 or (None not in years and len(set(years)) == len(years)):
            continue  # a remake is another film: "Suspiria (1977)" and "Suspiria (2018)"
        keep = max(items, key=lambda item: (_blurb_size(item, blocks), item.reading.year is not None))
        for item in items:
            if item is not keep and id(item) not in dropped:
                dropped.add(id(item))
                skipped[item.candidate.index] = "repeats an entry (a table of contents or a recap)"
    return [item for item in chosen if id(item) not in dropped]


def _blurb_size(item, blocks):
    index = item.candidate.index + 1
    size = len(item.reading.rest)
    while index < len(blocks) and blocks[index].kind not in ("heading", "item") and len(blocks[index].lines) > 0:
        text = blocks[index].text
        if len(text.split()) <= WEAK_HEADING_WORDS and index + 1 < len(blocks):
            break
        size += len(text)
        index += 1
        if size > 200:
            break
    return size


def notes_for_entries(chosen, blocks, skipped):
    """ "| 1 | Black Swan | 2010 |" rows first, then "**Black Swan.** The ballet equivalent…": a paragraph that
    leads with the name of an entry that has no blurb of its own is that entry's blurb. {position in `chosen`:
    block index}, when two or more such notes are found."""
    starts = [item.candidate.index for item in chosen]
    headings = set(starts)
    by_key = {title_key(item.reading.title): position for position, item in reversed(list(enumerate(chosen)))}
    notes = {}
    for index in range(starts[0] + 1, len(blocks)):
        block = blocks[index]
        if index in skipped or index in headings or not block.lead or block.lead == block.text:
            continue
        position = by_key.get(title_key(block.lead))
        if position is not None and index > starts[position]:
            notes.setdefault(position, index)
    if len(notes) < 2:
        return {}
    first_note = min(notes.values())
    ends = [*starts[1:], len(blocks)]

    def has_a_blurb(position):
        item = chosen[position]
        under = range(starts[position] + 1, min(ends[position], first_note))
        return bool(item.reading.rest or item.candidate.rest) or any(index not in skipped for index in under)

    notes = {position: index for position, index in notes.items() if not has_a_blurb(position)}
    return notes if len(notes) >= 2 else {}


def bare_years_across_the_list(chosen):
    """ "1 Heat 1995", "2 Le Cercle Rouge 1970": a list (Letterboxd's, copied) whose every heading ends in a year
    after a space and none in brackets prints its years bare. One heading alone may be a title ("Class of 1984")."""
    found = [BARE_YEAR.match(item.reading.title) if item.reading.year is None else None for item in chosen]
    if len(found) < 3 or not all(found):
        return
    for item, match in zip(chosen, found, strict=True):
        item.reading.title, item.reading.year = match.group(1), int(match.group(2))


def capitals_across_the_list(chosen):
    """ "NO. 5 — THE WAGES OF FEAR (1953)": a list whose every heading is in capitals has them for style; its titles
    are written as a reader writes them. Initials ("JFK", "L.A.", "THX 1138") stay in capitals."""
    titles = [item.reading.title for item in chosen]
    if len(titles) < 3 or not all(any(char.isalpha() for char in title) and title.isupper() for title in titles):
        return
    for item in chosen:
        words = item.reading.title.split(" ")
        item.reading.title = " ".join(_readable(word, position) for position, word in enumerate(words))


def _readable(word, position):
    lower = word.lower()
    if position > 0 and lower in LOWER_IN_TITLES:
        return lower
    letters = [char for char in lower if char.isalpha()]
    if "." in word or any(char.isdigit() for char in word) or not set(letters) & set("aeiouy"):
        return word
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def directors_opening_blurbs(entries):
    """ "George Sluizer. A man's girlfriend disappears…": when most blurbs of a list open on a name alone, as a
    printed page or a timeline credits its films, that name is the director's and no part of the blurb."""
    found = [(entry, OPENING_NAME.match(entry.blurb)) for entry in entries if entry.director is None]
    found = [(entry, match) for entry, match in found if match and looks_like_person(match.group(1))]
    if len(found) >= max(3, 0.6 * len(entries)):
        for entry, match in found:
            entry.director, entry.blurb = match.group(1), entry.blurb[match.end() :]


def directors_across_the_list(chosen):
    """ "Heat – Michael Mann (1995)" could be a subtitle ("Mission: Impossible – Dead Reckoning"); when most
    headings of the list end the same way in a person's name, those names are directors."""
    if len(chosen) < 3:
        return
    enough = max(3, 0.6 * len(chosen))
    for pattern in DIRECTOR_TAILS:
        found = []
        for item in chosen:
            match = pattern.match(item.reading.title) if item.reading.director is None else None
            if match and looks_like_person(match.group("name")):
                found.append((item, match))
        if len(found) >= enough:
            for item, match in found:
                item.reading.title, item.reading.director = match.group("title").strip(), match.group("name").strip()
            return
    # "Sofia Coppola's Lost in Translation (2003)": in a list whose headings name their directors, a person's
    # possessive before the title is one more director, even without a common first name.
    owned = [(item, OWNED.match(item.reading.title)) for item in chosen if item.reading.director is None]
    owned = [(item, match) for item, match in owned if match and looks_like_person(match.group("name"))]
    directed = sum(1 for item in chosen if item.reading.director)
    if len(owned) >= 2 and len(owned) + directed >= enough:
        for item, match in owned:
            item.reading.title, item.reading.director = match.group("title").strip(), match.group("name")
        return
    named = [item for item in chosen if item.reading.tagline and looks_like_person(item.reading.tagline)]
    if len(named) >= enough:
        for item in named:
            item.reading.director, item.reading.tagline = item.reading.tagline, None
