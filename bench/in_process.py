"""
In-process cost of each reader page on two catalogues, the requests taking turns (no load generator):

    DEBUG=0 SECRET_KEY=x ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=0 PAGE_CACHE_SECONDS=0 \
        .venv/bin/python bench/in_process.py sqlite:////tmp/small.sqlite3 sqlite:////tmp/large.sqlite3

Both databases must be of one engine (two SQLite files, or two databases on one PostgreSQL
server). It picks the pages of each catalogue as bench/probe.py does, then requests every page
--rounds times through Django's test client, small and large in turn, with a connection to each
database kept open, and prints a Markdown table of the median ms of each and their ratio. Run
`manage.py collectstatic` first: production static storage reads its manifest.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("small", help="DATABASE_URL of the small catalogue")
    parser.add_argument("large", help="DATABASE_URL of the large catalogue")
    parser.add_argument("--rounds", type=int, default=15, help="requests of each page on each (default 15)")
    parser.add_argument("--only", default="", help="comma-separated page kinds to measure (default all)")
    options = parser.parse_args()

    sys.path.insert(0, str(ROOT))
    os.environ["DATABASE_URL"] = options.small
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moviesite.settings")
    import django

    django.setup()
    from probe import pick_pages

    catalogues = {"small": connect(options.small), "large": connect(options.large)}
    pages = {}
    for name, wrapper in catalogues.items():
        use(wrapper)
        pages[name] = pick_pages()
    kinds = [kind for kind in pages["small"] if kind in pages["large"] and kind != "static"]
    if options.only:
        kinds = [kind for kind in kinds if kind in options.only.split(",")]

    print("| page | small ms | large ms | large / small | queries small / large | KB small / large |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for kind in kinds:
        timings = {name: [] for name in catalogues}
        queries, sizes = {}, {}
        for round_number in range(options.rounds + 1):
            for name, wrapper in catalogues.items():
                ms, queries[name], sizes[name] = request(wrapper, pages[name][kind]["path"])
                if round_number:  # the first round warms up
                    timings[name].append(ms)
        small, large = (statistics.median(timings[name]) for name in catalogues)
        print(
            f"| {kind} | {small:.1f} | {large:.1f} | {large / small:.2f} | {queries['small']} / {queries['large']} "
            f"| {sizes['small'] / 1000:.0f} / {sizes['large'] / 1000:.0f} |",
            flush=True,
        )


def connect(url):
    """A connection of its own to the database at `url`, with the project's settings for it."""
    import dj_database_url
    from django.conf import settings
    from django.db import connections
    from django.db.utils import load_backend

    settings_dict = {**connections.settings["default"], **dj_database_url.parse(url)}
    settings_dict["OPTIONS"] = {**connections.settings["default"]["OPTIONS"], **settings_dict.get("OPTIONS", {})}
    if settings_dict["ENGINE"] != settings.DATABASES["default"]["ENGINE"]:
        raise SystemExit("Both catalogues must be on the same database engine.")
    return load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "default")


def use(wrapper):
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections

    connections["default"] = wrapper
    # Content type ids are cached per process and may differ between the databases.
    ContentType.objects.clear_cache()


def request(wrapper, path):
    """(ms, SQL queries, bytes) of one GET of `path` on the catalogue behind `wrapper`."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    use(wrapper)
    client = Client(HTTP_HOST="127.0.0.1")
    # The capture counts from the log's length now; a request's start empties the log.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        ms = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        raise SystemExit(f"{path} answered {response.status_code}")
    return ms, len(queries), len(body)


if __name__ == "__main__":
    main()
