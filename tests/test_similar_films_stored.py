"""Stored "Similar films": the same as worked out live, refreshed by every change they depend on, cheap to read."""

import datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from recommendations.demo import generate
from recommendations.models import Article, Credit, Entry, Film, SimilarityChange, StoredSimilarFilms, Theme
from recommendations.similarity import Features, rank, similar_films
from recommendations.similarity_batch import Catalogue

from .factories import make_article, make_film, make_person, make_theme
from .page_parts import similar_film_titles, visible_text

LATER = datetime.timedelta(seconds=1)


def similar_on_page(client, film):
    """The "Similar films" section of the film's page, as readers read it."""
    response = client.get(film.get_absolute_url())
    assert response.status_code == 200
    page = visible_text(response.content.decode())
    return page.split("Similar films", 1)[1].split(" Share ", 1)[0].strip() if "Similar films" in page else ""


def titles_on_page(client, film):
    """The titles of the film page's similar films, best first."""
    response = client.get(film.get_absolute_url())
    assert response.status_code == 200
    return similar_film_titles(response.content.decode())


@pytest.fixture
def clock(db):
    """Time standing still, moved on a second by tick(): what happens next is later than what came before."""
    with time_machine.travel(timezone.now(), tick=False) as traveller:

        class Clock:
            @staticmethod
            def tick():
                traveller.shift(LATER)

        yield Clock


@pytest.fixture
def heat(clock):
    film = make_film("Heat", 1995)
    film.themes.add(make_theme("heist"), make_theme("los angeles"))
    Credit.objects.create(film=film, person=make_person("Al Pacino"))
    film.tags.add("crime")
    return film


def test_every_stored_ranking_is_the_one_worked_out_live(db):
    generate(films=250, people=100, lists=12, entries=[6, 25], seed=3)
    # What the generator leaves out: films, people and themes awaiting review, a draft, no year.
    heist = Theme.objects.order_by("pk").first()
    waiting = make_film("Waiting Film", 2001, awaiting_review=True)
    waiting.themes.add(heist)
    Credit.objects.create(film=make_film("No Year", None), person=Credit.objects.first().person)
    unconfirmed = make_person("Unconfirmed Person")
    unconfirmed.awaiting_review = True
    unconfirmed.save()
    Credit.objects.create(film=Film.objects.order_by("pk")[5], person=unconfirmed)
    Credit.objects.create(film=Film.objects.order_by("pk")[6], person=unconfirmed)
    make_article(entries=2, status=Article.Status.DRAFT, published_at=None)
    call_command("refresh_precomputed", "--all", stdout=StringIO())

    stored = {row.film_id: row for row in StoredSimilarFilms.objects.all()}
    assert len(stored) == Film.objects.count()
    differing = [
        film.pk
        for film in Film.objects.prefetch_related("tags")
        if stored[film.pk].ranked != [row.stored() for row in rank(Features.of(film))]
    ]
    assert differing == []
    catalogue = Catalogue.read()
    film = Film.objects.get(pk=Entry.objects.first().film_id)
    assert catalogue.rank(film.pk, limit=40) == rank(Features.of(film), limit=40)


def test_the_film_page_reads_its_stored_ranking_and_says_why(client, heat, clock):
    pacino = make_film("Pacino Heist", 1996)
    pacino.themes.add(Theme.objects.get(name="heist"))
    Credit.objects.create(film=pacino, person=heat.people.get())
    make_film("Tag Only", 1970).tags.add("crime")
    clock.tick()

    first = similar_on_page(client, heat)
    assert StoredSimilarFilms.objects.filter(film=heat).exists()
    clock.tick()

    assert similar_on_page(client, heat) == first
    assert first.index("Pacino Heist (1996) shares: heist, Al Pacino") < first.index("Tag Only (1970) shares: crime")


@pytest.mark.parametrize("candidates", [3, 30])
def test_a_stored_ranking_costs_the_same_few_queries_however_many_films_share(
    client, heat, clock, django_assert_max_num_queries, candidates
):
    for number in range(candidates):
        film = make_film(f"Candidate {number}", 1990)
        film.themes.add(*heat.themes.all())
        film.tags.add("crime")
    film = Film.objects.for_film_page().get(pk=heat.pk)
    film.counted_themes = list(film.themes.all())
    clock.tick()
    similar_films(film)
    clock.tick()

    # The stored row, whether anything it depends on changed since, and the films.
    with django_assert_max_num_queries(3):
        assert len(similar_films(film, limit=16)) == min(candidates, 16)


@pytest.mark.parametrize("candidates", [3, 30])
def test_working_a_ranking_out_costs_the_same_queries_however_many_films_share(
    heat, clock, django_assert_max_num_queries, candidates
):
    for number in range(candidates):
        make_film(f"Candidate {number}", 1990).themes.add(*heat.themes.all())
    film = Film.objects.for_film_page().get(pk=heat.pk)
    film.counted_themes = list(film.themes.all())

    # Stored row, ranking, what is shared (3), then storing it with the film's features (3 + 2).
    with django_assert_max_num_queries(14):
        similar_films(film)
    assert StoredSimilarFilms.objects.get(film=heat).ranked


