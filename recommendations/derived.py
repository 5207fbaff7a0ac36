"""
Keeping the derived rows (models/derived.py) in step with the editorial ones.

Counted themes and list facets are rebuilt from their sources for just the films or lists a change
touches, inside the change's own transaction (upkeep.py calls these for every save, delete and
link change, fixtures included, or once for a batch of them), so a page never reads them out of step.
Neither depends on the clock: a scheduled list's rows carry its publication time, and pages compare
it with theirs.

Tallies are marked stale by the same changes and counted again by the next page that needs them.
Writers that send no signals (the demo generator's bulk_create, a backup's import) call
rebuild_all() at the end, as `manage.py refresh_precomputed --all` does.
"""

import contextlib
import contextvars

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import Count, Min
from django.utils import timezone
from taggit.models import TaggedItem

from .models import Article, Availability, Entry, Film, Person
from .models.derived import DERIVED_MODELS, CountedTheme, ListFacet, StoredRelatedLists, StoredSimilarFilms, Tally

PUBLISHED = Article.Status.PUBLISHED.value
_suspended = contextvars.ContextVar("derived_upkeep_suspended", default=False)


@contextlib.contextmanager
def suspended():
    """No row-by-row upkeep while a writer loads everything at once; it calls rebuild_all() after."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def upkeep_suspended():
    return _suspended.get()


def counted_changed(*names):
    """Something TALLIES[name] counts changed (signals.py)."""
    if not _suspended.get():
        forget_tallies(*names)


def ids_in(ids):
    """The set of ids in `ids`: an iterable of ids, or a queryset of rows or of one column of values."""
    if hasattr(ids, "query"):
        ids = ids.values_list(*(getattr(ids, "_fields", None) or ["pk"]), flat=True)
    return {int(pk) for pk in ids if pk is not None}


def id_filter(column, ids):
    """(SQL, params) for `column IN (…)`; `ids` is None (all), an iterable of ids, or a queryset: of the rows
    themselves, or of one column of values (`.values("film")`)."""
    if ids is None:
        return "1 = 1", []
    if hasattr(ids, "query"):
        if not getattr(ids, "_fields", None):
            ids = ids.values("pk")
        sql, params = ids.order_by().query.sql_with_params()
        return f"{column} IN ({sql})", list(params)
    ids = sorted({int(pk) for pk in ids})
    if not ids:
        return "1 = 0", []
    return f"{column} IN ({', '.join(['%s'] * len(ids))})", ids


# Counted themes


def counted_themes_sql(films=None):
    """(SQL, params) of the rows CountedTheme should hold for `films` (None: every film)."""
    carried_filter, carried_params = id_filter("link.film_id", films)
    entry_filter, entry_params = id_filter("entry.film_id", films)
    sql = f"""
        SELECT source.film_id, source.theme_id,
               CASE WHEN MAX(source.carried) = 1 THEN NULL ELSE MIN(source.published_at) END,
               NOT film.awaiting_review, film.year, film.title
        FROM (
            SELECT link.film_id, link.theme_id, 1 AS carried, NULL AS published_at
            FROM {Film.themes.through._meta.db_table} AS link WHERE {carried_filter}
            UNION ALL
            SELECT entry.film_id, link.theme_id, 0 AS carried, list.published_at
            FROM {Entry.themes.through._meta.db_table} AS link
            JOIN {Entry._meta.db_table} AS entry ON entry.id = link.entry_id
            JOIN {Article._meta.db_table} AS list ON list.id = entry.article_id
            WHERE list.status = %s AND {entry_filter}
        ) AS source
        JOIN {Film._meta.db_table} AS film ON film.id = source.film_id
        GROUP BY source.film_id, source.theme_id, film.awaiting_review, film.year, film.title
    """
    return sql, [*carried_params, PUBLISHED, *entry_params]


def refresh_counted_themes(films):
    """Rebuild the counted themes of `films` (a queryset of films or their pks; None: all) from their links.

    Returns the (film id, theme id, counts_from, film_public) rows that went and came, for "Similar films"
    (similarity_store); nothing when rebuilding them all. The themes' film counts are counted again.
    """
    table = CountedTheme._meta.db_table
    where, params = id_filter("film_id", films)
    rows = CountedTheme.objects.filter(film__in=films) if films is not None else None
    fields = ("film_id", "theme_id", "counts_from", "film_public")
    with transaction.atomic():
        before = set(rows.values_list(*fields)) if rows is not None else set()
        select, select_params = counted_themes_sql(films)
        columns = "film_id, theme_id, counts_from, film_public, film_year, film_title"
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE {where}", params)
            cursor.execute(f"INSERT INTO {table} ({columns}) {select}", select_params)
        after = set(rows.values_list(*fields)) if rows is not None else set()
        gone, came = before - after, after - before
        forget_tallies(*{theme_tally(theme_id) for _film_id, theme_id, _from, _public in gone | came})
    return gone, came


def films_of_lists(articles):
    """The pks of the films `articles` (a queryset) count down."""
    return Entry.objects.filter(article__in=articles).values("film")


# List facets


def list_facets_sql(articles=None):
    """(SQL, params) of the rows ListFacet should hold for `articles` (None: every list)."""
    article_type = ContentType.objects.get_for_model(Article).pk
    parts, params = [], []
    list_filter, list_params = id_filter("list.id", articles)
    entry, list_table = Entry._meta.db_table, Article._meta.db_table
    published = f"list.status = %s AND list.published_at IS NOT NULL AND {list_filter}"
    parts.append(
        f"SELECT DISTINCT list.id, 'theme', link.theme_id, '', list.published_at "
        f"FROM {list_table} AS list JOIN {entry} AS entry ON entry.article_id = list.id "
        f"JOIN {Entry.themes.through._meta.db_table} AS link ON link.entry_id = entry.id WHERE {published}"
    )
    params += [PUBLISHED, *list_params]
    parts.append(
        f"SELECT list.id, 'tag', item.tag_id, '', list.published_at "
        f"FROM {list_table} AS list JOIN {TaggedItem._meta.db_table} AS item "
        f"ON item.object_id = list.id AND item.content_type_id = %s WHERE {published}"
    )
    params += [article_type, PUBLISHED, *list_params]
    parts.append(
        f"SELECT list.id, 'decade', film.year / 10 * 10, '', list.published_at "
        f"FROM {list_table} AS list JOIN {Film._meta.db_table} AS film ON film.id = list.subject_id "
        f"WHERE film.year IS NOT NULL AND {published}"
    )
    params += [PUBLISHED, *list_params]
    parts.append(
        f"SELECT list.id, 'subject', list.subject_id, '', list.published_at FROM {list_table} AS list WHERE {published}"
    )
    params += [PUBLISHED, *list_params]
    parts.append(
        f"SELECT DISTINCT list.id, 'film', entry.film_id, '', list.published_at "
        f"FROM {list_table} AS list JOIN {entry} AS entry ON entry.article_id = list.id WHERE {published}"
    )
    params += [PUBLISHED, *list_params]
    parts.append(
        f"SELECT DISTINCT list.id, 'service', offer.service_id, offer.region, list.published_at "
        f"FROM {list_table} AS list JOIN {entry} AS entry ON entry.article_id = list.id "
        f"JOIN {Availability._meta.db_table} AS offer ON offer.film_id = entry.film_id WHERE {published}"
    )
    params += [PUBLISHED, *list_params]
    return " UNION ALL ".join(parts), params


def refresh_list_facets(articles):
    """Rebuild the facets of `articles` (a queryset of lists or their pks; None: all) from the lists and their
    entries. Returns the (list id, kind, value, published_at) facets that went and came, for "More lists like
    this" (related_lists.py); nothing when rebuilding them all."""
    table = ListFacet._meta.db_table
    where, params = id_filter("article_id", articles)
    select, select_params = list_facets_sql(articles)
    rows = ListFacet.objects.filter(article__in=articles) if articles is not None else None
    fields = ("article_id", "kind", "value", "published_at")
    with transaction.atomic():
        before = set(rows.values_list(*fields)) if rows is not None else set()
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {table} WHERE {where}", params)
            cursor.execute(
                f"INSERT INTO {table} (article_id, kind, value, region, published_at) {select}", select_params
            )
        after = set(rows.values_list(*fields)) if rows is not None else set()
    return before - after, after - before


