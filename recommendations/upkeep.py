"""
What a change touched, brought up to date: its derived rows (derived.py), the changes "Similar films" and
"More lists like this" are worked out from (similarity_store.py), and the cached pages that show it
(page_dependencies.py, page_cache.py). At once, or once for a batch of changes.

signals.py calls counted_themes_of(), facets_of() and refresh_cached_pages() after every save, delete
and link change. A save of a long list through the admin makes hundreds of those; inside
batched_upkeep() they only note what they touched, and the rows are rebuilt, and the pages' tags
worked out, once at the end.
"""

import contextlib
import contextvars
from dataclasses import dataclass, field

from django.db import transaction

from . import derived, page_cache, page_dependencies, similarity_store


@dataclass
class Touched:
    """What a batch of changes touched (batched_upkeep): films and lists whose derived rows to rebuild, the
    tags of cached pages to refresh, and the rows whose pages those are to be worked out from at the end."""

    films: set = field(default_factory=set)
    articles: set = field(default_factory=set)
    page_tags: set = field(default_factory=set)
    shown: dict = field(default_factory=dict)


_batch = contextvars.ContextVar("derived_upkeep_batch", default=None)


@contextlib.contextmanager
def batched_upkeep():
    """Many changes in one go (an admin save or an import of a long list): the derived rows they touch are
    rebuilt, and the cached pages that show them worked out, once at the end rather than after every row
    and link each of them saves.

    The batch is one transaction, so that nothing commits with the rows out of step: if the changes fail,
    they roll back and there is nothing to rebuild.
    """
    if _batch.get() is not None:
        yield  # the batch already open sees to these too
        return
    touched = Touched()
    token = _batch.set(touched)
    try:
        with transaction.atomic():
            yield
            _batch.reset(token)
            token = None
            if touched.films:
                counted_themes_of(touched.films)
            if touched.articles:
                facets_of(touched.articles)
            # A row deleted after it was noted has its pages among the tags already (signals.content_going).
            shown = page_dependencies.shown_by_all([row for row in touched.shown.values() if row.pk is not None])
            if touched.page_tags or shown:
                refresh_cached_pages(page_dependencies.capped(touched.page_tags | shown))
    finally:
        if token is not None:
            _batch.reset(token)


def counted_themes_of(films):
    """Rebuild `films`' counted themes; the themes that came or went change "Similar films" too."""
    if derived.upkeep_suspended():
        return
    if (batch := _batch.get()) is not None:
        batch.films |= derived.ids_in(films)
        return
    similarity_store.counted_themes_changed(*derived.refresh_counted_themes(films))


def facets_of(articles):
    """Rebuild `articles`' facets; those that came or went change other lists' "More lists like this"."""
    if derived.upkeep_suspended():
        return
    if (batch := _batch.get()) is not None:
        batch.articles |= derived.ids_in(articles)
        return
    similarity_store.list_facets_changed(*derived.refresh_list_facets(articles))


def refresh_cached_pages(tags, showing=None):
    """Refresh the cached pages with `tags`, and those that show the row `showing` as it is once the change is
    made, when the change commits."""
    if (batch := _batch.get()) is not None:
        batch.page_tags |= tags
        if page_dependencies.EVERYTHING in batch.page_tags:
            # Every page is refreshed anyway (a backup load, an import's bookkeeping): nothing left to work out.
            batch.page_tags, batch.shown = {page_dependencies.EVERYTHING}, {}
        elif showing is not None:
            batch.shown[(type(showing), showing.pk)] = showing
        return
    if showing is not None:
        tags = page_dependencies.capped(tags | page_dependencies.shown_by(showing))
    transaction.on_commit(lambda: page_cache.bump(tags))
