"""
Which cached pages an edit refreshes (page_cache.py): the fan-out, worked out when the edit is made.

Every cached page depends on tags. A list's, film's, person's or theme's own page depends on the
tag of its object ("article:12", "film:5"); every other public page (home, the indexes, feeds,
sitemaps, search, tags, authors) on LISTINGS; and every page on EVERYTHING. An edit bumps the
tags of the pages that show what it changed:

- a list or one of its entries: the list's page, its subject's and entries' films, the people
  and themes its entries name, and LISTINGS;
- a film: its page, the lists about it or counting it down, its credited people and its themes;
- a person or theme: its page, the films it is linked to and the lists whose entries name it;
- a credit or where-to-watch row: its film's page, the lists showing that film (and the person);
- anything else (services, tags, bylines, deletions of whole rows): EVERYTHING.

Not followed: "Similar films" on other films' pages and "More lists like this" on other lists'
pages, which are worked out from many films and lists at once. They trail an edit by at most
PAGE_CACHE_SECONDS, when those pages expire.
"""

from django.db.models import Q

from .models import Article, Availability, Credit, Entry, Film, Person, Theme

LISTINGS = "listings"
EVERYTHING = "everything"
# An edit that shows on more pages than this (a theme of thousands of films) refreshes them all:
# one bump instead of thousands.
MOST_TAGS = 500


def tag_of(model, pk):
    return f"{model._meta.model_name}:{pk}"


def tags_of(model, pks):
    return {tag_of(model, pk) for pk in pks if pk is not None}


def capped(tags):
    return {EVERYTHING} if len(tags) > MOST_TAGS else set(tags)


def shown_by_all(instances):
    """The tags of the pages that show any of `instances`, as they are now: the entries' in one query."""
    entries = [instance for instance in instances if isinstance(instance, Entry)]
    tags = set()
    if entries:
        tags = {LISTINGS, *tags_of(Article, {entry.article_id for entry in entries})}
        tags |= tags_of(Film, {entry.film_id for entry in entries})
        tags |= entry_links(Entry.objects.filter(pk__in=[entry.pk for entry in entries]))
    for instance in instances:
        if not isinstance(instance, Entry):
            tags |= shown_by(instance)
    return capped(tags)


def shown_by(instance):
    """The tags of the pages that show `instance`, as it is now."""
    if isinstance(instance, Entry):
        return shown_by_all([instance])
    if isinstance(instance, Article):
        tags = {tag_of(Article, instance.pk), tag_of(Film, instance.subject_id)}
        tags |= entry_links(Entry.objects.filter(article=instance))
    elif isinstance(instance, Film):
        tags = lists_showing({instance.pk})
        tags |= tags_of(Person, Credit.objects.filter(film=instance).values_list("person", flat=True))
        tags |= tags_of(Theme, Film.themes.through.objects.filter(film=instance).values_list("theme", flat=True))
    elif isinstance(instance, Person):
        tags = {tag_of(Person, instance.pk)}
        tags |= lists_showing(set(Credit.objects.filter(person=instance).values_list("film", flat=True)))
        named = Entry.people.through.objects.filter(person=instance)
        tags |= tags_of(Article, named.values_list("entry__article", flat=True))
    elif isinstance(instance, Theme):
        tags = {tag_of(Theme, instance.pk)}
        tags |= tags_of(Film, Film.themes.through.objects.filter(theme=instance).values_list("film", flat=True))
        carried = Entry.themes.through.objects.filter(theme=instance)
        tags |= tags_of(Film, carried.values_list("entry__film", flat=True))
        tags |= tags_of(Article, carried.values_list("entry__article", flat=True))
    elif isinstance(instance, Credit):
        tags = lists_showing({instance.film_id}) | {tag_of(Person, instance.person_id)}
    elif isinstance(instance, Availability):
        tags = lists_showing({instance.film_id})
    else:
        return {EVERYTHING}
    return capped({*tags, LISTINGS})


def linked(model, pk_set):
    """The tags of the pages of the rows an m2m change linked or unlinked (besides what shows the row changed)."""
    if pk_set is None:  # a clear: which rows it unlinked is not known
        return {EVERYTHING}
    if model in (Article, Film, Person, Theme):
        return capped(tags_of(model, pk_set))
    if model is Entry:
        return capped(entry_links(Entry.objects.filter(pk__in=pk_set), with_lists=True))
    return set()


def entry_links(entries, with_lists=False):
    """The pages of the films, people and themes `entries` (a queryset) name."""
    rows = entries.values_list("film", "people", "themes", "article")
    films, people, themes, lists = (set(column) for column in zip(*rows, strict=True)) if rows else ([],) * 4
    tags = tags_of(Film, films) | tags_of(Person, people) | tags_of(Theme, themes)
    return tags | tags_of(Article, lists) if with_lists else tags


def lists_showing(film_ids):
    """The films' own pages and the lists about them or counting them down."""
    lists = Article.objects.filter(Q(subject__in=film_ids) | Q(entries__film__in=film_ids)).values_list("pk", flat=True)
    return tags_of(Film, film_ids) | tags_of(Article, lists.distinct())
