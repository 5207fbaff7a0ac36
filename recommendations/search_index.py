"""
The database's own search indexes, and the filters that use them (search.py decides what to ask).

Two kinds of index, on each backend:

- names (films, people, themes and list titles, through their normalised `search_text`): any
  part of a name, and names close to a misspelt one;
  PostgreSQL: pg_trgm, a GIN index for "contains" and a GiST index for nearest-by-trigram;
  SQLite: an FTS5 table with the trigram tokenizer per model.
- prose (list intros and entry blurbs): words, stemmed ("amnesias" finds "amnesia");
  PostgreSQL: full-text search, a GIN index on to_tsvector('english', …);
  SQLite: an FTS5 table with the porter tokenizer.

PostgreSQL keeps its indexes itself. SQLite's FTS5 tables are kept in step by triggers on the
tables they index, so rows written by bulk_create (the demo generator), loaddata (fixtures,
backups) or update() are indexed like any other. A migration that rebuilds one of those tables
(SQLite's way to alter a column) drops its triggers; `repair_after_migrate`, run after every
migrate (signals.py), puts back whatever is missing and rebuilds that index. Migration 0012 makes both.
"""

from django.db import connection
from django.db.models import Q
from django.db.models.expressions import RawSQL

# Shorter words have no trigram: the name filters fall back to "starts with".
TRIGRAM = 3
# Names offered to the typo check (search.py) per kind of thing: the nearest by shared trigrams.
CLOSE_CANDIDATES = 50
PROSE_CONFIG = "english"

# (table, column, FTS5 tokenizer) for SQLite; the FTS5 table is named "<table>_<column>_fts".
SQLITE_INDEXES = [
    ("recommendations_film", "search_text", "trigram"),
    ("recommendations_person", "search_text", "trigram"),
    ("recommendations_theme", "search_text", "trigram"),
    ("recommendations_article", "search_text", "trigram"),
    ("recommendations_article", "intro", "porter unicode61 remove_diacritics 2"),
    ("recommendations_entry", "blurb", "porter unicode61 remove_diacritics 2"),
]


def fts_table(table, column):
    return f"{table}_{column}_fts"


def sqlite_statements(table, column, tokenizer):
    """The FTS5 table over `table`.`column` and the three triggers that keep it in step."""
    fts = fts_table(table, column)
    insert = f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column});"
    delete = f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column});"
    return {
        "table": f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5("
        f"{column}, content='{table}', content_rowid='id', tokenize='{tokenizer}')",
        "triggers": [
            f"CREATE TRIGGER IF NOT EXISTS {fts}_insert AFTER INSERT ON {table} BEGIN {insert} END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_delete AFTER DELETE ON {table} BEGIN {delete} END",
            f"CREATE TRIGGER IF NOT EXISTS {fts}_update AFTER UPDATE OF {column} ON {table} "
            f"BEGIN {delete} {insert} END",
        ],
        "rebuild": f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    }


def install_sqlite(using_connection, repair_only=False):
    """Make each FTS5 table and its triggers where missing, and rebuild any index that lacked a trigger.

    With `repair_only` (after a migrate), indexes that are not there at all are left to migration 0012.
    """
    if using_connection.vendor != "sqlite":
        return
    with using_connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'trigger')")
        present = {name for (name,) in cursor.fetchall()}
        for table, column, tokenizer in SQLITE_INDEXES:
            fts = fts_table(table, column)
            if table not in present or (repair_only and fts not in present):
                continue
            triggers_missing = any(f"{fts}_{event}" not in present for event in ("insert", "delete", "update"))
            if fts in present and not triggers_missing:
                continue
            statements = sqlite_statements(table, column, tokenizer)
            cursor.execute(statements["table"])
            for statement in statements["triggers"]:
                cursor.execute(statement)
            cursor.execute(statements["rebuild"])


def repair_after_migrate(sender, using, **kwargs):
    """post_migrate: a migration that rebuilt an indexed table took its triggers with it."""
    from django.db import connections

    install_sqlite(connections[using], repair_only=True)


