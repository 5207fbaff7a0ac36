"""
The benchmark's look inside Django (bench/run_bench.py runs it once per catalogue):

    DATABASE_URL=sqlite:///bench/data/large.sqlite3 … .venv/bin/python bench/probe.py --similarity 5

It picks one page of each kind by rule, counts each page's SQL queries and times it
in-process with the test client, counts the catalogue, and optionally times
similar_films; it prints all of that as JSON. The settings come from the environment,
as for the server being measured.
"""

import argparse
import contextlib
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The page cache's setting (recommendations/page_cache.py); its presence says the cache exists.
PAGE_CACHE = "PAGE_CACHE_SECONDS"
# gunicorn's default worker timeout: a page slower than this fails in production too.
PAGE_TIMEOUT = 30
# A page slower than this in-process is not driven with wrk: it would hold both workers for
# the whole run, and the requests left queued would slow the next page's.
TOO_SLOW_TO_DRIVE_MS = 2000


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--similarity", type=int, default=0, help="time similar_films for this many films")
    print(json.dumps(run_probe(parser.parse_args())))


def run_probe(options):
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moviesite.settings")
    import django

    django.setup()
    from django.conf import settings

    pages = pick_pages()
    count_queries(pages)
    probe = {"pages": pages, "page_cache_setting": hasattr(settings, PAGE_CACHE), "counts": catalogue_counts()}
    if options.similarity:
        probe["similarity"] = time_similarity(options.similarity)
    return probe


def pick_pages():
    """One page of each kind, chosen by rule so the small and the large catalogue are measured alike."""
    from django.db.models import Count
    from django.templatetags.static import static
    from django.urls import NoReverseMatch, reverse

    from recommendations.models import Article, Credit

    generated = Article.objects.live().exclude(slug="movies-like-backtrace").annotate(length=Count("entries"))
    pages = {}
    for size in (6, 25, 100):
        article = generated.filter(length=size).order_by("pk").first()
        pages[f"list {size}"] = {"path": article.get_absolute_url(), "note": article.title}
    backtrace = Article.objects.live().filter(slug="movies-like-backtrace").first()
    if backtrace:
        pages["list 6 (fixture)"] = {"path": backtrace.get_absolute_url(), "note": backtrace.title}
    film = generated.filter(length=6).order_by("pk").first().subject
    lead = Credit.objects.filter(film=film, role=Credit.Role.ACTOR).order_by("billing_order").first().person
    theme = film.themes.order_by("name").first()
    word = film.title.split()[-1].lower()
    pages["home"] = {"path": reverse("recommendations:home"), "note": "latest lists, page 1"}
    pages["film"] = {"path": film.get_absolute_url(), "note": f"{film}, subject of the 6-entry list"}
    credits = lead.credits.count()
    pages["person"] = {"path": lead.get_absolute_url(), "note": f"{lead}, its lead ({credits} credits)"}
    pages["theme"] = {"path": theme.get_absolute_url(), "note": f"{theme} ({theme.films.count()} films)"}
    pages["search"] = {"path": f"{reverse('recommendations:search')}?q={word}", "note": f"“{word}”"}
    pages.update(index_pages(film, theme))
    with contextlib.suppress(NoReverseMatch):
        pages["sitemap"] = {"path": reverse("sitemap"), "note": "the sitemap index"}
        for section in ("lists", "films"):
            path = reverse("sitemap_section", kwargs={"section": section})
            pages[f"sitemap {section}"] = {"path": path, "note": f"the {section} sitemap, first page"}
    pages["static"] = {"path": static("css/site.css"), "note": "the stylesheet, through whitenoise"}
    return pages


