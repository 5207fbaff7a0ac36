"""
sitemap.xml: an index of per-section sitemaps (pages, lists, films, people, themes, authors), each
split into pages of Sitemap.limit (50,000) addresses, the most a sitemap may hold.

Lists are the live ones only: drafts, scheduled lists and preview links never appear.
Every film, person and theme has a public page, listed with its own change time.
"""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.urls import reverse

from .models import Article, AuthorProfile, Film, Person, Theme


class PageSitemap(Sitemap):
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


class ListSitemap(Sitemap):
    def items(self):
        return Article.objects.live().only("slug", "updated_at", "published_at").order_by("pk")

    def lastmod(self, article):
        return article.modified_at

    def get_latest_lastmod(self):
        # One aggregate over the section, not a pass over every row.
        return Article.objects.live().aggregate(latest=Max(Article.MODIFIED_AT))["latest"]


class CatalogueSitemap(Sitemap):
    """Films, people or themes: one indexed scan per page of addresses, however large the catalogue."""

    model = None

    def items(self):
        return self.model.objects.public().only("slug", "updated_at").order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        return self.model.objects.public().aggregate(latest=Max("updated_at"))["latest"]


class FilmSitemap(CatalogueSitemap):
    model = Film


class PersonSitemap(CatalogueSitemap):
    model = Person


class ThemeSitemap(CatalogueSitemap):
    model = Theme


class AuthorSitemap(Sitemap):
    """Authors with a live list: the others' pages are 404."""

    def items(self):
        with_lists = Article.objects.live().values("author")
        return AuthorProfile.objects.filter(user__in=with_lists).only("slug", "updated_at").order_by("pk")

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
