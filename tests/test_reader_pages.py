"""Film, person, theme, tag and home pages: what a reader sees, and what it costs."""

import datetime

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.views.defaults import server_error

from recommendations.models import Article, Availability, Credit, Entry, Film, Service, Theme

from .factories import make_article, make_film, make_person, make_theme
from .page_parts import countdown_headings, visible_text


def page_text(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return visible_text(response.content.decode())


def test_film_page_shows_what_a_film_site_shows(client, backtrace):
    page = page_text(client, "/films/escape-plan-2013/")

    assert "Escape Plan (2013)" in page
    assert "Runtime 115 minutes" in page
    assert "Directed by Mikael Håfström" in page
    cast = "Sylvester Stallone as Ray Breslin Arnold Schwarzenegger as Emil Rottmayer Vincent D’Onofrio as Lester Clark"
    assert cast in page
    assert "Themes prison escape" in page
    assert "Tags action thriller prison" in page
    assert "#6 in Movies Like Backtrace" in page


def test_film_page_says_where_to_watch_and_when_that_was_checked(client, backtrace):
    html = client.get("/films/memento-2000/").content.decode()
    page = visible_text(html)

    assert "Where to watch Amazon Prime Video Rent Apple TV Buy Netflix Stream" in page
    assert "United States: last checked 24 June 2022." in page
    assert "Checked 24 June 2022: this may have changed since." in page
    assert 'href="https://www.netflix.com/search?q=Memento"' in html


def test_film_page_ranks_similar_films_with_their_reasons(client, backtrace):
    page = page_text(client, "/films/backtrace-2022/")

    similar = page[page.index("Similar films") :]
    assert similar.index("Escape Plan (2013)") < similar.index("Memento (2000)")
    assert "Escape Plan (2013) shares: prison escape, Sylvester Stallone" in similar


def test_subject_page_links_movies_like_it(client, backtrace):
    html = client.get("/films/backtrace-2022/").content.decode()

    assert "Movies like Backtrace" in visible_text(html)
    assert 'href="/lists/movies-like-backtrace/"' in html


def test_person_page_groups_the_filmography_by_role(client, backtrace):
    page = page_text(client, "/people/christopher-nolan/")

    assert "Filmography Director Memento (2000) Writer Memento (2000)" in page
    assert "In our lists #1 in Movies Like Backtrace — Memento (2000) (named in the entry)" in page


def test_person_page_lists_where_their_films_appear(client, backtrace):
    page = page_text(client, "/people/matthew-modine/")

    assert "Actor Backtrace (2022) as Donovan “Mac” MacDonald" in page
    assert "Neither they nor their films are in a list yet." in page


def test_theme_page_shows_its_films_and_the_lists_that_use_it(client, backtrace):
    page = page_text(client, "/themes/corrupt-cops/")

    assert "Corrupt cops" in page
    assert "When the people sworn to uphold the law are the ones breaking it." in page
    assert "#5 in Movies Like Backtrace — Dragged Across Concrete (2019)" in page
    assert "#3 in Movies Like Backtrace — Out of Death (2021)" in page
    assert "Films about corrupt cops (3)" in page


def test_theme_index_lists_every_theme_with_its_film_count(client, backtrace):
    html = client.get("/themes/").content.decode()
    page = visible_text(html)

    assert "Heist 4 films" in page
    assert "Memory loss 2 films" in page
    assert 'href="/themes/family-loyalty/"' in html


def test_theme_films_are_paginated(client, db):
    theme = make_theme("heist")
    for number in range(50):
        make_film(f"Heist {number:02d}", 2000).themes.add(theme)

    first, second = page_text(client, "/themes/heist/"), page_text(client, "/themes/heist/?page=2")

    assert "Films about heist (50)" in first
    assert "Page 1 of 2" in first
    assert "Heist 47 (2000)" in first
    assert "Heist 48 (2000)" not in first
    assert "Heist 48 (2000)" in second
    assert "Heist 49 (2000)" in second
    assert "Heist 47 (2000)" not in second


def test_tag_page_shows_lists_and_films_with_the_tag(client, backtrace):
    page = page_text(client, "/tags/thriller/")

    assert "Tagged “thriller”" in page
    assert "Lists Movies Like Backtrace" in page
    assert "Memento (2000)" in page
    assert "Escape Plan (2013)" in page
    assert "American Heist" not in page


def test_tags_link_from_lists_and_films(client, backtrace):
    assert 'href="/tags/thriller/"' in client.get(backtrace.get_absolute_url()).content.decode()
    assert 'href="/tags/mystery/"' in client.get("/films/memento-2000/").content.decode()


def test_unknown_tag_is_404(client, db):
    assert client.get("/tags/no-such-tag/").status_code == 404


def test_home_shows_a_poster_strip_and_themes_to_browse(client, backtrace):
    html = client.get("/").content.decode()

    strip = html[html.index('class="poster-strip"') :]
    assert strip.index("Poster of Memento (2000)") < strip.index("Poster of 211 (2018)")
    assert 'href="/lists/movies-like-backtrace/#memento-2000"' in strip
    page = visible_text(html)
    assert "Browse by theme" in page
    assert 'href="/themes/heist/"' in html


def test_list_page_offers_skip_to_number_one_and_top_first_reading(client, backtrace):
    html = client.get(backtrace.get_absolute_url()).content.decode()

    assert '<a href="#memento-2000">Skip to #1</a>' in html
    assert '<a href="?order=top">Read top pick first</a>' in html


def test_top_first_order_reads_from_number_one(client, backtrace):
    html = client.get(backtrace.get_absolute_url() + "?order=top").content.decode()

    assert countdown_headings(html) == [
        "1. Memento (2000)",
        "2. 211 (2018)",
        "3. Out of Death (2021)",
        "4. American Heist (2014)",
        "5. Dragged Across Concrete (2019)",
        "6. Escape Plan (2013)",
    ]
    assert '<ol class="countdown">' in html
    assert "Read as a countdown, 6 to 1" in visible_text(html)


@pytest.mark.parametrize("order", ["bottom", "", "%00", "top%27"])
def test_unknown_order_falls_back_to_the_countdown(client, backtrace, order):
    html = client.get(f"{backtrace.get_absolute_url()}?order={order}").content.decode()

    assert countdown_headings(html)[0] == "6. Escape Plan (2013)"


def test_each_entry_says_where_to_watch_it(client, backtrace):
    page = page_text(client, backtrace.get_absolute_url())

    assert "Watch on Amazon Prime Video Rent Netflix Stream" in page


def test_availability_outside_the_default_region_is_not_shown(client, backtrace):
    memento = Film.objects.get(slug="memento-2000")
    Availability.objects.create(
        film=memento,
        service=Service.objects.create(name="Channel 4", slug="channel-4"),
        region="GB",
        url="https://x.test",
    )

    assert "Channel 4" not in page_text(client, "/films/memento-2000/")


def test_stale_availability_can_be_found(backtrace):
    fresh = Availability.objects.first()
    fresh.last_checked = datetime.date.today()
    fresh.save()

    assert fresh not in Availability.objects.stale()
    assert Availability.objects.stale().count() == Availability.objects.count() - 1


def test_branded_404_page(client, db):
    response = client.get("/no/such/page/")

    page = visible_text(response.content.decode())
    assert response.status_code == 404
    assert "This reel is missing" in page
    assert "Latest lists" in page


def test_branded_500_page_needs_neither_request_context_nor_database():
    response = server_error(RequestFactory().get("/"))

    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def build_list(size):
    return make_article(entries=size).get_absolute_url()


def build_film(size):
    film = make_film()
    for number in range(size):
        Credit.objects.create(film=film, person=make_person(), character_name=f"Role {number}", billing_order=number)
        film.themes.add(make_theme())
        film.tags.add(f"tag-{film.pk}-{number}")
        Entry.objects.create(article=make_article(entries=1), rank=2, film=film)
        service = Service.objects.create(name=f"Service {film.pk}-{number}", slug=f"service-{film.pk}-{number}")
        Availability.objects.create(film=film, service=service, url="https://example.com/watch")
        make_film().themes.add(*film.themes.all())
    return film.get_absolute_url()


def build_person(size):
    person = make_person()
    for _ in range(size):
        film = make_film()
        Credit.objects.create(film=film, person=person)
        entry = make_article(entries=1).entries.get()
        entry.people.add(person)
        Entry.objects.create(article=entry.article, rank=2, film=film)
    return person.get_absolute_url()


def build_theme(size):
    theme = make_theme()
    for _ in range(size):
        make_film().themes.add(theme)
        make_article(entries=1).entries.get().themes.add(theme)
    return theme.get_absolute_url()


def build_home(size):
    for _ in range(size):
        make_article(entries=6)
    return "/"


def build_tag(size):
    for _ in range(size):
        make_article(entries=1).tags.add("common")
        make_film().tags.add("common")
    return "/tags/common/"


def queries_to_render(client, path):
    client.get(path)  # warm caches that live for the whole process (content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("build", [build_list, build_film, build_person, build_theme, build_home, build_tag])
def test_queries_per_page_stay_constant_as_data_grows(client, db, build):
    small = queries_to_render(client, build(3))
    large = queries_to_render(client, build(30))

    assert small == large


@pytest.mark.parametrize(
    ("path", "most"),
    # The list page: see test_countdown_page.test_list_page_query_count_does_not_grow_with_entries.
    [("/lists/movies-like-backtrace/", 9), ("/", 4), ("/films/backtrace-2022/", 14), ("/themes/heist/", 5)],
)
def test_query_budget_per_page(client, backtrace, django_assert_max_num_queries, path, most):
    client.get(path)
    with django_assert_max_num_queries(most):
        assert client.get(path).status_code == 200


def test_theme_pages_and_index_never_show_draft_lists(client, db):
    draft = make_article(entries=1, status=Article.Status.DRAFT, title="Movies Like Draft")
    theme = Theme.objects.filter(entries__article=draft).get()

    assert "Movies Like Draft" not in page_text(client, theme.get_absolute_url())
    assert "Movies Like Draft" not in page_text(client, draft.entries.get().film.get_absolute_url())
    person = draft.entries.get().people.get()
    assert "Movies Like Draft" not in page_text(client, person.get_absolute_url())
