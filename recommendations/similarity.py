"""
Which films are like a film, and why.

A film is like another by what they share: people (cast and crew), themes and tags, with a
small bonus for being of the same era. Themes are those that count for each film by the
entry-theme rule (models/counted_themes.py): its own, and those its entries in live lists carry.
People and themes count only once an Editor has confirmed them (public), as everywhere readers
look. The film page's "Similar films" and the admin's suggested entries both ask similar_films(),
so they agree. Films that share both a person and a theme always rank above films that share
only one kind of thing, however many; then by score, then the older row first.

Each film's best STORED are worked out once and kept (similarity_store.py), with what they
share, and read back in a few queries until something they depend on changes. Working one
out (rank()) is one grouped query over the link tables, which reads every film sharing one of
the film's themes or tags: at 100,000 films that is tens of milliseconds. similarity_batch.py
works out every film at once, the same way, in memory, for rebuilds.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from taggit.models import TaggedItem

from .models import Credit, Film, Theme
from .models.counted_themes import film_theme_pairs, themes_of_film

PERSON_WEIGHT = 3
THEME_WEIGHT = 2
TAG_WEIGHT = 1
SAME_ERA_BONUS = 1
ERA_YEARS = 5
# How many of each film's similar films are kept: the film page shows 8, the admin suggests 10
# beside the films a list already has.
STORED = 16


@dataclass
class SimilarFilm:
    film: Film
    score: int
    people: list = field(default_factory=list)
    themes: list = field(default_factory=list)
    tags: list = field(default_factory=list)

    @property
    def reasons(self):
        """What the two films share, most telling first: “prison escape, Sylvester Stallone”."""
        return [theme.name for theme in self.themes] + [person.name for person in self.people] + self.tags


@dataclass(frozen=True)
class Ranked:
    """One film of a ranking, as stored: its id, score and what it shares (ids; people in its billing order)."""

    film_id: int
    score: int
    theme_ids: tuple = ()
    person_ids: tuple = ()
    tag_ids: tuple = ()

    def stored(self):
        return [self.film_id, self.score, list(self.theme_ids), list(self.person_ids), list(self.tag_ids)]

    @classmethod
    def from_stored(cls, row):
        film_id, score, theme_ids, person_ids, tag_ids = row
        return cls(film_id, score, tuple(theme_ids), tuple(person_ids), tuple(tag_ids))


@dataclass
class Features:
    """What `film` can share: its public counted themes, public people and tags, as loaded objects."""

    film: Film
    themes: dict
    people: dict
    tags: dict

    @classmethod
    def of(cls, film):
        """Read from the film's prefetched credits (with their people) and tags when it has them
        (FilmQuerySet.for_film_page), and `film.counted_themes` when the page has worked them out."""
        themes = getattr(film, "counted_themes", None)
        if themes is None:
            themes = Theme.objects.public().filter(themes_of_film(film))
        credits = film.credits.all() if "credits" in getattr(film, "_prefetched_objects_cache", {}) else None
        if credits is None:
            credits = Credit.objects.filter(film=film).select_related("person")
        people = {credit.person_id: credit.person for credit in credits if not credit.person.awaiting_review}
        return cls(
            film=film,
            themes={theme.pk: theme for theme in themes},
            people=people,
            tags={tag.pk: tag for tag in film.tags.all()},
        )

    @property
    def empty(self):
        return not (self.themes or self.people or self.tags)


def similar_films(film, limit=8, exclude=()):
    """Films most like `film`, best first, leaving out `film` itself and the films in `exclude`.

    Reads the stored ranking (similarity_store.ranking), worked out again when something it depends
    on changed; a caller that leaves out more of it than it holds gets a ranking of its own.
    """
    from .similarity_store import ranking

    features = Features.of(film)
    if features.empty:
        return []
    excluded = {getattr(other, "pk", other) for other in exclude}
    ranked, complete = ranking(features)
    chosen = [row for row in ranked if row.film_id not in excluded][:limit]
    if len(chosen) < limit and not complete:
        chosen = rank(features, limit, excluded)
    return as_similar_films(chosen, features)


def as_similar_films(ranked, features):
    """SimilarFilm for each row, with the shared themes, people and tags named from the film's own features."""
    films = Film.objects.in_bulk([row.film_id for row in ranked])
    similar = []
    for row in ranked:
        if row.film_id not in films:
            continue
        themes = sorted((features.themes[pk] for pk in row.theme_ids if pk in features.themes), key=by_name)
        people = [features.people[pk] for pk in row.person_ids if pk in features.people]
        tags = sorted(features.tags[pk].name for pk in row.tag_ids if pk in features.tags)
        similar.append(SimilarFilm(films[row.film_id], row.score, people=people, themes=themes, tags=tags))
    return similar


