"""The rows index pages read (counted themes, list facets, tallies) follow every edit they depend on."""

import datetime

import pytest
import time_machine
from django.utils import timezone

from recommendations.models import Article, Availability, Entry, Film, ListFacet, Service

from .admin_forms import change_url, existing_entries, list_form_data
from .factories import make_article, make_film, make_theme
from .page_parts import card_titles, film_grid_count, name_list_count, section_of, visible_text


def page_text(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return visible_text(response.content.decode())


def lists_shown(client, query):
    """The titles of the lists /lists/?query shows, newest first."""
    response = client.get(f"/lists/?{query}")
    assert response.status_code == 200
    return card_titles(response.content.decode())


@pytest.fixture
def heat_list(db):
    return make_article(entries=2, title="Movies Like Heat", subject=make_film("Heat", 1995))


def test_an_entry_theme_added_and_taken_off_moves_the_list_in_and_out_of_the_theme_filter(client, heat_list):
    heist = make_theme("heist")
    entry = heat_list.entries.first()

    entry.themes.add(heist)
    assert lists_shown(client, "theme=heist") == ["Movies Like Heat"]
    theme_page = page_text(client, "/themes/heist/")
    assert "Films about heist (1)" in theme_page and entry.film.title in theme_page

    heist.entries.remove(entry)  # from the theme's side, as the admin's theme inline would
    assert lists_shown(client, "theme=heist") == []
    assert "Films about heist (0)" in page_text(client, "/themes/heist/")


def test_a_save_in_the_admin_moves_the_list_between_theme_filters_and_theme_pages(editor_client, heat_list):
    heist, chase = make_theme("heist"), make_theme("chase")
    top, second = heat_list.entries.order_by("rank")
    second.themes.add(chase)
    assert lists_shown(editor_client, "theme=chase") == ["Movies Like Heat"]

    entries = existing_entries(heat_list)
    for entry in entries:
        if entry["id"] == top.pk:
            entry["themes"].append(heist.pk)
        else:
            entry["themes"].remove(chase.pk)
    response = editor_client.post(change_url(heat_list), list_form_data(heat_list, entries))
    assert response.status_code == 302

    assert lists_shown(editor_client, "theme=heist") == ["Movies Like Heat"]
    assert lists_shown(editor_client, "theme=chase") == []
    heist_page = page_text(editor_client, "/themes/heist/")
    assert "Films about heist (1)" in heist_page and top.film.title in heist_page
    assert "Films about chase (0)" in page_text(editor_client, "/themes/chase/")


def test_where_to_watch_rows_and_tags_move_lists_in_and_out_of_their_filters(client, heat_list):
    netflix = Service.objects.create(name="Netflix", slug="netflix")
    row = Availability.objects.create(
        film=heat_list.entries.first().film, service=netflix, region="GB", url="https://netflix.example/h"
    )
    heat_list.tags.add("crime")
    assert lists_shown(client, "service=netflix&region=GB") == ["Movies Like Heat"]
    assert lists_shown(client, "tag=crime&service=netflix&region=GB") == ["Movies Like Heat"]

    row.delete()
    heat_list.tags.clear()

    assert lists_shown(client, "service=netflix&region=GB") == []
    assert lists_shown(client, "tag=crime") == []
    assert "crime" not in page_text(client, "/lists/")  # no longer offered as a filter


def test_a_subjects_new_year_moves_its_list_to_another_decade(client, heat_list):
    heat = heat_list.subject
    heat.year = 1984
    heat.save()

    assert lists_shown(client, "decade=1980s") == ["Movies Like Heat"]
    assert client.get("/lists/?decade=1990s").status_code == 200
    assert lists_shown(client, "decade=1990s") == []
    assert "1980s" in page_text(client, "/lists/") and "1990s" not in page_text(client, "/lists/")


def test_an_entry_given_another_film_takes_its_theme_to_that_film(client, heat_list):
    heist = make_theme("heist")
    entry = heat_list.entries.first()
    entry.themes.add(heist)
    before, after = entry.film, make_film("Thief", 1981)

    entry.film = after
    entry.save()

    theme_page = page_text(client, "/themes/heist/")
    assert "Films about heist (1)" in theme_page
    assert "Thief" in theme_page and before.title not in theme_page


def test_a_scheduled_list_is_filtered_and_counted_from_its_time(client, db):
    goes_live = timezone.now() + datetime.timedelta(hours=2)
    article = make_article(entries=1, title="Movies Like Later", published_at=goes_live)
    theme = article.entries.get().themes.get()
    assert lists_shown(client, f"theme={theme.slug}") == []
    assert f"Films about {theme.name} (0)" in page_text(client, theme.get_absolute_url())

    with time_machine.travel(goes_live + datetime.timedelta(seconds=1)):
        assert lists_shown(client, f"theme={theme.slug}") == ["Movies Like Later"]
        assert f"Films about {theme.name} (1)" in page_text(client, theme.get_absolute_url())
        assert "1 list" in page_text(client, "/lists/")


def test_a_deleted_list_leaves_no_facets_behind(client, heat_list):
    theme = heat_list.entries.first().themes.get()
    heat_list.delete()

    assert not ListFacet.objects.exists()
    assert lists_shown(client, f"theme={theme.slug}") == []
    assert f"Films about {theme.name} (0)" in page_text(client, theme.get_absolute_url())


def test_a_theme_page_follows_film_titles_and_editors_confirming_films(client, db):
    heist = make_theme("heist")
    waiting = make_film("Zodiac Heist", 2001, awaiting_review=True)
    other = make_film("Another Heist", 2001)
    for film in (waiting, other):
        film.themes.add(heist)
    page = page_text(client, "/themes/heist/")
    assert "Films about heist (1)" in page and "Zodiac Heist" not in page

    Film.objects.filter(pk=waiting.pk).confirm()
    other.title = "Zz Heist"
    other.save()

    page = page_text(client, "/themes/heist/")
    assert "Films about heist (2)" in page
    assert page.index("Zodiac Heist") < page.index("Zz Heist")


def test_film_and_people_totals_follow_new_and_deleted_films(client, db):
    for _ in range(3):
        make_film()
    assert film_grid_count(client.get("/films/").content.decode()) == 3

    make_film()
    Film.objects.order_by("pk").first().delete()
    make_film("Waiting", awaiting_review=True)

    assert film_grid_count(client.get("/films/").content.decode()) == 3
    assert name_list_count(client.get("/people/").content.decode()) == 0


def test_entries_of_a_draft_never_reach_the_filters(client, db):
    draft = make_article(entries=1, status=Article.Status.DRAFT, published_at=None)
    theme = Entry.objects.get(article=draft).themes.get()

    assert not ListFacet.objects.filter(article=draft).exists()
    assert lists_shown(client, f"theme={theme.slug}") == []
    assert theme.name not in page_text(client, "/lists/")


def related_on_page(client, article):
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    return card_titles(section_of(response.content.decode(), '<section class="related-lists"'))


def test_more_lists_like_this_follows_the_lists_it_was_scored_on(client, db):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        heat = make_article(entries=2, title="Movies Like Heat")
        theme = heat.entries.first().themes.get()
        shares_theme = make_article(entries=1, title="Movies Like Thief")
        shares_theme.entries.get().themes.add(theme)
        clock.shift(1)
        assert related_on_page(client, heat) == ["Movies Like Thief"]
        assert related_on_page(client, heat) == ["Movies Like Thief"]  # kept: read back, not scored again
        clock.shift(1)

        recommends_the_film = make_article(entries=1, title="Movies Like Ronin")
        Entry.objects.filter(article=recommends_the_film).update(film=heat.entries.first().film)
        recommends_the_film.save()  # an edit through the site rebuilds its facets
        shares_theme.status = Article.Status.DRAFT
        shares_theme.save()
        assert related_on_page(client, heat) == ["Movies Like Ronin"]
        clock.shift(1)

        heat.tags.add("crime")
        assert related_on_page(client, heat) == ["Movies Like Ronin"]
        clock.shift(1)
        make_article(entries=1, title="Movies Like Collateral").tags.add("crime")
        assert related_on_page(client, heat) == ["Movies Like Ronin", "Movies Like Collateral"]


def test_the_themes_index_counts_follow_films_lists_editors_and_the_clock(client, db):
    heist = make_theme("heist")
    make_film("Heat", 1995).themes.add(heist)
    assert "Heist 1 film" in page_text(client, "/themes/")

    make_film("Thief", 1981).themes.add(heist)
    waiting = make_film("Waiting", 2001, awaiting_review=True)
    waiting.themes.add(heist)
    assert "Heist 2 films" in page_text(client, "/themes/")

    Film.objects.filter(pk=waiting.pk).confirm()
    assert "Heist 3 films" in page_text(client, "/themes/")

    goes_live = timezone.now() + datetime.timedelta(hours=1)
    later = make_article(entries=1, published_at=goes_live)
    later.entries.get().themes.add(heist)
    assert "Heist 3 films" in page_text(client, "/themes/")
    with time_machine.travel(goes_live + datetime.timedelta(seconds=1)):
        assert "Heist 4 films" in page_text(client, "/themes/")
        later.status = Article.Status.DRAFT
        later.save()
        assert "Heist 3 films" in page_text(client, "/themes/")
