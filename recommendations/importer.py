"""
Reads a "movies like X" article pasted as plain text into a parse, and saves a parse as a draft list.

The text is what old CMSs, Word files and e-mails give: an optional date line, an
optional title, an intro, then one heading per film ("6. Escape Plan (2013)",
"#6 – Escape Plan (2013)", "Escape Plan (2013)") each followed by its blurb.
"""

import datetime
import re
from dataclasses import asdict, dataclass, field

from django.db import transaction

from .models import Article, Entry, Film, Person, unique_slug
from .text import search_key

# “Curly” and 'straight' quotes editors wrap titles in.
QUOTES = "\"'“”‘’«»"
DATE_LINE = re.compile(r"^\s*date\b[:\s]*(\d{4}-\d{2}-\d{2})\s*", re.IGNORECASE)
YEAR_AT_END = re.compile(r"\s*\((\d{4})\)\s*$")
# "6. ", "6) ", "#6 – ", "#6: ", "No. 6 - ": a number needs a mark after it, so "211 (2018)" stays a title.
NUMBERED = re.compile(r"^\s*(?:#\s*|no\.\s*)?(\d{1,3})\s*(?:[.)]|\s[–—-]|:(?!\S))\s*(.+)$", re.IGNORECASE)
HASH_NUMBERED = re.compile(r"^\s*#\s*(\d{1,3})\s+(.+)$")
LONGEST_HEADING = 120
# What introduces the film X: "movies like X", "films similar to X", "if you liked X"…
SUBJECT_TRIGGER = re.compile(
    r"\b(?:(?:movies|films)\s+(?:like|similar\s+to)|if\s+you\s+(?:have\s+)?(?:liked|loved|enjoyed|watched|seen))\s+",
    re.IGNORECASE,
)
# Where an unquoted title stops: punctuation, a year, or a small word that starts the rest of the sentence.
UNQUOTED_TITLE_END = re.compile(
    r"\s*(?:[,.;:!?(]|$)|\s+(?:on|you|that|to|and|in|for|which|is|are|was|will|but)\b", re.IGNORECASE
)
OPENING_QUOTES = "\"'“‘«"
CLOSING_QUOTE = re.compile(r"[\"'”’»](?![^\W\d_])")
YEAR_NEXT = re.compile(r"\s*\((\d{4})\)")
# Runs of two to four capitalised words: the shape of a person's name in a blurb.
NAME = r"[A-Z][\w’'.-]*(?:\s+(?:[A-Z][\w’'.-]*|de|van|von|da|del|di|le|la)){1,3}"
NAMES = re.compile(NAME)
# "Leonard Shelby (Guy Pearce)": a character, then the actor who plays them.
CHARACTER_AND_ACTOR = re.compile(
    r"(?P<character>[A-Z][\w’'“”.-]*(?:\s+[A-Z“][\w’'”.-]*){0,3})\s+\((?P<actor>" + NAME + r")\)"
)


class ArticleImportError(ValueError):
    """The text cannot become a list; says which line, where there is one."""

    def __init__(self, message, line=None):
        self.line = line
        super().__init__(f"Line {line}: {message}" if line else message)


@dataclass
class ParsedEntry:
    rank: int | None
    title: str
    year: int | None
    blurb: str
    line: int = field(default=0, compare=False, repr=False)


@dataclass
class ParsedArticle:
    title: str
    subject: dict | None
    intro: str
    entries: list[ParsedEntry]
    date: str | None = None

    def as_json(self):
        """The shape `import_list --dry-run --format json` prints."""
        return {
            "title": self.title,
            "subject": self.subject,
            "intro": self.intro,
            "entries": [
                {key: value for key, value in asdict(entry).items() if key != "line"} for entry in self.entries
            ],
        }


