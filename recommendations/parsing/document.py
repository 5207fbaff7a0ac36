"""
An article as blocks of lines that keep their source line numbers, made from plain text.

Plain text keeps its lines; a run of non-blank lines is one block, except that a line
that can only be a heading or a stray line (a caption, a "Read more" link) stands alone.
Markdown marks (`## `, `**…**`) are read as the structure they are. HTML makes the same
blocks from its DOM (see html.py).
"""

import functools
import html
import re
import unicodedata
from dataclasses import dataclass, field

from .results import MAX_LINES, MAX_TEXT_CHARS, ArticleParseError

# Control characters but tab and newline, zero-width marks and the byte-order mark: pasted text carries them.
INVISIBLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2060\ufeff]")
ODD_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")
DATE_PREFIX = re.compile(r"^\s*date\b[:\s]*(\d{4}-\d{2}-\d{2})\s*", re.IGNORECASE)
MARKDOWN_LINK = re.compile(r"\[([^\[\]]{1,200})\]\([^()\s]{0,500}\)")
EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)([^*_]{1,200}?)(?<=\S)\1(?![\w*])")
MARKDOWN_HEADING = re.compile(r"^(#{1,6})\s+(?=\S)")
# A forum's BBCode: "[b]…[/b]" is bold as "**…**" is, a link is its text, an image its address, a quoted reply
# says whose it is ("Rachael wrote: …", reported as a quote), and the other tags only style the text.
BBCODE_LINK = re.compile(r"\[url(?:=[^\[\]]{0,500})?\]([^\[\]]{0,300})\[/url\]", re.IGNORECASE)
BBCODE_IMAGE = re.compile(r"\[img(?:=[^\[\]]{0,100})?\]([^\[\]]{0,500})\[/img\]", re.IGNORECASE)
BBCODE_QUOTE = re.compile(r"\[quote(?:=[\"']?([^\[\]\"']{1,60})[\"']?)?\]", re.IGNORECASE)
BBCODE_EMPHASIS = {"b": "**", "strong": "**", "i": "*", "em": "*"}
BBCODE_TAG = re.compile(
    r"\[(/?)(b|i|u|s|em|strong|size|colou?r|font|center|left|right|quote|spoiler|list|\*|h[1-6]|sup|sub|highlight)"
    r"(?:=[^\[\]]{0,100})?\]",
    re.IGNORECASE,
)
MARKDOWN_BOLD_LEAD = re.compile(r"^(\*\*|__)(?=\S)([^*_]{1,200}?)(?<=\S)\1(?:\s+|$|(?=[,:;–—]))")
# "**Prisoners**, 2013. Villeneuve's…": the year after the bold title is part of the heading.
YEAR_AFTER_LEAD = re.compile(r"^,\s*(?:18[89]\d|19\d\d|20[0-3]\d)(?!\d)")
# "**1. 1899** (2022) — same creators…": so is a year (or a run of years) in brackets after it.
BRACKETED_YEAR_AFTER_LEAD = re.compile(
    r"^[(\[](?:18[89]\d|19\d\d|20[0-3]\d)(?:\s*[–—-]\s*(?:\d{2,4}|present)?)?[)\]]", re.IGNORECASE
)
# A line holding only a number ("5.", "#5", "No. 5") whose title is on the next line.
SHORTEST_SENTENCE = 100
# Hand-wrapped text stays within this; a longer line is a paragraph of its own.
WRAPPED_WIDTH = 100
YEAR_ONLY = re.compile(r"^[(\[]?(?:18[89]\d|19\d\d|20[0-3]\d)(?:\s*[–—-]\s*(?:\d{4}|present)?)?[)\]]?$", re.IGNORECASE)
# "-- " or "------": a rule with a few lines straight under it (no blank line) is a forum's or an e-mail's
# signature ("“The Zone wants to be respected.”", "Letterboxd: tarkovskyite").
SIGNATURE_RULE = re.compile(r"^(?:--|[-_]{4,})$")
LONGEST_SIGNATURE = 4
BARE_NUMBER_LINE = re.compile(
    r"^(?:#\s*|no\.?\s*|number\s+)?\d{1,4}\s*[.):–—-]?$|^[【（〔\[(]\d{1,4}[】）〕\])]$", re.I
)


