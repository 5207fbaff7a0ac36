"""What changed between two states of a list, in the sentences an editor would use.

django-reversion keeps every admin save of a list as a revision: one version of the
article and one of each entry it had then (rank, film, blurb, themes, people). The
films, themes and people themselves are not part of it; a revision stores their ids.

describe_changes() is pure: it compares two ListStates with the names it is given, value
against value (a publication time, not how it prints), and words intros and blurbs by a word
diff. list_versions(), load_names() and compare() read what it needs in a fixed number of
queries, whatever the length of the list; live_state() is the list as it stands now.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.utils import timezone
from reversion.models import Version

from .models import Article, Entry, Film, Person, Theme
from .text import editor_time
from .word_diff import word_diff


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

    def __post_init__(self):
        # The site keeps publication times to the second (forms show no finer), so a time that a save
        # merely re-wrote without its microseconds is the same time.
        if self.published_at is not None:
            object.__setattr__(self, "published_at", self.published_at.replace(microsecond=0))


@dataclass(frozen=True)
class Change:
    """One sentence of a comparison; for an intro or a blurb, also the word diff that shows how it changed."""

    sentence: str
    diff: tuple = ()

    def __str__(self):
        return self.sentence


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

    def quoted(self, text):
        return f"“{text}”"

    def status(self, status):
        return Article.Status(status).label if status in Article.Status.values else status

    def rank(self, rank):
        return f"#{rank}"


@dataclass(frozen=True)
class Described:
    """How one field's change is told: `sentence` with {before}, {after} (as `shown`) and, for an entry, {film}
    and {rank}; a text field adds a word diff, a set of links says what was added and removed."""

    attribute: str
    sentence: str
    shown: str = "quoted"  # the Names method that words a value
    kind: str = "value"  # "value", "text", "links" or "time"


LIST_FIELDS = (
    Described("title", "Title changed from {before} to {after}"),
    Described("slug", "Slug changed from {before} to {after}"),
    Described("subject", "Subject changed from {before} to {after}", shown="film"),
    Described("intro", "Intro changed", kind="text"),
    Described("status", "Status changed from {before} to {after}", shown="status"),
    Described("published_at", "Publication date", kind="time"),
    Described("author", "Author changed from {before} to {after}", shown="user"),
)
ENTRY_FIELDS = (
    Described("film", "Film at #{rank} changed from {before} to {after}", shown="film"),
    Described("rank", "{film} moved {before} → {after}", shown="rank"),
    Described("blurb", "Blurb of {film} changed", kind="text"),
    Described("themes", "Themes of {film}", shown="theme", kind="links"),
    Described("people", "People of {film}", shown="person", kind="links"),
)


def describe_changes(older, newer, names):
    """The changes from one ListState to a later one: list fields first, then entries from #1 down."""
    changes = describe_fields(LIST_FIELDS, older, newer, names)
    for before, after in sorted(pair_entries(older.entries, newer.entries), key=countdown_position):
        changes += describe_entry(before, after, names)
    return changes


def describe_entry(before, after, names):
    if before is None:
        return [Change(f"{names.film(after.film)} added at #{after.rank}")]
    if after is None:
        return [Change(f"{names.film(before.film)} removed from #{before.rank}")]
    return describe_fields(ENTRY_FIELDS, before, after, names, film=names.film(after.film), rank=before.rank)


def describe_fields(table, older, newer, names, **about):
    changes = []
    for described in table:
        before, after = getattr(older, described.attribute), getattr(newer, described.attribute)
        if before == after:
            continue
        show = getattr(names, described.shown)
        if described.kind == "text":
            changes.append(Change(described.sentence.format(**about), tuple(word_diff(before, after))))
        elif described.kind == "links":
            changes.append(describe_links(described.sentence.format(**about), before, after, show))
        elif described.kind == "time":
            changes.append(describe_time(described.sentence, before, after))
        else:
            changes.append(Change(described.sentence.format(before=show(before), after=show(after), **about)))
    return changes


