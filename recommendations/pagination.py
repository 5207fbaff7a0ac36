"""Pages of a query whose length is known already: from a tally or an index, not COUNT(*) over the query."""

from django.core.paginator import Paginator
from django.utils.functional import cached_property


class CountedPaginator(Paginator):
    def __init__(self, object_list, per_page, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.known_count = count

    @cached_property
    def count(self):
        return self.known_count


def counted(paginator_class, count):
    """A paginator class for ListView.paginator_class: `count` when it is known, else Django's own counting."""
    if count is None:
        return paginator_class
    return lambda object_list, per_page, **kwargs: CountedPaginator(object_list, per_page, count, **kwargs)
