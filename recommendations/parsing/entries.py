"""
Finding a list's entries by structure: which blocks are headings, how the list is numbered, and what each blurb is.

Every block is read as a possible heading. The numbering style is chosen for the whole
list (the style most headings share, in sequence), so a number in one title ("211",
"2001: A Space Odyssey") stays a title when the list is not numbered that way. Without
numbers, a heading has a year, quotes or markup, or else is a short line before a longer
paragraph in a run of the same. Lines that are not entries are reported with a reason.
"""

import bisect
import copy
import re
from collections import defaultdict
from dataclasses import dataclass, field

from recommendations.text import title_key

from .headings import (
    LONGEST_HEADING,
    SURE_STYLES,
    WEAK_HEADING_WORDS,
    Reading,
    plausible_title,
    read_heading,
)
from .listwide import (
    bare_years_across_the_list,
    capitals_across_the_list,
    captions,
    directors_across_the_list,
    directors_opening_blurbs,
    notes_for_entries,
    without_captions,
    without_group_headings,
    without_repeats,
    without_subheadings,
)
from .names import looks_like_person
from .noise import director_detail, running_heads, stray_reason, year_detail
from .numbering import numberings
from .results import MAX_ENTRIES, MAX_TEXT_CHARS, ArticleParseError, ParsedEntry
from .sections import END_SECTION, HONOURABLE, LIST_PHRASE, NOT_A_FILM, SECTION_HEADING, mark_sections

# What most headings look like, for counting them before reading any: "5. …", "#5 …", "… (1995)".
LIKELY_HEADING = re.compile(r"^(?:#\s*|no\.?\s*)?\d{1,5}\s*[.):–—-]\s*\S|\(\d{4}[^()]{0,12}\)\s*$", re.IGNORECASE)


@dataclass(eq=False)
class Candidate:
    index: int
    line: int
    head: str
    rest: str
    alone: bool
    structural: bool
    level: int | None
    list_rank: int | None
    options: dict = field(default_factory=dict)  # style → (rank, Reading)
    plain: Reading | None = None
    strong: bool = False
    weak: bool = False


@dataclass(eq=False)
class Chosen:
    candidate: Candidate
    rank: int | None
    reading: Reading


@dataclass
class ListParse:
    entries: list[ParsedEntry]
    first_index: int  # the block of the first entry
    skipped: dict  # block index → reason
    numbered: bool


FIRST_YEAR, LAST_YEAR = 1888, 2039
CREDIT_PARTS = re.compile(r"\s[|·•]\s")
# A first heading whose line runs on for this many words, over headings that stand alone, is the intro.
INTRO_WORDS = 12
COUNTED_KINDS = re.compile(r"\b\d+\s+(?:\S+\s+){0,3}(?:films|movies|shows|series|books|picks|titles)\b", re.IGNORECASE)


def find_entries(blocks, skipped, catalogue=None):
    """The entries of the list in `blocks`; `skipped` (block index → reason) gains what was left out and why."""
    likely = sum(1 for block in blocks if LIKELY_HEADING.search(block.lines[0][1][:LONGEST_HEADING]))
    if likely > MAX_ENTRIES:
        # Refused before any heading is read: reading 10,000 of them is the slow part.
        raise _too_many(likely)
    candidates = _candidates(blocks, skipped, catalogue)
    mark_sections(blocks, candidates, skipped)
    candidates = [candidate for candidate in candidates if candidate.index not in skipped]
    chosen, numbered = _choose(candidates, skipped, len(blocks))
    if not chosen:
        raise ArticleParseError(
            "No entries found. Each film needs a heading line of its own, such as “6. Escape Plan (2013)” "
            "or “Escape Plan (2013)”, followed by its blurb."
        )
    if len(chosen) > MAX_ENTRIES:
        raise _too_many(len(chosen))
    chosen = without_repeats(chosen, blocks, skipped)
    directors_across_the_list(chosen)
    capitals_across_the_list(chosen)
    bare_years_across_the_list(chosen)
    _skip_stray_after_start(blocks, candidates, chosen, skipped)
    entries = _entries(chosen, blocks, skipped, numbered, catalogue)
    directors_opening_blurbs(entries)
    return ListParse(entries=entries, first_index=chosen[0].candidate.index, skipped=skipped, numbered=numbered)