@dataclass
class Block:
    """A paragraph, heading or list item: its lines (source line number, text) and what the markup said it is."""

    lines: list[tuple[int, str]]
    kind: str = "text"  # text, heading, paragraph, item, bullet, caption, title, signature
    level: int | None = None  # 2 for an h2 or "## "
    lead: str | None = None  # a bold start ("**Heat (1995)** Mann's…")
    list_rank: int | None = None  # the number an <ol> shows beside the item
    bold: str | None = None  # the one bold span inside a paragraph ("Then there is <b>Brief Encounter (1945)</b>…")
    italics: tuple = ()  # the spans in italics, where HTML sets titles ("If you loved <em>Heat</em>, …")

    @property
    def line(self):
        return self.lines[0][0]

    @functools.cached_property
    def text(self):
        # Kept: a block's text is asked for many times; nothing changes its lines once it is built.
        return " ".join(text for _, text in self.lines)

    @property
    def structural(self):
        """Whether the markup itself made this a heading."""
        return self.kind in ("heading", "item") or (self.lead is not None and self.lead == self.text)


@dataclass
class Document:
    blocks: list[Block]
    page_title: str | None = None  # an HTML <h1> or <title>
    other_titles: list[str] = field(default_factory=list)  # the page's other names for itself
    date: str | None = None
    date_line: int | None = None
    images: list[str] = field(default_factory=list)


def clean(text):
    """One line of pasted text without invisible characters, odd spaces or doubled spaces, in NFC."""
    text = INVISIBLE.sub("", ODD_SPACES.sub(" ", text))
    return " ".join(unicodedata.normalize("NFC", text).split())


def clean_text_line(text):
    """A line of plain text or Markdown: also without Markdown links or HTML entities ("[Heat](…)", "&amp;")."""
    if "](" in text:
        text = MARKDOWN_LINK.sub(r"\1", text)
    if "&" in text and ";" in text:
        text = html.unescape(text)
    if "[" in text and "]" in text:
        text = _without_bbcode(text)
    return clean(text)


def _without_bbcode(text):
    text = BBCODE_LINK.sub(r"\1", text)
    text = BBCODE_IMAGE.sub(r"\1", text)
    text = BBCODE_QUOTE.sub(lambda found: f"{found.group(1)} wrote: " if found.group(1) else "Quote: ", text)

    def plain(found):
        return BBCODE_EMPHASIS.get(found.group(2).lower(), "")

    return BBCODE_TAG.sub(plain, text)


def check_size(text):
    if len(text) > MAX_TEXT_CHARS:
        raise ArticleParseError(
            f"The text is {len(text):,} characters long; an article can be at most {MAX_TEXT_CHARS:,}. "
            "Split it, or paste only the article."
        )


def from_text(text, is_heading=lambda line: None, is_stray=lambda line: False):
    """Blocks of a plain-text (or Markdown) article.

    `is_stray(line)` and `is_heading(line) == "alone"` say which lines stand alone even without blank lines
    around them; `is_heading(line) == "starts"` says a line starts a new block (a heading and its blurb).
    """
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    check_size(text)
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    filled = sum(1 for line in raw_lines if line and not line.isspace())
    if filled > MAX_LINES:
        raise ArticleParseError(f"The text has {filled:,} lines; an article can have at most {MAX_LINES:,}.")
    date = date_line = None
    blocks, current = [], []

    def close():
        if current:
            blocks.append(Block(lines=list(current)))
            current.clear()

    pending_number = None
    signature = _signature_lines(raw_lines)
    for number, raw in enumerate(raw_lines, start=1):
        line = clean_text_line(raw)
        if number in signature:
            close()
            if line:
                blocks.append(Block(lines=[(number, line)], kind="signature"))
            continue
        if date is None and not blocks and not current and line:
            found = DATE_PREFIX.match(line)
            if found:
                date, date_line, line = found.group(1), number, line[found.end() :]
        if not line:
            if pending_number is not None and pending_number[2].isdigit():
                # A bare "211" with a blank line under it is a line of its own, not the number of what follows.
                current.append(pending_number[:1] + (pending_number[2],))
                pending_number = None
            if pending_number is None:
                close()
            continue
        if pending_number is not None:
            if len(line) <= SHORTEST_SENTENCE and line[-1] != "." and not is_stray(line):
                # "5." on a line of its own numbers the title below it.
                number, line = pending_number[0], f"{pending_number[1]} {line}"
            else:
                # A sentence is not a title: the number was a line of its own ("211", "1917").
                current.append(pending_number[:1] + (pending_number[2],))
            pending_number = None
        elif BARE_NUMBER_LINE.match(line) and len(line) <= 12 and not YEAR_ONLY.match(line):
            close()
            pending_number = (number, line if line[-1] in ".):–—-" else line + ".", line)
            continue
        if YEAR_ONLY.match(line) and _merge_year(line, current, is_stray):
            continue
        if line.startswith("|") and line.endswith("|"):
            # A Markdown table row is one line, "1 – Thief – 1981"; the row of dashes under the header is none.
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            if all(set(cell) <= set("-: ") for cell in cells):
                continue
            line = " – ".join(cell for cell in cells if cell)
        marked = _markdown_block(number, line)
        if marked:
            close()
            blocks.append(marked)
            continue
        # Only a line with another line beside it can need splitting off.
        beside = bool(current) or (number < len(raw_lines) and raw_lines[number].strip())
        heading = is_heading(line) if beside else None
        if beside and (heading == "alone" or is_stray(line)):
            close()
            blocks.append(Block(lines=[(number, line)]))
        elif heading == "starts":
            # A heading that shares its line with the blurb starts a block and the blurb's lines stay with it.
            close()
            current.append((number, line))
        else:
            current.append((number, line))
    if pending_number is not None:
        current.append(pending_number[:1] + (pending_number[2],))
    close()
    # Text wrapped by hand keeps every line short; one longer line anywhere means one line per paragraph.
    pasted = any(len(text) > WRAPPED_WIDTH for block in blocks if block.kind == "text" for _, text in block.lines)
    pieces = [piece for block in blocks for piece in _paragraph_lines(block, pasted)]
    return Document(blocks=pieces, date=date, date_line=date_line)


