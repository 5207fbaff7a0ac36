"""
Site search: the lists, films, people and themes whose names hold every word the reader typed.

Both sides go through `search_key`, so case, accents and punctuation never matter
("amelie" finds "Amélie", "dont" finds "Don't Look Up"). Each group costs one query
whatever the data size: the total rides along on every row as a window count.
"""

from dataclasses import dataclass
from functools import reduce
from operator import and_
from typing import ClassVar

from django.db.models import Case, Count, IntegerField, Q, Value, When, Window

from .models import Article, Entry, Film, Person, Theme
from .text import search_key

# Enough for any title or name; longer input is cut, never refused.
MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
RESULTS_PER_GROUP = 20
SUGGESTED_THEMES = 8


@dataclass(frozen=True)
class Group:
    key: str
    heading: str
    items: list
    total: int


@dataclass(frozen=True)
class SearchResults:
    max_length: ClassVar[int] = MAX_QUERY_LENGTH

    query: str
    words: tuple[str, ...] = ()
    groups: tuple[Group, ...] = ()

    @property
    def total(self):
        return sum(group.total for group in self.groups)


def search(query):
    """Every group for `query`, as typed by a reader: anything at all, of any length."""
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    words = tuple(search_key(query).split()[:MAX_WORDS])
    if not words:
        return SearchResults(query=query)
    groups = (
        found("lists", "Lists", matching_lists(words)),
        found("films", "Films", closest_first(Film, words, "title", "year")),
        found("people", "People", closest_first(Person, words, "name")),
        found("themes", "Themes", closest_first(Theme, words, "name")),
    )
    return SearchResults(query=query, words=words, groups=groups)


def matching_lists(words):
    """Live lists named by the words, or about a film they name; newest first."""
    return (
        Article.objects.live()
        .filter(has_words(words) | has_words(words, "subject__"))
        .select_related("subject")
        .order_by("-published_at", "-pk")
    )


def suggested_themes():
    """A few themes that live lists use, to start from when a search finds nothing."""
    return (
        Theme.objects.public().filter(entries__in=Entry.objects.live()).distinct().order_by("name")[:SUGGESTED_THEMES]
    )


def has_words(words, prefix=""):
    # `contains` escapes % and _ itself, so the words go to the database as plain text.
    return reduce(and_, (Q(**{f"{prefix}search_text__contains": word}) for word in words))


def closest_first(model, words, *then_by):
    """Names that are the words come first, then names that start with them, then the rest."""
    phrase = " ".join(words)
    closeness = Case(
        When(search_text=phrase, then=Value(0)),
        When(search_text__startswith=phrase, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return model.objects.public().filter(has_words(words)).order_by(closeness, *then_by)


def found(key, heading, queryset):
    """The first few results, and how many there are in all, in one query."""
    items = list(queryset.annotate(group_total=Window(Count("pk")))[:RESULTS_PER_GROUP])
    return Group(key, heading, items, items[0].group_total if items else 0)
