"""What changed between two revisions of a list, in the sentences an editor would use.

django-reversion keeps every admin save of a list as a revision: one version of the
article and one of each entry it had then (rank, film, blurb, themes, people). The
films, themes and people themselves are not part of it; a revision stores their ids.

describe_changes() is pure: it compares two ListStates with the names it is given.
list_versions(), load_names() and compare() read what it needs in a fixed number of
queries, whatever the length of the list.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from reversion.models import Version

from .models import Article, Entry, Film, Person, Theme
from .text import editor_time


@dataclass(frozen=True)
class EntryState:
    """One entry as a revision stored it; films, themes and people are ids."""

    rank: int
    film: int
    blurb: str = ""
    themes: frozenset = frozenset()
    people: frozenset = frozenset()


@dataclass(frozen=True)
class ListState:
    """A list as a revision stored it: its own fields and its entries by entry id."""

    title: str = ""
    slug: str = ""
    subject: int | None = None
    intro: str = ""
    status: str = Article.Status.DRAFT
    published_at: object = None
    author: int | None = None
    entries: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Names:
    """What editors call the films, themes, people and users a comparison mentions, by id."""

    films: dict = field(default_factory=dict)
    themes: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)
    users: dict = field(default_factory=dict)

    def film(self, pk):
        # Capitalised: a film can open a sentence ("Film no. 12 (deleted) added at #1").
        return self.films.get(pk) or f"Film no. {pk} (deleted)"

    def theme(self, pk):
        return self.themes.get(pk) or f"theme no. {pk} (deleted)"

    def person(self, pk):
        return self.people.get(pk) or f"person no. {pk} (deleted)"

    def user(self, pk):
        if pk is None:
            return "nobody"
        return self.users.get(pk) or f"user no. {pk} (deleted)"


def describe_changes(older, newer, names):
    """The changes from one ListState to a later one, as sentences: list fields first, then entries from #1 down."""
    sentences = describe_list_fields(older, newer, names)
    for before, after in sorted(pair_entries(older.entries, newer.entries), key=countdown_position):
        sentences += describe_entry(before, after, names)
    return sentences


def describe_list_fields(older, newer, names):
    sentences = []
    if older.title != newer.title:
        sentences.append(f"Title changed from “{older.title}” to “{newer.title}”")
    if older.slug != newer.slug:
        sentences.append(f"Slug changed from “{older.slug}” to “{newer.slug}”")
    if older.subject != newer.subject:
        sentences.append(f"Subject changed from {names.film(older.subject)} to {names.film(newer.subject)}")
    if older.intro != newer.intro:
        sentences.append("Intro changed")
    if older.status != newer.status:
        sentences.append(f"Status changed from {status_label(older.status)} to {status_label(newer.status)}")
    if older.published_at != newer.published_at:
        sentences.append(describe_publication_date(older.published_at, newer.published_at))
    if older.author != newer.author:
        sentences.append(f"Author changed from {names.user(older.author)} to {names.user(newer.author)}")
    return sentences


def status_label(status):
    return Article.Status(status).label if status in Article.Status.values else status


def describe_publication_date(older, newer):
    if older is None:
        return f"Publication date set to {editor_time(newer)}"
    if newer is None:
        return f"Publication date cleared (was {editor_time(older)})"
    return f"Publication date changed from {editor_time(older)} to {editor_time(newer)}"


def pair_entries(older, newer):
    """(before, after) for every entry in either revision; None where it is missing from one side."""
    pairs = [(older[pk], newer[pk]) for pk in older.keys() & newer.keys()]
    removed = {entry.film: entry for pk, entry in older.items() if pk not in newer}
    added = {entry.film: entry for pk, entry in newer.items() if pk not in older}
    # An entry deleted and made again for the same film is, to an editor, the same pick.
    for film in removed.keys() & added.keys():
        pairs.append((removed.pop(film), added.pop(film)))
    return pairs + [(entry, None) for entry in removed.values()] + [(None, entry) for entry in added.values()]


def countdown_position(pair):
    before, after = pair
    return (after.rank, 0) if after else (before.rank, 1)


def describe_entry(before, after, names):
    if before is None:
        return [f"{names.film(after.film)} added at #{after.rank}"]
    if after is None:
        return [f"{names.film(before.film)} removed from #{before.rank}"]
    film = names.film(after.film)
    sentences = []
    if before.film != after.film:
        sentences.append(f"Film at #{before.rank} changed from {names.film(before.film)} to {film}")
    if before.rank != after.rank:
        sentences.append(f"{film} moved #{before.rank} → #{after.rank}")
    if before.blurb != after.blurb:
        sentences.append(f"Blurb of {film} changed")
    sentences += describe_links(f"Themes of {film}", before.themes, after.themes, names.theme)
    sentences += describe_links(f"People of {film}", before.people, after.people, names.person)
    return sentences


def describe_links(label, before, after, name):
    """["Themes of Memento (2000): added memory loss; removed heist"], or [] when nothing changed."""
    parts = []
    added, removed = sorted(map(name, after - before)), sorted(map(name, before - after))
    if added:
        parts.append(f"added {', '.join(added)}")
    if removed:
        parts.append(f"removed {', '.join(removed)}")
    return [f"{label}: {'; '.join(parts)}"] if parts else []


def list_state(article_version, entry_versions):
    """A ListState from a list's stored version and its entries' versions (other lists' entries are skipped)."""
    data = article_version.field_dict
    return ListState(
        title=data.get("title", ""),
        slug=data.get("slug", ""),
        subject=data.get("subject_id"),
        intro=data.get("intro", ""),
        status=data.get("status", Article.Status.DRAFT),
        published_at=data.get("published_at"),
        author=data.get("author_id"),
        entries={
            int(version.object_id): entry_state(version.field_dict)
            for version in entry_versions
            if str(version.field_dict.get("article_id")) == article_version.object_id
        },
    )


def entry_state(data):
    return EntryState(
        rank=data["rank"],
        film=data["film_id"],
        blurb=data.get("blurb", ""),
        themes=frozenset(data.get("themes", ())),
        people=frozenset(data.get("people", ())),
    )


def load_names(*states):
    """Names for every film, theme, person and author the states mention: four queries."""
    films = {state.subject for state in states} | {entry.film for state in states for entry in state.entries.values()}
    themes = {pk for state in states for entry in state.entries.values() for pk in entry.themes}
    people = {pk for state in states for entry in state.entries.values() for pk in entry.people}
    users = get_user_model().objects.filter(pk__in={state.author for state in states} - {None})
    return Names(
        films={film.pk: str(film) for film in Film.objects.filter(pk__in=films - {None}).only("title", "year")},
        themes=dict(Theme.objects.filter(pk__in=themes).values_list("pk", "name")),
        people=dict(Person.objects.filter(pk__in=people).values_list("pk", "name")),
        users={user.pk: user.get_full_name() or user.get_username() for user in users},
    )


def list_versions(article):
    """Every stored version of a list, oldest first, each with its revision and who made it."""
    return list(Version.objects.get_for_object(article).select_related("revision__user").order_by("pk"))


def compare(older, newer):
    """Sentences for what changed from one stored version of a list to another, in a fixed number of queries."""
    entry_versions = list(Version.objects.get_for_model(Entry).filter(revision__in=[older.revision, newer.revision]))
    states = [
        list_state(version, [entry for entry in entry_versions if entry.revision_id == version.revision_id])
        for version in (older, newer)
    ]
    return describe_changes(*states, load_names(*states))
