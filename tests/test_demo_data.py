"""generate_demo_data: a synthetic catalogue with exact counts, whole countdowns and pages that render."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from recommendations.demo import generate
from recommendations.models import Article, Availability, Credit, Entry, Film, Person, Theme
from recommendations.text import search_key

from .page_parts import countdown_headings

FILMS, PEOPLE, LISTS = 150, 60, 4
SIZES = [6, 100]


def run(*args):
    out = StringIO()
    call_command("generate_demo_data", *args, stdout=out, stderr=StringIO())
    return out.getvalue()


@pytest.fixture
def demo(db):
    """Four lists, two of 6 entries and two of 100, the command's output beside them."""
    return run(f"--films={FILMS}", f"--people={PEOPLE}", f"--lists={LISTS}", "--entries=6,100", "--seed=7")


def lists_of(size):
    return [article for article in Article.objects.all() if article.entries.count() == size]


def test_exact_counts(demo):
    assert Film.objects.count() == FILMS
    assert Person.objects.count() == PEOPLE
    assert Article.objects.count() == LISTS
    assert Entry.objects.count() == 2 * 6 + 2 * 100
    assert Theme.objects.count() > 24
    assert Credit.objects.filter(role=Credit.Role.DIRECTOR).count() == FILMS
    assert Availability.objects.exists()
    assert f"Generated {FILMS} films, {PEOPLE} people" in demo


def test_every_list_is_live_and_counts_down_from_its_length_to_1(demo):
    for article in Article.objects.live():
        ranks = sorted(article.entries.values_list("rank", flat=True))
        films = list(article.entries.values_list("film", flat=True))
        assert ranks in ([*range(1, 7)], [*range(1, 101)])
        assert len(set(films)) == len(films)
        assert article.subject_id not in films
        assert article.publishing_problems() == []
    assert Article.objects.live().count() == LISTS


def test_one_length_for_every_list(db):
    run("--films=40", "--people=20", "--lists=5", "--entries=7")

    assert Entry.objects.count() == 5 * 7
    for article in Article.objects.all():
        assert sorted(article.entries.values_list("rank", flat=True)) == [*range(1, 8)]


def test_entries_name_what_the_film_shares_with_the_subject(demo):
    for article in lists_of(6):
        subject = article.subject
        for entry in article.entries.all():
            shared_themes = set(subject.themes.all()) & set(entry.film.themes.all())
            shared_people = set(subject.people.all()) & set(entry.film.people.all())
            assert set(entry.themes.all()) <= shared_themes
            assert set(entry.people.all()) <= shared_people
            assert entry.themes.exists() or entry.people.exists()
            assert f"*{subject.title}*" in entry.blurb


def test_search_keys_are_filled(demo):
    for model in (Film, Person, Theme, Article):
        for obj in model.objects.all():
            assert obj.search_text == search_key(str(obj))[:255] != ""


def test_prints_a_list_of_each_length_and_the_pages_render(demo, client):
    urls = dict(
        line.removeprefix("A list of ").split(" entries: ") for line in demo.splitlines() if " entries: " in line
    )
    assert sorted(urls) == ["100", "6"]

    article = Article.objects.get(slug=urls["6"].strip("/").split("/")[-1])
    entry = article.entries.get(rank=1)
    person = entry.film.credits.first().person
    theme = article.subject.themes.first()
    for url in [*urls.values(), entry.film.get_absolute_url(), person.get_absolute_url(), theme.get_absolute_url()]:
        assert client.get(url).status_code == 200, url
    headings = countdown_headings(client.get(urls["6"]).content.decode())
    assert len(headings) == 6
    assert headings[-1] == f"1. {entry.film.title} ({entry.film.year})"


def test_list_page_costs_the_same_queries_at_6_and_100_entries(demo, client):
    counts = {}
    for size in SIZES:
        article = lists_of(size)[0]
        client.get(article.get_absolute_url())  # caches that live for the whole process (content types)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(article.get_absolute_url()).status_code == 200
        counts[size] = len(queries)

    assert counts[6] == counts[100], "\n".join(query["sql"][:150] for query in queries.captured_queries)


def snapshot(seed):
    """What a seed makes, rolled back afterwards: titles, names, credits and countdowns."""

    class RolledBack(Exception):
        pass

    try:
        with transaction.atomic():
            generate(films=60, people=30, lists=5, entries=[6], seed=seed)
            made = (
                list(Film.objects.order_by("pk").values_list("title", "year", "runtime", "slug")),
                list(Person.objects.order_by("pk").values_list("name", "slug")),
                list(Credit.objects.order_by("film__slug", "role", "billing_order").values_list("person__slug")),
                list(Entry.objects.order_by("article__slug", "rank").values_list("film__slug", "blurb")),
            )
            raise RolledBack
    except RolledBack:
        return made


def test_the_same_seed_makes_the_same_catalogue(db):
    assert snapshot(seed=1) == snapshot(seed=1)
    assert snapshot(seed=1) != snapshot(seed=2)


def test_refuses_a_database_with_content_unless_appending(demo):
    with pytest.raises(CommandError, match="already has content"):
        run("--films=10", "--people=5", "--lists=1", "--entries=3")

    run("--films=10", "--people=5", "--lists=1", "--entries=3", "--append")

    assert Film.objects.count() == FILMS + 10
    assert Article.objects.count() == LISTS + 1


def countdown(article):
    article.refresh_from_db()
    entries = [
        (
            entry.rank,
            entry.film.slug,
            entry.blurb,
            sorted(t.slug for t in entry.themes.all()),
            sorted(p.slug for p in entry.people.all()),
        )
        for entry in article.entries.order_by("rank")
    ]
    return (article.title, article.slug, article.intro, article.updated_at, article.edit_version, entries)


def test_appending_leaves_the_fixture_article_alone(backtrace, client):
    before = countdown(backtrace)
    page = client.get(backtrace.get_absolute_url()).content

    run("--films=120", "--people=40", "--lists=3", "--entries=6", "--append")

    assert countdown(backtrace) == before
    assert client.get(backtrace.get_absolute_url()).content == page
    assert Article.objects.count() == 4


def test_refuses_lists_longer_than_the_catalogue(db):
    with pytest.raises(CommandError, match="need at least 101 films"):
        run("--films=50", "--people=10", "--lists=1", "--entries=100")
    assert not Film.objects.exists()


def test_a_few_films_get_a_drawn_poster(db, client):
    run("--films=12", "--people=8", "--lists=1", "--entries=3", "--posters=1")

    film = Film.objects.exclude(poster="").get()
    assert film.poster_renditions["webp"]
    assert "<picture" in client.get(film.get_absolute_url()).content.decode()


def test_cached_pages_are_refreshed(client, settings, db, django_capture_on_commit_callbacks):
    settings.PAGE_CACHE_SECONDS = 600
    before = client.get("/lists/").content.decode()  # cached, with no list on it

    with django_capture_on_commit_callbacks(execute=True):
        run("--films=12", "--people=8", "--lists=1", "--entries=3")

    title = Article.objects.live().get().title
    assert title not in before
    assert title in client.get("/lists/").content.decode()
