"""
"More lists like this" at the end of a list: other live lists that share its subject, its films,
its entries' themes or its tags, best first, each with what it shares.

Weights: the same subject counts most, then each film in common (one list's entry or subject is
the other's), then each theme its entries share, then each tag. Scoring is one grouped query
over the lists' facets (models/derived.ListFacet: subjects, films, entry themes and tags of
published lists, with their publication times) that returns, for the best few lists only, the
rows that earned their score; what those rows name is already on the page (the list's films,
entry themes and tags), so the reasons cost nothing more. A second query fetches the lists.

The query reads every list sharing one of the list's themes or tags: hundreds to thousands at
10,000 lists. So its rows are kept (StoredRelatedLists) with the features they were scored on,
and read back while the list still has those features and no list with one of them changed
since (SimilarityChange, written by the receivers that keep the facets: similarity_store.py).
"""

from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from .derived import store_if_free, upsert
from .models import Article, ListFacet, SimilarityChange, StoredRelatedLists

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
    features = {"subject": article.subject_id, "films": sorted(films), "themes": sorted(themes), "tags": sorted(tags)}
    rows = scored_rows(article, features, [entry.film_id for entry in entries], limit)
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


def scored_rows(article, features, entry_film_ids, limit):
    """The best lists' scoring rows: the stored ones while they hold, else scored again (and kept).

    One query reads the stored rows and whether the lists with one of the features changed since.
    """
    now = timezone.now()
    stored = None
    if limit == SHOWN:
        stale = Exists(changes_to(features).filter(at__gte=OuterRef("computed_at"), at__lte=now))
        stored = StoredRelatedLists.objects.filter(article=article.pk).annotate(stale=stale).first()
    if stored is not None and stored.features == features and not stored.stale:
        return [tuple(row) for row in stored.rows]
    rows = _best_rows(article, features, entry_film_ids, limit, now)
    if limit == SHOWN:
        row = StoredRelatedLists(article_id=article.pk, rows=rows, features=features, computed_at=now)
        store_if_free(lambda: upsert(StoredRelatedLists, [row], "article", ["rows", "features", "computed_at"]))
    return rows


def changes_to(features):
    """Changes to the lists with one of `features` (their films, entry themes or tags)."""
    Kind = SimilarityChange.Kind
    changed = Q(kind=Kind.LIST_FILM, key__in=features["films"])
    changed |= Q(kind=Kind.LIST_THEME, key__in=features["themes"])
    changed |= Q(kind=Kind.LIST_TAG, key__in=features["tags"])
    return SimilarityChange.objects.filter(changed)


def _best_rows(article, features, entry_film_ids, limit, now):
    """[list id, score, kind, object id] for every shared thing of the best `limit` live lists, best first."""
    facets = ListFacet._meta.db_table
    shared, params = [], []
    # Raw SQL: the time as the backend stores it (SQLite compares text).
    stored_now = connection.ops.adapt_datetimefield_value(now)

    def facet(kind, values, as_kind=None):
        if values:
            shared.append(
                f"SELECT article_id, '{as_kind or kind}' AS kind, value AS object_id, published_at FROM {facets} "
                f"WHERE kind = %s AND region = '' AND value IN {_placeholders(values)} AND published_at <= %s"
            )
            params.extend([kind, *values, stored_now])

    facet("subject", [features["subject"]])
    facet("film", features["films"])
    facet("subject", sorted(set(entry_film_ids)), as_kind="film")
    facet("theme", features["themes"])
    facet("tag", features["tags"])
    weight = "CASE kind " + " ".join(f"WHEN '{kind}' THEN {value}" for kind, value in WEIGHTS.items()) + " END"
    sql = f"""
        WITH shared AS ({" UNION ALL ".join(shared)}),
        best AS (
            SELECT article_id, SUM({weight}) AS score, MAX(published_at) AS published_at
            FROM shared WHERE article_id <> %s
            GROUP BY article_id
            ORDER BY score DESC, published_at DESC, article_id
            LIMIT %s
        )
        SELECT best.article_id, best.score, shared.kind, shared.object_id
        FROM best JOIN shared ON shared.article_id = best.article_id
        ORDER BY best.score DESC, best.published_at DESC, best.article_id, shared.kind, shared.object_id
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, article.pk, limit])
        return [list(row) for row in cursor.fetchall()]


def _placeholders(values):
    return "(" + ", ".join(["%s"] * len(values)) + ")"
