from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from recommendations.models import Article, Film

FIXTURES = ["backtrace"]
# The fixture films' posters, laid out as they are in MEDIA_ROOT (see fixtures/make_posters.py).
FIXTURE_MEDIA = settings.BASE_DIR / "fixtures" / "media"
LOCAL_EDITOR = {"username": "editor", "password": "editor"}


class Command(BaseCommand):
    help = (
        "Prepares a developer's local site: loads the first article into a new database "
        "(never over editors' changes) and makes sure a local editor sign-in exists."
    )

    def handle(self, *args, **options):
        if connection.vendor != "sqlite" or not settings.DEBUG:
            raise CommandError("setup_local_site is for a local SQLite database with DEBUG=1 only.")
        self.load_first_content()
        self.ensure_local_editor()

    def load_first_content(self):
        if Film.objects.exists() or Article.objects.exists():
            self.stdout.write("Content already present: fixtures not loaded, so no edit is undone.")
            return
        copied = copy_fixture_media()
        call_command("loaddata", *FIXTURES, verbosity=0)
        # The list's history in the admin starts from the list as loaded, so a first edit can be compared and undone.
        call_command("createinitialrevisions", "recommendations.Article", comment="Loaded from fixtures/.", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Loaded the first article from fixtures/: {', '.join(FIXTURES)}."))
        self.stdout.write(f"Copied {copied} pictures from fixtures/media/ to the media folder.")
        call_command("make_renditions", stdout=self.stdout, stderr=self.stderr)

    def ensure_local_editor(self):
        User = get_user_model()
        if not User.objects.filter(username=LOCAL_EDITOR["username"]).exists():
            User.objects.create_superuser(email="", **LOCAL_EDITOR)
        self.stdout.write(
            "Sign in at http://127.0.0.1:8000/admin/ as "
            f"{LOCAL_EDITOR['username']} / {LOCAL_EDITOR['password']} (local database only)."
        )


def copy_fixture_media():
    """Copy fixtures/media/ into the media storage, keeping any file already there; returns how many were copied."""
    copied = 0
    for path in sorted(FIXTURE_MEDIA.rglob("*")):
        name = path.relative_to(FIXTURE_MEDIA).as_posix()
        if path.is_file() and not default_storage.exists(name):
            with path.open("rb") as picture:
                default_storage.save(name, File(picture))
            copied += 1
    return copied
