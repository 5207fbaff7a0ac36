"""export_site and import_site: the whole editorial site, media included, into an empty database and back."""

import datetime
import hashlib
import io
import json
import shutil
import zipfile

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import serializers
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import models
from django.utils import timezone
from PIL import Image

from recommendations.backups import USER_FIELDS, authors, clear_content, content_models, media_names
from recommendations.importing import Source, import_article
from recommendations.models import (
    Article,
    ArticleImport,
    Availability,
    Credit,
    Film,
    FormerSlug,
    Person,
    Service,
    Theme,
)

from .factories import make_article, make_film


def content_snapshot():
    """Every content row, users (without passwords) and the bytes of every media file: for comparing two sites."""
    rows = {
        model._meta.label: json.loads(
            serializers.serialize("json", model._default_manager.order_by("pk"), use_natural_foreign_keys=True)
        )
        for model in content_models()
    }
    users = sorted(
        ({name: str(getattr(user, name)) for name in USER_FIELDS} for user in authors()),
        key=lambda user: user["username"],
    )
    files = {}
    for name in media_names():
        with default_storage.open(name, "rb") as stored:
            files[name] = stored.read()
    return {"rows": rows, "users": users, "media": files}


def picture(colour, name):
    buffer = io.BytesIO()
    Image.new("RGB", (300, 450), colour).save(buffer, "JPEG")
    return SimpleUploadedFile(name, buffer.getvalue())


@pytest.fixture
def site(backtrace, editor, django_user_model):
    """The fixture site plus a draft, a scheduled list, tags, a photo, a new poster, where-to-watch, an old address,
    and an imported draft with the record of what its import made."""
    writer = django_user_model.objects.create_user("wendy", "wendy@example.com", "pw", first_name="Wendy")
    writer.groups.add(Group.objects.get(name="Writers"))
    backtrace.author, backtrace.last_edited_by = editor, writer
    backtrace.save()
    backtrace.tags.add("heist", "memory")
    draft = make_article(
        entries=2, status=Article.Status.DRAFT, published_at=None, author=writer, title="Movies Like A"
    )
    draft.tags.add("work in progress")
    make_article(entries=3, published_at=timezone.now() + datetime.timedelta(days=3), title="Movies Like Tomorrow")
    FormerSlug.objects.create(article=backtrace, slug="films-like-backtrace")
    memento = Film.objects.get(slug="memento-2000")
    memento.tags.add("nonlinear")
    heat = make_film("Heat", 1995, poster=picture("navy", "heat.jpg"), runtime=170, synopsis="*Mann*.")
    heat.themes.add(Theme.objects.get(slug="heist"))
    mann = Person.objects.create(name="Michael Mann", slug="michael-mann", photo=picture("olive", "mann.jpg"))
    Credit.objects.create(film=heat, person=mann, role=Credit.Role.DIRECTOR)
    service = Service.objects.create(name="Streamly", slug="streamly", website="https://streamly.example.com")
    Availability.objects.create(film=heat, service=service, region="GB", kind="rent", url="https://x.example.com/h")
    imported = "Movies like Heat\n\n2. Thief (1981)\n\nMann.\n\n1. Ronin / John Frankenheimer (1998)\n\nParis.\n"
    assert import_article(Source(ArticleImport.Source.TEXT, imported), author=writer).ok
    return backtrace


def empty_everything(media_root):
    clear_content()
    get_user_model().objects.all().delete()
    shutil.rmtree(media_root)
    media_root.mkdir()


def export(path):
    out = io.StringIO()
    call_command("export_site", str(path), stdout=out)
    return out.getvalue()


def import_(path, *args):
    out = io.StringIO()
    call_command("import_site", str(path), *args, stdout=out)
    return out.getvalue()


def test_the_site_round_trips_into_an_empty_database_with_nothing_lost(client, site, media_root, tmp_path):
    before = content_snapshot()
    backup = tmp_path / "site.zip"

    exported = export(backup)
    empty_everything(media_root)
    assert Article.objects.count() == Film.objects.count() == 0
    imported = import_(backup)

    after = content_snapshot()
    assert after["rows"] == before["rows"]
    assert after["users"] == before["users"]
    assert after["media"].keys() == before["media"].keys()
    assert all(after["media"][name] == data for name, data in before["media"].items())
    # Every kind of thing was there to lose.
    counts = {label: len(rows) for label, rows in before["rows"].items()}
    assert all(counts[label] for label in counts), counts
    assert len(before["media"]) > 14
    assert "Media files:" in exported and "Imported" in imported
    # The site works as before: the list with its posters, the draft still hidden, the old address redirecting.
    page = client.get("/lists/movies-like-backtrace/")
    assert page.status_code == 200 and "renditions/" in page.content.decode()
    assert client.get("/lists/movies-like-a/").status_code == 404
    assert client.get("/lists/films-like-backtrace/").status_code == 301
    # New rows get numbers of their own (PostgreSQL's sequences moved past the imported ones).
    assert make_article(title="Movies Like The Day After").pk > max(
        row["pk"] for row in before["rows"]["recommendations.Article"]
    )


