import time

from django.core.management.base import BaseCommand, CommandError

from recommendations.demo import DemoDataError, content_exists, generate


def list_lengths(text):
    try:
        lengths = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        lengths = []
    if not lengths or min(lengths) < 1:
        raise ValueError(text)
    return lengths


list_lengths.__name__ = "list of entry counts"  # what argparse calls it in an error


class ProgressStream:
    """The progress bars' way out through the command's stderr, without the newline Django adds to each write."""

    def __init__(self, output):
        self.output = output

    def write(self, text):
        self.output.write(text, ending="")

    def flush(self):
        self.output.flush()


class Command(BaseCommand):
    help = (
        "Fills the database with a synthetic catalogue: films, people, credits, themes, tags, where to watch, "
        "and published “Movies Like X” lists whose entries share people and themes with X. For demos and "
        "benchmarks; refuses a database that has content unless --append is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("--films", type=int, default=1000, help="How many films (default 1000).")
        parser.add_argument("--people", type=int, default=500, help="How many people (default 500).")
        parser.add_argument("--lists", type=int, default=100, help="How many published lists (default 100).")
        parser.add_argument(
            "--entries",
            type=list_lengths,
            default=[10],
            metavar="N[,N…]",
            help="Entries in every list (default 10); several, e.g. 6,25,100, make lists of each length in turn.",
        )
        parser.add_argument("--posters", type=int, default=0, help="Films given a drawn poster (default 0).")
        parser.add_argument("--seed", type=int, default=1, help="The same seed makes the same catalogue.")
        parser.add_argument(
            "--append",
            action="store_true",
            help="Add to a database that already has films, people, themes or lists (nothing in it is changed).",
        )

    def handle(self, *args, **options):
        if not options["append"] and content_exists():
            raise CommandError(
                "This database already has content. Use --append to add a demo catalogue beside it, "
                "or point DATABASE_URL at an empty database."
            )
        for name in ("films", "people", "lists", "posters"):
            if options[name] < 0:
                raise CommandError(f"--{name} cannot be negative.")
        started = time.perf_counter()
        try:
            report = generate(
                films=options["films"],
                people=options["people"],
                lists=options["lists"],
                entries=options["entries"],
                seed=options["seed"],
                posters=options["posters"],
                progress=ProgressStream(self.stderr) if options["verbosity"] else None,
            )
        except DemoDataError as error:
            raise CommandError(str(error)) from error
        seconds = time.perf_counter() - started

        counts = ", ".join(f"{count} {name}" for name, count in report.counts.items())
        self.stdout.write(self.style.SUCCESS(f"Generated {counts} in {seconds:.1f} s."))
        for size, article in report.sample_lists.items():
            self.stdout.write(f"A list of {size} entries: {article.get_absolute_url()}")
