from django.contrib.auth.management import create_permissions
from django.db import migrations

WRITERS = "Writers"
EDITORS = "Editors"

# Writers draft lists; the catalogue is theirs to read and link to, not to change.
WRITER_PERMISSIONS = [
    ("recommendations", "add_article"),
    ("recommendations", "change_article"),
    ("recommendations", "view_article"),
    ("recommendations", "add_entry"),
    ("recommendations", "change_entry"),
    ("recommendations", "delete_entry"),
    ("recommendations", "view_entry"),
    ("recommendations", "view_film"),
    ("recommendations", "view_person"),
    ("recommendations", "view_theme"),
    ("taggit", "view_tag"),
]
EDITOR_MODELS = {
    "recommendations": ["article", "entry", "film", "credit", "person", "theme", "service", "availability", "formerslug"],
    "taggit": ["tag"],
}


def create_roles(apps, schema_editor):
    # Permissions are normally made after migrations; the groups need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    writers, _ = Group.objects.get_or_create(name=WRITERS)
    writers.permissions.set([permission(app, codename) for app, codename in WRITER_PERMISSIONS])

    editors, _ = Group.objects.get_or_create(name=EDITORS)
    editor_permissions = [
        permission(app, f"{action}_{model}")
        for app, models in EDITOR_MODELS.items()
        for model in models
        for action in ("add", "change", "delete", "view")
    ]
    editors.permissions.set([*editor_permissions, permission("recommendations", "publish_article")])


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[WRITERS, EDITORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("recommendations", "0002_editorial_workflow"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
