"""
Stored "Similar films" (models/derived.StoredSimilarFilms): read back, checked against what changed
since, worked out again when it did.

What a film's ranking depends on: its own themes, people, tags, year and review state, and, for
every other film, what that film shares with it. A change to film X's links can therefore move X
in the ranking of every film that shares the changed theme, tag or person. Rather than finding
all those films when an editor saves, the change is written down once per thing changed
(SimilarityChange: the film, and the theme, tag or person; signals.py and derived.py say
which), and a stored ranking is stale when anything it depends on (the film, or one of the
themes, people and tags it had) changed after it was worked out. A stale ranking is worked out
again by the next page that reads it (one grouped query, tens of milliseconds at 100,000 films)
and stored, or by `manage.py refresh_precomputed` for all stale ones at once. Nothing trails:
a reader never gets a ranking older than the data it shows.

A scheduled list's entry themes count from its publication time: the changes are written down
with that time, so rankings go stale exactly when the list goes live.

A change is written down in the edit's transaction (so the editor's own next page sees it) and
again when it commits: a page that worked a ranking out while the edit was still open read the
tables as they were, and that ranking is older than the change's second mark.
"""

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from taggit.models import TaggedItem

from .derived import store_if_free, upkeep_suspended, upsert
from .models import Credit, Film
from .models.derived import CountedTheme, SimilarityChange, StoredSimilarFilms
from .similarity import STORED, Ranked, rank

Kind = SimilarityChange.Kind


def ranking(features):
    """([Ranked], complete) for `features.film`: the stored ranking, or a new one when it is stale or missing."""
    film = features.film
    now = timezone.now()
    stored = StoredSimilarFilms.objects.filter(film=film.pk).first()
    if stored is not None and not is_stale(stored, now):
        return [Ranked.from_stored(row) for row in stored.ranked], stored.complete
    ranked = rank(features, STORED)
    complete = len(ranked) < STORED
    store_if_free(lambda: store({film.pk: (ranked, complete)}, now))
    return ranked, complete


def is_stale(stored, now):
    """Whether the film, or a theme, person or tag it had, changed since `stored` was worked out."""
    changed = Q(kind=Kind.FILM, key=stored.film_id)
    for kind, name in ((Kind.THEME, "themes"), (Kind.PERSON, "people"), (Kind.TAG, "tags")):
        if stored.features.get(name):
            changed |= Q(kind=kind, key__in=stored.features[name])
    return SimilarityChange.objects.filter(changed, at__gte=stored.computed_at, at__lte=now).exists()


def store(rankings, computed_at):
    """Keep {film id: ([Ranked], complete)}, each with the features it was worked out from."""
    features = features_of(list(rankings))
    rows = [
        StoredSimilarFilms(
            film_id=film_id,
            ranked=[row.stored() for row in ranked],
            features=features[film_id],
            complete=complete,
            computed_at=computed_at,
        )
        for film_id, (ranked, complete) in rankings.items()
    ]
    upsert(StoredSimilarFilms, rows, "film", ["ranked", "features", "complete", "computed_at"])


def features_of(film_ids):
    """{film id: {"themes", "people", "tags": [ids]}}: everything it has, confirmed or not, counting yet or not."""
    features = {film_id: {"themes": [], "people": [], "tags": []} for film_id in film_ids}
    rows = {
        "themes": CountedTheme.objects.filter(film__in=film_ids).values_list("film_id", "theme_id"),
        "people": Credit.objects.filter(film__in=film_ids).values_list("film_id", "person_id").distinct(),
        "tags": TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Film), object_id__in=film_ids
        ).values_list("object_id", "tag_id"),
    }
    for name, pairs in rows.items():
        for film_id, key in pairs.order_by():
            features[film_id][name].append(key)
    return features


# What changed (signals.py)


def record(changes, at=None):
    """Write down [(kind, key)] as changed at `at` (default: now), and once more when the transaction commits."""
    rows = sorted({(kind, int(key)) for kind, key in changes if key is not None})
    at = at or timezone.now()
    write(rows, at)
    if connection.in_atomic_block and at <= timezone.now():
        transaction.on_commit(lambda: write(rows, timezone.now()))


def write(rows, at):
    SimilarityChange.objects.bulk_create([SimilarityChange(kind=kind, key=key, at=at) for kind, key in rows])


def films_changed_entirely(film_ids):
    """Films whose year or review state changed, or that go: everything they share changed with them."""
    film_ids = list(film_ids)
    changes = [(Kind.FILM, film_id) for film_id in film_ids]
    for features in features_of(film_ids).values():
        changes += [(Kind.THEME, key) for key in features["themes"]]
        changes += [(Kind.PERSON, key) for key in features["people"]]
        changes += [(Kind.TAG, key) for key in features["tags"]]
    record(changes)


def counted_themes_changed(gone, came):
    """Rows of CountedTheme (film id, theme id, counts_from, film_public) that went and came
    (derived.refresh_counted_themes).

    One that counts only from a time still to come changes the rankings then.
    """
    now = timezone.now()
    by_time = {}
    for film_id, theme_id, counts_from, _film_public in [*gone, *came]:
        at = counts_from if counts_from is not None and counts_from > now else now
        by_time.setdefault(at, []).extend([(Kind.FILM, film_id), (Kind.THEME, theme_id)])
    for at, changes in by_time.items():
        record(changes, at)


LIST_KINDS = {"subject": Kind.LIST_FILM, "film": Kind.LIST_FILM, "theme": Kind.LIST_THEME, "tag": Kind.LIST_TAG}


def list_facets_changed(gone, came):
    """Facets (list id, kind, value, published_at) that went and came (derived.refresh_list_facets): the lists
    with that film, theme or tag changed, for "More lists like this" (related_lists.py); a scheduled list's,
    at its publication time."""
    if upkeep_suspended():
        return
    now = timezone.now()
    by_time = {}
    for _article_id, kind, value, published_at in [*gone, *came]:
        if kind in LIST_KINDS:
            at = published_at if published_at > now else now
            by_time.setdefault(at, []).append((LIST_KINDS[kind], value))
    for at, changes in by_time.items():
        record(changes, at)
