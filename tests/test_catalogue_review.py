"""Films, people and themes made on the fly wait for an Editor: readers find them nowhere until then."""

import pytest
from django.urls import reverse

from recommendations.importing import Source, import_article
from recommendations.models import Article, ArticleImport, Credit, Film, Person, Theme

from .factories import make_film, make_person, make_theme
from .page_parts import visible_text

HEAT_ARTICLE = """Movies Like Heat (1995)

Michael Mann's crime epic set the bar.

2. Thief (1981)

Mann's first feature, a safecracker's last job.

1. Collateral (2004)

One night in Los Angeles with a hitman.
"""


@pytest.fixture
def imported(db, editor):
    """A draft imported from text: Heat is in the catalogue, Thief and Collateral are made by the import."""
    make_film("Heat", 1995)
    return import_article(Source(ArticleImport.Source.TEXT, HEAT_ARTICLE), author=editor).report


def public_places(client, film):
    """Where a reader could come across a film: its page, search, the sitemap, a similar film's page."""
    page = client.get(film.get_absolute_url())
    search = client.get("/search/", {"q": film.title}).content.decode()
    sitemap = client.get("/sitemap-films.xml").content.decode()
    return page.status_code, f'href="{film.get_absolute_url()}"' in search, film.get_absolute_url() in sitemap


def test_films_an_import_makes_wait_for_review_and_say_who_made_them(imported, editor):
    thief = Film.objects.get(title="Thief")

    assert thief.awaiting_review
    assert thief.added_by == editor
    assert not Film.objects.get(title="Heat").awaiting_review


def test_readers_find_a_film_awaiting_review_nowhere(client, imported):
    thief = Film.objects.get(title="Thief")
    heat = Film.objects.get(title="Heat")
    shared = make_theme("heist")
    for film in (thief, heat):
        film.themes.add(shared)

    assert public_places(client, thief) == (404, False, False)
    assert "Thief" not in visible_text(client.get(heat.get_absolute_url()).content.decode())


def test_publishing_the_list_that_uses_them_shows_them_to_readers(client, editor_client, imported):
    article = imported.article
    article.entries.update(blurb="Written.")
    changelist = reverse("admin:recommendations_article_changelist")

    editor_client.post(changelist, {"action": "publish_now", "post": "yes", "_selected_action": [article.pk]})

    thief = Film.objects.get(title="Thief")
    assert not thief.awaiting_review
    assert public_places(client, thief) == (200, True, True)


def test_an_editor_confirms_what_waits_in_the_catalogue(client, editor_client, imported):
    thief = Film.objects.get(title="Thief")
    changelist = reverse("admin:recommendations_film_changelist")

    waiting = editor_client.get(changelist, {"awaiting_review__exact": "1"})
    response = editor_client.post(
        changelist, {"action": "confirm_for_readers", "_selected_action": [thief.pk]}, follow=True
    )

    assert sorted(film.title for film in waiting.context["cl"].result_list) == ["Collateral", "Thief"]
    assert "Readers can now see 1 film that were waiting for review." in visible_text(response.content.decode())
    assert client.get(thief.get_absolute_url()).status_code == 200


def test_a_writer_cannot_confirm_catalogue_rows(writer_client, imported):
    thief = Film.objects.get(title="Thief")
    changelist = reverse("admin:recommendations_film_changelist")

    writer_client.post(changelist, {"action": "confirm_for_readers", "_selected_action": [thief.pk]})

    thief.refresh_from_db()
    assert thief.awaiting_review


def test_people_and_themes_awaiting_review_stay_off_public_pages(client, backtrace):
    memento = Film.objects.get(slug="memento-2000")
    waiting_person = make_person("Jane Newname")
    waiting_person.awaiting_review = True
    waiting_person.save()
    Credit.objects.create(film=memento, person=waiting_person, role=Credit.Role.ACTOR)
    waiting_theme = make_theme("unreviewed theme")
    Theme.objects.filter(pk=waiting_theme.pk).update(awaiting_review=True)
    memento.themes.add(waiting_theme)

    film_page = visible_text(client.get(memento.get_absolute_url()).content.decode())

    assert "Jane Newname" not in film_page
    assert "unreviewed theme" not in film_page
    assert client.get(waiting_person.get_absolute_url()).status_code == 404
    assert client.get(waiting_theme.get_absolute_url()).status_code == 404
    assert client.get(f"/people/{waiting_person.slug}/feed/").status_code == 404
    assert "Jane Newname" not in visible_text(client.get("/search/", {"q": "newname"}).content.decode())


def test_a_published_list_confirms_the_people_credited_on_its_films(editor_client, db):
    director = Person.objects.create(name="New Director", slug="new-director", awaiting_review=True)
    film = make_film("New Film", 2020)
    Credit.objects.create(film=film, person=director, role=Credit.Role.DIRECTOR)
    article = Article.objects.create(
        title="Movies Like X", slug="movies-like-x", subject=make_film("X", 2001), intro="Intro."
    )
    article.entries.create(rank=1, film=film, blurb="Blurb.")
    changelist = reverse("admin:recommendations_article_changelist")

    editor_client.post(changelist, {"action": "publish_now", "post": "yes", "_selected_action": [article.pk]})

    director.refresh_from_db()
    assert not director.awaiting_review
