"""
When a theme counts for a film: the one rule, kept here and asked by every page that needs it.

A theme counts for a film when the film carries it (set on the film in the admin), or when an
entry for that film in a live list carries it: "Like Backtrace for memory loss" on Memento's
entry makes Memento a film about memory loss. Nothing is copied onto the film, so a list that
goes live (on time, if it was scheduled) adds its entries' themes at once, and one taken off
the site takes them away again; drafts never count.

Theme pages, the themes index's counts, the lists index's theme filter, "Similar films" and the
editors' suggestions (similarity.py) all go through these functions. Each one reads the two
link tables through their indexes, so its cost follows the theme or the film asked about, not
the size of the catalogue.
"""

from django.db.models import Exists, Func, OuterRef, Q, Subquery

from .catalogue import Film, Theme
from .lists import Entry, live_condition


def carried_links():
    """Themes set on films themselves: Film.themes."""
    return Film.themes.through.objects.all()


def entry_links():
    """Themes set on entries of live lists: Entry.themes, with the entry's film beside each.

    A join to each link's list, not `entry__in=Entry.objects.live()`: that subquery is every live
    entry of the site, built in full before the theme or film asked about narrows anything.
    """
    return Entry.themes.through.objects.filter(live_condition("entry__article__"))


def films_with_theme(theme):
    """A filter for Film: the films `theme` counts for. `theme` is a Theme, its pk, or an OuterRef to one."""
    carried = carried_links().filter(theme=theme).values("film_id")
    from_entries = entry_links().filter(theme=theme).values("entry__film_id")
    return Q(pk__in=carried) | Q(pk__in=from_entries)


def themes_of_film(film):
    """A filter for Theme: the themes that count for `film` (a Film or its pk)."""
    carried = carried_links().filter(film=film).values("theme_id")
    from_entries = entry_links().filter(entry__film=film).values("theme_id")
    return Q(pk__in=carried) | Q(pk__in=from_entries)


def film_theme_pairs(film_ids=None, theme_ids=None):
    """(film id, theme id) once for every theme that counts for a film, as a union of the two link tables.

    Narrowed to `film_ids` and/or `theme_ids` when given; similarity.py embeds its SQL.
    """
    carried = carried_links()
    from_entries = entry_links()
    if film_ids is not None:
        carried = carried.filter(film_id__in=film_ids)
        from_entries = from_entries.filter(entry__film_id__in=film_ids)
    if theme_ids is not None:
        carried = carried.filter(theme_id__in=theme_ids)
        from_entries = from_entries.filter(theme_id__in=theme_ids)
    return carried.values_list("film_id", "theme_id").union(from_entries.values_list("entry__film_id", "theme_id"))


def film_count():
    """An annotation for Theme: how many public films it counts for."""
    films = (
        Film.objects.public()
        .filter(films_with_theme(OuterRef(OuterRef("pk"))))
        .order_by()
        .annotate(count=Func("pk", function="COUNT"))
        .values("count")
    )
    return Subquery(films)


def where_theme_comes_from(theme):
    """Annotations for Film on a theme's page: whether the film carries `theme` itself, and if not, the newest
    live list whose entry for it does (its title and address), to say so beside the film."""
    entries = (
        Entry.objects.live()
        .filter(film=OuterRef("pk"), themes=theme)
        .order_by("-article__published_at", "-article__pk")
    )
    return {
        "carries_theme": Exists(carried_links().filter(film=OuterRef("pk"), theme=theme)),
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
