from django.db import migrations

WRITERS = "Writers"
# Writers may make films, people and themes where they type (a picker's "Create", the "+" popup);
# what they make waits for an Editor (ReviewedAdmin.save_model, recommendations/picking.py).
# Changing or deleting the catalogue stays with Editors.
ADDS = ["add_film", "add_person", "add_theme"]


def let_writers_add(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    writers = Group.objects.filter(name=WRITERS).first()
    if writers is not None:
        writers.permissions.add(
            *Permission.objects.filter(content_type__app_label="recommendations", codename__in=ADDS)
        )


def undo(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    writers = Group.objects.filter(name=WRITERS).first()
    if writers is not None:
        writers.permissions.remove(
            *Permission.objects.filter(content_type__app_label="recommendations", codename__in=ADDS)
        )


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0013_search_indexes")]

    operations = [migrations.RunPython(let_writers_add, undo)]