def lists_showing_films(films):
    """The published lists that count down any of `films` (pks): their service facets follow the films."""
    return Article.objects.filter(status=PUBLISHED, entries__film__in=films).values("pk").distinct()


# Tallies

TALLIES = {
    "films": lambda: Film.objects.public().count(),
    "people": lambda: Person.objects.public().count(),
}


def tally(name):
    """The count TALLIES[name] makes, counted again only after something it counts has changed."""
    stored = Tally.objects.filter(name=name).values_list("count", flat=True).first()
    if stored is not None:
        return stored
    count = TALLIES[name]()
    store_if_free(lambda: upsert(Tally, [Tally(name=name, count=count)], "name", ["count", "valid_until"]))
    return count


def theme_tally(theme_id):
    return f"theme:{theme_id}"


def theme_film_counts(themes):
    """{theme id: how many public films it counts for} for the themes index: kept tallies, each counted from
    an index when missing, held until a scheduled list's entry theme starts to count."""
    now = timezone.now()
    names = {theme_tally(theme.pk): theme.pk for theme in themes}
    counts = {
        names[name]: count
        for name, count, until in Tally.objects.filter(name__in=names).values_list("name", "count", "valid_until")
        if count is not None and (until is None or until > now)
    }
    missing = [theme_id for theme_id in names.values() if theme_id not in counts]
    if not missing:
        return counts
    public = CountedTheme.objects.filter(theme__in=missing, film_public=True).order_by().values("theme")
    counted = dict(public.filter(CountedTheme.counting(now)).annotate(count=Count("pk")).values_list("theme", "count"))
    later = dict(public.filter(counts_from__gt=now).annotate(first=Min("counts_from")).values_list("theme", "first"))
    fresh = [
        Tally(name=theme_tally(theme_id), count=counted.get(theme_id, 0), valid_until=later.get(theme_id))
        for theme_id in missing
    ]
    store_if_free(lambda: upsert(Tally, fresh, "name", ["count", "valid_until"]))
    return {**counts, **{theme_id: counted.get(theme_id, 0) for theme_id in missing}}


