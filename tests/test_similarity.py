"""What makes films alike: the ranking the film page and the admin's suggestions share."""

import pytest

from recommendations.models import Credit, Film
from recommendations.similarity import STORED, similar_films

from .factories import make_film, make_person, make_theme


@pytest.fixture
def heat(db):
    film = make_film("Heat", 1995)
    film.themes.add(make_theme("heist"), make_theme("cops and robbers"), make_theme("los angeles"))
    Credit.objects.create(film=film, person=make_person("Al Pacino"))
    Credit.objects.create(film=film, person=make_person("Michael Mann"), role=Credit.Role.DIRECTOR)
    film.tags.add("crime")
    return film


def titles(results):
    return [result.film.title for result in results]


def test_sharing_a_person_and_a_theme_beats_sharing_only_themes(heat):
    themes_only = make_film("Three Themes", 1970)
    themes_only.themes.set(heat.themes.all())
    person_and_theme = make_film("Pacino Heist", 1970)
    person_and_theme.themes.add(heat.themes.get(name="heist"))
    Credit.objects.create(film=person_and_theme, person=heat.people.get(name="Al Pacino"))

    assert titles(similar_films(heat)) == ["Pacino Heist", "Three Themes"]


def test_more_in_common_ranks_higher_and_reasons_are_named(heat):
    one_theme = make_film("One Theme", 1970)
    one_theme.themes.add(heat.themes.get(name="heist"))
    two_themes = make_film("Two Themes", 1970)
    two_themes.themes.add(*heat.themes.filter(name__in=["heist", "los angeles"]))
    tag_only = make_film("Tag Only", 1970)
    tag_only.tags.add("crime")

    results = similar_films(heat)

    assert titles(results) == ["Two Themes", "One Theme", "Tag Only"]
    assert results[0].reasons == ["heist", "los angeles"]
    assert results[2].reasons == ["crime"]


def test_same_era_breaks_a_tie(heat):
    old, recent = make_film("Old Heist", 1950), make_film("Recent Heist", 1996)
    for film in (old, recent):
        film.themes.add(heat.themes.get(name="heist"))

    assert titles(similar_films(heat)) == ["Recent Heist", "Old Heist"]


def test_a_person_with_two_roles_counts_once(heat):
    mann = heat.people.get(name="Michael Mann")
    thief = make_film("Thief", 1981)
    Credit.objects.create(film=thief, person=mann, role=Credit.Role.DIRECTOR)
    Credit.objects.create(film=thief, person=mann, role=Credit.Role.WRITER)

    [result] = similar_films(heat)

    assert result.reasons == ["Michael Mann"]


def test_the_film_itself_and_excluded_films_are_left_out(heat):
    keep, skip = make_film("Keep", 1990), make_film("Skip", 1990)
    for film in (keep, skip):
        film.themes.add(heat.themes.get(name="heist"))

    assert titles(similar_films(heat, exclude=[skip])) == ["Keep"]
    assert titles(similar_films(heat, exclude=[skip.pk])) == ["Keep"]


def test_limit_and_nothing_in_common(heat):
    for number in range(5):
        make_film(f"Heist {number}", 1990).themes.add(heat.themes.get(name="heist"))
    make_film("Unrelated", 1995)

    assert len(similar_films(heat, limit=3)) == 3
    assert "Unrelated" not in titles(similar_films(heat, limit=10))
    assert similar_films(make_film("Blank Slate")) == []


@pytest.mark.parametrize("candidates", [3, 30])
def test_query_count_does_not_grow_with_candidates(heat, django_assert_max_num_queries, candidates):
    for number in range(candidates):
        film = make_film(f"Candidate {number}", 1990)
        film.themes.add(*heat.themes.all())
        film.tags.add("crime")
        Credit.objects.create(film=film, person=heat.people.get(name="Al Pacino"))
    film = Film.objects.for_film_page().get(pk=heat.pk)
    list(film.themes.all())

    # Worked out and stored on first reading (tests/test_similar_films_stored.py has the stored path).
    with django_assert_max_num_queries(14):
        results = similar_films(film, limit=STORED)

    assert len(results) == min(candidates, STORED)
