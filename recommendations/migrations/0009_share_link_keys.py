import secrets

import django.db.models.deletion
from django.db import migrations, models


def move_keys_to_their_own_rows(apps, schema_editor):
    """Every list gets a key row: the one its links were signed with, or a new one if it had none."""
    Article = apps.get_model("recommendations", "Article")
    ShareLinkKey = apps.get_model("recommendations", "ShareLinkKey")
    ShareLinkKey.objects.bulk_create(
        ShareLinkKey(article_id=pk, key=key or secrets.token_urlsafe(16))
        for pk, key in Article.objects.values_list("pk", "preview_key").iterator()
    )


def move_keys_back(apps, schema_editor):
    Article = apps.get_model("recommendations", "Article")
    ShareLinkKey = apps.get_model("recommendations", "ShareLinkKey")
    for article_id, key in ShareLinkKey.objects.values_list("article_id", "key").iterator():
        Article.objects.filter(pk=article_id).update(preview_key=key)


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0008_catalogue_updated_at"),
    ]

    operations = [
        migrations.CreateModel(
            name="ShareLinkKey",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("key", models.CharField(max_length=32)),
                ("made_at", models.DateTimeField(auto_now=True)),
                (
                    "article",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="share_link_key",
                        to="recommendations.article",
                    ),
                ),
            ],
        ),
        migrations.RunPython(move_keys_to_their_own_rows, move_keys_back),
        migrations.RemoveField(model_name="article", name="preview_key"),
    ]
