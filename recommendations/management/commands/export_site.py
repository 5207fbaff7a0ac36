from django.core.management.base import BaseCommand

from recommendations.backups import export_site


class Command(BaseCommand):
    help = (
        "Writes the whole editorial site to one zip file: lists, entries, films, people, themes, tags, credits, "
        "services, availability, former addresses, their authors (without passwords) and every poster and photo. "
        "import_site reads it back. See recommendations/backups.py."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="Where to write the backup, e.g. site-2026-01-31.zip.")

    def handle(self, *args, file, **options):
        report = export_site(file)
        self.stdout.write(report.summary())
        if report.missing_media:
            self.stderr.write("Some media files were missing from storage: the backup has the rest.")
        self.stdout.write(f"Wrote {file}.")