def _signature_lines(raw_lines):
    """The line numbers of signatures: a rule that is not the text's first line, and the one to four lines
    straight under it up to a blank line (or the end). A rule with a blank line under it only separates."""
    found, filled_before = set(), False
    for index, raw in enumerate(raw_lines):
        line = raw.strip()
        if filled_before and SIGNATURE_RULE.match(line):
            under = 0
            while index + 1 + under < len(raw_lines) and raw_lines[index + 1 + under].strip():
                under += 1
            if 0 < under <= LONGEST_SIGNATURE:
                found.update(range(index + 1, index + under + 2))  # the rule and the lines under it, from 1
        filled_before = filled_before or bool(line)
    return found


def _merge_year(year, current, is_stray):
    """ "Thief" then "1981" on the very next line: one heading, "Thief (1981)".

    Across a blank line the year may be a title of its own ("1917"), and a caption never takes it."""
    if len(current) != 1:
        return False
    number, previous = current[-1]
    if len(previous) > 80 or previous[-1] in ".!?:" or YEAR_ONLY.match(previous) or is_stray(previous):
        return False
    current[-1] = (number, f"{previous} ({year.strip('()[]')})")
    return True


def _paragraph_lines(block, pasted):
    """Text pasted from a web page has one line per paragraph and often no blank lines, so a heading with no
    number or year ("Thief") sits inside a block of paragraphs: such a short line stands alone.

    Text wrapped by hand (e-mail, Word) keeps every line of the article short, and is left as it is.
    """
    if len(block.lines) < 2 or block.kind != "text" or not pasted:
        return [block]
    pieces, current = [], []
    for number, text in block.lines:
        if _short_headline(text):
            if current:
                pieces.append(Block(lines=current))
            pieces.append(Block(lines=[(number, text)]))
            current = []
        else:
            current.append((number, text))
    if current:
        pieces.append(Block(lines=current))
    return pieces


def _short_headline(text):
    return (
        len(text) <= 60 and text[-1] not in ".,;:!?" and (text[0].isupper() or text[0].isdigit() or text[0] in "‘“'\"")
    )


def _markdown_block(number, line):
    heading = MARKDOWN_HEADING.match(line)
    if heading:
        level = len(heading.group(1))
        text = _strip_emphasis(line[heading.end() :].rstrip("#").strip())
        if not text:
            return None
        return Block(lines=[(number, text)], kind="title" if level == 1 else "heading", level=level)
    bold = MARKDOWN_BOLD_LEAD.match(line)
    if bold:
        lead, rest = bold.group(2).strip(), line[bold.end() :].strip()
        year = YEAR_AFTER_LEAD.match(rest)
        if rest[:1] in ",:;–—":
            # Punctuation straight after the bold text belongs to it: "Prisoners, 2013", "Heat: a blurb".
            lead_text = lead + (rest[: year.end()] if year else "")
            return Block(lines=[(number, f"{lead}{rest}")], lead=lead_text)
        dated = BRACKETED_YEAR_AFTER_LEAD.match(rest)
        if dated:
            return Block(lines=[(number, f"{lead} {rest}")], lead=f"{lead} {dated.group(0)}")
        if BARE_NUMBER_LINE.match(lead):
            return Block(lines=[(number, f"{lead} {rest}".strip())])  # "**4.** Heathers (1988)": a bold number
        if not rest:
            return Block(lines=[(number, lead)], kind="heading")
        return Block(lines=[(number, f"{lead} {rest}")], lead=lead)
    return None


def _strip_emphasis(text):
    """A Markdown heading's text without its emphasis marks: "What to watch after *Whiplash*"."""
    return EMPHASIS.sub(r"\2", text).strip()