def by_name(item):
    return item.name


def rank(features, limit=STORED, excluded=()):
    """The best `limit` films like `features.film` (but `excluded`), worked out from the link tables: [Ranked]."""
    if features.empty:
        return []
    film = features.film
    theme_ids, person_ids, tag_ids = sorted(features.themes), sorted(features.people), sorted(features.tags)
    scores = _top_scores(theme_ids, person_ids, tag_ids, film.year, {film.pk, *excluded}, limit)
    if not scores:
        return []
    shared = _shared(list(scores), theme_ids, person_ids, tag_ids)
    return [
        Ranked(pk, score, *(tuple(shared[kind].get(pk, ())) for kind in ("themes", "people", "tags")))
        for pk, score in scores.items()
    ]


def _top_scores(theme_ids, person_ids, tag_ids, year, excluded_ids, limit):
    """{film id: score} for the best `limit` films, in rank order."""
    shared, params = [], []
    if theme_ids:
        pairs_sql, pairs_params = film_theme_pairs(theme_ids=theme_ids).query.sql_with_params()
        shared.append(f"SELECT pairs.film_id, 'theme' AS kind, {THEME_WEIGHT} AS weight FROM ({pairs_sql}) AS pairs")
        params.extend(pairs_params)
    if person_ids:
        # DISTINCT: a director who also wrote the film counts once.
        shared.append(
            f"SELECT film_id, 'person' AS kind, {PERSON_WEIGHT} AS weight FROM ("
            f"SELECT DISTINCT film_id, person_id FROM {Credit._meta.db_table} "
            f"WHERE person_id IN {_placeholders(person_ids)}) AS people"
        )
        params.extend(person_ids)
    if tag_ids:
        shared.append(
            f"SELECT object_id AS film_id, 'tag' AS kind, {TAG_WEIGHT} AS weight FROM {TaggedItem._meta.db_table} "
            f"WHERE content_type_id = %s AND tag_id IN {_placeholders(tag_ids)}"
        )
        params.extend([ContentType.objects.get_for_model(Film).pk, *tag_ids])

    sql = f"""
        SELECT shared.film_id,
               COUNT(DISTINCT CASE WHEN shared.kind IN ('person', 'theme') THEN shared.kind END) AS strong_kinds,
               SUM(shared.weight)
                 + CASE WHEN ABS(COALESCE(film.year, 0) - %s) <= {ERA_YEARS} THEN {SAME_ERA_BONUS} ELSE 0 END AS score
        FROM ({" UNION ALL ".join(shared)}) AS shared
        JOIN {Film._meta.db_table} AS film ON film.id = shared.film_id
        WHERE shared.film_id NOT IN {_placeholders(excluded_ids)} AND NOT film.awaiting_review
        GROUP BY shared.film_id, film.year
        ORDER BY strong_kinds DESC, score DESC, shared.film_id
        LIMIT %s
    """
    params = [year or -9999, *params, *excluded_ids, limit]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {film_id: score for film_id, _strong_kinds, score in cursor.fetchall()}


def _placeholders(values):
    return "(" + ", ".join(["%s"] * len(values)) + ")"


def _shared(film_ids, theme_ids, person_ids, tag_ids):
    """{"themes" | "people" | "tags": {film id: [ids it shares]}}, people in the order the film bills them."""
    shared = {"themes": {}, "people": {}, "tags": {}}
    if theme_ids:
        for film_id, theme_id in film_theme_pairs(film_ids=film_ids, theme_ids=theme_ids).order_by("theme_id"):
            shared["themes"].setdefault(film_id, []).append(theme_id)
    if person_ids:
        credits = Credit.objects.filter(film_id__in=film_ids, person_id__in=person_ids).order_by(
            "role", "billing_order", "pk"
        )
        for film_id, person_id in credits.values_list("film_id", "person_id"):
            people = shared["people"].setdefault(film_id, [])
            if person_id not in people:
                people.append(person_id)
    if tag_ids:
        items = TaggedItem.objects.filter(
            content_type=ContentType.objects.get_for_model(Film), object_id__in=film_ids, tag_id__in=tag_ids
        )
        for film_id, tag_id in items.order_by("tag_id").values_list("object_id", "tag_id"):
            shared["tags"].setdefault(film_id, []).append(tag_id)
    return shared