def mark_strays(blocks, skipped):
    """Captions, links, call-outs, bylines, banners, details lines and a printed page's running heads: `skipped`
    gains each with its reason."""
    for index in running_heads([block.text if len(block.lines) == 1 else "" for block in blocks]):
        skipped[index] = "running head or page number"
    for index, block in enumerate(blocks):
        if index in skipped:
            continue
        if block.kind in ("caption", "signature"):
            skipped[index] = "image caption or credit" if block.kind == "caption" else "signature"
            continue
        reason = stray_reason(block.text)
        if reason:
            skipped[index] = reason


def refuse_too_many_headings(text):
    """Refuse text with more heading-like lines than a list can have, before reading any of them."""
    if not isinstance(text, str) or len(text) > MAX_TEXT_CHARS or text.count("\n") < MAX_ENTRIES:
        return
    likely = sum(1 for line in text.splitlines() if LIKELY_HEADING.search(line.strip()[:LONGEST_HEADING]))
    if likely > MAX_ENTRIES:
        raise _too_many(likely)


def _too_many(count):
    return ArticleParseError(
        f"{count:,} entries found; a list can have at most {MAX_ENTRIES:,}. Split the article into several lists."
    )


def _candidates(blocks, skipped, catalogue):
    candidates = []
    for index, block in enumerate(blocks):
        if index in skipped or block.kind == "title":
            continue
        candidate = _candidate(index, block, catalogue)
        if candidate:
            candidates.append(candidate)
    return candidates


def _candidate(index, block, catalogue):
    if block.structural:
        head, rest, alone = block.text, "", True
    elif block.lead:
        head, rest, alone = block.lead, block.text[len(block.lead) :].strip().lstrip(".,:;–— ").strip(), False
    else:
        head, rest, alone = block.lines[0][1], " ".join(text for _, text in block.lines[1:]), len(block.lines) == 1
    if block.bold:
        # An essay's paragraph that names its film in bold: the bold title is the heading, the paragraph its blurb.
        reading = read_heading(block.bold, catalogue)
        if reading and reading.year is not None and not reading.rest and _names_a_film(reading, strict=False):
            head, rest, alone = block.bold, block.text, False
    overflow = ""
    if len(head) > LONGEST_HEADING:
        # A long line can still start with a heading that shares it with the blurb.
        head, overflow = head[:LONGEST_HEADING], head[LONGEST_HEADING:]
    # "10 Films Similar to ‘Heat’ (1995)" is a title; "If you liked Heat's crew: The Town (2010)" a labelled heading.
    phrase = LIST_PHRASE.search(head)
    if (
        (phrase and ": " not in head[phrase.end() :])
        or SECTION_HEADING.match(head)
        or END_SECTION.match(head)
        or HONOURABLE.match(head)
    ):
        return Candidate(index, block.line, head, rest, alone, block.structural, block.level, block.list_rank)
    candidate = Candidate(index, block.line, head, rest, alone, block.structural, block.level, block.list_rank)
    for style, rank, text in numberings(head):
        reading = read_heading(text, catalogue)
        if reading and _usable(reading, overflow) and _names_a_film(reading, strict=style not in SURE_STYLES):
            reading.rest = (reading.rest + overflow).strip()
            candidate.options[style] = (rank, reading)
            if style in ("dash", "colon") and FIRST_YEAR <= rank <= LAST_YEAR and reading.year is None:
                # "1959 – The 400 Blows": in a list arranged by year, the number is the year.
                dated = copy.copy(reading)
                dated.year = rank
                candidate.options["year"] = (None, dated)
    plain = read_heading(head, catalogue)
    if plain and _usable(plain, overflow):
        plain.rest = (plain.rest + overflow).strip()
        candidate.plain = plain
        found = catalogue is not None and catalogue.find(plain.title, plain.year) is not None
        marked = plain.year is not None or plain.quoted or block.structural or found
        if marked and (alone or plain.rest or block.lead or plain.year is not None):
            candidate.strong = _names_a_film(plain, strict=False)
        short = len(plain.title.split()) <= WEAK_HEADING_WORDS and not plain.rest
        if not candidate.strong and short and _names_a_film(plain, strict=True):
            candidate.weak = alone or _starts_a_sentence(rest)
    return candidate


