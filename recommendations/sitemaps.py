"""
sitemap.xml: an index of per-section sitemaps (pages, lists, films, people, themes, authors), each
split into pages of ADDRESSES_PER_PAGE addresses (a sitemap may hold 50,000, but a page of that
many takes seconds to build and is megabytes long).

Lists are the live ones only: drafts, scheduled lists and preview links never appear.
Every film, person and theme has a public page, listed with its own change time.

The index costs the same at any size: each section's last change is one step down an index, and
its number of pages comes from a count read from an index (lists) or a tally (films, people).
"""

from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import Exists, Max, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property

from .derived import tally
from .models import Article, AuthorProfile, Film, Person, Theme
from .pagination import CountedPaginator

ADDRESSES_PER_PAGE = 10_000
# Published lists read, newest edit first, to find the newest edit of a live one.
LOOK_AHEAD = 20


class PagedSitemap(Sitemap):
    limit = ADDRESSES_PER_PAGE


class PageSitemap(PagedSitemap):
    """The home page and the index pages (their filtered views are reached from them, not listed)."""

    def items(self):
        return [
            "recommendations:home",
            "recommendations:article_list",
            "recommendations:film_list",
            "recommendations:person_list",
            "recommendations:theme_list",
            "recommendations:tag_list",
        ]

    def location(self, url_name):
        return reverse(url_name)


class ListSitemap(PagedSitemap):
    def items(self):
        return Article.objects.live().only("slug", "updated_at", "published_at").order_by("pk")

    def lastmod(self, article):
        return article.modified_at

    def get_latest_lastmod(self):
        # The latest of either time is the latest of both latests: two steps down the live lists' indexes,
        # where the latest of Article.MODIFIED_AT would read every list.
        published = Article.objects.live().order_by("-published_at").values_list("published_at", flat=True).first()
        return max(filter(None, [published, latest_live_edit()]), default=None)


def latest_live_edit():
    """When a live list was last edited: the newest edits of published lists, read down index article_last_edit
    until one is live (a list scheduled after its last edit is not yet)."""
    published = Article.objects.filter(status=Article.Status.PUBLISHED).order_by("-updated_at")
    now = timezone.now()
    for updated_at, published_at in published.values_list("updated_at", "published_at")[:LOOK_AHEAD]:
        if published_at <= now:
            return updated_at
    return Article.objects.live().aggregate(latest=Max("updated_at"))["latest"]


class CatalogueSitemap(PagedSitemap):
    """Films, people or themes: one indexed scan per page of addresses, however large the catalogue."""

    model = None
    tally_name = None

    @cached_property
    def paginator(self):
        if self.tally_name is None:
            return Paginator(self._items(), self.limit)
        return CountedPaginator(self._items(), self.limit, tally(self.tally_name))

    def items(self):
        return self.model.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.model.objects.public().aggregate(latest=Max("updated_at"))["latest"]


class FilmSitemap(CatalogueSitemap):
    model = Film
    tally_name = "films"


class PersonSitemap(CatalogueSitemap):
    model = Person
    tally_name = "people"


class ThemeSitemap(CatalogueSitemap):
    model = Theme


class AuthorSitemap(PagedSitemap):
    """Authors with a live list: the others' pages are 404."""

    def items(self):
        # A step down each author's live lists (index article_by_author), not every live list.
        with_lists = Exists(Article.objects.live().filter(author=OuterRef("user")))
        return AuthorProfile.objects.filter(with_lists).only("slug", "updated_at").order_by("pk")

    def lastmod(self, author):
        return author.updated_at


SITEMAPS = {
    "pages": PageSitemap,
    "lists": ListSitemap,
    "films": FilmSitemap,
    "people": PersonSitemap,
    "themes": ThemeSitemap,
    "authors": AuthorSitemap,
}
