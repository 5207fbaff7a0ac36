"""What a parse gives back, its one error type, and the limits it refuses input beyond."""

from dataclasses import dataclass, field

from .catalogue import FilmMatch

# Larger text is refused before any work: years of articles are far below this.
MAX_TEXT_CHARS = 1_048_576
# HTML carries markup around its text; a saved page of a long list stays far below this.
MAX_HTML_BYTES = 5 * 1_048_576
# A WordPress export of a whole magazine's archive.
MAX_WXR_BYTES = 64 * 1_048_576
# Lines that are not blank: a list of 9,999 entries with a blurb each is about 20,000.
MAX_LINES = 50_000
# The site's rank ceiling.
MAX_ENTRIES = 9999


class ArticleParseError(ValueError):
    """The input cannot become a list; says which line where there is one, in words for an editor."""

    def __init__(self, message, line=None):
        self.line = line
        self.message = message
        super().__init__(f"Line {line}: {message}" if line else message)


@dataclass
class ParsedEntry:
    rank: int
    title: str
    year: int | None
    blurb: str
    line: int = 0
    director: str | None = None
    kind: str = "film"  # "film" or "tv"
    year_end: int | None = None
    tagline: str | None = None
    match: FilmMatch | None = None
    near: FilmMatch | None = None

    def as_json(self):
        return {
            "rank": self.rank,
            "title": self.title,
            "year": self.year,
            "blurb": self.blurb,
            "film": self.match.id if self.match else None,
            "line": self.line,
            "director": self.director,
            "kind": self.kind,
            "year_end": self.year_end,
            "tagline": self.tagline,
            "near": _film_json(self.near),
        }


@dataclass
class ParsedSubject:
    title: str
    year: int | None
    how: str
    confidence: str  # "high", "medium" or "low"
    kind: str = "film"  # "film", "tv" or "book"
    line: int | None = None
    match: FilmMatch | None = None

    def as_json(self):
        return {
            "title": self.title,
            "year": self.year,
            "how": self.how,
            "confidence": self.confidence,
            "kind": self.kind,
            "line": self.line,
            "film": self.match.id if self.match else None,
        }


@dataclass
class SkippedLine:
    line: int
    text: str
    reason: str

    def as_json(self):
        return {"line": self.line, "text": self.text, "reason": self.reason}


@dataclass
class ParsedArticle:
    title: str
    subject: ParsedSubject | None
    intro: str
    entries: list[ParsedEntry]
    skipped: list[SkippedLine] = field(default_factory=list)
    date: str | None = None
    author: str | None = None
    tags: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    # Where the title and the date were read, for messages about them ("Line 1: …"); None when not from a line.
    title_line: int | None = None
    date_line: int | None = None
    intro_line: int | None = None

    def as_json(self):
        """Today's dry-run fields (title, subject title/year, intro, entries rank/title/year/blurb) and more."""
        return {
            "title": self.title,
            "subject": self.subject.as_json() if self.subject else None,
            "intro": self.intro,
            "entries": [entry.as_json() for entry in self.entries],
            "skipped": [skipped.as_json() for skipped in self.skipped],
            "date": self.date,
            "author": self.author,
            "tags": list(self.tags),
            "images": list(self.images),
        }

    def explain(self):
        """The dry run in words: what became an entry, what was left out and why, and how the subject was found."""
        lines = [f"Title: “{self.title}”" if self.title else "Title: none found"]
        if self.subject:
            year = f" ({self.subject.year})" if self.subject.year else ""
            film = f", catalogue film {self.subject.match}" if self.subject.match else ", not in the catalogue"
            lines.append(
                f"Subject: {self.subject.title}{year}: {self.subject.how} ({self.subject.confidence} confidence{film})"
            )
        else:
            lines.append("Subject: none found")
        lines.append(f"Entries ({len(self.entries)}):")
        for entry in self.entries:
            year = entry.year if entry.year else "year unknown"
            if entry.match:
                found = f"matches {entry.match}"
            elif entry.near:
                found = f"new; did you mean {entry.near}?"
            else:
                found = "new"
            director = f", dir. {entry.director}" if entry.director else ""
            lines.append(f"  line {entry.line}: {entry.rank}. {entry.title} ({year}{director}): {found}")
        if self.skipped:
            lines.append(f"Skipped ({len(self.skipped)}):")
            lines.extend(f"  line {item.line}: “{_short(item.text)}”: {item.reason}" for item in self.skipped)
        return "\n".join(lines)


def _film_json(film):
    return {"film": film.id, "title": film.title, "year": film.year} if film else None


def _short(text, limit=70):
    return text if len(text) <= limit else text[: limit - 1] + "…"
