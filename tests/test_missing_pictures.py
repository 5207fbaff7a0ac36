"""A poster whose file was deleted never breaks a page: readers and editors get the page, then the placeholder."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from recommendations.models import Film

FILM = "/films/memento-2000/"
LIST = "/lists/movies-like-backtrace/"


@pytest.fixture
def memento(backtrace):
    return Film.objects.get(slug="memento-2000")


def delete_poster_files(film, media_root, renditions_too=True):
    (media_root / film.poster.name).unlink()
    if renditions_too:
        for rendition in film.poster_renditions["webp"] + film.poster_renditions["jpeg"]:
            (media_root / rendition["name"]).unlink()


def og_image(page):
    return re.search(r'<meta property="og:image" content="([^"]+)"', page).group(1)


def pages(client, editor_client, film, article):
    return {
        "film page": client.get(FILM),
        "list page": client.get(LIST),
        "list page, top first": client.get(f"{LIST}?order=top"),
        "home page": client.get("/"),
        "film admin": editor_client.get(reverse("admin:recommendations_film_change", args=[film.pk])),
        "film changelist": editor_client.get(reverse("admin:recommendations_film_changelist")),
        "list admin": editor_client.get(reverse("admin:recommendations_article_change", args=[article.pk])),
    }


@pytest.mark.parametrize("renditions_too", [False, True], ids=["poster file gone", "renditions gone too"])
def test_every_page_still_renders_when_a_poster_file_is_deleted(
    client, editor_client, backtrace, memento, media_root, renditions_too
):
    delete_poster_files(memento, media_root, renditions_too)

    for name, response in pages(client, editor_client, memento, backtrace).items():
        assert response.status_code == 200, name
    # Saving the film in the admin, poster field untouched, works too.
    change = reverse("admin:recommendations_film_change", args=[memento.pk])
    saved = editor_client.post(
        change,
        {
            "title": "Memento",
            "year": 2000,
            "slug": "memento-2000",
            "synopsis": "Edited while the poster file was gone.",
            "themes": [],
            "tags": "",
            "credits-TOTAL_FORMS": "0",
            "credits-INITIAL_FORMS": "0",
            "availabilities-TOTAL_FORMS": "0",
            "availabilities-INITIAL_FORMS": "0",
        },
    )
    assert saved.status_code == 302
    assert client.get(FILM).status_code == 200


def test_the_renditions_command_finds_the_lost_file_and_pages_show_the_placeholder(
    client, editor_client, backtrace, memento, media_root
):
    delete_poster_files(memento, media_root)
    out, err = StringIO(), StringIO()

    call_command("make_renditions", stdout=out, stderr=err)

    assert "1 failed" in out.getvalue()
    assert "posters/memento-2000.jpg is missing." in err.getvalue()
    memento.refresh_from_db()
    assert memento.poster_renditions == {"source": memento.poster.name, "error": "missing"}
    film_page = client.get(FILM).content.decode()
    assert 'class="poster poster-page placeholder"' in film_page
    assert "Poster of Memento (2000)" in film_page
    assert memento.poster.name not in film_page
    # Social cards fall back to the site's own picture, never a link to a missing file.
    assert og_image(film_page) == "http://testserver/static/img/social.png"
    list_page = client.get(LIST).content.decode()
    assert "renditions/" in list_page  # the other films keep their posters
    for name, response in pages(client, editor_client, memento, backtrace).items():
        assert response.status_code == 200, name


def test_a_list_about_a_film_whose_poster_is_lost_shares_the_default_picture(client, backtrace, media_root):
    subject = backtrace.subject
    delete_poster_files(subject, media_root)
    call_command("make_renditions", stdout=StringIO(), stderr=StringIO())

    page = client.get(LIST).content.decode()

    assert og_image(page) == "http://testserver/static/img/social.png"