def index_pages(film, theme):
    """The index pages, the lists index with each of its filters, a tag's page and an author's page.

    Each filter is one that `film`'s list (the 6-entry one) passes, so it finds something in both catalogues.
    """
    from django.urls import NoReverseMatch, reverse

    from recommendations.models import Availability

    pages = {}
    names = {
        "lists index": "recommendations:article_list",
        "films index": "recommendations:film_list",
        "people index": "recommendations:person_list",
        "themes index": "recommendations:theme_list",
        "tags index": "recommendations:tag_list",
    }
    for kind, name in names.items():
        with contextlib.suppress(NoReverseMatch):
            pages[kind] = {"path": reverse(name), "note": "page 1"}
    if "lists index" not in pages:
        return pages
    lists = pages["lists index"]["path"]
    article = film.articles_about.get()
    entry_theme = article.entries.filter(themes__isnull=False).order_by("rank").first().themes.order_by("name").first()
    tag = film.tags.order_by("name").first()
    decade = film.year // 10 * 10
    on_service = Availability.objects.filter(film__entries__article=article).order_by("pk").first()
    filters = {
        "theme": (f"theme={entry_theme.slug}", entry_theme.name),
        "tag": (f"tag={tag.slug}", tag.name),
        "decade": (f"decade={decade}s", f"{decade}s"),
    }
    if on_service:
        service = on_service.service
        filters["service"] = (f"service={service.slug}&region={on_service.region}", f"{service} in {on_service.region}")
    for name, (query, note) in filters.items():
        pages[f"lists by {name}"] = {"path": f"{lists}?{query}", "note": note}
    pages["films A to Z, m"] = {"path": f"{pages['films index']['path']}?letter=m", "note": "films under m"}
    pages["tag"] = {"path": reverse("recommendations:tag_detail", kwargs={"slug": tag.slug}), "note": tag.name}
    profile = getattr(article.author, "author_profile", None)
    if profile:
        pages["author"] = {"path": profile.get_absolute_url(), "note": f"{profile.name}, author of {article}"}
    return pages


def count_queries(pages):
    """SQL queries and in-process time of each page, after a first request warms it up.

    A page slower than gunicorn's worker timeout is cut off (SQLite's progress handler
    interrupts its query) and marked, and wrk leaves it alone.
    """
    from django.db import OperationalError, connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(SERVER_NAME="127.0.0.1")

    def get(path):
        """(response, ms), or None when the page took longer than PAGE_TIMEOUT."""
        started = time.perf_counter()
        try:
            with time_limit(connection, PAGE_TIMEOUT):
                response = client.get(path)
        except OperationalError:
            return None
        ms = (time.perf_counter() - started) * 1000
        # An interrupted query may also come back as the site's 503 page (recommendations/outages.py).
        return None if ms >= PAGE_TIMEOUT * 1000 else (response, ms)

    for page in pages.values():
        if get(page["path"]) is None:
            page.update(status=None, queries=None, ms=None, timeout=True)
            continue
        with CaptureQueriesContext(connection) as queries:
            response, ms = get(page["path"])
        # Counted now: the next request's request_started signal empties the query log.
        body = b"".join(response.streaming_content) if response.streaming else response.content
        page.update(status=response.status_code, queries=len(queries), bytes=len(body))
        timings = [ms]
        while len(timings) < 5 and sum(timings) < 3000:
            timings.append(get(page["path"])[1])
        page["ms"] = round(statistics.median(timings), 1)
        page["slow"] = page["ms"] > TOO_SLOW_TO_DRIVE_MS


@contextlib.contextmanager
def time_limit(connection, seconds):
    """Interrupt any query still running `seconds` from now: PostgreSQL's statement timeout, or SQLite's progress
    handler."""
    connection.ensure_connection()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{int(seconds * 1000)}ms"])
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('statement_timeout', '0', false)")
        return
    deadline = time.monotonic() + seconds
    connection.connection.set_progress_handler(lambda: time.monotonic() > deadline, 100_000)
    try:
        yield
    finally:
        connection.connection.set_progress_handler(None, 0)


def catalogue_counts():
    from recommendations.models import Article, Credit, Entry, Film, Person, Theme

    return {
        "films": Film.objects.count(),
        "people": Person.objects.count(),
        "credits": Credit.objects.count(),
        "themes": Theme.objects.count(),
        "lists": Article.objects.count(),
        "entries": Entry.objects.count(),
    }


def time_similarity(subjects):
    """similar_films for a few films, fetched as the film page fetches them: median and worst of five calls."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from recommendations.models import Film
    from recommendations.similarity import similar_films

    total = Film.objects.count()
    ids = list(Film.objects.order_by("pk").values_list("pk", flat=True)[:: max(1, total // subjects)][:subjects])
    rows = []
    for film in Film.objects.for_film_page().filter(pk__in=ids).order_by("pk"):
        similar_films(film)
        timings = []
        for _ in range(5):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                found = similar_films(film)
                timings.append((time.perf_counter() - started) * 1000)
        links = {"themes": len(film.themes.all()), "people": len(film.credits.all()), "tags": len(film.tags.all())}
        rows.append(
            {
                "film": str(film),
                "links": links,
                "median_ms": round(statistics.median(timings), 1),
                "max_ms": round(max(timings), 1),
                "queries": len(queries),
                "found": len(found),
            }
        )
    return rows


if __name__ == "__main__":
    main()
