"""
RSS 2.0 and Atom feeds of new lists: the whole site's, one theme's and one person's.

Only live lists, newest first. Each item carries the whole countdown: the intro, then
"6. Escape Plan (2013)" down to "1. Memento (2000)", each heading followed by its blurb,
through the same Markdown sanitiser as the pages (templates/jinja2/recommendations/feeds/countdown.html).

Every text is plain text but the countdown. RSS readers take a channel's <description> as HTML,
so it is escaped there: a theme named "<3 romance" reads as typed, and markup in a name never
becomes markup. Titles are plain text in both formats (the XML escapes them), as are Atom subtitles.

Stored text was cleaned on its way in (text.clean_text), but a row written around that door (a
queryset update) may still hold a control character that XML 1.0 cannot carry, and one such row
would take a whole feed down: every string is cleaned again as the feed is written.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape

from .models import Article, Entry, Film, Person, Theme
from .text import clean_text

FEED_LENGTH = 20


def xml_safe(value):
    """`value` with each string in it (in dicts, lists and tuples too) fit for XML 1.0."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {key: xml_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(xml_safe(item) for item in value)
    return value


class XMLSafeMixin:
    def write(self, outfile, encoding):
        self.feed = xml_safe(self.feed)
        self.items = [xml_safe(item) for item in self.items]
        super().write(outfile, encoding)


class SiteRssFeed(XMLSafeMixin, Rss201rev2Feed):
    pass


class SiteAtomFeed(XMLSafeMixin, Atom1Feed):
    pass


def for_feed(articles):
    """The newest FEED_LENGTH of `articles`, with what an item shows: byline, tags and the countdown's films."""
    countdown = Entry.objects.select_related("film").order_by("-rank")
    return (
        articles.select_related("author")
        .prefetch_related(Prefetch("entries", queryset=countdown), "tags")
        .order_by("-published_at", "-pk")[:FEED_LENGTH]
    )


class NewListsFeed(Feed):
    feed_type = SiteRssFeed
    description_template = "recommendations/feeds/countdown.html"

    def title(self, obj):
        return f"{settings.SITE_NAME}: new lists"

    def about(self, obj):
        """What the feed is, in plain text."""
        return f"Every new “movies like” list from {settings.SITE_NAME}, counted down in full."

    def description(self, obj):
        return escape(self.about(obj))

    def link(self, obj):
        return reverse("recommendations:home")

    def items(self, obj):
        return for_feed(Article.objects.live())

    def item_title(self, article):
        return article.title

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.modified_at

    def item_author_name(self, article):
        return article.byline or None

    def item_categories(self, article):
        return [tag.name for tag in article.tags.all()]


class OnePageListsFeed(NewListsFeed):
    """The new lists of one theme's or person's page: `model` is whose, `lists_of()` which lists."""

    model = None
    title_text = description_text = ""

    def get_object(self, request, slug):
        return get_object_or_404(self.model.objects.public(), slug=slug)

    def title(self, obj):
        return self.title_text.format(site=settings.SITE_NAME, name=obj.name)

    def about(self, obj):
        return self.description_text.format(site=settings.SITE_NAME, name=obj.name)

    def link(self, obj):
        return obj.get_absolute_url()

    def items(self, obj):
        return for_feed(self.lists_of(obj))


class ThemeListsFeed(OnePageListsFeed):
    """Lists with an entry that shares the theme, as the theme's page shows them."""

    model = Theme
    title_text = "{site}: lists about {name}"
    description_text = "New {site} lists with films about {name}."

    def lists_of(self, theme):
        using_it = Entry.objects.filter(themes=theme).values("article")
        return Article.objects.live().filter(pk__in=using_it)


class PersonListsFeed(OnePageListsFeed):
    """Lists that mention the person, count down one of their films, or are about one."""

    model = Person
    title_text = "{site}: lists featuring {name}"
    description_text = "New {site} lists that feature {name} or their films."

    def lists_of(self, person):
        their_films = Film.objects.filter(credits__person=person)
        mentioning = Entry.objects.filter(Q(people=person) | Q(film__in=their_films)).values("article")
        return Article.objects.live().filter(Q(pk__in=mentioning) | Q(subject__in=their_films))


class AtomMixin:
    feed_type = SiteAtomFeed

    def subtitle(self, obj):
        return self.about(obj)


class NewListsAtomFeed(AtomMixin, NewListsFeed):
    pass


class ThemeListsAtomFeed(AtomMixin, ThemeListsFeed):
    pass


class PersonListsAtomFeed(AtomMixin, PersonListsFeed):
    pass
