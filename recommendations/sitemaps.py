"""
sitemap.xml: an index of per-section sitemaps (pages, lists, films, people, themes), each
split into pages of Sitemap.limit (50,000) addresses, the most a sitemap may hold.

Only what readers can see through a live list is listed: drafts, scheduled lists and
preview links never appear, nor do the films, people and themes only a draft uses. A
film's, person's or theme's lastmod is when a live list reaching it last changed; the
models keep no change time of their own.
"""

from functools import reduce
from operator import or_

from django.contrib.sitemaps import Sitemap
from django.db.models import Max, OuterRef, Q, Subquery
from django.db.models.functions import Greatest
from django.urls import reverse

from .models import Article, Film, Person, Theme


def changed():
    # A list scheduled after its last edit changed when it went live.
    return Greatest("updated_at", "published_at")


def latest_live_change(*paths):
    """When a live list that reaches the outer row through any of `paths` last changed, for .annotate()."""
    reaching = reduce(or_, (Q(**{path: OuterRef("pk")}) for path in paths))
    lists = Article.objects.live().filter(reaching).annotate(changed=changed()).order_by("-changed")
    return Subquery(lists.values("changed")[:1])


class PageSitemap(Sitemap):
    """The home page and the theme index."""

    def items(self):
        return ["recommendations:home", "recommendations:theme_list"]

    def location(self, url_name):
        return reverse(url_name)


class ChangedSitemap(Sitemap):
    """Items annotated with `changed`: the latest in the whole section is one aggregate, not a pass over every row."""

    def lastmod(self, item):
        return item.changed

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("changed"))["latest"]


class ListSitemap(ChangedSitemap):
    def items(self):
        return Article.objects.live().only("slug").annotate(changed=changed()).order_by("pk")


class FilmSitemap(ChangedSitemap):
    def items(self):
        reached = latest_live_change("entries__film", "subject")
        return Film.objects.only("slug").annotate(changed=reached).filter(changed__isnull=False).order_by("pk")


class PersonSitemap(ChangedSitemap):
    def items(self):
        reached = latest_live_change("entries__people", "entries__film__credits__person", "subject__credits__person")
        return Person.objects.only("slug").annotate(changed=reached).filter(changed__isnull=False).order_by("pk")


class ThemeSitemap(ChangedSitemap):
    def items(self):
        reached = latest_live_change("entries__themes", "entries__film__themes", "subject__themes")
        return Theme.objects.only("slug").annotate(changed=reached).filter(changed__isnull=False).order_by("pk")


SITEMAPS = {
    "pages": PageSitemap,
    "lists": ListSitemap,
    "films": FilmSitemap,
    "people": PersonSitemap,
    "themes": ThemeSitemap,
}