def _usable(reading, overflow):
    if reading.sentence:
        return False
    # A line too long to be a heading is one only if the heading part ends early and the blurb follows.
    return not overflow or bool(reading.rest)


def _names_a_film(reading, strict):
    if reading.year is None and not reading.quoted and NOT_A_FILM.match(reading.title):
        return False
    if COUNTED_KINDS.search(reading.title):
        return False  # "The 20 Best Sci-Fi Films of 2023" heads another list
    return plausible_title(reading, strict)


def _starts_a_sentence(text):
    return bool(text) and (text[0].isupper() or text[0] in "“‘\"'") and len(text.split()) >= WEAK_HEADING_WORDS


def _choose(candidates, skipped, block_count):
    """(the chosen entries in page order, whether the list is numbered)."""
    _titles_over_details(candidates, skipped)
    style, members = _numbering_style(candidates)
    numbered = {id(candidate) for candidate in members}
    strong = [candidate for candidate in candidates if candidate.strong and id(candidate) not in numbered]
    if style and len(members) >= len(strong):
        return _numbered(style, members, candidates, skipped), True
    chosen = _without_an_intro_naming_a_film(
        [Chosen(candidate, None, candidate.plain) for candidate in candidates if candidate.strong]
    )
    first = chosen[0].candidate.index if chosen else None
    weak = [candidate for candidate in candidates if candidate.weak and (first is None or candidate.index > first)]
    before = [candidate for candidate in candidates if candidate.weak and first is not None and candidate.index < first]
    before = [c for c in before if not any(captions(title_key(c.head), title_key(o.plain.title)) for o in before)]
    # One short line just before the first film heading, after the intro, is the first film without its year;
    # more than one there are the intro's own subheadings. In a list whose headings share their lines with their
    # blurbs ("* Stalker (1979) - the obvious ancestor…"), a short line of its own is no heading of the list.
    shared = 2 * sum(1 for item in chosen if item.reading.rest) > len(chosen)
    alone_before = len(before) == 1 and before[0].index > 0 and not shared
    if alone_before and not any(c.index < before[0].index for c in candidates if c.strong):
        weak.insert(0, before[0])
    # A short line is a heading only with a paragraph of its own under it ("Thanks for reading" has none);
    # the caption of the still under it ("James Caan in Thief") does not count as the next heading.
    headings = {candidate.index for candidate in candidates if candidate.strong or candidate.weak}
    for previous, candidate in zip(candidates, candidates[1:], strict=False):
        if previous.plain and captions(title_key(candidate.head), title_key(previous.plain.title)):
            headings.discard(candidate.index)
    weak = [c for c in weak if _paragraph_after(c.index, skipped, headings, block_count) or c.rest]
    if chosen or len(weak) >= 2:
        chosen += [Chosen(candidate, None, candidate.plain) for candidate in weak]
        chosen.sort(key=lambda item: item.candidate.index)
    chosen = without_subheadings(without_captions(chosen, skipped), skipped)
    return without_group_headings(chosen, skipped), False


