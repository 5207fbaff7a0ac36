"""
RSS 2.0 and Atom feeds of new lists: the whole site's, one theme's and one person's.

Only live lists, newest first. Each item carries the whole countdown: the intro, then
"6. Escape Plan (2013)" down to "1. Memento (2000)", each heading followed by its blurb,
through the same Markdown sanitiser as the pages (templates/recommendations/feeds/countdown.html).
"""

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .models import Article, Entry, Film, Person, Theme

FEED_LENGTH = 20


def for_feed(articles):
    """The newest FEED_LENGTH of `articles`, with what an item shows: byline, tags and the countdown's films."""
    countdown = Entry.objects.select_related("film").order_by("-rank")
    return (
        articles.select_related("author")
        .prefetch_related(Prefetch("entries", queryset=countdown), "tags")
        .order_by("-published_at", "-pk")[:FEED_LENGTH]
    )


class NewListsFeed(Feed):
    description_template = "recommendations/feeds/countdown.html"

    def title(self, obj):
        return "Film Magazine: new lists"

    def description(self, obj):
        return "Every new “movies like” list from Film Magazine, counted down in full."

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


class ThemeListsFeed(NewListsFeed):
    """Lists with an entry that shares the theme, as the theme's page shows them."""

    def get_object(self, request, slug):
        return get_object_or_404(Theme, slug=slug)

    def title(self, theme):
        return f"Film Magazine: lists about {theme.name}"

    def description(self, theme):
        return f"New Film Magazine lists with films about {theme.name}."

    def link(self, theme):
        return theme.get_absolute_url()

    def items(self, theme):
        using_it = Entry.objects.filter(themes=theme).values("article")
        return for_feed(Article.objects.live().filter(pk__in=using_it))


class PersonListsFeed(NewListsFeed):
    """Lists that mention the person, count down one of their films, or are about one."""

    def get_object(self, request, slug):
        return get_object_or_404(Person, slug=slug)

    def title(self, person):
        return f"Film Magazine: lists featuring {person.name}"

    def description(self, person):
        return f"New Film Magazine lists that feature {person.name} or their films."

    def link(self, person):
        return person.get_absolute_url()

    def items(self, person):
        their_films = Film.objects.filter(credits__person=person)
        mentioning = Entry.objects.filter(Q(people=person) | Q(film__in=their_films)).values("article")
        return for_feed(Article.objects.live().filter(Q(pk__in=mentioning) | Q(subject__in=their_films)))


class AtomMixin:
    feed_type = Atom1Feed

    def subtitle(self, obj):
        return self.description(obj)


class NewListsAtomFeed(AtomMixin, NewListsFeed):
    pass


class ThemeListsAtomFeed(AtomMixin, ThemeListsFeed):
    pass


class PersonListsAtomFeed(AtomMixin, PersonListsFeed):
    pass
