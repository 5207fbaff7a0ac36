"""The search's own indexes (recommendations/search_index.py): each backend's, a no-op on the other.

PostgreSQL: pg_trgm, a GIN and a GiST trigram index on each name column, and GIN full-text indexes
on intros and blurbs, built by Django from the same expressions the search queries use.
SQLite: FTS5 tables (trigram for names, porter for prose) and the triggers that keep them in step.
"""

from django.contrib.postgres.indexes import GinIndex, GistIndex
from django.contrib.postgres.operations import CreateExtension
from django.contrib.postgres.search import SearchVector
from django.db import migrations

from recommendations.search_index import PROSE_CONFIG, install_sqlite, uninstall_sqlite

NAMED = ["film", "person", "theme", "article"]


def postgresql_indexes():
    for model_name in NAMED:
        yield model_name, GinIndex(fields=["search_text"], opclasses=["gin_trgm_ops"], name=f"{model_name}_name_trgm")
        yield model_name, GistIndex(fields=["search_text"], opclasses=["gist_trgm_ops"], name=f"{model_name}_name_near")
    yield "article", GinIndex(SearchVector("intro", config=PROSE_CONFIG), name="article_intro_words")
    yield "entry", GinIndex(SearchVector("blurb", config=PROSE_CONFIG), name="entry_blurb_words")


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model_name, index in postgresql_indexes():
            schema_editor.add_index(apps.get_model("recommendations", model_name), index)
    install_sqlite(schema_editor.connection)


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for model_name, index in postgresql_indexes():
            schema_editor.remove_index(apps.get_model("recommendations", model_name), index)
    uninstall_sqlite(schema_editor.connection)


class Migration(migrations.Migration):

    dependencies = [
        ("recommendations", "0012_a_to_z_initials_and_author_profiles"),
    ]

    operations = [
        # Does nothing on SQLite.
        CreateExtension("pg_trgm"),
        migrations.RunPython(add_indexes, remove_indexes),
    ]