def forget_tallies(*names):
    if names:
        Tally.objects.filter(name__in=names).update(count=None)


def store_if_free(write):
    """Run `write` (a reader's page storing what it worked out) unless the database is busy with a writer.

    The page has its answer either way; the next page stores it. SQLite: the write waits for no
    one (busy timeout 0, then the connection's own again); PostgreSQL locks only the rows written.
    `write` is one statement (an upsert), atomic by itself.
    """
    inside = connection.in_atomic_block
    sqlite = connection.vendor == "sqlite" and not inside
    try:
        if sqlite:
            set_busy_timeout(0)
        if inside:
            # A savepoint, so that a failed write leaves the surrounding transaction usable.
            with transaction.atomic():
                write()
        else:
            write()
    except (OperationalError, IntegrityError):
        # Locked by a writer, or stored meanwhile by another page: either way nothing is lost.
        pass
    finally:
        if sqlite:
            set_busy_timeout(int(connection.settings_dict["OPTIONS"].get("timeout", 5) * 1000))


def upsert(model, rows, key, fields):
    """Insert `rows`, or update `fields` of those whose `key` is taken: one statement."""
    model.objects.bulk_create(rows, update_conflicts=True, unique_fields=[key], update_fields=fields, batch_size=500)


def set_busy_timeout(milliseconds):
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA busy_timeout = {int(milliseconds)}")


# Everything


def rebuild_all(similar_films=True, progress=None):
    """Every derived row rebuilt from the editorial ones: after writers that send no signals.

    With `similar_films`, every film's "Similar films" too (similarity_batch: about a minute at
    100,000 films); without, each is worked out when first read.
    """
    from .similarity_batch import rebuild

    with transaction.atomic():
        refresh_counted_themes(None)
        refresh_list_facets(None)
        Tally.objects.all().delete()
        analyze()
        if similar_films:
            rebuild(progress=progress)
        else:
            StoredSimilarFilms.objects.all().delete()
        # Each list's "More lists like this" is worked out again when its page is first read.
        StoredRelatedLists.objects.all().delete()


def analyze():
    """Tell the database's query planner how many rows its tables and indexes hold.

    PostgreSQL's autovacuum does this by itself as tables grow. SQLite never does: without these
    statistics it takes an index that serves an ORDER BY … LIMIT over one that finds four rows,
    and walks every live list to find a film's entries. A sampled ANALYZE (analysis_limit) takes
    about 0.1 s at 100,000 films; writers that load a whole catalogue run it, and so does
    `manage.py refresh_precomputed`.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit = 1000")
        cursor.execute("ANALYZE")


def rebuild_if_missing(sender, using, **kwargs):
    """post_migrate: a database that has content but no derived rows yet (just migrated to them) gets them."""
    from django.db import connections

    if using != "default" or connections[using].vendor not in ("sqlite", "postgresql"):
        return
    tables = set(connection.introspection.table_names())
    if not {model._meta.db_table for model in DERIVED_MODELS} <= tables:
        return  # migrated to before they were made
    has_content = Film.objects.exists() or Article.objects.exists()
    if has_content and not (CountedTheme.objects.exists() or ListFacet.objects.exists()):
        rebuild_all(similar_films=False)
    elif has_content and connection.vendor == "sqlite" and not sqlite_has_statistics():
        analyze()


def sqlite_has_statistics():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_stat1'")
        return cursor.fetchone() is not None
