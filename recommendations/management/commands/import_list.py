import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from recommendations.importing import READABLE, ImportRefused, Source, import_article, import_export
from recommendations.importing.sources import HTML_SUFFIXES, TEXT_SUFFIXES, WORDPRESS_SUFFIXES
from recommendations.models import Film

SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | WORDPRESS_SUFFIXES


class Command(BaseCommand):
    help = (
        "Imports “movies like X” articles as draft lists: plain text or Markdown, HTML pages, and WordPress "
        "exports (every post that is a list becomes a draft). A file, or a folder of them."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help=f"A file ({READABLE}), or a folder of them.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Print what the import would do, line by line, and save nothing."
        )
        parser.add_argument("--format", choices=["text", "json"], default="text", help="How --dry-run prints.")
        parser.add_argument("--subject", metavar="FILM_SLUG", help="The film X, overriding the one in the text.")
        parser.add_argument(
            "--author",
            metavar="USERNAME",
            help="The byline of the drafts; for an export, of the posts whose author is no user here.",
        )
        parser.add_argument("--again", action="store_true", help="Make another draft of an article already imported.")

    def handle(self, *args, **options):
        files = self.files(Path(options["path"]))
        subject = self.film(options["subject"]) if options["subject"] else None
        author = self.author(options["author"]) if options["author"] else None
        dry_run = options["dry_run"]
        results, failures = [], []
        progress = tqdm(files, desc="Importing", unit="file", disable=len(files) == 1 or dry_run, file=self.stderr)
        for path in progress:
            try:
                source = Source.from_file(path.name, path.read_bytes())
            except ImportRefused as refused:
                failures.append(f"{path}: {refused}")
                continue
            if source.is_export:
                outcome = import_export(
                    source, importer=author, again=options["again"], commit=not dry_run, per_post=True
                )
                failures += [f"{path}: {problem}" for problem in outcome.problems]
            else:
                outcome = import_article(
                    source, author=author, subject=subject, again=options["again"], commit=not dry_run
                )
                failures += [f"{path}: {problem}" for problem in outcome.problems]
            results.append((path, source, outcome))

        if dry_run:
            self.print_dry_run(results, options["format"])
        else:
            self.print_imports(results, len(files))
        for failure in failures:
            self.stderr.write(self.style.ERROR(failure))
        if failures:
            refused = sum(1 for _, _, outcome in results if outcome.problems) + len(files) - len(results)
            done = "nothing was saved" if dry_run else "nothing of those was saved"
            raise CommandError(f"{refused} of {len(files)} could not be imported; {done}.")

    def print_dry_run(self, results, output_format):
        if output_format == "json":
            payload = [self.as_json(source, outcome) for _, source, outcome in results]
            self.stdout.write(json.dumps(payload[0] if len(payload) == 1 else payload, ensure_ascii=False, indent=2))
            return
        for path, source, outcome in results:
            self.stdout.write(f"{path}:")
            if source.is_export:
                self.stdout.write(outcome.summary(done=False))
                continue
            if outcome.parsed:
                self.stdout.write(outcome.parsed.explain())
            if outcome.report:
                self.stdout.write("If imported: " + outcome.report.summary().split("\n", 1)[-1])

    def as_json(self, source, outcome):
        """The parse as today's dry run printed it (title, subject, intro, entries) and all the parser adds, with
        what would stop the import; an export gives each post's."""
        problems = [{"line": problem.line, "message": problem.message} for problem in outcome.problems]
        if source.is_export:
            posts = []
            for post in outcome.posts:
                posts.append(
                    {
                        **post.post.as_json(),
                        "imported": post.imported,
                        "skipped": None if post.imported else post.reason,
                        "byline": post.byline or None,
                    }
                )
            return {"posts": posts, "problems": problems}
        parsed = outcome.parsed.as_json() if outcome.parsed else {}
        return {**parsed, "problems": problems}

    def print_imports(self, results, count):
        created = proposed = imported = articles = 0
        for path, source, outcome in results:
            articles += len(outcome.posts) if source.is_export else 1
            if source.is_export:
                self.stdout.write(f"{path}: {outcome.summary()}")
                reports = [post.report for post in outcome.imported]
            else:
                reports = [outcome.report] if outcome.ok else []
                if outcome.ok and count == 1:
                    self.stdout.write(outcome.report.summary())
            imported += len(reports)
            created += sum(len(report.created_films) for report in reports)
            proposed += sum(len(report.proposed_people) for report in reports)
        if count > 1:
            self.stdout.write(f"Imported {imported} of {articles + count - len(results)} articles as drafts.")
            self.stdout.write(f"Films created: {created}; people proposed: {proposed}.")

    def files(self, path):
        if path.is_dir():
            files = sorted(file for file in path.iterdir() if file.suffix.lower() in SUFFIXES and file.is_file())
            if not files:
                raise CommandError(f"No files the importer reads ({READABLE}) in {path}.")
            return files
        if path.is_file():
            return [path]
        raise CommandError(f"No file or folder at {path}.")

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
