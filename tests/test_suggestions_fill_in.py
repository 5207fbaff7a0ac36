"""Suggestions fill in what two films share, and an entry's people are checked against its film's credits."""

import pytest
from django.urls import reverse

from recommendations.models import Article, Credit, Film, Person

from .admin_forms import change_url, existing_entries, list_form_data
from .factories import make_film, make_person
from .page_parts import visible_text

CREDIT = reverse("admin:pick_credit")


@pytest.fixture
def heat_draft(editor):
    """Movies Like Heat, with Ronin (which shares Robert De Niro and a theme with Heat) in the catalogue."""
    heat, ronin = make_film("Heat", 1995), make_film("Ronin", 1998)
    de_niro, pacino = make_person("Robert De Niro"), make_person("Al Pacino")
    for film in (heat, ronin):
        Credit.objects.create(film=film, person=de_niro)
        film.themes.create(name=f"only {film.title}", slug=f"only-{film.slug}")
    Credit.objects.create(film=heat, person=pacino)
    shared = heat.themes.create(name="professional thieves", slug="professional-thieves")
    ronin.themes.add(shared)
    return Article.objects.create(title="Movies Like Heat", slug="movies-like-heat", subject=heat, author=editor)


def test_add_as_entry_fills_the_themes_and_people_the_two_films_share(editor_client, heat_draft):
    ronin = Film.objects.get(title="Ronin")
    page = visible_text(editor_client.get(change_url(heat_draft)).content.decode())
    data = {**list_form_data(heat_draft, []), "_add_suggestion": ronin.pk}

    response = editor_client.post(change_url(heat_draft), data, follow=True)

    assert "shares: professional thieves, Robert De Niro" in page
    entry = heat_draft.entries.get()
    assert [theme.name for theme in entry.themes.all()] == ["professional thieves"]
    assert [person.name for person in entry.people.all()] == ["Robert De Niro"]
    said = [str(message) for message in response.context["messages"]]
    assert said == [
        "Your changes were saved and Ronin (1998) was added at #1, with what it shares with Heat (1995): "
        "professional thieves, Robert De Niro. Write its blurb below."
    ]


def test_a_person_not_credited_on_the_entrys_film_is_a_warning_not_an_error(editor_client, heat_draft):
    ronin, pacino = Film.objects.get(title="Ronin"), Person.objects.get(name="Al Pacino")
    entry = {"rank": 1, "film": ronin.pk, "blurb": "Car chases in Paris.", "people": [pacino.pk]}

    saved = editor_client.post(change_url(heat_draft), list_form_data(heat_draft, [entry], _continue="1"), follow=True)
    form_page = saved.content.decode()

    assert heat_draft.entries.get().people.get() == pacino
    said = [str(message) for message in saved.context["messages"]]
    assert "Al Pacino is not credited on Ronin (1998): check the entry, or add the credit." in said
    assert "Al Pacino is not credited on Ronin (1998)." in visible_text(form_page)
    assert f'data-film="{ronin.pk}" data-person="{pacino.pk}"' in form_page
    assert f'href="{reverse("admin:recommendations_film_change", args=[ronin.pk])}#credits-group"' in form_page


def test_a_credited_person_gets_no_warning(editor_client, heat_draft):
    ronin, de_niro = Film.objects.get(title="Ronin"), Person.objects.get(name="Robert De Niro")
    entry = {"rank": 1, "film": ronin.pk, "blurb": "Car chases in Paris.", "people": [de_niro.pk]}

    saved = editor_client.post(change_url(heat_draft), list_form_data(heat_draft, [entry], _continue="1"), follow=True)

    assert "not credited" not in saved.content.decode()


def test_an_editor_adds_the_missing_credit_in_one_request(client, editor_client, heat_draft):
    ronin, pacino = Film.objects.get(title="Ronin"), Person.objects.get(name="Al Pacino")

    response = editor_client.post(CREDIT, {"film": ronin.pk, "person": pacino.pk})
    again = editor_client.post(CREDIT, {"film": ronin.pk, "person": pacino.pk})

    assert response.status_code == 201
    assert response.json() == {
        "text": "Al Pacino is now credited on Ronin (1998), as an actor: the film's page can change the role."
    }
    assert again.status_code == 200
    assert Credit.objects.filter(film=ronin, person=pacino, role=Credit.Role.ACTOR).count() == 1
    assert "Al Pacino" in visible_text(client.get(ronin.get_absolute_url()).content.decode())


def test_a_writer_is_warned_but_may_not_add_credits(writer_client, heat_draft):
    ronin, pacino = Film.objects.get(title="Ronin"), Person.objects.get(name="Al Pacino")

    assert writer_client.post(CREDIT, {"film": ronin.pk, "person": pacino.pk}).status_code == 403
    assert not Credit.objects.filter(film=ronin, person=pacino).exists()


@pytest.mark.parametrize("data", [{}, {"film": "x", "person": "1"}, {"film": "999999", "person": "999999"}])
def test_a_malformed_credit_request_is_refused_cleanly(editor_client, heat_draft, data):
    response = editor_client.post(CREDIT, data)

    assert response.status_code in (400, 404)
    assert editor_client.get(CREDIT).status_code == 405


def test_the_entry_form_warns_from_what_is_stored_without_a_query_per_entry(
    editor_client, heat_draft, django_assert_max_num_queries
):
    ronin, pacino = Film.objects.get(title="Ronin"), Person.objects.get(name="Al Pacino")
    entry = heat_draft.entries.create(rank=1, film=ronin, blurb="Paris.")
    entry.people.add(pacino)
    editor_client.get(change_url(heat_draft))

    with django_assert_max_num_queries(60) as small:
        page = editor_client.get(change_url(heat_draft)).content.decode()
    for number in range(2, 31):
        film = make_film(f"Chase {number}", 1990)
        more = heat_draft.entries.create(rank=number, film=film, blurb="More.")
        more.people.add(pacino)
    with django_assert_max_num_queries(len(small.captured_queries)):
        longer = editor_client.get(change_url(heat_draft)).content.decode()

    assert "Al Pacino is not credited on Ronin (1998)." in visible_text(page)
    assert visible_text(longer).count("Al Pacino is not credited on") == 30
    assert existing_entries(heat_draft)
