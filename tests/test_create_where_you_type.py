"""Create where you type: pickers that offer to make what they don't find, and what they make waits for an Editor."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse

from recommendations.models import Article, Film, Person, Theme
from recommendations.picking import FilmName, read_film

from .admin_forms import change_url, existing_entries, list_form_data
from .factories import make_article, make_film, make_person, make_theme
from .page_parts import visible_text

AUTOCOMPLETE = reverse("admin:autocomplete")
CREATE = reverse("admin:pick_create")
FILMS = reverse("admin:pick_films")
PICKERS = {
    "film": {"app_label": "recommendations", "model_name": "entry", "field_name": "film"},
    "subject": {"app_label": "recommendations", "model_name": "article", "field_name": "subject"},
    "person": {"app_label": "recommendations", "model_name": "entry", "field_name": "people"},
    "theme": {"app_label": "recommendations", "model_name": "entry", "field_name": "themes"},
    "credited person": {"app_label": "recommendations", "model_name": "credit", "field_name": "person"},
}


def offered(client, picker, term):
    response = client.get(AUTOCOMPLETE, {"term": term, **PICKERS[picker]})
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def create(client, picker, term):
    query = "&".join(f"{key}={value}" for key, value in PICKERS[picker].items())
    return client.post(f"{CREATE}?{query}", {"term": term})


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("Heat 1995", FilmName("Heat", 1995)),
        ("Heat (1995)", FilmName("Heat", 1995)),
        ("  Heat   (1995) ", FilmName("Heat", 1995)),
        ("Heat", FilmName("Heat")),
        ("Blade Runner 2049", FilmName("Blade Runner 2049")),
        ("Blade Runner 2049 (2017)", FilmName("Blade Runner 2049", 2017)),
        ("1917", FilmName("1917")),
        ("1917 2019", FilmName("1917", 2019)),
        ("Ocean's 11", FilmName("Ocean's 11")),
    ],
)
def test_a_typed_film_is_read_as_a_title_and_a_year(typed, read):
    assert read_film(typed) == read


@pytest.mark.parametrize("typed", ["Heat 1995", "Heat (1995)"])
def test_the_film_pickers_offer_to_create_a_film_the_catalogue_lacks(editor_client, backtrace, typed):
    assert offered(editor_client, "film", typed) == ["Create “Heat” (1995)"]
    assert offered(editor_client, "subject", typed) == ["Create “Heat” (1995)"]


def test_a_film_the_catalogue_has_is_found_by_title_and_year_and_not_offered_again(editor_client, db):
    make_film("Heat", 1995)
    make_film("Heat", 1986)

    assert offered(editor_client, "film", "Heat 1995") == ["Heat (1995)"]
    assert offered(editor_client, "film", "heat (1986)") == ["Heat (1986)"]
    # Which Heat is meant is the editor's choice: no third one is offered.
    assert offered(editor_client, "film", "Heat") == ["Heat (1986)", "Heat (1995)"]
    assert offered(editor_client, "film", "Heat 2001") == ["Create “Heat” (2001)"]


def test_people_and_themes_pickers_offer_what_the_catalogue_lacks_but_never_a_second_copy(editor_client, backtrace):
    assert offered(editor_client, "person", "Michael Mann") == ["Create “Michael Mann”"]
    assert offered(editor_client, "credited person", "Michael Mann") == ["Create “Michael Mann”"]
    assert offered(editor_client, "theme", "safecracking") == ["Create “safecracking”"]
    assert offered(editor_client, "person", "vincent d'onofrio") == ["Vincent D’Onofrio"]
    assert offered(editor_client, "theme", "Prison Escape") == ["prison escape"]


@pytest.mark.parametrize(
    ("picker", "typed", "model", "made"),
    [
        ("subject", "Heat (1995)", Film, {"title": "Heat", "year": 1995, "slug": "heat-1995"}),
        ("film", "Thief 1981", Film, {"title": "Thief", "year": 1981, "slug": "thief-1981"}),
        ("person", "Michael Mann", Person, {"name": "Michael Mann", "slug": "michael-mann"}),
        ("theme", "safecracking", Theme, {"name": "safecracking", "slug": "safecracking"}),
    ],
)
def test_create_makes_a_row_that_waits_for_an_editor_and_records_who_made_it(
    client, editor_client, editor, backtrace, picker, typed, model, made
):
    response = create(editor_client, picker, typed)

    assert response.status_code == 201
    row = model.objects.get(slug=made["slug"])
    assert {field: getattr(row, field) for field in made} == made
    assert (row.awaiting_review, row.added_by) == (True, editor)
    assert response.json() == {
        "id": str(row.pk),
        "text": str(row),
        "created": True,
        "note": "new: it waits for an Editor before readers see it",
    }
    assert client.get(row.get_absolute_url()).status_code == 404


def test_creating_what_already_exists_picks_the_existing_row(editor_client, backtrace):
    memento = Film.objects.get(slug="memento-2000")

    response = create(editor_client, "film", "memento (2000)")

    assert response.status_code == 200
    assert response.json()["id"] == str(memento.pk)
    assert Film.objects.filter(title="Memento").count() == 1


@pytest.mark.parametrize(
    ("typed", "error"),
    [
        ("!!!", "Type a name with at least one letter or number."),
        ("x" * 201, "That is 201 characters long; a name here has at most 200."),
    ],
)
def test_create_refuses_what_cannot_be_a_film_and_says_why(editor_client, db, typed, error):
    response = create(editor_client, "film", typed)

    assert response.status_code == 400
    assert response.json() == {"error": error}
    assert not Film.objects.exists()


def test_create_asks_which_film_when_a_title_without_a_year_names_several(editor_client, db):
    make_film("Heat", 1995)
    make_film("Heat", 1986)

    response = create(editor_client, "film", "Heat")

    assert response.status_code == 400
    assert response.json() == {"error": "Which one? The catalogue has Heat (1995), Heat (1986): add the year."}


def test_a_writer_creates_too_and_what_they_make_waits(writer_client, writer, db):
    assert offered(writer_client, "film", "Thief 1981") == ["Create “Thief” (1981)"]

    response = create(writer_client, "film", "Thief 1981")

    thief = Film.objects.get(title="Thief")
    assert response.status_code == 201
    assert (thief.awaiting_review, thief.added_by) == (True, writer)


def test_someone_who_may_not_add_films_is_offered_nothing_and_refused(client, django_user_model, backtrace):
    reader = django_user_model.objects.create_user("viewer", password="pw", is_staff=True)
    group = Group.objects.create(name="Viewers")
    group.permissions.add(*Permission.objects.filter(codename__in=["view_article", "view_film", "change_article"]))
    reader.groups.add(group)
    client.force_login(reader)

    assert offered(client, "film", "Thief 1981") == []
    assert create(client, "film", "Thief 1981").status_code == 403
    # Picking a film that exists needs no permission to add.
    assert create(client, "film", "Memento 2000").status_code == 200
    assert not Film.objects.filter(title="Thief").exists()


def test_pickers_are_for_signed_in_staff_only(client, db):
    assert create(client, "film", "Thief 1981").status_code == 302
    assert client.get(AUTOCOMPLETE, {"term": "x", **PICKERS["film"]}).status_code == 302
    assert not Film.objects.exists()


def test_the_add_films_box_finds_or_makes_each_line_in_one_go(editor_client, editor, backtrace):
    response = editor_client.post(FILMS, {"lines": "Thief 1981\n\nmemento (2000)\nCollateral (2004)\n!!!\n"})

    answers = response.json()["films"]
    thief, collateral = Film.objects.get(title="Thief"), Film.objects.get(title="Collateral")
    memento = Film.objects.get(slug="memento-2000")
    assert [(answer["line"], answer.get("id"), answer.get("created")) for answer in answers] == [
        ("Thief 1981", str(thief.pk), True),
        ("memento (2000)", str(memento.pk), False),
        ("Collateral (2004)", str(collateral.pk), True),
        ("!!!", None, None),
    ]
    assert answers[3]["error"] == "Type a name with at least one letter or number."
    assert (thief.awaiting_review, thief.added_by, collateral.year) == (True, editor, 2004)


def test_the_add_films_box_takes_at_most_fifty_lines(editor_client, db):
    response = editor_client.post(FILMS, {"lines": "\n".join(f"Film {number} 2000" for number in range(51))})

    assert response.status_code == 400
    assert response.json() == {"error": "That is 51 films; add at most 50 at a time."}
    assert not Film.objects.exists()


def test_the_plus_popup_opens_with_what_was_typed_and_a_free_address(editor_client, db):
    make_film("Heat", 1995)
    add_film = reverse("admin:recommendations_film_add")
    add_person = reverse("admin:recommendations_person_add")

    film_form = editor_client.get(add_film, {"_popup": "1", "_to_field": "id", "title": "Heat", "year": "1995"})
    person_form = editor_client.get(add_person, {"_popup": "1", "_to_field": "id", "name": "Al Pacino"})

    film_initial, person_initial = (form.context["adminform"].form.initial for form in (film_form, person_form))
    assert {key: film_initial[key] for key in ("title", "year", "slug")} == {
        "title": "Heat",
        "year": "1995",
        "slug": "heat-1995-2",
    }
    assert {key: person_initial[key] for key in ("name", "slug")} == {"name": "Al Pacino", "slug": "al-pacino"}


def test_the_film_changelist_search_reads_a_year_too(editor_client, db):
    make_film("Heat", 1995)
    make_film("Heat", 1986)
    make_film("Heat Wave", 1995)

    def found(query):
        response = editor_client.get(reverse("admin:recommendations_film_changelist"), {"q": query})
        return sorted(str(film) for film in response.context["cl"].result_list)

    assert found("Heat (1995)") == found("heat 1995") == ["Heat (1995)"]
    assert found("heat") == ["Heat (1986)", "Heat (1995)", "Heat Wave (1995)"]


def test_a_duplicate_film_is_refused_naming_the_film_with_a_link(editor_client, db):
    heat = make_film("Heat", 1995)
    data = {"title": "Heat", "year": "1995", "slug": "heat-1995", "credits-TOTAL_FORMS": "0"}
    data |= {"credits-INITIAL_FORMS": "0", "availabilities-TOTAL_FORMS": "0", "availabilities-INITIAL_FORMS": "0"}

    response = editor_client.post(reverse("admin:recommendations_film_add"), data)

    page = response.content.decode()
    change = reverse("admin:recommendations_film_change", args=[heat.pk])
    assert response.status_code == 200
    assert (
        f'Heat (1995) is already in the catalogue at this address: <a href="{change}">open Heat (1995)</a>. '
        "If this is a different film, give it an address of its own, such as “heat-1995-2”."
    ) in page
    assert "Film with this Slug already exists." not in page
    assert Film.objects.count() == 1


# No route lets a Writer make a row readers see. -----------------------------------------------------------------


def test_people_a_writer_confirms_from_an_import_wait_and_an_editors_do_not(client, writer, editor):
    for user, name in ((writer, "Ryan Newcomer"), (editor, "Alan Newcomer")):
        draft = make_article(entries=1, status=Article.Status.DRAFT, author=writer)
        draft.entries.update(proposed_people=[{"name": name, "character": "Lucas"}])
        client.force_login(user)
        data = list_form_data(draft, existing_entries(draft))
        data["entries-0-confirm_people"] = [name]

        assert client.post(change_url(draft), data).status_code == 302

    ryan, alan = Person.objects.get(name="Ryan Newcomer"), Person.objects.get(name="Alan Newcomer")
    assert (ryan.awaiting_review, ryan.added_by) == (True, writer)
    assert (alan.awaiting_review, alan.added_by) == (False, editor)


def test_a_film_made_in_a_picker_reaches_readers_when_its_list_goes_live(client, editor_client, editor, db):
    created = create(editor_client, "film", "Thief 1981").json()
    theme, person = create(editor_client, "theme", "safecracking").json(), create(editor_client, "person", "James Caan")
    article = make_article(entries=0, status=Article.Status.DRAFT, subject=make_film("Heat", 1995))
    blurb = "Mann's first feature. A safecracker's last job."
    entry = article.entries.create(rank=1, film_id=created["id"], blurb=blurb)
    entry.themes.add(theme["id"])
    entry.people.add(person.json()["id"])
    thief = Film.objects.get(pk=created["id"])
    assert client.get(thief.get_absolute_url()).status_code == 404

    data = list_form_data(article, existing_entries(article), status=Article.Status.PUBLISHED)
    assert editor_client.post(change_url(article), data).status_code == 302

    page = visible_text(client.get(thief.get_absolute_url()).content.decode())
    assert "Thief (1981)" in page
    assert client.get("/people/james-caan/").status_code == 200
    assert client.get("/themes/safecracking/").status_code == 200


def test_the_catalogue_forms_make_public_rows_only_for_editors(editor_client, editor, db):
    editor_client.post(reverse("admin:recommendations_theme_add"), {"name": "heist", "slug": "heist"})
    editor_client.post(
        reverse("admin:recommendations_theme_add"), {"name": "caper", "slug": "caper", "_popup": "1", "_to_field": "id"}
    )

    heist, caper = Theme.objects.get(slug="heist"), Theme.objects.get(slug="caper")
    assert (heist.awaiting_review, heist.added_by) == (False, editor)
    assert (caper.awaiting_review, caper.added_by) == (True, editor)


def test_a_theme_or_person_typed_with_another_case_is_the_same_row(editor_client, db):
    heist, mann = make_theme("heist"), make_person("Michael Mann")

    assert create(editor_client, "theme", "HEIST").json()["id"] == str(heist.pk)
    assert create(editor_client, "person", "michael  mann").json()["id"] == str(mann.pk)
