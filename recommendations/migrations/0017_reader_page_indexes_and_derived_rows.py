"""Indexes that read reader pages in order, and the derived rows (models/derived.py) with theirs.

The derived tables start empty; the first `migrate` that finds content without them rebuilds them
(derived.rebuild_if_missing, on post_migrate).
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('recommendations', '0016_article_import_records'),
        ('taggit', '0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='CountedTheme',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('counts_from', models.DateTimeField(null=True)),
                ('film_public', models.BooleanField()),
                ('film_year', models.PositiveSmallIntegerField(null=True)),
                ('film_title', models.CharField(max_length=200)),
            ],
        ),
        migrations.CreateModel(
            name='ListFacet',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('theme', 'Theme'), ('tag', 'Tag'), ('decade', 'Decade'), ('service', 'Service'), ('subject', 'Subject'), ('film', 'Film')], max_length=10)),
                ('value', models.PositiveIntegerField()),
                ('region', models.CharField(blank=True, max_length=2)),
                ('published_at', models.DateTimeField()),
            ],
        ),
        migrations.CreateModel(
            name='Tally',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=50, unique=True)),
                ('count', models.PositiveIntegerField(null=True)),
                ('valid_until', models.DateTimeField(null=True)),
            ],
            options={
                'verbose_name_plural': 'tallies',
            },
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['status', 'published_at', 'id'], name='article_by_publication'),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['subject', 'status', 'published_at'], name='article_about_film'),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['author', 'status', 'published_at', 'id'], name='article_by_author'),
        ),
        migrations.AddIndex(
            model_name='article',
            index=models.Index(fields=['status', 'updated_at'], name='article_last_edit'),
        ),
        migrations.AddIndex(
            model_name='availability',
            index=models.Index(fields=['region', 'service', 'film'], name='availability_by_region'),
        ),
        migrations.AddIndex(
            model_name='film',
            index=models.Index(condition=models.Q(('awaiting_review', False)), fields=['initial', 'search_text'], name='film_public_a_to_z'),
        ),
        migrations.AddIndex(
            model_name='film',
            index=models.Index(condition=models.Q(('awaiting_review', False)), fields=['updated_at'], name='film_last_change'),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(condition=models.Q(('awaiting_review', False)), fields=['initial', 'search_text'], name='person_public_a_to_z'),
        ),
        migrations.AddIndex(
            model_name='person',
            index=models.Index(condition=models.Q(('awaiting_review', False)), fields=['updated_at'], name='person_last_change'),
        ),
        migrations.AddField(
            model_name='countedtheme',
            name='film',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='recommendations.film'),
        ),
        migrations.AddField(
            model_name='countedtheme',
            name='theme',
            field=models.ForeignKey(db_index=False, on_delete=django.db.models.deletion.CASCADE, related_name='+', to='recommendations.theme'),
        ),
        migrations.AddField(
            model_name='listfacet',
            name='article',
            field=models.ForeignKey(db_constraint=False, on_delete=django.db.models.deletion.DO_NOTHING, related_name='facets', to='recommendations.article'),
        ),
        migrations.AddIndex(
            model_name='countedtheme',
            index=models.Index(condition=models.Q(('film_public', True)), fields=['theme', '-film_year', 'film_title', 'film'], name='counted_theme_page'),
        ),
        migrations.AddIndex(
            model_name='countedtheme',
            index=models.Index(fields=['theme', 'film_public', 'counts_from', 'film'], name='counted_theme_films'),
        ),
        migrations.AddConstraint(
            model_name='countedtheme',
            constraint=models.UniqueConstraint(fields=('film', 'theme'), name='counted_theme_once_per_film'),
        ),
        migrations.AddIndex(
            model_name='listfacet',
            index=models.Index(fields=['kind', 'value', 'region', 'published_at', 'article'], name='list_facet_live'),
        ),
        migrations.AddConstraint(
            model_name='listfacet',
            constraint=models.UniqueConstraint(fields=('article', 'kind', 'value', 'region'), name='list_facet_once_per_list'),
        ),
    ]
