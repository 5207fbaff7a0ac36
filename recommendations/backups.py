"""
The whole editorial site in one file, and back: `manage.py export_site FILE` and `import_site FILE`.

The file is a zip holding:

- manifest.json: the format and version, when it was made, a count of rows per model, and
  every media file with its size and SHA-256;
- content.json: every row of the app's models (lists, entries, films, people, credits,
  themes, services, availability, former addresses) and of django-taggit's tags, in
  Django's fixture format, with times to the microsecond (ExactJSONEncoder). Rows keep
  their primary keys, so links between them and the tags' object ids survive as they are;
  content types and users are named by natural key (app and model, username), which differ
  from one database to another;
- users.json: the users who wrote or last edited a list, by username, with their names,
  email, flags and groups, but no password (see below);
- media/…: every poster and photo with its renditions, byte for byte.

Passwords are left out on purpose. A backup is copied to places a database is not (a
laptop, a bucket, a ticket); a password hash in it can be attacked offline for as long as
the copy lives. Imported users get no usable password: they sign in after
`manage.py changepassword USERNAME`, or a password reset. Users already in the database
(matched by username) are left exactly as they are.

Not carried: revisions of lists (history), sign-in records, sessions and the admin's log.

An import goes into a database without editorial content, unless `replace` is given, and
is one transaction: anything wrong (a file that fails its checksum, a row that breaks a
constraint) leaves the database as it was and removes the media files it wrote.
"""

import datetime
import hashlib
import io
import json
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, transaction
from django.db.models import Q

from . import derived
from .images import picture_models
from .upkeep import batched_upkeep

