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


def renumber_entries(article):
    """Close the gaps in a list's ranks, keeping its order: 10, 4, 2 become 3, 2, 1.

    Returns every entry with the rank it had, [(entry, old rank)], top of the countdown first.
    """
    with transaction.atomic():
        entries = list(article.entries.select_for_update(of=("self",)).select_related("film").order_by("rank"))
        old_ranks = [entry.rank for entry in entries]
        for new_rank, entry in enumerate(entries, start=1):
            entry.rank = new_rank
        moved = [entry for entry, old_rank in zip(entries, old_ranks, strict=True) if entry.rank != old_rank]
        if moved:
            # The moving entries step aside first, so that no entry ever lands on a rank another still holds.
            park(Entry.objects.filter(pk__in=[entry.pk for entry in moved]))
            Entry.objects.bulk_update(moved, ["rank"])
    return list(zip(entries, old_ranks, strict=True))[::-1]
