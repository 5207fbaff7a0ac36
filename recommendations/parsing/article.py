"""
A whole article: its title line, intro, entries and subject, from plain text or a Document.

The title is the page's <h1>/<title>, or else the first short line that reads like a
headline; it is never merged with the paragraph after it, even when no blank line
separates them ("Movies Like Heat" then "If you loved Michael Mann's Heat, …").
"""

import re

from recommendations.text import title_key

from .document import Block, Document, from_text
from .entries import find_entries, mark_strays, refuse_too_many_headings
from .headings import LONGEST_HEADING, SMALL_WORDS, SURE_STYLES, plausible_title, read_heading
from .html import html_document
from .noise import stray_reason
from .numbering import numberings
from .results import ParsedArticle, SkippedLine
from .sections import LIST_PHRASE, NOT_A_FILM
from .subjects import find_subject, names_a_subject

LONGEST_TITLE_LINE = 120
# A page's <title> of this many words that begins its first heading was cut from that heading.
HEADLINE_FROM_TITLE_WORDS = 3
# A title line this long over a line as long is a wrapped paragraph's first line.
WRAPPED_TITLE_LINE = 50
# Only a line with a number at its start or a year in it can be a heading that stands alone: most lines are not.
MAY_STAND_ALONE = re.compile(
    r"^\W{0,3}(?:#|no|number|\d|[IVXLC]{1,7}\s*[.):–—-]|[a-z]+\s*[.):–—-])|(?:18|19|20)\d\d", re.I
)
# Four digits in brackets at the end of a heading, or after the subject's name: a year, even one no film has.
PRINTED_YEAR_AT_END = re.compile(r"^(.*?\S)\s*[(\[](\d{4})[)\]]$")
PRINTED_YEAR_AFTER = r"[’'”\"*_]{0,2}\s*[(\[](\d{4})[)\]]"  # "**Whiplash** (2014)" too
NUMBERED_LINE = re.compile(r"^\W{0,3}(?:#|no\.?\s|number\s|\d{1,4}\s*[.):–—-])", re.IGNORECASE)
HEADLINE_WORDS = re.compile(
    r"\b(?:best|top\s+\d+|\d+\s+(?:best|great|good|other|more|essential|underrated|films|movies|shows|series|books)|"
    r"ranked|ranking|must[- ]see|to\s+watch|you\s+(?:need|should|must)|of\s+all\s+time|every|essential|watch\s+next)\b",
    re.IGNORECASE,
)


def parse_text(text, catalogue=None):
    """Parse a plain-text (or Markdown) article. Raises ArticleParseError when it holds no list."""
    return parse_document(text_document(text), catalogue)


def text_document(text):
    """The Document of a plain-text (or Markdown) article, for parse_document."""
    refuse_too_many_headings(text)
    return from_text(text, is_heading=_stands_alone, is_stray=lambda line: bool(stray_reason(line)))


def parse_document(document: Document, catalogue=None):
    blocks = list(document.blocks)
    skipped = {}
    mark_strays(blocks, skipped)
    title, title_line, blocks, skipped = _take_title(document, blocks, skipped, catalogue)
    found = find_entries(blocks, skipped, catalogue)
    intro_blocks = [
        (block.line, block.text)
        for index, block in enumerate(blocks[: found.first_index])
        if index not in skipped and block.kind != "title"
    ]
    entry_titles = [entry.title for entry in found.entries]
    italics = [name for index, block in enumerate(blocks[: found.first_index]) for name in block.italics]
    blurbs = [entry.blurb for entry in found.entries]
    other_titles = [name for name in document.other_titles if name != title]
    subject = find_subject(title, title_line, intro_blocks, blurbs, entry_titles, catalogue, italics, other_titles)
    if subject:
        _drop_the_subject(subject, found, blocks, skipped)
    _years_as_printed(found.entries, subject, title, title_line, intro_blocks, catalogue)
    if not title and subject:
        title = f"Movies Like {subject.title}"
    return ParsedArticle(
        title=title,
        subject=subject,
        intro="\n\n".join(text for _, text in intro_blocks),
        entries=found.entries,
        skipped=[
            SkippedLine(blocks[index].line, blocks[index].text, reason) for index, reason in sorted(skipped.items())
        ],
        date=document.date,
        images=list(document.images),
        title_line=title_line,
        date_line=document.date_line,
        intro_line=intro_blocks[0][0] if intro_blocks else None,
    )


