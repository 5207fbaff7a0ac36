"""Deleting an imported draft offers to delete the films and people its import made that nothing else uses."""

from django.urls import reverse

from recommendations.importing import Source, import_article
from recommendations.models import Article, ArticleImport, Entry, Film, Person

from .factories import make_article, make_film
from .page_parts import visible_text

ARTICLE = (
    "Movies like Heat\n\nMann's epic.\n\n3. Thief / Michael Mann (1981)\n\nA safecracker.\n\n"
    "2. Ronin / John Frankenheimer (1998)\n\nParis.\n\n1. Collateral (2004)\n\nOne night.\n"
)


def imported_draft(editor):
    make_film("Heat", 1995)
    return import_article(Source(ArticleImport.Source.TEXT, ARTICLE), author=editor).report.article


def delete_url(article):
    return reverse("admin:recommendations_article_delete", args=[article.pk])


def test_the_delete_page_offers_what_the_import_made_and_nothing_else_uses(editor_client, editor):
    draft = imported_draft(editor)
    ronin = Film.objects.get(title="Ronin")
    other = make_article(entries=0, subject=make_film("Other Subject", 2001), title="Another List")
    Entry.objects.create(article=other, rank=1, film=ronin)

    page = visible_text(editor_client.get(delete_url(draft)).content.decode())

    assert "Also made by its import" in page
    assert "The film Thief (1981)" in page and "The film Collateral (2004)" in page
    assert "Michael Mann" in page
    assert "Ronin" not in page.split("Also made by its import")[1]  # another list uses it
    assert "John Frankenheimer" not in page.split("Also made by its import")[1]  # credited on Ronin
    assert "Heat (1995)" not in page.split("Also made by its import")[1]  # in the catalogue before


def test_deleting_the_draft_deletes_only_the_ticked_ones(editor_client, editor):
    draft = imported_draft(editor)
    thief, collateral = Film.objects.get(title="Thief"), Film.objects.get(title="Collateral")
    mann = Person.objects.get(name="Michael Mann")

    response = editor_client.post(
        delete_url(draft), {"post": "yes", "delete_films": [thief.pk], "delete_people": [mann.pk]}, follow=True
    )

    assert not Article.objects.filter(pk=draft.pk).exists()
    assert not Film.objects.filter(pk=thief.pk).exists() and not Person.objects.filter(pk=mann.pk).exists()
    assert Film.objects.filter(pk=collateral.pk).exists() and Film.objects.filter(title="Heat").exists()
    messages = [str(message) for message in response.context["messages"]]
    assert "Also deleted, made by its import and used by nothing else: Thief (1981), Michael Mann." in messages


def test_a_forged_tick_deletes_nothing_that_is_not_offered(editor_client, editor):
    draft = imported_draft(editor)
    heat = Film.objects.get(title="Heat")
    keep = make_film("Unrelated", 2010)

    editor_client.post(delete_url(draft), {"post": "yes", "delete_films": [heat.pk, keep.pk]})

    assert Film.objects.filter(pk__in=[heat.pk, keep.pk]).count() == 2


def test_films_an_editor_confirmed_are_not_offered(editor_client, editor):
    draft = imported_draft(editor)
    Film.objects.filter(title="Thief").confirm()

    page = visible_text(editor_client.get(delete_url(draft)).content.decode())

    assert "The film Thief (1981)" not in page and "The film Collateral (2004)" in page


def test_a_list_no_import_made_deletes_as_before(editor_client, backtrace):
    page = editor_client.get(delete_url(backtrace)).content.decode()

    assert "Also made by its import" not in page
    assert 'name="post" value="yes"' in page