def test_authors_come_without_passwords_and_must_set_one(site, media_root, tmp_path, editor):
    backup = tmp_path / "site.zip"
    export(backup)

    with zipfile.ZipFile(backup) as archive:
        users = json.loads(archive.read("users.json"))
        assert "password" not in archive.read("users.json").decode()
        assert "password" not in archive.read("content.json").decode()
    # The fixture's film desk has no list of its own here, but an author profile, which names them.
    assert sorted(user["username"] for user in users) == ["editor-in-chief", "filmdesk", "wendy"]
    assert next(user for user in users if user["username"] == "wendy")["groups"] == ["Writers"]

    empty_everything(media_root)
    imported = import_(backup)

    wendy = get_user_model().objects.get(username="wendy")
    assert not wendy.has_usable_password()
    assert list(wendy.groups.values_list("name", flat=True)) == ["Writers"]
    assert "Users added without a password (filmdesk, editor-in-chief, wendy)" in imported


def test_an_import_refuses_a_database_with_content_and_changes_nothing(site, tmp_path):
    backup = tmp_path / "site.zip"
    export(backup)
    Film.objects.filter(slug="heat-1995").update(title="Heat (edited since)")
    before = content_snapshot()

    with pytest.raises(CommandError, match="This database already has lists, films, people, themes or tags."):
        import_(backup)

    assert content_snapshot() == before


def test_replace_puts_the_backup_in_place_of_what_is_there(site, tmp_path, editor):
    backup = tmp_path / "site.zip"
    original = content_snapshot()
    export(backup)
    Film.objects.filter(slug="heat-1995").update(title="Heat (edited since)")
    make_article(title="Movies Like Something Newer")
    editor.set_password("kept")
    editor.save()

    import_(backup, "--replace")

    assert content_snapshot()["rows"] == original["rows"]
    assert not Article.objects.filter(title="Movies Like Something Newer").exists()
    # Users already here are left as they are.
    editor.refresh_from_db()
    assert editor.check_password("kept")


def test_a_failed_import_leaves_the_empty_database_empty_and_writes_no_file(site, media_root, tmp_path):
    backup, broken = tmp_path / "site.zip", tmp_path / "broken.zip"
    export(backup)
    # A list whose subject is not in the file: loading it breaks a constraint, after the media are read.
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(broken, "w") as target:
        content = json.loads(source.read("content.json"))
        for row in content:
            if row["model"] == "recommendations.article":
                row["fields"]["subject"] = 999_999
        content = json.dumps(content).encode()
        manifest = json.loads(source.read("manifest.json"))
        manifest["content_sha256"] = hashlib.sha256(content).hexdigest()
        for item in source.infolist():
            data = {"content.json": content, "manifest.json": json.dumps(manifest).encode()}.get(item.filename)
            target.writestr(item, data if data is not None else source.read(item))
    empty_everything(media_root)

    with pytest.raises(CommandError, match="Nothing was imported: a row in the backup could not be loaded"):
        import_(broken)

    assert Article.objects.count() == Film.objects.count() == Person.objects.count() == 0
    assert get_user_model().objects.count() == 0
    assert [path for path in media_root.rglob("*") if path.is_file()] == []


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda name, data: (name, data[:-1] + b"x") if name.startswith("media/") else (name, data), "checksum"),
        (lambda name, data: (name, b"{}") if name == "manifest.json" else (name, data), "not a site backup"),
        (
            lambda name, data: (
                (name, data.replace(b"Backtrace", b"Bactrack")) if name == "content.json" else (name, data)
            ),
            "damaged",
        ),
    ],
)
def test_a_damaged_file_is_refused_before_anything_is_touched(site, tmp_path, damage, message):
    backup, damaged = tmp_path / "site.zip", tmp_path / "damaged.zip"
    export(backup)
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(damaged, "w") as target:
        for item in source.infolist():
            target.writestr(*damage(item.filename, source.read(item)))
    before = content_snapshot()

    with pytest.raises(CommandError, match=message):
        import_(damaged, "--replace")

    assert content_snapshot() == before


