from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from recommendations.models import Article, Film

FIXTURES = ["backtrace"]
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
        call_command("loaddata", *FIXTURES, verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Loaded the first article from fixtures/: {', '.join(FIXTURES)}."))

    def ensure_local_editor(self):
        User = get_user_model()
        if not User.objects.filter(username=LOCAL_EDITOR["username"]).exists():
            User.objects.create_superuser(email="", **LOCAL_EDITOR)
        self.stdout.write(
            "Sign in at http://127.0.0.1:8000/admin/ as "
            f"{LOCAL_EDITOR['username']} / {LOCAL_EDITOR['password']} (local database only)."
        )
