"""
Site search: lists, films, people and themes, found by their names, and lists by their intros and blurbs.

Names: every word the reader typed must be in the name ("plan escape" finds "Escape Plan");
case, accents and punctuation never matter ("amelie" finds "Amélie"), since both sides go
through `search_key`. Lists are also found by the words of their intros and of their entries'
blurbs, live lists only ("anterograde amnesia" finds Movies Like Backtrace, through Memento's
blurb), each with the passage that matched.

Typos: when nothing at all matches, the names nearest to what was typed are offered, those
whose every word is within a few letters of a typed word (EDITS_ALLOWED: one letter off in a
word of 3 to 5, two in a longer one), with "Did you mean …?" for the best of them
("mementoo" → Memento, "christopher nolen" → Christopher Nolan).

Every filter goes through the database's own indexes (search_index.py): no search reads a whole
table. Each group costs one query whatever the data size, and a second, counting, when it has more
results than it shows.
"""

import re
from dataclasses import dataclass
from typing import ClassVar

from django.db.models import Case, IntegerField, Q, Value, When
from rapidfuzz.distance import Levenshtein

from .models import Article, Entry, Film, Person, Theme
from .page_meta import plain_text
from .search_index import names_close_to, names_containing, prose_matching
from .text import search_key

# Enough for any title or name; longer input is cut, never refused.
MAX_QUERY_LENGTH = 100
MAX_WORDS = 8
RESULTS_PER_GROUP = 20
SUGGESTED_THEMES = 8
# Words either side of the first matching word in a passage.
PASSAGE_WORDS = 12
WORD = re.compile(r"\S+")


def edits_allowed(word):
    """How many letters a typed word may be off by: none up to 2 letters, 1 up to 5, else 2."""
    return 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2


@dataclass(frozen=True)
class Passage:
    """Where a list's prose matched: the words around the match, with the matching words marked."""

    source: str
    parts: tuple  # ((text, is_match), …)


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
    # Set when nothing matched as typed and these are the names nearest to it.
    close_matches: bool = False
    did_you_mean: str = ""

    @property
    def total(self):
        return sum(group.total for group in self.groups)


def search(query):
    """Every group for `query`, as typed by a reader: anything at all, of any length."""
    query = (query or "").strip()[:MAX_QUERY_LENGTH]
    words = tuple(search_key(query).split()[:MAX_WORDS])
    if not words:
        return SearchResults(query=query)
    lists = found("lists", "Lists", matching_lists(words))
    groups = (
        lists,
        found("films", "Films", closest_first(Film, words, "title", "year")),
        found("people", "People", closest_first(Person, words, "name")),
        found("themes", "Themes", closest_first(Theme, words, "name")),
    )
    if any(group.total for group in groups):
        for article, passage in passages(lists.items, words).items():
            article.passage = passage
        return SearchResults(query=query, words=words, groups=groups)
    return close_results(query, words)


def matching_lists(words):
    """Live lists named by the words, about a film they name, or whose intro or blurbs hold them; newest first."""
    blurbs = Entry.objects.filter(prose_matching(Entry, "blurb", words)).values("article")
    return (
        Article.objects.live()
        .filter(
            names_containing(Article, words)
            | Q(subject__in=Film.objects.filter(names_containing(Film, words)))
            | prose_matching(Article, "intro", words)
            | Q(pk__in=blurbs)
        )
        .select_related("subject")
        .order_by("-published_at", "-pk")
    )


def suggested_themes():
    """A few themes that live lists use, to start from when a search finds nothing."""
    return (
        Theme.objects.public().filter(entries__in=Entry.objects.live()).distinct().order_by("name")[:SUGGESTED_THEMES]
    )