def _years_as_printed(entries, subject, title, title_line, intro_blocks, catalogue):
    """A year no film has ("Thief (9999)", "Movies like Heat (0001)") is a typo: it is read as the year it says,
    for the importer's checks to name, rather than left in the title or dropped."""
    for entry in entries:
        printed = PRINTED_YEAR_AT_END.match(entry.title) if entry.year is None else None
        if printed:
            entry.title, entry.year = printed.group(1), int(printed.group(2))
            if catalogue is not None:
                entry.match = catalogue.find(entry.title, entry.year)
                entry.near = None if entry.match else catalogue.near(entry.title, entry.year)
    if subject is None or subject.year is not None:
        return
    # The line that named the subject first, then the title and the intro: "Christopher Nolan's Interstellar
    # (2014) is a tearjerker" gives the year of a subject the title named.
    texts = [title] if subject.line == title_line else []
    texts += [text for line, text in intro_blocks if line == subject.line]
    texts += [title] + [text for _, text in intro_blocks]
    after_title = re.compile(re.escape(subject.title) + PRINTED_YEAR_AFTER, re.IGNORECASE)
    for text in texts:
        printed = after_title.search(text or "")
        if printed:
            subject.year = int(printed.group(1))
            subject.match = catalogue.find(subject.title, subject.year) if catalogue is not None else None
            return


def _drop_the_subject(subject, found, blocks, skipped):
    """A list's subject cannot be one of its entries: a heading naming it is reported, not kept."""
    key = title_key(subject.title)
    kept = []
    for entry in found.entries:
        same_year = subject.year is None or entry.year is None or subject.year == entry.year
        # The series Fargo and the film Fargo (1996) are two works: only the same kind is the subject itself.
        same_kind = subject.kind == entry.kind or subject.kind == "book"
        if title_key(entry.title) == key and same_year and same_kind and len(found.entries) > 1:
            index = next(i for i, block in enumerate(blocks) if block.line == entry.line)
            skipped[index] = "the list's own subject, not an entry"
        else:
            kept.append(entry)
    if len(kept) < len(found.entries) and not found.numbered:
        for position, entry in enumerate(kept):
            entry.rank = len(kept) - position
    found.entries[:] = kept


def _stands_alone(line):
    """ "alone" for a plain-text line that is a heading even with no blank line around it ("3) The Town (2010)"),
    "starts" for one that starts a block with its blurb ("#5 Shutter Island (2010): A marshal…"), else None."""
    if not MAY_STAND_ALONE.search(line[:LONGEST_HEADING]) or LIST_PHRASE.search(line[:LONGEST_HEADING]):
        return None
    for style, _, text in numberings(line[:LONGEST_HEADING]):
        reading = read_heading(text, keep=True)
        if style not in SURE_STYLES or not reading or reading.sentence:
            continue
        if plausible_title(reading, strict=reading.year is None) and not NOT_A_FILM.match(reading.title):
            return "starts" if reading.rest or len(line) > LONGEST_HEADING else "alone"
    if len(line) > LONGEST_HEADING:
        return None
    reading = read_heading(line, keep=True)
    if reading and reading.year is not None and not reading.sentence and plausible_title(reading, strict=False):
        return "starts" if reading.rest else "alone"
    return None


