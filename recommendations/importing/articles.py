"""One article imported, or tried in a dry run: the parse, what the save does or would do, and what stops it."""

from dataclasses import dataclass, field

from recommendations.parsing import ArticleParseError

from .catalogue import DatabaseCatalogue
from .drafts import ImportReport, Origin, save_draft
from .problems import Deadline, ImportProblem, ImportRefused, TookTooLong
from .sources import Reading


@dataclass
class Outcome:
    reading: Reading | None = None
    report: ImportReport | None = None
    problems: list = field(default_factory=list)

    @property
    def parsed(self):
        return self.reading.parsed if self.reading else None

    @property
    def ok(self):
        return self.report is not None and not self.problems


def import_article(source, *, author=None, subject=None, films=None, corrections=None, again=False, commit=True):
    """Read `source` (sources.Source) with the catalogue and save it as a draft; with `commit=False`, a dry run
    that saves nothing. The whole of it, parse and save, keeps to one time budget."""
    deadline = Deadline()
    try:
        reading = source.read(DatabaseCatalogue(deadline), corrections)
    except ArticleParseError as error:
        return Outcome(problems=[ImportProblem(error.message, error.line)])
    except TookTooLong as late:
        return Outcome(problems=[ImportProblem(str(late))])
    try:
        report = save_draft(
            reading.parsed,
            author=author,
            subject=subject,
            films=films,
            again=again,
            origin=Origin(source.kind, source.name),
            deadline=deadline,
            commit=commit,
        )
    except ImportRefused as refused:
        return Outcome(reading, problems=refused.problems)
    except TookTooLong as late:
        return Outcome(reading, problems=[ImportProblem(str(late))])
    return Outcome(reading, report)
