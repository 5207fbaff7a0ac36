import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from recommendations.importer import ArticleImportError, parse_article, save_draft
from recommendations.models import Film

TEXT_SUFFIXES = {".txt", ".md", ".text"}


class Command(BaseCommand):
    help = "Imports “movies like X” articles from plain text (a file, or a folder of them) as draft lists."

    def add_arguments(self, parser):
        parser.add_argument("path", help="A text file, or a folder of .txt/.md files.")
        parser.add_argument("--dry-run", action="store_true", help="Print the parse and save nothing.")
        parser.add_argument("--format", choices=["text", "json"], default="text", help="How --dry-run prints.")
        parser.add_argument("--subject", metavar="FILM_SLUG", help="The film X, overriding the one in the text.")
        parser.add_argument("--author", metavar="USERNAME", help="The byline of the drafts.")
        parser.add_argument("--again", action="store_true", help="Make another draft of an article already imported.")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if path.is_dir():
            files = sorted(file for file in path.iterdir() if file.suffix.lower() in TEXT_SUFFIXES)
            if not files:
                raise CommandError(f"No .txt or .md files in {path}.")
        elif path.is_file():
            files = [path]
        else:
            raise CommandError(f"No file or folder at {path}.")

        if options["dry_run"]:
            self.print_parses(files, options["format"])
        else:
            self.import_files(files, options)

    def print_parses(self, files, output_format):
        parses = []
        for file in files:
            try:
                parses.append((file, parse_article(file.read_text(encoding="utf-8"))))
            except ArticleImportError as error:
                raise CommandError(f"{file}: {error}") from error
        if output_format == "json":
            payload = [parsed.as_json() for _, parsed in parses]
            self.stdout.write(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2))
            return
        for file, parsed in parses:
            self.stdout.write(f"{file}: “{parsed.title}”, about {parsed.subject}, {len(parsed.entries)} entries")
            for entry in parsed.entries:
                self.stdout.write(f"  {entry.rank}. {entry.title} ({entry.year or 'year unknown'})")

    def import_files(self, files, options):
        subject = self.film(options["subject"]) if options["subject"] else None
        author = self.author(options["author"]) if options["author"] else None
        imported, failed = [], []
        for file in tqdm(files, desc="Importing", unit="article", disable=len(files) == 1, file=self.stderr):
            try:
                parsed = parse_article(file.read_text(encoding="utf-8"))
                report = save_draft(parsed, subject=subject, author=author, again=options["again"])
            except ArticleImportError as error:
                failed.append(f"{file}: {error}")
                continue
            imported.append(report)
            if len(files) == 1:
                self.stdout.write(report.summary())

        if len(files) > 1:
            self.stdout.write(f"Imported {len(imported)} of {len(files)} articles as drafts.")
            created = sum(len(report.created_films) for report in imported)
            self.stdout.write(
                f"Films created: {created}; people proposed: {sum(len(report.proposed_people) for report in imported)}."
            )
        for failure in failed:
            self.stderr.write(self.style.ERROR(failure))
        if failed:
            raise CommandError(f"{len(failed)} of {len(files)} could not be imported; nothing of those was saved.")

    def film(self, slug):
        try:
            return Film.objects.get(slug=slug)
        except Film.DoesNotExist:
            raise CommandError(f"No film with the slug “{slug}”.") from None

    def author(self, username):
        try:
            return get_user_model().objects.get(username=username)
        except get_user_model().DoesNotExist:
            raise CommandError(f"No user “{username}”.") from None
