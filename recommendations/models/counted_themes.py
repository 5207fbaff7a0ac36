"""
When a theme counts for a film: the one rule, kept here and asked by every page that needs it.

A theme counts for a film when the film carries it (set on the film in the admin), or when an
entry for that film in a live list carries it: "Like Backtrace for memory loss" on Memento's
entry makes Memento a film about memory loss. Nothing is copied onto the film, so a list that
goes live (on time, if it was scheduled) adds its entries' themes at once, and one taken off
the site takes them away again; drafts never count.

Theme pages, the themes index's counts, "Similar films" and the editors' suggestions
(similarity.py) all go through these functions. They read the rule's result from CountedTheme
(models/derived.py), which every change to a film's themes, an entry's themes or a list's
publication rebuilds for the films it touches (recommendations/derived.py). Each of its rows
says from when it counts, so a scheduled list's themes count from its time on without anything
being written then. Its indexes give a theme's films in page order and a film's themes in a few
steps each, whatever the size of the catalogue.
"""

from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from .catalogue import Theme
from .derived import CountedTheme
from .lists import Entry, live_condition


def counted(now=None):
    """CountedTheme rows that count now."""
    return CountedTheme.objects.filter(CountedTheme.counting(now or timezone.now()))


def entry_links():
    """Themes set on entries of live lists: Entry.themes, with the entry's film beside each.

    A join to each link's list, not `entry__in=Entry.objects.live()`: that subquery is every live
    entry of the site, built in full before the theme or film asked about narrows anything.
    """
    return Entry.themes.through.objects.filter(live_condition("entry__article__"))


def themes_of_film(film):
    """A filter for Theme: the themes that count for `film` (a Film or its pk)."""
    return Q(pk__in=counted().filter(film=film).values("theme"))


def film_theme_pairs(film_ids=None, theme_ids=None):
    """(film id, theme id) once for every theme that counts for a film, narrowed to `film_ids` and/or
    `theme_ids` when given; similarity.py embeds its SQL."""
    pairs = counted()
    if film_ids is not None:
        pairs = pairs.filter(film_id__in=film_ids)
    if theme_ids is not None:
        pairs = pairs.filter(theme_id__in=theme_ids)
    return pairs.values_list("film_id", "theme_id")


def film_count():
    """An annotation for Theme: how many public films it counts for, counted from an index."""
    films = (
        counted()
        .filter(theme=OuterRef("pk"), film_public=True)
        .order_by()
        .values("theme")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return Coalesce(Subquery(films), 0)


def films_for_theme_page(theme):
    """The public films `theme` counts for, in its page's order (newest first, then by title), read straight
    from CountedTheme's index, each with where the theme comes from: theme_page_films() turns a page of
    them into films."""
    return (
        counted()
        .filter(theme=theme, film_public=True)
        .select_related("film")
        .annotate(**newest_list_giving(theme, OuterRef("film_id")))
        .order_by("-film_year", "film_title", "film_id")
    )


def theme_page_films(rows):
    """The films of a page of films_for_theme_page(): each says whether it carries the theme itself
    (`carries_theme`), and if not, the newest live list whose entry for it does (`theme_list_title`,
    `theme_list_slug`), to say so beside the film."""
    films = []
    for row in rows:
        film = row.film
        film.carries_theme = row.counts_from is None
        film.theme_list_title, film.theme_list_slug = row.theme_list_title, row.theme_list_slug
        films.append(film)
    return films


def newest_list_giving(theme, film):
    """Annotations: the title and address of the newest live list whose entry for `film` (an OuterRef)
    carries `theme`."""
    # The film's few entries, each asked whether it carries the theme: never every entry of the theme.
    entries = (
        Entry.objects.live()
        .filter(film=film)
        .filter(Exists(Entry.themes.through.objects.filter(entry=OuterRef("pk"), theme=theme)))
        .order_by("-article__published_at", "-article__pk")
    )
    return {
        "theme_list_title": Subquery(entries.values("article__title")[:1]),
        "theme_list_slug": Subquery(entries.values("article__slug")[:1]),
    }


def themes_with_sources(film):
    """The themes that count for `film`, each with the live lists whose entries give it: [(theme, [article, …])].

    The film's own themes come from its prefetched `themes` (public ones: FilmQuerySet.for_film_page);
    one query adds those its entries give.
    """
    sources = {theme.pk: (theme, []) for theme in film.themes.all()}
    carried = set(sources)
    links = (
        entry_links()
        .filter(entry__film=film, theme__in=Theme.objects.public())
        .select_related("theme", "entry__article")
        .order_by("theme__name", "-entry__article__published_at")
    )
    for link in links:
        if link.theme_id not in carried:
            sources.setdefault(link.theme_id, (link.theme, []))[1].append(link.entry.article)
    return sorted(sources.values(), key=lambda source: source[0].name)