FORMAT = "film-magazine-site"
VERSION = 1
MEDIA_PREFIX = "media/"
USER_FIELDS = ["username", "first_name", "last_name", "email", "is_active", "is_staff", "is_superuser", "date_joined"]


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's fixture encoder, but times keep their microseconds: Django's cuts them to milliseconds
    (as JavaScript's dates do), so a round trip would change every timestamp."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


class BackupError(Exception):
    """A file that is not a backup this site can read, or a database it may not go into."""


def content_models():
    """The app's models and the tags', parents before the rows that point at them. Not the rows derived
    from them (models/derived.py), which an import rebuilds, and not editors' autosaves: unsaved work is
    its editor's, on this site, not part of the site's content."""
    from .models import DERIVED_MODELS, Autosave

    app_list = [(apps.get_app_config("recommendations"), None), (apps.get_app_config("taggit"), None)]
    left_out = {*DERIVED_MODELS, Autosave}
    return [model for model in serializers.sort_dependencies(app_list) if model not in left_out]


def authors():
    """Users whose names a list carries, as author or last editor, and users with an author profile."""
    Article = apps.get_model("recommendations", "Article")
    AuthorProfile = apps.get_model("recommendations", "AuthorProfile")
    return (
        get_user_model()
        .objects.filter(
            Q(pk__in=Article.objects.values("author"))
            | Q(pk__in=Article.objects.values("last_edited_by"))
            | Q(pk__in=AuthorProfile.objects.values("user"))
        )
        .order_by("pk")
    )


def media_names():
    """Every stored file the content points at: posters and photos, and their renditions."""
    names = set()
    for model in picture_models():
        for instance in model.objects.only(*model.picture_fields).iterator():
            names.update(instance.picture.stored_names())
    return sorted(names)


@dataclass
class Report:
    counts: dict = field(default_factory=dict)
    media: int = 0
    missing_media: list = field(default_factory=list)
    users_created: list = field(default_factory=list)

    def summary(self):
        rows = ", ".join(f"{count} {label}" for label, count in self.counts.items())
        lines = [f"Rows: {rows}.", f"Media files: {self.media}."]
        if self.users_created:
            lines.append(
                f"Users added without a password ({', '.join(self.users_created)}): "
                "set one with `manage.py changepassword USERNAME`."
            )
        if self.missing_media:
            lines.append(f"Missing from storage, not in the file: {', '.join(self.missing_media)}.")
        return "\n".join(lines)


def export_site(path):
    """Write the whole editorial site to the zip at `path`; returns a Report."""
    report = Report()
    objects = []
    for model in content_models():
        model_rows = list(model._default_manager.order_by("pk"))
        objects += model_rows
        report.counts[model._meta.label] = len(model_rows)
    rows = serializers.serialize("python", objects, use_natural_foreign_keys=True)
    content = json.dumps(rows, cls=ExactJSONEncoder, indent=1)
    users = [
        {
            **{name: getattr(user, name) for name in USER_FIELDS},
            "groups": sorted(user.groups.values_list("name", flat=True)),
        }
        for user in authors()
    ]
    for user in users:
        user["date_joined"] = user["date_joined"].isoformat()
    report.counts["users"] = len(users)

    media = []
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("content.json", content)
        archive.writestr("users.json", json.dumps(users, indent=1))
        for name in media_names():
            if not default_storage.exists(name):
                report.missing_media.append(name)
                continue
            with default_storage.open(name, "rb") as stored:
                data = stored.read()
            # Pictures are compressed already.
            archive.writestr(MEDIA_PREFIX + name, data, compress_type=zipfile.ZIP_STORED)
            media.append({"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()})
        report.media = len(media)
        manifest = {
            "format": FORMAT,
            "version": VERSION,
            "created_at": datetime.datetime.now(datetime.UTC).isoformat(),
            "counts": report.counts,
            "media": media,
            "content_sha256": hashlib.sha256(content.encode()).hexdigest(),
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=1))
    return report


def has_content():
    return any(model._default_manager.exists() for model in content_models())


def clear_content():
    """Everything an import replaces, in an order that no protection refuses."""
    content_types = [ContentType.objects.get_for_model(model) for model in content_models()]
    # Revisions point at rows by primary key: after a replace, the same number may be another list.
    if apps.is_installed("reversion"):
        from reversion.models import Version

        Version.objects.filter(content_type__in=content_types).delete()
    # Children first: entries before the people and themes they name, lists before their subjects.
    for model in reversed(content_models()):
        model._default_manager.all().delete()


def read_manifest(archive):
    try:
        manifest = json.loads(archive.read("manifest.json"))
    except (KeyError, ValueError) as error:
        raise BackupError("This is not a site backup: it has no readable manifest.json.") from error
    if manifest.get("format") != FORMAT:
        raise BackupError("This is not a site backup made by export_site.")
    if manifest.get("version") != VERSION:
        raise BackupError(f"This backup is version {manifest.get('version')}; this site reads version {VERSION}.")
    return manifest


def safe_media_name(name):
    path = PurePosixPath(name)
    if path.is_absolute() or ".." in path.parts or not name or "\\" in name:
        raise BackupError(f"The backup names a media file outside the media folder: {name!r}.")
    return name


def import_site(path, *, replace=False):
    """Load the zip at `path` into this database and its media storage; returns a Report."""
    try:
        archive = zipfile.ZipFile(path)
    except (OSError, zipfile.BadZipFile) as error:
        raise BackupError(f"{path} is not a zip file made by export_site: {error}") from error
    with archive:
        manifest = read_manifest(archive)
        content = archive.read("content.json")
        if hashlib.sha256(content).hexdigest() != manifest.get("content_sha256"):
            raise BackupError("content.json does not match its checksum: the file is damaged.")
        users = json.loads(archive.read("users.json"))
        media = []
        for entry in manifest["media"]:
            data = archive.read(MEDIA_PREFIX + safe_media_name(entry["name"]))
            if hashlib.sha256(data).hexdigest() != entry["sha256"]:
                raise BackupError(f"{entry['name']} does not match its checksum: the file is damaged.")
            media.append((entry["name"], data))

    report = Report(counts=dict(manifest["counts"]), media=len(media))
    written = []
    try:
        # Derived rows are rebuilt once at the end, not row by row as the backup loads, and the cached pages
        # are refreshed once when it commits.
        with transaction.atomic(), batched_upkeep(), derived.suspended():
            if has_content():
                if not replace:
                    raise BackupError(
                        "This database already has lists, films, people, themes or tags. Import into an empty "
                        "database, or give --replace to delete all of them first."
                    )
                clear_content()
            report.users_created = add_users(users)
            try:
                load_content(content)
            except (DatabaseError, DeserializationError) as error:
                raise BackupError(
                    f"Nothing was imported: a row in the backup could not be loaded ({error})."
                ) from error
            derived.rebuild_all()
            for name, data in media:
                if default_storage.exists(name):
                    default_storage.delete(name)
                stored_as = default_storage.save(name, ContentFile(data))
                written.append(stored_as)
                if stored_as != name:
                    raise BackupError(f"{name} could not be stored under its own name (stored as {stored_as}).")
    except BaseException:
        for name in written:
            default_storage.delete(name)
        raise
    return report


def add_users(users):
    """Authors the database does not have yet, by username, with no usable password; others are left alone."""
    User = get_user_model()
    created = []
    for data in users:
        if User.objects.filter(username=data["username"]).exists():
            continue
        user = User(**{name: data[name] for name in USER_FIELDS})
        user.set_unusable_password()
        user.save()
        user.groups.set(Group.objects.filter(name__in=data["groups"]))
        created.append(user.username)
    return created


def load_content(content):
    # loaddata: constraints checked once everything is in, and PostgreSQL's sequences moved past
    # the primary keys it brought, so the next list an editor adds gets a fresh number.
    with tempfile.TemporaryDirectory() as folder:
        fixture = Path(folder) / "content.json"
        fixture.write_bytes(content)
        call_command("loaddata", str(fixture), verbosity=0, stdout=io.StringIO())
