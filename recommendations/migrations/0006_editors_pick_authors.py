from django.db import migrations

EDITORS = "Editors"


def let_editors_pick_authors(apps, schema_editor):
    # The list's author field is an autocomplete over users, which needs permission to view them.
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.add(Permission.objects.get(content_type__app_label="auth", codename="view_user"))


def undo(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.remove(Permission.objects.get(content_type__app_label="auth", codename="view_user"))


class Migration(migrations.Migration):
    dependencies = [("recommendations", "0005_picture_uploads_and_web_addresses")]

    operations = [migrations.RunPython(let_editors_pick_authors, undo)]
