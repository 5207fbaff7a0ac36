"""Rows written in bulk, as the generator writes them: ids, slugs and search keys it gives itself."""

from django.db.models import Max
from django.utils.text import slugify

from ..models import initial_of
from ..text import search_key

BATCH_SIZE = 1000


def next_id(model):
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def with_search_text(obj):
    """What the pre_save signal would fill in: the search key, and the A–Z initial where there is one."""
    obj.search_text = search_key(str(obj))[:255]
    if hasattr(obj, "initial"):
        obj.initial = initial_of(obj.search_text)
    return obj


class Slugs:
    """Slugs not yet taken in one table: "the-red-harbor-1998", then "-2", "-3"… on a clash."""

    def __init__(self, model):
        self.taken = set(model.objects.values_list("slug", flat=True))

    def claim(self, text, max_length=200):
        base = slugify(text)[: max_length - 8] or "untitled"
        slug, number = base, 1
        while slug in self.taken:
            number += 1
            slug = f"{base}-{number}"
        self.taken.add(slug)
        return slug


def cumulative(weights):
    total, running = 0.0, []
    for weight in weights:
        total += weight
        running.append(total)
    return running