def test_a_media_name_that_climbs_out_of_the_media_folder_is_refused(site, tmp_path, media_root):
    backup, hostile = tmp_path / "site.zip", tmp_path / "hostile.zip"
    export(backup)
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(hostile, "w") as target:
        manifest = json.loads(source.read("manifest.json"))
        manifest["media"].append({"name": "../../outside.txt", "size": 1, "sha256": "0" * 64})
        for item in source.infolist():
            if item.filename != "manifest.json":
                target.writestr(item, source.read(item))
        target.writestr("manifest.json", json.dumps(manifest))
        target.writestr("media/../../outside.txt", b"x")
    empty_everything(media_root)

    with pytest.raises(CommandError, match="outside the media folder"):
        import_(hostile)

    assert not (tmp_path / "outside.txt").exists()
    assert Article.objects.count() == 0


def timestamps():
    """Every date and time stored in the content, and the authors' dates joined, exactly as the database holds them."""
    stored = {}
    for model in content_models():
        fields = [field.name for field in model._meta.concrete_fields if isinstance(field, models.DateTimeField)]
        for row in model._default_manager.order_by("pk").values("pk", *fields):
            stored[(model._meta.label, row.pop("pk"))] = row
    for user in authors():
        stored[("author", user.username)] = user.date_joined
    return stored


def test_a_round_trip_keeps_every_timestamp_to_the_microsecond(site, media_root, tmp_path):
    Article.objects.filter(pk=site.pk).update(published_at=datetime.datetime(2024, 5, 6, 7, 8, 9, 123456, datetime.UTC))
    before = timestamps()
    assert any(moment.microsecond % 1000 for row in before.values() for moment in row.values() if moment)
    backup = tmp_path / "site.zip"

    export(backup)
    empty_everything(media_root)
    import_(backup)

    assert timestamps() == before
    assert Article.objects.get(pk=site.pk).published_at.microsecond == 123456


def rewritten(backup, target, rewrite_content, rewrite_users=lambda users: users):
    """A copy of `backup` whose content.json and users.json went through the two functions, checksums kept right."""
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(target, "w") as copy:
        content = json.dumps(rewrite_content(json.loads(source.read("content.json")))).encode()
        users = json.dumps(rewrite_users(json.loads(source.read("users.json")))).encode()
        manifest = json.loads(source.read("manifest.json"))
        manifest["content_sha256"] = hashlib.sha256(content).hexdigest()
        replaced = {"content.json": content, "users.json": users, "manifest.json": json.dumps(manifest).encode()}
        for item in source.infolist():
            copy.writestr(item, replaced.get(item.filename, source.read(item)))


def test_a_backup_whose_rows_carry_control_characters_loads_clean(client, site, media_root, tmp_path):
    backup, pasted = tmp_path / "site.zip", tmp_path / "pasted.zip"
    export(backup)

    def paste_into_content(rows):
        for row in rows:
            fields = row["fields"]
            if row["model"] == "recommendations.article" and fields["title"] == "Movies Like Backtrace":
                fields["title"] = "Movies Like\x0b\x0c\x08 Backtrace"
                fields["intro"] = "An intro\x0bon two lines\x0c\x08."
            elif row["model"] == "recommendations.person" and fields["name"] == "Christopher Nolan":
                fields["name"] = "Christopher\x0bNolan\x08"
            elif row["model"] == "taggit.tag" and fields["name"] == "heist":
                fields["name"] = "heist\x0c"
        return rows

    def paste_into_users(users):
        for user in users:
            user["first_name"] = f"{user['first_name']}\x0b\x08"
        return users

    rewritten(backup, pasted, paste_into_content, paste_into_users)
    empty_everything(media_root)
    import_(pasted)

    article = Article.objects.get(slug="movies-like-backtrace")
    assert article.title == "Movies Like Backtrace"
    assert article.intro == "An intro\non two lines."
    assert Person.objects.get(slug="christopher-nolan").name == "Christopher Nolan"
    assert {"heist", "memory"} <= set(article.tags.names())
    assert get_user_model().objects.get(username="wendy").first_name == "Wendy"
    for path in ["/feed/", "/feed/atom/", "/people/christopher-nolan/feed/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert not feedparser.parse(response.content).bozo, path
