"""Ranks in a countdown: moving entries aside during a save, and renumbering a list 1..N."""

from django.db import transaction
from django.db.models import F

from .models import Entry

# Re-ranked entries step aside to ranks this high while a save is under way, so that swapping
# #2 and #5 never meets the unique (article, rank) constraint half-way, whatever the database.
# Editors' ranks stop far below it (models.LONGEST_COUNTDOWN).
RANK_PARKING_OFFSET = 1_000_000


def park(entries):
    """Move `entries` (a queryset) out of the ranks editors use until they are given their new ones."""
    entries.update(rank=F("rank") + RANK_PARKING_OFFSET)


def make_room(placed, untouched):
    """Where the untouched entries of a list go when others are put on numbers they hold.

    `placed` are the entries an editor numbered, [(key, old rank or None, new rank)]: new ones, and
    ones given another number. `untouched` are the rest, {key: rank}. A placed entry takes the
    number it was given; the untouched entries from there move one place toward the number it
    left (away from #1 for a new entry), as far as the first free number: a countdown of 6 with a
    new entry at #2 gets 2-6 moved to 3-7, and #6 put on #2 moves 2-5 to 3-6.

    Returns {key: new rank} for the untouched entries that move.
    """
    ranks = dict(untouched)
    for _key, old, new in sorted(placed, key=lambda request: request[2]):
        holders = {rank: key for key, rank in ranks.items()}
        step = -1 if old is not None and old < new else 1
        chain, rank = [], new
        while rank in holders and rank >= 1:
            chain.append(holders[rank])
            rank += step
        for key in chain:
            ranks[key] += step
    return {key: rank for key, rank in ranks.items() if rank != untouched[key]}


def renumbering(entries):
    """The numbers 1..N that `entries` get, keeping their order: 10, 4, 2 become 3, 2, 1.

    Returns [(entry, old rank, new rank)], top of the countdown first; changes nothing.
    """
    ordered = sorted(entries, key=lambda entry: entry.rank)
    return [(entry, entry.rank, new_rank) for new_rank, entry in enumerate(ordered, start=1)][::-1]


def renumber_entries(article):
    """Close the gaps in a list's ranks, keeping its order (renumbering), and save them.

    Returns every entry with the rank it had, [(entry, old rank)], top of the countdown first.
    """
    with transaction.atomic():
        entries = list(article.entries.select_for_update(of=("self",)).select_related("film"))
        plan = renumbering(entries)
        for entry, _old, new_rank in plan:
            entry.rank = new_rank
        moved = [entry for entry, old_rank, new_rank in plan if old_rank != new_rank]
        if moved:
            # The moving entries step aside first, so that no entry ever lands on a rank another still holds.
            park(Entry.objects.filter(pk__in=[entry.pk for entry in moved]))
            Entry.objects.bulk_update(moved, ["rank"])
    return [(entry, old_rank) for entry, old_rank, _new in plan]