def parse_article(text):
    """Parse pasted text; raises ArticleImportError (with a line number where there is one) if it holds no countdown."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    date, lines[0] = _take_date(lines[0]) if lines else (None, "")
    paragraphs = _paragraphs(lines)
    headings = [index for index, (_, paragraph) in enumerate(paragraphs) if _heading(paragraph)]
    if not headings:
        raise ArticleImportError(
            "No entries found. Each film needs a heading line of its own, such as “6. Escape Plan (2013)” "
            "or “Escape Plan (2013)”, followed by its blurb."
        )

    before = [paragraph for _, paragraph in paragraphs[: headings[0]]]
    title = ""
    if before and _looks_like_title(before[0]):
        title = before.pop(0)
    intro = "\n\n".join(before)

    entries = []
    for position, start in enumerate(headings):
        end = headings[position + 1] if position + 1 < len(headings) else len(paragraphs)
        line, heading = paragraphs[start]
        rank, film_title, year = _heading(heading)
        blurb = "\n\n".join(paragraph for _, paragraph in paragraphs[start + 1 : end])
        entries.append(ParsedEntry(rank=rank, title=film_title, year=year, blurb=blurb, line=line))
    _number_unnumbered(entries)

    subject = _find_subject(title) or _find_subject(intro)
    if not title and subject:
        title = f"Movies Like {subject['title']}"
    return ParsedArticle(title=title, subject=subject, intro=intro, entries=entries, date=date)


def _take_date(first_line):
    match = DATE_LINE.match(first_line)
    if not match:
        return None, first_line
    return match.group(1), first_line[match.end() :]


def _paragraphs(lines):
    """[(line number, text)] for each run of non-blank lines; a heading line always stands alone."""
    paragraphs, current, start = [], [], 0
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or _heading(line):
            if current:
                paragraphs.append((start, " ".join(current)))
                current = []
            if line:
                paragraphs.append((number, line))
            continue
        if not current:
            start = number
        current.append(line)
    if current:
        paragraphs.append((start, " ".join(current)))
    return paragraphs


def _heading(line):
    """(rank or None, title, year or None) if the line is a film heading, else None."""
    # "10 Films Similar to Heat (1995)" is the article's title, not one of its films.
    if len(line) > LONGEST_HEADING or SUBJECT_TRIGGER.search(line):
        return None
    numbered = NUMBERED.match(line) or HASH_NUMBERED.match(line)
    rank, rest = (int(numbered.group(1)), numbered.group(2)) if numbered else (None, line)
    year_match = YEAR_AT_END.search(rest)
    year = int(year_match.group(1)) if year_match else None
    title = _unquote(rest[: year_match.start()] if year_match else rest)
    if not title or (rank is None and year is None):
        return None
    # A heading names a film; a sentence that happens to start with a number does not.
    if title[-1] in ".!?" or len(title.split()) > 12:
        return None
    return rank, title, year


def _looks_like_title(paragraph):
    return len(paragraph) <= LONGEST_HEADING and paragraph[-1] not in ".!?" and _find_subject(paragraph) is not None


def _unquote(text):
    return text.strip().strip(QUOTES).strip()


def _number_unnumbered(entries):
    """Entries without a printed number count down in the order they appear, like the site."""
    if all(entry.rank is None for entry in entries):
        for position, entry in enumerate(entries):
            entry.rank = len(entries) - position
        return
    for entry in entries:
        if entry.rank is None:
            raise ArticleImportError(
                f"“{entry.title}” has no number while other entries do: number it or remove the others' numbers.",
                entry.line,
            )


def _find_subject(text):
    """{"title": …, "year": … or None} for the first film X the text introduces, or None."""
    for trigger in SUBJECT_TRIGGER.finditer(text or ""):
        rest = text[trigger.end() :]
        if rest[:1] in OPENING_QUOTES and rest[:1]:
            # A closing quote followed by a letter is an apostrophe inside the title ("Don’t").
            closing = CLOSING_QUOTE.search(rest, 1)
            if not closing:
                continue
            title, after = rest[1 : closing.start()], rest[closing.end() :]
        else:
            end = UNQUOTED_TITLE_END.search(rest)
            if rest[end.start() : end.end()] == ":" and rest[: end.start()].isdigit():
                end = UNQUOTED_TITLE_END.search(rest, end.end())  # "2001: A Space Odyssey"
            title, after = rest[: end.start()], rest[end.start() :]
        title = _unquote(title)
        if not title or not (title[0].isupper() or title[0].isdigit()):
            continue
        year = YEAR_NEXT.match(after)
        return {"title": title, "year": int(year.group(1)) if year else None}
    return None


@dataclass
class ImportReport:
    """What an import did, for the editor: the draft, which films it found and made, and whom it linked."""

    article: Article
    matched_films: list = field(default_factory=list)
    created_films: list = field(default_factory=list)
    linked_people: list = field(default_factory=list)
    proposed_people: list = field(default_factory=list)

    def summary(self):
        lines = [f"Draft “{self.article}” with {len(self.article.entries.all())} entries."]
        if self.matched_films:
            lines.append("Matched films: " + ", ".join(map(str, self.matched_films)) + ".")
        if self.created_films:
            lines.append("Created films: " + ", ".join(map(str, self.created_films)) + ".")
        if self.linked_people:
            lines.append("Linked people: " + ", ".join(sorted({str(person) for person in self.linked_people})) + ".")
        if self.proposed_people:
            names = sorted({proposal["name"] for proposal in self.proposed_people})
            lines.append("Proposed new people, to confirm on the draft: " + ", ".join(names) + ".")
        return "\n".join(lines)


@transaction.atomic
def save_draft(parsed, *, author=None, subject=None, again=False):
    """Save a parse as a draft list; nothing is saved if any part fails.

    `subject` (a Film) overrides the one found in the text. Importing the same
    article twice is refused unless `again`, which makes a second draft.
    """
    report = ImportReport(article=None)
    subject = subject or _subject_film(parsed, report, author)
    title = parsed.title or f"Movies Like {subject.title}"
    existing = Article.objects.filter(subject=subject, title=title).first()
    if existing and not again:
        raise ArticleImportError(
            f"This article was already imported as “{existing}” ({existing.state}). "
            "Import it again to make a second draft."
        )
    article = Article.objects.create(
        title=title,
        slug=unique_slug(Article, title),
        subject=subject,
        intro=parsed.intro,
        author=author,
        status=Article.Status.DRAFT,
        published_at=_publication_time(parsed.date),
        last_edited_by=author,
    )
    report.article = article
    entries, lines = [], {}
    for parsed_entry in parsed.entries:
        film = _film(parsed_entry.title, parsed_entry.year, report, author)
        entry = Entry(article=article, rank=parsed_entry.rank, film=film, blurb=parsed_entry.blurb)
        entries.append(entry)
        lines[id(entry)] = parsed_entry.line
    # The list's own rules, as the admin applies them: the first problem stops the import.
    problems = [problem for entry in entries for problem in article.entry_problems(entry)]
    problems += article.repeated_entries(entries)
    if problems:
        raise ArticleImportError(problems[0].message, lines[id(problems[0].entry)])
    for entry in entries:
        entry.save()
        _link_people(entry, report)
    return report


def _subject_film(parsed, report, author):
    if not parsed.subject:
        raise ArticleImportError(
            "Could not tell which film this list is about: say “Movies like <film>” in the title or intro, "
            "or choose the subject."
        )
    return _film(parsed.subject["title"], parsed.subject["year"], report, author)


def _film(title, year, report, author):
    """The catalogue's film with this title (ignoring case, accents and punctuation) and year, or a new one."""
    key = search_key(title)
    candidates = [
        film
        for film in Film.objects.filter(search_text__startswith=key).order_by("-year")
        if search_key(film.title) == key and (year is None or film.year == year)
    ]
    if candidates:
        if candidates[0] not in report.matched_films:
            report.matched_films.append(candidates[0])
        return candidates[0]
    film = Film.objects.create(
        title=title, year=year, slug=unique_slug(Film, f"{title} {year or ''}"), awaiting_review=True, added_by=author
    )
    report.created_films.append(film)
    return film


