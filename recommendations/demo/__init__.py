"""
A synthetic catalogue for demos and benchmarks (the generate_demo_data command).

Films with credits, themes, tags and where to watch them; people; and published
"Movies Like X" lists whose entries are films that really share people and themes
with X, so a list, the film page's similar films and the admin's suggestions all
look like the real thing. Everything comes from one random.Random(seed): the same
seed on the same database gives the same catalogue (dates count back from today).

Rows go in with bulk_create, a chunk at a time, inside one transaction: an
interrupted run leaves nothing behind. bulk_create sends no signals, so the
search keys the pre_save signal would fill are filled here, and the derived rows
(recommendations/derived.py) are rebuilt at the end.
"""

from django.core.management.color import no_style
from django.db import connection, transaction

from ..derived import rebuild_all
from ..models import Article, Entry, Film, Person, Theme
from ..page_cache import bump_everything
from .catalogue import Catalogue, Report

__all__ = ["DemoDataError", "Report", "content_exists", "generate"]


class DemoDataError(Exception):
    """The options cannot make a catalogue, e.g. more entries per list than films."""


def content_exists():
    return any(model.objects.exists() for model in (Film, Person, Theme, Article))


def generate(*, films, people, lists, entries, seed=1, posters=0, progress=None):
    """Add a catalogue to the database; `entries` is a list of list lengths, used in turn."""
    entries = sorted(set(entries))
    if min(entries) < 1:
        raise DemoDataError("Lists need at least one entry.")
    if lists and films < max(entries) + 1:
        raise DemoDataError(f"Lists of {max(entries)} entries need at least {max(entries) + 1} films.")
    if lists > films:
        raise DemoDataError("Each list is about a different film: --lists cannot exceed --films.")
    if people < 2 and films:
        raise DemoDataError("Films need at least two people: a director and an actor.")
    if posters > films:
        raise DemoDataError("--posters cannot exceed --films.")
    with transaction.atomic():
        report = Catalogue(seed, progress).build(films, people, lists, entries, posters)
        reset_sequences()
        # bulk_create sends no signals: the rows derived from the catalogue are rebuilt in one go.
        rebuild_all()
        # bulk_create sends no signals: tell the page cache itself that every page may have changed.
        transaction.on_commit(bump_everything)
    return report


def reset_sequences():
    """PostgreSQL's id sequences must learn of the ids given explicitly; SQLite needs nothing."""
    statements = connection.ops.sequence_reset_sql(no_style(), [Film, Person, Article, Entry])
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