def describe_links(label, before, after, name):
    """ "Themes of Memento (2000): added memory loss; removed heist"."""
    parts = []
    added, removed = sorted(map(name, after - before)), sorted(map(name, before - after))
    if added:
        parts.append(f"added {', '.join(added)}")
    if removed:
        parts.append(f"removed {', '.join(removed)}")
    return Change(f"{label}: {'; '.join(parts)}")


def describe_time(label, before, after):
    if before is None:
        return Change(f"{label} set to {editor_time(after)}")
    if after is None:
        return Change(f"{label} cleared (was {editor_time(before)})")
    shown_before, shown_after = editor_time(before), editor_time(after)
    if shown_before == shown_after:
        # Within the same minute: the seconds say what moved.
        shown_before, shown_after = (timezone.localtime(moment).strftime("%H:%M:%S") for moment in (before, after))
    return Change(f"{label} changed from {shown_before} to {shown_after}")


def pair_entries(older, newer):
    """(before, after) for every entry in either state; None where it is missing from one side."""
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


def live_state(article):
    """The list as it stands in the database: three queries."""
    article = Article.objects.get(pk=article.pk)
    entries = Entry.objects.filter(article=article).prefetch_related("themes", "people")
    return ListState(
        title=article.title,
        slug=article.slug,
        subject=article.subject_id,
        intro=article.intro,
        status=article.status,
        published_at=article.published_at,
        author=article.author_id,
        entries={
            entry.pk: EntryState(
                rank=entry.rank,
                film=entry.film_id,
                blurb=entry.blurb,
                themes=frozenset(theme.pk for theme in entry.themes.all()),
                people=frozenset(person.pk for person in entry.people.all()),
            )
            for entry in entries
        },
    )


def load_names(*states):
    """Names for every film, theme, person and author the states mention: four queries."""
    films = {state.subject for state in states} | {entry.film for state in states for entry in state.entries.values()}
    themes = {pk for state in states for entry in state.entries.values() for pk in entry.themes}
    people = {pk for state in states for entry in state.entries.values() for pk in entry.people}
    return names_of(films, themes, people, {state.author for state in states})


def names_of(films, themes, people, users):
    """Names for these ids of films, themes, people and users: four queries. Ids that are not whole numbers (a
    form's garbage) are named as deleted things are."""
    films, themes, people, users = ({pk for pk in ids if isinstance(pk, int)} for ids in (films, themes, people, users))
    return Names(
        films={film.pk: str(film) for film in Film.objects.filter(pk__in=films).only("title", "year")},
        themes=dict(Theme.objects.filter(pk__in=themes).values_list("pk", "name")),
        people=dict(Person.objects.filter(pk__in=people).values_list("pk", "name")),
        users={
            user.pk: user.get_full_name() or user.get_username()
            for user in get_user_model().objects.filter(pk__in=users)
        },
    )


def list_versions(article):
    """Every stored version of a list, oldest first, each with its revision and who made it."""
    return list(Version.objects.get_for_object(article).select_related("revision__user").order_by("pk"))


def stored_state(version):
    """The ListState a stored version of a list holds, its entries included: one query."""
    entry_versions = Version.objects.get_for_model(Entry).filter(revision=version.revision_id)
    return list_state(version, entry_versions)


def compare(older, newer):
    """What changed from one stored version of a list to another, in a fixed number of queries."""
    entry_versions = list(Version.objects.get_for_model(Entry).filter(revision__in=[older.revision, newer.revision]))
    states = [
        list_state(version, [entry for entry in entry_versions if entry.revision_id == version.revision_id])
        for version in (older, newer)
    ]
    return describe_changes(*states, load_names(*states))


def changes_back_to(article, version):
    """What restoring `version` would change in the list as it now stands."""
    now, then = live_state(article), stored_state(version)
    return describe_changes(now, then, load_names(now, then))
