"""Entry themes count for films: theme pages, theme counts, similar films and the editors' suggestions."""

import pytest
from django.utils import timezone

from recommendations.models import Article, Credit, Entry, Theme
from recommendations.similarity import similar_films
from recommendations.suggestions import suggest_entries

from .admin_forms import ADD_URL, change_url, existing_entries, list_form_data
from .factories import make_article, make_film, make_person, make_theme
from .page_parts import visible_text


def page_text(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return visible_text(response.content.decode())


def test_an_editors_entry_theme_puts_the_film_on_the_theme_page_once_the_list_is_live(editor_client, client, db):
    theme = make_theme("slow burn")
    film = make_film("Quiet Earth", 1985)
    subject = make_film("Stalker", 1979)
    entry = {"rank": 1, "film": film.pk, "blurb": "It takes its time.", "themes": [theme.pk]}
    data = list_form_data(entries=[entry], title="Movies Like Stalker", slug="movies-like-stalker", subject=subject.pk)

    assert editor_client.post(ADD_URL, data).status_code == 302
    article = Article.objects.get(slug="movies-like-stalker")
    assert not film.themes.exists()
    client.logout()
    assert "No films carry this theme yet." in page_text(client, theme.get_absolute_url())

    editor_client.force_login(article.author)
    published = list_form_data(
        article,
        entries=existing_entries(article),
        status=Article.Status.PUBLISHED,
        published_at_0=timezone.now().strftime("%Y-%m-%d"),
        published_at_1="00:00:00",
        edit_version=article.edit_version,
    )
    assert editor_client.post(change_url(article), published).status_code == 302
    client.logout()

    page = page_text(client, theme.get_absolute_url())
    assert "Films about slow burn (1)" in page
    assert "Quiet Earth (1985) from Movies Like Stalker" in page
    assert "0 films" not in page_text(client, "/themes/")
    assert "Slow burn 1 film" in page_text(client, "/themes/")


def test_a_list_taken_off_the_site_takes_its_entry_themes_with_it(client, db):
    article = make_article(entries=1)
    entry = article.entries.get()
    theme = entry.themes.get()
    assert f"Films about {theme.name} (1)" in page_text(client, theme.get_absolute_url())

    article.status = Article.Status.DRAFT
    article.save()

    assert f"Films about {theme.name} (0)" in page_text(client, theme.get_absolute_url())


def test_theme_counts_count_each_film_once_from_either_source(client, db):
    theme = make_theme("revenge")
    article = make_article(entries=2)
    for entry in article.entries.all():
        entry.themes.add(theme)
    article.entries.first().film.themes.add(theme)
    make_film("Own Theme Only").themes.add(theme)

    assert "Revenge 3 films" in page_text(client, "/themes/")


def test_the_film_page_says_where_a_theme_comes_from(client, backtrace):
    memento = backtrace.entries.get(rank=1)
    memento.themes.add(Theme.objects.get(slug="family-loyalty"))

    page = page_text(client, "/films/memento-2000/")

    assert "Themes family loyalty from Movies Like Backtrace memory loss Tags" in page


@pytest.fixture
def entry_theme_only(db):
    """Two films that share a theme only through an entry in a live list."""
    theme = make_theme("amnesia")
    subject = make_film("Memory Man", 2001)
    subject.themes.add(theme)
    article = make_article(entries=0, subject=make_film("Other Subject", 1990))
    film = make_film("Forgetful", 2003)
    Entry.objects.create(article=article, rank=1, film=film, blurb="It forgets.").themes.add(theme)
    return subject, film, theme


def test_similar_films_share_entry_themes(entry_theme_only):
    subject, film, theme = entry_theme_only

    similar = similar_films(subject)

    assert [result.film for result in similar] == [film]
    assert similar[0].reasons == ["amnesia"]


def test_the_editors_suggestions_use_entry_themes(entry_theme_only):
    subject, film, _theme = entry_theme_only
    draft = make_article(entries=0, status=Article.Status.DRAFT, published_at=None, subject=subject)

    assert [suggestion.film for suggestion in suggest_entries(draft)] == [film]


def test_draft_entry_themes_count_for_nothing(db):
    theme = make_theme("cold war")
    subject = make_film("Spy Story", 1965)
    subject.themes.add(theme)
    draft = make_article(entries=0, status=Article.Status.DRAFT, published_at=None)
    Entry.objects.create(article=draft, rank=1, film=make_film("Secret Film"), blurb="x").themes.add(theme)

    assert similar_films(subject) == []
    assert Theme.objects.with_film_counts().get(pk=theme.pk).film_count == 1


@pytest.mark.parametrize("size", [3, 30])
def test_theme_page_and_index_queries_stay_constant(client, db, django_assert_max_num_queries, size):
    theme = make_theme("big theme")
    for _ in range(size):
        make_film().themes.add(theme)
        make_article(entries=1).entries.get().themes.add(theme)
    Credit.objects.create(film=make_film(), person=make_person())

    client.get(theme.get_absolute_url())
    with django_assert_max_num_queries(4):
        assert client.get(theme.get_absolute_url()).status_code == 200
    # The index counts each theme's films once (in one query for all), then keeps the counts.
    with django_assert_max_num_queries(7):
        assert client.get("/themes/").status_code == 200
    with django_assert_max_num_queries(2):
        assert client.get("/themes/").status_code == 200
