"""Each live list's "More lists like this", kept (related_lists.py), and lists' subjects and films as facets."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('recommendations', '0015_stored_similar_films'),
    ]

    operations = [
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
        migrations.AlterField(
            model_name='listfacet',
            name='kind',
            field=models.CharField(choices=[('theme', 'Theme'), ('tag', 'Tag'), ('decade', 'Decade'), ('service', 'Service'), ('subject', 'Subject'), ('film', 'Film')], max_length=10),
        ),
        migrations.AlterField(
            model_name='similaritychange',
            name='kind',
            field=models.CharField(choices=[('film', 'Film'), ('theme', 'Theme'), ('tag', 'Tag'), ('person', 'Person'), ('list_film', 'List Film'), ('list_theme', 'List Theme'), ('list_tag', 'List Tag')], max_length=10),
        ),
    ]