def _take_title(document, blocks, skipped, catalogue):
    """(title, its line, the blocks without it, skipped renumbered)."""
    if document.page_title:
        headline = _headline_beginning(blocks, document.page_title)
        title = blocks[headline].text if headline is not None else document.page_title
        kept = [
            index
            for index, block in enumerate(blocks)
            if index != headline and not _same_text(block, document.page_title)
        ]
        return title, None, [blocks[i] for i in kept], _renumber(skipped, kept)
    for index, block in enumerate(blocks):
        if index in skipped:
            continue
        first_number, first = block.lines[0]
        if block.kind == "title" or _reads_like_a_title(first, block, catalogue):
            rest = block.lines[1:] if block.kind not in ("title", "heading", "item") else []
            kept = [i for i in range(len(blocks)) if i != index]
            new_blocks = [blocks[i] for i in kept]
            new_skipped = _renumber(skipped, kept)
            if rest:
                new_blocks.insert(index, Block(lines=rest, kind=block.kind))
                new_skipped = {(i + 1 if i >= index else i): reason for i, reason in new_skipped.items()}
            return first if block.kind != "title" else block.text, first_number, new_blocks, new_skipped
        break
    return "", None, blocks, skipped


def _headline_beginning(blocks, page_title):
    """A page with no <h1> whose first heading starts with its <title> ("Still Afraid to Go in the Water?", then
    "<b>Still Afraid to Go in the Water? Eight Creature Features for Jaws Lovers</b>"): that heading is the
    headline the <title> was cut from. A title of a word or two could be a film's, so it must be longer."""
    key = title_key(page_title)
    if len(page_title.split()) < HEADLINE_FROM_TITLE_WORDS:
        return None
    first = next((index for index, block in enumerate(blocks) if block.kind in ("title", "heading")), None)
    if first is not None and title_key(blocks[first].text).startswith(f"{key} "):
        return first
    return None


def _reads_like_a_title(line, block, catalogue):
    first = line.lstrip("‘“'\"«*_[(")[:1]
    lowercase_headline = first.islower() and LIST_PHRASE.search(line) and line[-1] not in ".!:;,"
    if len(line) > LONGEST_TITLE_LINE or len(line.split()) > 20:
        return False
    if not (first.isupper() or first.isdigit() or lowercase_headline):
        return False
    if _wrapped(line, block):
        return False
    if LIST_PHRASE.search(line) or HEADLINE_WORDS.search(line):
        return line[-1] not in ".!:;,"
    if line[-1] in ".!:;," or (line[-1] == "?" and (len(block.lines) > 1 or len(line.split()) > 10)):
        return False
    if _stands_alone(line) and NUMBERED_LINE.match(line):
        return False
    # "If The Thing left you paranoid", "Like Alien (1979)? Nine more nightmares": a headline naming its subject,
    # even set as a heading or holding a year.
    if (len(block.lines) == 1 or block.structural) and names_a_subject(line):
        return True
    if _stands_alone(line) or block.structural:
        return False
    reading = read_heading(line, catalogue)
    tagged = reading and (reading.sentence or len((reading.tagline or reading.rest or "").split()) >= 3)
    if reading and (reading.quoted or reading.year is not None) and not tagged:
        return False
    words = [word for word in line.split() if word.lower() not in SMALL_WORDS]
    title_case = sum(1 for word in words if word[:1].isupper() or word[:1].isdigit()) >= 0.6 * max(len(words), 1)
    # A wrapped paragraph's first line is about as long as its second; a title over its intro is much shorter.
    over_longer = len(block.lines) > 1 and len(line) < 0.6 * len(block.lines[1][1]) and len(line.split()) <= 10
    if len(block.lines) == 1:
        return len(line.split()) >= 2 or title_case
    return title_case or over_longer


def _wrapped(line, block):
    """The first line of a paragraph wrapped by hand ("…now that you have all seen Past" / "Lives. Celine…"):
    long, and nearly as long as the lines after it."""
    if len(block.lines) < 3 or len(line) < WRAPPED_TITLE_LINE:
        return False
    # The paragraph's last line may stop anywhere; the others fill the width the text was wrapped at.
    return len(line) >= 0.75 * max(len(text) for _, text in block.lines[1:-1])


def _same_text(block, title):
    return block.kind == "title" and block.text.strip() == title.strip()


def _renumber(skipped, kept):
    position = {old: new for new, old in enumerate(kept)}
    return {position[index]: reason for index, reason in skipped.items() if index in position}


def parse_html(html, catalogue=None):
    """Parse an HTML article (a saved page or a rich paste). Raises ArticleParseError when it holds no list."""
    return parse_document(html_document(html), catalogue)
