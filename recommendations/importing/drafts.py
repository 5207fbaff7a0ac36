"""
A parse saved as a draft list: its subject, its films and their directors, the list and its entries.

Every row goes through its model's own full_clean() (lengths, year ranges, the rank ceiling,
the list's rules), inside one transaction: a problem anywhere refuses the whole import, each
problem naming its source line, and nothing stays written. A dry run is the same import,
rolled back at the end, so it finds exactly the problems the import would.
"""

import datetime
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from taggit.models import Tag

from ..edits import record_edit
from ..models import Article, ArticleImport, Credit, Entry, Film, Person, unique_slug
from ..text import clean_text, search_key, title_key
from ..upkeep import batched_upkeep
from .people import link_people
from .problems import MOST_ENTRIES, Deadline, ImportProblem, ImportRefused, problems_of, validated

IMPORTED_FROM = {
    ArticleImport.Source.TEXT: "Imported from text.",
    ArticleImport.Source.HTML: "Imported from HTML.",
    ArticleImport.Source.WORDPRESS: "Imported from a WordPress export.",
}
# Slugs are made from at most this much of a title, so that "-2" still fits their 200 characters.
SLUG_SOURCE = 180


@dataclass
class ImportReport:
    """What an import did (or, in a dry run, would do): the draft, the films it found and made, whom it linked."""

    article: Article | None = None
    subject: Film | None = None
    matched_films: list = field(default_factory=list)
    created_films: list = field(default_factory=list)
    created_people: list = field(default_factory=list)
    linked_people: list = field(default_factory=list)
    proposed_people: list = field(default_factory=list)
    # Source line of each entry → (its film, "matched", "new" or "chosen").
    films_by_line: dict = field(default_factory=dict)
    notes: list = field(default_factory=list)

    def summary(self):
        lines = [f"Draft “{self.article}” with {len(self.films_by_line)} entries."]
        if self.matched_films:
            lines.append("Matched films: " + ", ".join(map(str, self.matched_films)) + ".")
        if self.created_films:
            lines.append("Created films: " + ", ".join(map(str, self.created_films)) + ".")
        if self.created_people:
            lines.append("Created people: " + ", ".join(map(str, self.created_people)) + ".")
        if self.created_films or self.created_people:
            lines.append("Readers see what the import created once an Editor confirms it or publishes the list.")
        if self.linked_people:
            lines.append("Linked people: " + ", ".join(sorted({str(person) for person in self.linked_people})) + ".")
        if self.proposed_people:
            names = sorted({proposal["name"] for proposal in self.proposed_people})
            lines.append("Proposed new people, to confirm on the draft: " + ", ".join(names) + ".")
        return "\n".join(lines + self.notes)


@dataclass(frozen=True)
class Origin:
    """Where an article came from, for its ArticleImport record."""

    source: str = ArticleImport.Source.TEXT
    name: str = ""


class _RolledBack(Exception):
    def __init__(self, report):
        self.report = report


def save_draft(parsed, *, author=None, subject=None, films=None, again=False, origin=None, deadline=None, commit=True):
    """Save `parsed` (a recommendations.parsing.ParsedArticle) as a draft list; returns an ImportReport.

    `subject` (a Film) overrides the subject read from the text; `films` maps an entry's source
    line to the Film an editor picked for it. Importing the same article twice is refused unless
    `again`. Raises ImportRefused, or TookTooLong past the `deadline`, with nothing saved; with
    `commit=False` nothing is saved either way, and the report says what the import would do.
    """
    deadline = deadline or Deadline()
    try:
        # An import of a long article saves hundreds of entries and links: what they derive is worked out once.
        with transaction.atomic(), batched_upkeep():
            report = _Draft(parsed, author, deadline).write(subject, films or {}, again, origin or Origin())
            if not commit:
                raise _RolledBack(report)
    except _RolledBack as rolled_back:
        return rolled_back.report
    return report


