"""Each film's "Similar films" and each live list's "More lists like this", kept (similarity_store.py,
related_lists.py), and the changes that make them stale."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('recommendations', '0017_reader_page_indexes_and_derived_rows'),
    ]

    operations = [
        migrations.CreateModel(
            name='SimilarityChange',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('film', 'Film'), ('theme', 'Theme'), ('tag', 'Tag'), ('person', 'Person'), ('list_film', 'List Film'), ('list_theme', 'List Theme'), ('list_tag', 'List Tag')], max_length=10)),
                ('key', models.BigIntegerField()),
                ('at', models.DateTimeField()),
            ],
        ),
        migrations.CreateModel(
            name='StoredRelatedLists',
            fields=[
                ('article', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='recommendations.article')),
                ('rows', models.JSONField(default=list)),
                ('features', models.JSONField(default=dict)),
                ('computed_at', models.DateTimeField()),
            ],
            options={
                'verbose_name_plural': 'stored related lists',
            },
        ),
        migrations.CreateModel(
            name='StoredSimilarFilms',
            fields=[
                ('film', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='+', serialize=False, to='recommendations.film')),
                ('ranked', models.JSONField(default=list)),
                ('features', models.JSONField(default=dict)),
                ('complete', models.BooleanField(default=False)),
                ('computed_at', models.DateTimeField()),
            ],
            options={
                'verbose_name_plural': 'stored similar films',
            },
        ),
        migrations.AddIndex(
            model_name='similaritychange',
            index=models.Index(fields=['kind', 'key', 'at'], name='similarity_change_lookup'),
        ),
    ]