def closest_first(model, words, *then_by):
    """Names that are the words come first, then names that start with them, then the rest."""
    phrase = " ".join(words)
    closeness = Case(
        When(search_text=phrase, then=Value(0)),
        When(search_text__startswith=phrase, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return model.objects.public().filter(names_containing(model, words)).order_by(closeness, *then_by)


def found(key, heading, queryset):
    """The first few results, and how many there are in all: counted, over their ids alone, only when the
    first few are not all. A window count would carry every match's whole row through the sort."""
    items = list(queryset[:RESULTS_PER_GROUP])
    total = len(items) if len(items) < RESULTS_PER_GROUP else queryset.order_by().values("pk").count()
    return Group(key, heading, items, total)


# Typos


def close_results(query, words):
    """The names nearest to a query that matched nothing, and the spelling the best of them suggests."""
    groups, best = [], None
    kinds = [
        ("lists", "Lists", Article.objects.live().select_related("subject")),
        ("films", "Films", Film.objects.public()),
        ("people", "People", Person.objects.public()),
        ("themes", "Themes", Theme.objects.public()),
    ]
    for key, heading, queryset in kinds:
        scored = []
        for item in queryset.filter(names_close_to(queryset.model, words)):
            spelling = corrected(words, item.search_text.split())
            if spelling is not None:
                scored.append((spelling[0], len(item.search_text), item.search_text, item, spelling[1]))
        scored.sort(key=lambda row: row[:3])
        items = [row[3] for row in scored[:RESULTS_PER_GROUP]]
        groups.append(Group(key, heading, items, len(scored)))
        if scored and (best is None or scored[0][:2] < best[:2]):
            best = scored[0]
    did_you_mean = best[4] if best and best[4] != " ".join(words) else ""
    return SearchResults(
        query=query, words=words, groups=tuple(groups), close_matches=bool(best), did_you_mean=did_you_mean
    )


def corrected(words, name_words):
    """(letters changed, corrected query) when every typed word is near a word of the name, else None."""
    total, spelling = 0, []
    for word in words:
        nearest = min(
            name_words,
            key=lambda candidate: (nearness(word, candidate), len(candidate)),
            default=None,
        )
        if nearest is None or nearness(word, nearest) > edits_allowed(word):
            return None
        total += nearness(word, nearest)
        spelling.append(word if nearest.startswith(word) else nearest)
    return total, " ".join(spelling)


def nearness(word, candidate):
    """Letters to change to turn `word` into `candidate`, or into its start: a word typed in part is 0 away."""
    return min(Levenshtein.distance(word, candidate), Levenshtein.distance(word, candidate[: len(word)]))


# Passages


def passages(articles, words):
    """{article: Passage} for the lists shown: where their intro, or else their top matching blurb, holds the words.

    Intros came with the lists; one query finds the blurbs that match among the lists left.
    """
    found_in = {}
    for article in articles:
        passage = passage_in(article.intro, words, "Intro")
        if passage:
            found_in[article] = passage
    rest = {article.pk: article for article in articles if article not in found_in}
    if rest:
        entries = Entry.objects.filter(article__in=rest).filter(prose_matching(Entry, "blurb", words))
        for entry in entries.select_related("film").order_by("article", "rank"):
            article = rest[entry.article_id]
            if article not in found_in:
                passage = passage_in(entry.blurb, words, f"#{entry.rank} {entry.film}")
                if passage:
                    found_in[article] = passage
    return found_in


def passage_in(markdown_text, words, source):
    """The words around the first one that matches a typed word (or a form of it), matches marked."""
    stems = [word[: max(4, len(word) - 2)] for word in words]
    # A text that holds no stem anywhere has no passage: most intros of the lists shown, which were found
    # through a blurb, skip their Markdown render.
    whole = search_key(markdown_text)
    if not any(stem in whole for stem in stems):
        return None
    text_words = WORD.findall(plain_text(markdown_text))
    keys = [search_key(text_word) for text_word in text_words]
    hits = [index for index, key in enumerate(keys) if any(key.startswith(stem) for stem in stems)]
    if not hits:
        return None
    start = max(0, hits[0] - PASSAGE_WORDS)
    end = min(len(text_words), hits[0] + PASSAGE_WORDS + 1)
    parts = [("…" if start else "", False)]
    for index in range(start, end):
        parts.append((text_words[index], index in hits))
        parts.append((" ", False))
    parts[-1] = ("…" if end < len(text_words) else "", False)
    return Passage(source=source, parts=tuple(part for part in parts if part[0]))