class _Draft:
    def __init__(self, parsed, author, deadline):
        self.parsed, self.author, self.deadline = parsed, author, deadline
        self.report = ImportReport()
        self.problems = []
        self.made = {}  # (title key, year) → a film this import created, so that it is made once

    def write(self, subject, chosen, again, origin):
        parsed = self.parsed
        if len(parsed.entries) > MOST_ENTRIES:
            raise ImportRefused(
                [
                    ImportProblem(
                        f"The article has {len(parsed.entries):,} entries; an imported list can have at most "
                        f"{MOST_ENTRIES}, the most the list form edits at once. Split it into several articles."
                    )
                ]
            )
        published_at = self._publication_time()
        known = Film.objects.in_bulk(
            [entry.match.id for entry in parsed.entries if entry.match]
            + ([parsed.subject.match.id] if parsed.subject and parsed.subject.match else [])
        )
        subject = subject or self._subject(known)
        self.report.subject = subject
        films = []
        for entry in parsed.entries:
            self.deadline.check()
            if entry.line in chosen:
                film, how = chosen[entry.line], "chosen"
            else:
                film = self._film(entry.title, entry.year, entry.line, f"“{entry.title}”", entry.match, known)
                how = "matched" if entry.match else "new"
                if film is not None and how == "new" and entry.director:
                    self._credit_director(film, entry.director, entry.line)
            films.append(film)
            if film is not None:
                self.report.films_by_line[entry.line] = (film, how)
        article = self._article(subject, published_at, again)
        if self.problems:
            raise ImportRefused(self.problems)
        article.save()
        self._entries(article, films)
        self._tags(article)
        if self.problems:
            raise ImportRefused(self.problems)
        self._record(article, origin)
        record_edit(article, self.author, IMPORTED_FROM[origin.source])
        self.report.article = article
        return self.report

    def _publication_time(self):
        """The date the article carries ("date: 2022-06-24"), read as the model's own field reads dates."""
        if not self.parsed.date:
            return None
        try:
            moment = Article._meta.get_field("published_at").to_python(self.parsed.date)
        except ValidationError as error:
            self.problems += problems_of(error, self.parsed.date_line, "The date")
            return None
        return moment.replace(tzinfo=datetime.UTC) if moment.tzinfo is None else moment

    def _subject(self, known):
        subject = self.parsed.subject
        if subject is None:
            self.problems.append(
                ImportProblem(
                    "Could not tell which film this list is about: say “Movies like <film>” in the title or "
                    "intro, or choose the subject."
                )
            )
            return None
        if subject.kind == "book" and subject.match is None:
            self.problems.append(
                ImportProblem(
                    f"The list is about the book “{subject.title}”, and the catalogue has no film or show of that "
                    "name: choose the subject film.",
                    subject.line,
                )
            )
            return None
        what = f"The subject “{subject.title}”"
        return self._film(subject.title, subject.year, subject.line, what, subject.match, known)

    def _film(self, title, year, line, what, match, known):
        """The catalogue's film the parser matched, or a new one waiting for review; None if it cannot be made."""
        if match is not None and match.id in known:
            film = known[match.id]
            if film not in self.report.matched_films:
                self.report.matched_films.append(film)
            return film
        key = (title_key(title), year)
        if key in self.made:
            return self.made[key]
        film = Film(
            title=title,
            year=year,
            slug=unique_slug(Film, f"{title[:SLUG_SOURCE]} {year or ''}"),
            awaiting_review=True,
            added_by=self.author,
        )
        problems = validated(film, line, what)
        if problems:
            self.problems += problems
            return None
        film.save()
        self.made[key] = film
        self.report.created_films.append(film)
        return film

    def _credit_director(self, film, name, line):
        """A new film's director, as the heading names them ("Heat / Michael Mann"): a person, found or made."""
        person = Person.objects.filter(search_text=search_key(name)).first()
        if person is None:
            person = Person(
                name=name, slug=unique_slug(Person, name[:SLUG_SOURCE]), awaiting_review=True, added_by=self.author
            )
            problems = validated(person, line, f"The director {name}")
            if problems:
                self.problems += problems
                return
            person.save()
            self.report.created_people.append(person)
        credit = Credit(film=film, person=person, role=Credit.Role.DIRECTOR)
        problems = validated(credit, line, f"{name}, director of {film}")
        if problems:
            self.problems += problems
            return
        credit.save()

    def _article(self, subject, published_at, again):
        parsed = self.parsed
        title = parsed.title or (f"Movies Like {subject.title}" if subject else "")
        article = Article(
            title=title,
            slug=unique_slug(Article, title[:SLUG_SOURCE]),
            subject=subject,
            intro=parsed.intro,
            author=self.author,
            status=Article.Status.DRAFT,
            published_at=published_at,
            last_edited_by=self.author,
        )
        lines = {"title": parsed.title_line, "slug": parsed.title_line, "intro": parsed.intro_line}
        try:
            article.full_clean(exclude=["subject"] if subject is None else None)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                self.problems += problems_of(ValidationError({name: messages}), lines.get(name), "The list")
        existing = Article.objects.filter(subject=subject, title=title).first() if subject else None
        if existing and not again:
            self.problems.append(
                ImportProblem(
                    f"This article was already imported as “{existing}” ({existing.state}). "
                    "Import it again to make a second draft."
                )
            )
        return article

    def _entries(self, article, films):
        """The entries, checked by the list's own rules and their model's, then saved with the people they name."""
        entries, lines = [], {}
        for parsed_entry, film in zip(self.parsed.entries, films, strict=True):
            entry = Entry(article=article, rank=parsed_entry.rank, film=film, blurb=parsed_entry.blurb)
            entries.append(entry)
            lines[id(entry)] = parsed_entry.line
        ruled_out = [problem for entry in entries for problem in article.entry_problems(entry)]
        ruled_out += article.repeated_entries(entries)
        for problem in ruled_out:
            self.problems.append(ImportProblem(problem.message, lines[id(problem.entry)]))
        broken = {id(problem.entry) for problem in ruled_out}
        for entry in entries:
            if id(entry) not in broken:
                self.problems += validated(entry, lines[id(entry)], f"#{entry.rank} {entry.film}")
        if self.problems:
            return
        for entry in entries:
            self.deadline.check()
            entry.save()
            link_people(entry, self.report)

    def _tags(self, article):
        """A WordPress post's categories and tags, as the list's tags."""
        for name in self.parsed.tags:
            name = clean_text(name, multiline=False)
            tag = Tag.objects.filter(name=name).first() or Tag(name=name)
            problems = validated(tag, None, f"The tag “{name}”", exclude=["slug"])
            if problems:
                self.problems += problems
                continue
            if tag.pk is None:
                tag.save()
            article.tags.add(tag)

    def _record(self, article, origin):
        record = ArticleImport(
            article=article,
            source=origin.source,
            source_name=clean_text(origin.name, multiline=False)[:255],
            image_urls=list(self.parsed.images),
        )
        problems = validated(record, None, "The import record")
        if problems:
            raise ImportRefused(problems)
        record.save()
        record.created_films.set(self.report.created_films)
        record.created_people.set(self.report.created_people)