def _without_an_intro_naming_a_film(chosen):
    """ "There is a mood Sofia Coppola bottled in Lost in Translation (2003): jet lag, neon, …" before headings on
    lines of their own: the one line that runs on into a paragraph, when no heading after it does, is the intro."""
    first = chosen[0].reading if chosen else None
    if (
        len(chosen) >= 3
        and len(first.rest.split()) >= INTRO_WORDS
        and not any(item.reading.rest for item in chosen[1:])
    ):
        return chosen[1:]
    return chosen


def _titles_over_details(candidates, skipped):
    """ "The Silent Patient", then "Alex Michaelides · 2019": when titles in a list each have such a line under
    them, that line is the title's details (its year), not a film of its own."""
    pairs = []
    for title, detail in zip(candidates, candidates[1:], strict=False):
        if not (title.plain and detail.plain and detail.strong and title.plain.year is None and not title.plain.quoted):
            continue
        next_index = title.index + 1
        while next_index in skipped:
            next_index += 1
        person = looks_like_person(detail.plain.title) or detail.plain.year_form in ("comma", "dash")
        # A title the catalogue knows is strong on its own; the details line under it still holds its year.
        marked = title.weak or title.structural or title.strong
        if detail.index == next_index and person and not title.plain.rest and marked:
            pairs.append((title, detail))
    if len(pairs) < 2 or len(pairs) * 2 < sum(1 for candidate in candidates if candidate.strong):
        return
    for title, detail in pairs:
        title.plain.year, title.strong, title.weak = detail.plain.year, True, False
        # "Wim Wenders | West Germany | 1974 | 110 min": a programme's credit line starts with the director.
        credited = CREDIT_PARTS.split(detail.plain.title)[0].strip()
        if title.plain.director is None and looks_like_person(credited):
            title.plain.director = credited
        detail.strong = False
        detail.options.clear()
        skipped[detail.index] = "details line"


def _paragraph_after(index, skipped, headings, block_count):
    index += 1
    while index in skipped:
        index += 1
    return index < block_count and index not in headings


def _numbering_style(candidates):
    """The style most headings are numbered in, in sequence, with the candidates numbered so; or (None, [])."""
    by_style = defaultdict(list)
    for candidate in candidates:
        for style in candidate.options:
            by_style[style].append(candidate)
        if candidate.plain and candidate.plain.rank_after is not None:
            by_style["after"].append(candidate)
        if candidate.list_rank is not None and candidate.plain:
            by_style["list"].append(candidate)
    best, best_score = None, 0
    for style, members in by_style.items():
        ranks = [_rank(candidate, style) or 0 for candidate in members]
        down = sum(1 for a, b in zip(ranks, ranks[1:], strict=False) if a - b == 1)
        up = sum(1 for a, b in zip(ranks, ranks[1:], strict=False) if b - a == 1)
        in_sequence = max(down, up) + 1
        sure = style in SURE_STYLES or style == "after"
        if style == "year":
            # Years are not in sequence; enough headings led by a year, and no better numbering, make the list.
            if len(members) < 3:
                continue
            score = 0.6 * len(members)
        elif sure and (len(members) <= 2 or in_sequence >= 0.5 * len(members)):
            score = in_sequence + 0.5
        elif not sure and len(members) >= 2 and in_sequence >= 0.7 * len(members):
            score = in_sequence
        else:
            continue
        if score > best_score:
            best, best_score = style, score
    return best, by_style.get(best, [])


def _rank(candidate, style):
    if style == "after":
        return candidate.plain.rank_after
    if style == "list":
        return candidate.list_rank
    return candidate.options[style][0]


def _reading(candidate, style):
    if style in ("after", "list"):
        return candidate.plain
    return candidate.options[style][1]


