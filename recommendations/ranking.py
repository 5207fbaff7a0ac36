"""Renumbering a list's entries 1..N in their current order, whatever gaps editors left."""

from django.db import transaction
from django.db.models import F

from .forms import RANK_PARKING_OFFSET
from .models import Entry


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
            # As in EntryFormSet.save(): the moving entries step aside first, so
            # that no entry ever lands on a rank another still holds.
            Entry.objects.filter(pk__in=[entry.pk for entry in moved]).update(rank=F("rank") + RANK_PARKING_OFFSET)
            Entry.objects.bulk_update(moved, ["rank"])
    return list(zip(entries, old_ranks, strict=True))[::-1]
