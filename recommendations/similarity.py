"""
Which films are like a film, and why.

A film is like another by what they share: people (cast and crew), themes and
tags, with a small bonus for being of the same era. Themes are those that count
for each film by the entry-theme rule (models/counted_themes.py): its own, and
those its entries in live lists carry. The film page's "Similar
films" and the admin's suggested entries both ask this module, so they agree.

Scoring happens in the database, in one grouped query over the link tables, so
no film is loaded into Python but the few returned. The query still reads every
link row that shares one of the film's themes or tags: at 100,000 films a broad
theme reaches thousands of films, and a call takes 40-70 ms (bench/results.md).
Films that share both a person and a theme always rank above films that share
only one kind of thing, however many.
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


def similar_films(film, limit=8, exclude=()):
    """Films most like `film`, best first, leaving out `film` itself and the films in `exclude`.

    Reads the film's credits and tags through the related managers, so a film fetched with
    for_film_page() costs no extra query for them; its themes are `film.counted_themes` when
    the page has worked them out already, else one query.
    """
    themes = getattr(film, "counted_themes", None)
    if themes is None:
        themes = list(Theme.objects.public().filter(themes_of_film(film)))
    themes_by_id = {theme.pk: theme for theme in themes}
    theme_ids = sorted(themes_by_id)
    person_ids = sorted({credit.person_id for credit in film.credits.all()})
    tag_ids = sorted({tag.pk for tag in film.tags.all()})
    if not (theme_ids or person_ids or tag_ids):
        return []

    excluded_ids = {film.pk, *(getattr(other, "pk", other) for other in exclude)}
    scores = _top_scores(theme_ids, person_ids, tag_ids, film.year, excluded_ids, limit)
    if not scores:
        return []

    film_ids = list(scores)
    films = Film.objects.in_bulk(film_ids)
    similar = {pk: SimilarFilm(film=films[pk], score=scores[pk]) for pk in film_ids if pk in films}
    _attach_reasons(similar, themes_by_id, person_ids, tag_ids)
    return list(similar.values())


def _top_scores(theme_ids, person_ids, tag_ids, year, excluded_ids, limit):
    """{film id: score} for the best `limit` films, in rank order."""
    shared, params = [], []
    if theme_ids:
        # Each (film, theme) once, whether the film carries the theme or an entry for it does.
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


def _attach_reasons(similar, themes_by_id, person_ids, tag_ids):
    film_ids = list(similar)
    if themes_by_id:
        shared_themes = film_theme_pairs(film_ids=film_ids, theme_ids=list(themes_by_id))
        for film_id, theme_id in sorted(shared_themes, key=lambda pair: themes_by_id[pair[1]].name):
            similar[film_id].themes.append(themes_by_id[theme_id])

    shared_credits = Credit.objects.filter(
        film_id__in=film_ids, person_id__in=person_ids, person__awaiting_review=False
    ).select_related("person")
    for credit in shared_credits.order_by("role", "billing_order"):
        if credit.person not in similar[credit.film_id].people:
            similar[credit.film_id].people.append(credit.person)

    shared_tags = TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(Film), object_id__in=film_ids, tag_id__in=tag_ids
    ).select_related("tag")
    for item in shared_tags.order_by("tag__name"):
        similar[item.object_id].tags.append(item.tag.name)
