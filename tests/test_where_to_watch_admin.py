"""Editors keep where-to-watch current from the film's admin page, and desk editors can pick bylines."""

import datetime

from django.contrib.auth.models import Group
from django.urls import reverse

from recommendations.models import Availability, Film


def test_film_page_in_the_admin_lists_where_to_watch(editor_client, backtrace):
    film = Film.objects.get(slug="memento-2000")

    page = editor_client.get(reverse("admin:recommendations_film_change", args=[film.pk])).content.decode()

    assert "Where to watch" in page
    assert "https://www.netflix.com/search?q=Memento" in page


def test_films_not_checked_lately_can_be_found(editor_client, backtrace):
    Availability.objects.filter(film__slug="memento-2000").update(last_checked=datetime.date.today())
    changelist = reverse("admin:recommendations_film_changelist")

    stale = editor_client.get(changelist, {"availability": "stale"}).context["cl"].result_list
    nowhere = editor_client.get(changelist, {"availability": "none"}).context["cl"].result_list

    assert "Memento" not in [film.title for film in stale]
    assert "Escape Plan" in [film.title for film in stale]
    assert list(nowhere) == []


def test_services_have_an_admin_with_their_film_counts(editor_client, backtrace):
    response = editor_client.get(reverse("admin:recommendations_service_changelist"))

    counts = {service.name: service.film_count for service in response.context["cl"].result_list}
    assert counts == {"Amazon Prime Video": 5, "Apple TV": 3, "Hulu": 3, "Netflix": 3}


def test_desk_editors_can_pick_a_lists_author(client, django_user_model, backtrace):
    desk = django_user_model.objects.create_user("desk", password="pw", is_staff=True)
    desk.groups.add(Group.objects.get(name="Editors"))
    client.force_login(desk)

    response = client.get(
        reverse("admin:autocomplete"),
        {"term": "film", "app_label": "recommendations", "model_name": "article", "field_name": "author"},
    )

    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["filmdesk"]