def _numbered(style, members, candidates, skipped):
    chosen = [Chosen(candidate, _rank(candidate, style), _reading(candidate, style)) for candidate in members]
    ordered = {item.candidate.index: item for item in chosen}
    # A film heading that lost its number fills the gap it sits in ("6.", it, "4."); any other is reported.
    positions = sorted(ordered)
    for candidate in candidates:
        if candidate.index in ordered or not candidate.strong or not candidate.alone or style == "year":
            continue
        if candidate.index < positions[0] and candidate.plain.rest:
            continue  # "Dune: Part Two is a triumph. …" before the list: the intro naming a film it knows
        at = bisect.bisect_left(positions, candidate.index)
        if 0 < at < len(positions):
            low, high = ordered[positions[at - 1]].rank, ordered[positions[at]].rank
            if abs(low - high) == 2:
                chosen.append(Chosen(candidate, (low + high) // 2, candidate.plain))
                continue
        deeper = candidate.level and any((member.level or 9) < candidate.level for member in members[:1])
        skipped[candidate.index] = (
            "section heading" if deeper else "a film heading without a number, in a numbered list"
        )
    chosen.sort(key=lambda item: item.candidate.index)
    return chosen


def _skip_stray_after_start(blocks, candidates, chosen, skipped):
    """Once the list has started, a "movies like …" line links to another list; a "10 reasons" line is no film."""
    first = chosen[0].candidate.index
    entry_indexes = {item.candidate.index for item in chosen}
    starts = [item.candidate.index for item in chosen]
    for candidate in candidates:
        if candidate.index <= first or candidate.index in entry_indexes or candidate.index in skipped:
            continue
        short = candidate.alone and len(candidate.head.split()) <= 15
        if not short:
            continue
        entry = chosen[bisect.bisect_left(starts, candidate.index) - 1]
        if " in " in candidate.head and captions(title_key(candidate.head), title_key(entry.reading.title)):
            skipped[candidate.index] = "image caption or credit"
        elif short and LIST_PHRASE.search(candidate.head):
            skipped[candidate.index] = "link to another list"
        elif short and any(
            NOT_A_FILM.match(text) for _, _, text in numberings(candidate.head) if candidate.head[-1:] not in ".!?"
        ):
            skipped[candidate.index] = "a numbered line that is not a film"
        elif short and candidate.structural and SECTION_HEADING.match(candidate.head):
            skipped[candidate.index] = "section heading"


def _entries(chosen, blocks, skipped, numbered, catalogue):
    entries = []
    starts = [item.candidate.index for item in chosen] + [len(blocks)]
    notes = notes_for_entries(chosen, blocks, skipped)
    noted = set(notes.values())
    for position, item in enumerate(chosen):
        reading = item.reading
        first = " ".join(text for text in (reading.rest, item.candidate.rest) if text)
        paragraphs = [first] if first else []
        if position in notes:
            paragraphs.append(_after_lead(blocks[notes[position]]))
        director, year = reading.director, reading.year
        for index in range(starts[position] + 1, starts[position + 1]):
            if index in noted:
                continue
            if index in skipped:
                if skipped[index] == "details line":
                    director = director or director_detail(blocks[index].text)
                    year = year or year_detail(blocks[index].text)
                continue
            paragraphs.append(blocks[index].text)
        entry = ParsedEntry(
            rank=item.rank,
            title=reading.title,
            year=year,
            blurb="\n\n".join(paragraphs),
            line=item.candidate.line,
            director=director,
            kind=reading.kind,
            year_end=reading.year_end,
            tagline=reading.tagline,
        )
        if catalogue is not None:
            entry.match = catalogue.find(entry.title, entry.year)
            entry.near = None if entry.match else catalogue.near(entry.title, entry.year)
        entries.append(entry)
    if not numbered or any(entry.rank is None for entry in entries):
        for position, entry in enumerate(entries):
            entry.rank = len(entries) - position
    for entry in entries:
        if not 0 < entry.rank <= MAX_ENTRIES:
            raise ArticleParseError(
                f"“{entry.title}” is numbered {entry.rank}; a list's numbers run from 1 to {MAX_ENTRIES:,}.", entry.line
            )
    return entries


def _after_lead(block):
    """ "**Black Swan.** The ballet equivalent…" → "The ballet equivalent…": a note's lead names its entry."""
    return block.text[len(block.lead) :].lstrip(".,:;–— ")