def uninstall_sqlite(using_connection):
    if using_connection.vendor != "sqlite":
        return
    with using_connection.cursor() as cursor:
        for table, column, _tokenizer in SQLITE_INDEXES:
            fts = fts_table(table, column)
            for event in ("insert", "delete", "update"):
                cursor.execute(f"DROP TRIGGER IF EXISTS {fts}_{event}")
            cursor.execute(f"DROP TABLE IF EXISTS {fts}")


def is_postgresql():
    return connection.vendor == "postgresql"


def fts_phrase(words):
    """An FTS5 query for rows holding every word; each is quoted, so nothing in it is FTS5 syntax."""
    return " AND ".join(f'"{word}"' for word in words)


def sqlite_match(table, column, query):
    return RawSQL(f"SELECT rowid FROM {fts_table(table, column)} WHERE {fts_table(table, column)} MATCH %s", [query])


def names_containing(model, words, prefix=""):
    """A filter for `model` (or, with `prefix`, for what points at it): names holding every word.

    `words` are search keys (text.search_key). Words of fewer than three characters have no
    trigram to look up: with a longer word beside them they narrow its matches, and alone they
    match the names that start with them.
    """
    long_words = [word for word in words if len(word) >= TRIGRAM]
    short_words = [word for word in words if len(word) < TRIGRAM]
    if not long_words:
        return names_starting_with(" ".join(words), prefix)
    if is_postgresql():
        matching = Q()
        for word in long_words:
            matching &= Q(**{f"{prefix}search_text__contains": word})
    else:
        ids = sqlite_match(model._meta.db_table, "search_text", fts_phrase(long_words))
        matching = Q(**{f"{prefix}pk__in": ids})
    for word in short_words:
        matching &= Q(**{f"{prefix}search_text__contains": word})
    return matching


def names_starting_with(phrase, prefix=""):
    """A filter for names (search keys) that start with `phrase`, read from the B-tree index on `search_text`."""
    if is_postgresql():
        # Django gives an indexed CharField a second, pattern-ops index, which LIKE 'phrase%' uses.
        return Q(**{f"{prefix}search_text__startswith": phrase})
    # A range on the B-tree index: SQLite's LIKE ignores case, and so cannot use it.
    return Q(**{f"{prefix}search_text__gte": phrase, f"{prefix}search_text__lt": phrase + "\U0010ffff"})


def names_close_to(model, words):
    """A filter for `model`: the CLOSE_CANDIDATES names nearest to the words by shared trigrams, misspelt
    words included. search.py decides which of them are close enough to show."""
    phrase = " ".join(words)
    table = model._meta.db_table
    if is_postgresql():
        # GiST's nearest-neighbour order: no threshold to tune, and never more than CLOSE_CANDIDATES rows read.
        nearest = RawSQL(
            f"SELECT id FROM (SELECT id FROM {table} ORDER BY search_text <->> %s LIMIT {CLOSE_CANDIDATES}) AS nearest",
            [phrase],
        )
        return Q(pk__in=nearest)
    trigrams = sorted({word[start : start + TRIGRAM] for word in words for start in range(len(word) - TRIGRAM + 1)})
    if not trigrams:
        return Q(pk__in=[])
    fts = fts_table(table, "search_text")
    nearest = RawSQL(
        f"SELECT rowid FROM (SELECT rowid FROM {fts} WHERE {fts} MATCH %s ORDER BY rank LIMIT {CLOSE_CANDIDATES})",
        [" OR ".join(f'"{trigram}"' for trigram in trigrams)],
    )
    return Q(pk__in=nearest)


def prose_matching(model, column, words):
    """A filter for `model`: rows whose `column` (an intro or a blurb) holds every word, or a form of it."""
    if is_postgresql():
        from django.contrib.postgres.search import SearchQuery, SearchVector

        vector = SearchVector(column, config=PROSE_CONFIG)
        query = SearchQuery(" ".join(words), config=PROSE_CONFIG)
        ids = model._default_manager.annotate(prose=vector).filter(prose=query).values("pk")
        return Q(pk__in=ids)
    return Q(pk__in=sqlite_match(model._meta.db_table, column, fts_phrase(words)))