def test_a_film_that_gains_the_theme_joins_the_ranking(client, heat, clock):
    assert titles_on_page(client, heat) == []
    clock.tick()
    newcomer = make_film("Newcomer", 1980)
    clock.tick()

    newcomer.themes.add(Theme.objects.get(name="heist"))

    assert titles_on_page(client, heat) == ["Newcomer"]


def test_a_shared_person_puts_a_film_first_and_a_tag_taken_off_drops_one(client, heat, clock):
    themed, tagged = make_film("Themed", 1970), make_film("Tagged", 1970)
    themed.themes.add(*heat.themes.all())
    tagged.tags.add("crime")
    other = make_film("Same Director", 1970)
    other.themes.add(Theme.objects.get(name="heist"))
    clock.tick()
    assert titles_on_page(client, heat) == ["Themed", "Same Director", "Tagged"]
    clock.tick()

    Credit.objects.create(film=other, person=heat.people.get(), role=Credit.Role.DIRECTOR)
    tagged.tags.remove("crime")

    assert titles_on_page(client, heat) == ["Same Director", "Themed"]


def test_a_list_going_live_and_coming_off_brings_and_takes_its_entry_themes(client, heat, clock):
    article = make_article(entries=1, status=Article.Status.DRAFT, published_at=None)
    entry = article.entries.get()
    entry.themes.add(Theme.objects.get(name="heist"))
    clock.tick()
    assert titles_on_page(client, heat) == []
    clock.tick()

    article.status = Article.Status.PUBLISHED
    article.save()
    assert titles_on_page(client, heat) == [entry.film.title]
    clock.tick()

    article.status = Article.Status.DRAFT
    article.save()
    assert titles_on_page(client, heat) == []


def test_a_scheduled_lists_entry_themes_count_from_its_time_with_nothing_written_then(client, heat, clock):
    goes_live = timezone.now() + datetime.timedelta(hours=1)
    article = make_article(entries=1, published_at=goes_live)
    entry = article.entries.get()
    entry.themes.add(Theme.objects.get(name="los angeles"))
    clock.tick()
    assert titles_on_page(client, heat) == []
    changes = SimilarityChange.objects.count()

    with time_machine.travel(goes_live + LATER, tick=False):
        assert titles_on_page(client, heat) == [entry.film.title]
    assert SimilarityChange.objects.count() == changes


def test_a_film_confirmed_by_an_editor_joins_and_a_changed_year_reorders(client, heat, clock):
    older = make_film("Older", 1970)
    waiting = make_film("Waiting", 1970, awaiting_review=True)
    for film in (waiting, older):
        film.themes.add(Theme.objects.get(name="heist"))
    clock.tick()
    assert titles_on_page(client, heat) == ["Older"]
    clock.tick()

    Film.objects.filter(pk=waiting.pk).confirm()
    assert titles_on_page(client, heat) == ["Older", "Waiting"]
    clock.tick()

    waiting.refresh_from_db()
    waiting.year = 1996  # same era as Heat: a point more
    waiting.save()
    assert titles_on_page(client, heat) == ["Waiting", "Older"]


def test_refresh_precomputed_works_out_stale_rankings_and_forgets_old_changes(client, heat, clock):
    newcomer = make_film("Newcomer", 1980)
    clock.tick()
    similar_on_page(client, heat)
    clock.tick()
    newcomer.themes.add(Theme.objects.get(name="heist"))
    clock.tick()

    out = StringIO()
    call_command("refresh_precomputed", stdout=out)

    assert "similar films of" in out.getvalue()
    assert [row[0] for row in StoredSimilarFilms.objects.get(film=heat).ranked] == [newcomer.pk]
    assert not SimilarityChange.objects.exists()


def test_the_demo_generator_ranks_every_film(db):
    generate(films=80, people=40, lists=4, entries=[6], seed=5)

    assert StoredSimilarFilms.objects.count() == Film.objects.count() == 80


def test_a_backup_brings_no_derived_rows_and_its_import_rebuilds_them(client, heat, clock, tmp_path):
    pacino = make_film("Pacino Heist", 1996)
    pacino.themes.add(Theme.objects.get(name="heist"))
    backup = tmp_path / "site.zip"
    call_command("export_site", str(backup), stdout=StringIO())
    StoredSimilarFilms.objects.all().delete()

    call_command("import_site", str(backup), "--replace", stdout=StringIO())

    assert StoredSimilarFilms.objects.count() == Film.objects.count() == 2
    heat = Film.objects.get(title="Heat")
    assert titles_on_page(client, heat) == ["Pacino Heist"]
    assert "Films about heist (2)" in visible_text(client.get("/themes/heist/").content.decode())
