"""
"More lists like this" at the end of a list: other live lists that share its subject, its films,
its entries' themes or its tags, best first, each with what it shares.

Weights: the same subject counts most, then each film in common (one list's entry or subject is
the other's), then each theme its entries share, then each tag. Scoring is one grouped query
over the link tables that returns, for the best few lists only, the rows that earned their score;
what those rows name is already on the page (the list's films, entry themes and tags), so the
reasons cost nothing more. A second query fetches the lists themselves.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from taggit.models import TaggedItem

from .models import Article, Entry

SHOWN = 4
WEIGHTS = {"subject": 6, "film": 3, "theme": 1, "tag": 1}


@dataclass
class RelatedList:
    article: Article
    score: int
    shares: dict = field(default_factory=dict)  # kind -> [names]

    @property
    def reasons(self):
        """“Also about Backtrace (2022)”, “Also recommends Memento (2000)”, “Shares themes: heist, memory loss”."""
        reasons = []
        if self.shares.get("subject"):
            reasons.append(f"Also about {self.shares['subject'][0]}")
        if self.shares.get("film"):
            reasons.append(f"Also recommends {', '.join(self.shares['film'])}")
        if self.shares.get("theme"):
            reasons.append(f"Shares {plural('theme', self.shares['theme'])}: {', '.join(self.shares['theme'])}")
        if self.shares.get("tag"):
            reasons.append(f"Tagged {', '.join(self.shares['tag'])}")
        return reasons


def plural(word, items):
    return word if len(items) == 1 else f"{word}s"


def related_lists(article, entries, limit=SHOWN):
    """Live lists most like `article`, whose `entries` (with themes prefetched) the page already shows."""
    if article.pk is None:
        return []
    films = {entry.film_id: entry.film for entry in entries}
    films[article.subject_id] = article.subject
    themes = {theme.pk: theme for entry in entries for theme in entry.themes.all()}
    tags = {tag.pk: tag for tag in article.tags.all()}
    rows = _best_rows(article, list(films), [entry.film_id for entry in entries], list(themes), list(tags), limit)
    if not rows:
        return []
    found = Article.objects.live().select_related("subject", "author__author_profile").in_bulk({row[0] for row in rows})
    names = {"subject": films, "film": films, "theme": themes, "tag": tags}
    related = {}
    for article_id, score, kind, object_id in rows:
        if article_id not in found:
            continue
        item = related.setdefault(article_id, RelatedList(found[article_id], score))
        name = str(names[kind][object_id]) if kind != "tag" else names[kind][object_id].name
        shared = item.shares.setdefault(kind, [])
        if name not in shared:
            shared.append(name)
    return list(related.values())


def _best_rows(article, film_ids, entry_film_ids, theme_ids, tag_ids, limit):
    """(list id, score, kind, object id) for every shared thing of the best `limit` live lists, best first."""
    entry_table, article_table = Entry._meta.db_table, Article._meta.db_table
    themes_table = Entry.themes.through._meta.db_table
    shared = [
        f"SELECT id AS article_id, 'subject' AS kind, subject_id AS object_id FROM {article_table} "
        "WHERE subject_id = %s"
    ]
    params = [article.subject_id]
    shared.append(
        f"SELECT DISTINCT article_id, 'film' AS kind, film_id AS object_id FROM {entry_table} "
        f"WHERE film_id IN {_placeholders(film_ids)}"
    )
    params += film_ids
    if entry_film_ids:
        shared.append(
            f"SELECT id AS article_id, 'film' AS kind, subject_id AS object_id FROM {article_table} "
            f"WHERE subject_id IN {_placeholders(entry_film_ids)}"
        )
        params += entry_film_ids
    if theme_ids:
        shared.append(
            f"SELECT DISTINCT entry.article_id, 'theme' AS kind, link.theme_id AS object_id "
            f"FROM {themes_table} AS link JOIN {entry_table} AS entry ON entry.id = link.entry_id "
            f"WHERE link.theme_id IN {_placeholders(theme_ids)}"
        )
        params += theme_ids
    if tag_ids:
        shared.append(
            f"SELECT object_id AS article_id, 'tag' AS kind, tag_id AS object_id FROM {TaggedItem._meta.db_table} "
            f"WHERE content_type_id = %s AND tag_id IN {_placeholders(tag_ids)}"
        )
        params += [ContentType.objects.get_for_model(Article).pk, *tag_ids]
    live_sql, live_params = Article.objects.live().values("pk").query.sql_with_params()
    weight = "CASE kind " + " ".join(f"WHEN '{kind}' THEN {value}" for kind, value in WEIGHTS.items()) + " END"
    sql = f"""
        WITH shared AS ({" UNION ALL ".join(shared)}),
        best AS (
            SELECT shared.article_id, SUM({weight}) AS score, MAX(list.published_at) AS published_at
            FROM shared JOIN {article_table} AS list ON list.id = shared.article_id
            WHERE shared.article_id <> %s AND shared.article_id IN ({live_sql})
            GROUP BY shared.article_id
            ORDER BY score DESC, published_at DESC, shared.article_id
            LIMIT %s
        )
        SELECT best.article_id, best.score, shared.kind, shared.object_id
        FROM best JOIN shared ON shared.article_id = best.article_id
        ORDER BY best.score DESC, best.published_at DESC, best.article_id, shared.kind, shared.object_id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, article.pk, *live_params, limit])
        return cursor.fetchall()


def _placeholders(values):
    return "(" + ", ".join(["%s"] * len(values)) + ")"