def _link_people(entry, report):
    """Link the people the site knows whom the blurb names; propose the ones it does not know."""
    names = {match.group(0) for match in NAMES.finditer(entry.blurb)}
    known = {person.search_text: person for person in Person.objects.filter(search_text__in=map(search_key, names))}
    # "Stallone" alone names someone credited on the entry's own film.
    credited = {person for person in entry.film.people.all() if _surname(person.name) in entry.blurb}
    people = set(known.values()) | credited
    if people:
        entry.people.add(*people)
        report.linked_people.extend(people)

    proposals = []
    for match in CHARACTER_AND_ACTOR.finditer(entry.blurb):
        actor = match.group("actor")
        if search_key(actor) not in known and actor not in {proposal["name"] for proposal in proposals}:
            proposals.append({"name": actor, "character": _character(match.group("character"))})
    if proposals:
        entry.proposed_people = proposals
        entry.save(update_fields=["proposed_people"])
        report.proposed_people.extend(proposals)


def _character(text):
    """“Memento’s Leonard Shelby” → “Leonard Shelby”: a possessive names the film, not the character."""
    words = text.strip("“”").split()
    if len(words) > 1 and re.search(r"[’']s$", words[0]):
        words = words[1:]
    return " ".join(words)


def _surname(name):
    return name.split()[-1]


def _publication_time(date):
    if not date:
        return None
    return datetime.datetime.fromisoformat(date).replace(tzinfo=datetime.UTC)
