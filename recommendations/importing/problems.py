"""What stops an import, in words an editor can act on, and the limits every import keeps."""

import time
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError

from ..models import LONGEST_LIST

# A draft must open in the list form to be edited, and the form is built for this many entries
# (models.LONGEST_LIST). It is also far below the rank ceiling (models.LONGEST_COUNTDOWN).
MOST_ENTRIES = LONGEST_LIST


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with the input; `line` is where it stands in the source, when it stands on a line."""

    message: str
    line: int | None = None

    def __str__(self):
        return f"Line {self.line}: {self.message}" if self.line else self.message


class ImportRefused(Exception):
    """The import cannot go ahead, for all of `problems`; nothing was saved."""

    def __init__(self, problems):
        self.problems = list(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class TookTooLong(Exception):
    """The import ran past its time budget. Not an ArticleParseError: nothing may catch it as a bad article."""


class Deadline:
    """The time budget of one import (settings.IMPORT_TIME_BUDGET_SECONDS), parse and save together."""

    def __init__(self, seconds=None):
        self.seconds = settings.IMPORT_TIME_BUDGET_SECONDS if seconds is None else seconds
        self.ends = time.monotonic() + self.seconds

    def check(self):
        if time.monotonic() > self.ends:
            raise TookTooLong(self.message())

    def message(self):
        return (
            f"The import took longer than {self.seconds:g} seconds and was stopped; nothing was saved. "
            "Import a shorter text, or a few posts at a time."
        )


def problems_of(error, line, what=""):
    """An ImportProblem for each message of a model's ValidationError, named by the source line and the field."""
    prefix = f"{what}: " if what else ""
    if not hasattr(error, "error_dict"):
        return [ImportProblem(f"{prefix}{message}", line) for message in error.messages]
    found = []
    for field, errors in error.message_dict.items():
        label = "" if field == "__all__" else f"{field.replace('_', ' ').capitalize()}: "
        found += [ImportProblem(f"{prefix}{label}{message}", line) for message in errors]
    return found


def validated(row, line, what, exclude=None):
    """`row`'s full_clean() problems as ImportProblems (an empty list when it is valid)."""
    try:
        row.full_clean(exclude=exclude)
    except ValidationError as error:
        return problems_of(error, line, what)
    return []
