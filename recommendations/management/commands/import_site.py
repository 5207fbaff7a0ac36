from django.core.management.base import BaseCommand, CommandError

from recommendations.backups import BackupError, import_site


class Command(BaseCommand):
    help = (
        "Loads a file made by export_site into this database and media storage, in one transaction. Refuses a "
        "database that already has editorial content unless --replace is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="A backup made by export_site.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Delete every list, entry, film, person, theme, service and tag (and the lists' revisions) first.",
        )

    def handle(self, *args, file, replace=False, **options):
        try:
            report = import_site(file, replace=replace)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(report.summary())
        self.stdout.write(f"Imported {file}.")
