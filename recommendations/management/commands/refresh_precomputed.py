import time

from django.core.management.base import BaseCommand

from recommendations import derived, similarity_batch


class Command(BaseCommand):
    help = (
        "Works out again every film's “Similar films” that an edit made stale (pages do it too, one film at a "
        "time, when they are read), forgets the changes nothing depends on any more, and refreshes the query "
        "planner's statistics. With --all, rebuilds every derived row from the editorial ones: counted themes, "
        "the lists' facets, tallies and every film's similar films (after writing to the tables past Django)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="Rebuild every derived row, not only stale ones.")

    def handle(self, *args, **options):
        started = time.perf_counter()
        if options["all"]:
            derived.rebuild_all()
            self.stdout.write(f"Rebuilt every derived row in {time.perf_counter() - started:.1f} s.")
            return
        count = similarity_batch.refresh_stale()
        derived.analyze()
        self.stdout.write(f"Worked out the similar films of {count} films in {time.perf_counter() - started:.1f} s.")
