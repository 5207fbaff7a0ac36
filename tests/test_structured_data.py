"""JSON-LD on list, film, person and home pages: what search engines read matches what readers see."""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from recommendations.models import Credit, Film
from recommendations.structured_data import as_script

from .factories import make_article, make_film, make_person
from .page_parts import BACKTRACE_COUNTDOWN, PageParts, countdown_headings, page_parts

SCRIPT_TITLE = 'Movies Like </script><script>alert("gotcha")</script> & <!-- Backtrace'


def graph_node(data, kind):
    [node] = [node for node in data["@graph"] if node["@type"] == kind]
    return node


def entry_links(html):
    """The film link in each countdown heading, in page order."""
    headings = re.findall(r'<h2 class="entry-title"[^>]*>(.*?)</h2>', html, re.S)
    return [re.search(r'href="([^"]+)"', heading).group(1) for heading in headings]


def test_list_item_list_follows_the_visible_countdown(client, backtrace):
    html = client.get(backtrace.get_absolute_url()).content.decode()
    countdown = graph_node(PageParts(html).structured_data, "ItemList")

    items = countdown["itemListElement"]
    shown = [f"{item['position']}. {item['name']}" for item in items]
    assert shown == countdown_headings(html) == BACKTRACE_COUNTDOWN
    assert [item["url"] for item in items] == [f"http://testserver{link}" for link in entry_links(html)]
    assert items[0]["url"] == "http://testserver/films/escape-plan-2013/"
    assert countdown["numberOfItems"] == 6


def test_each_listed_movie_is_described_in_full_on_the_page_its_item_points_at(client, backtrace):
    data = page_parts(client, backtrace.get_absolute_url()).structured_data
    escape_plan = graph_node(data, "ItemList")["itemListElement"][0]

    assert escape_plan == {
        "@type": "ListItem",
        "position": 6,
        "name": "Escape Plan (2013)",
        "url": "http://testserver/films/escape-plan-2013/",
    }
    movie = page_parts(client, "/films/escape-plan-2013/").structured_data
    assert movie["@type"] == "Movie"
    assert movie["director"] == [
        {"@type": "Person", "name": "Mikael Håfström", "url": "http://testserver/people/mikael-hafstrom/"}
    ]
    assert re.fullmatch(r"http://testserver/media/renditions/\w\w/\w+-400\.jpg", movie["image"])


def test_top_first_reading_keeps_the_countdown_numbers(client, backtrace):
    data = page_parts(client, f"{backtrace.get_absolute_url()}?order=top").structured_data
    items = graph_node(data, "ItemList")["itemListElement"]

    assert [(item["position"], item["name"]) for item in items][:2] == [(1, "Memento (2000)"), (2, "211 (2018)")]


def test_list_page_is_an_article_with_breadcrumbs(client, backtrace):
    data = page_parts(client, backtrace.get_absolute_url()).structured_data
    article = graph_node(data, "Article")

    assert data["@context"] == "https://schema.org"
    assert article["headline"] == "Movies Like Backtrace"
    assert article["author"] == {"@type": "Person", "name": "Film Desk", "url": "http://testserver/authors/film-desk/"}
    assert article["datePublished"] == "2022-06-24T09:00:00+00:00"
    assert article["dateModified"] == "2022-06-24T09:00:00+00:00"
    assert article["image"].startswith("http://testserver/media/renditions/")
    assert article["about"]["url"] == "http://testserver/films/backtrace-2022/"
    assert graph_node(data, "BreadcrumbList")["itemListElement"] == [
        {"@type": "ListItem", "position": 1, "name": "Home", "item": "http://testserver/"},
        {
            "@type": "ListItem",
            "position": 2,
            "name": "Movies Like Backtrace",
            "item": "http://testserver/lists/movies-like-backtrace/",
        },
    ]


def test_a_film_without_poster_year_or_director_leaves_those_out(client, db):
    article = make_article(entries=1)
    film = article.entries.get().film
    Film.objects.filter(pk=film.pk).update(year=None)

    data = page_parts(client, article.get_absolute_url()).structured_data
    [item] = graph_node(data, "ItemList")["itemListElement"]

    assert item == {
        "@type": "ListItem",
        "position": 1,
        "name": film.title,
        "url": f"http://testserver{film.get_absolute_url()}",
    }
    assert graph_node(data, "Article")["image"] == "http://testserver/static/img/social.png"


def test_script_tags_in_titles_stay_inside_the_data(client, backtrace):
    backtrace.title = SCRIPT_TITLE
    backtrace.save()
    film_title = "Escape </script><!-- Plan & <b>Co</b>"
    Film.objects.filter(slug="escape-plan-2013").update(title=film_title)

    html = client.get(backtrace.get_absolute_url()).content.decode()
    data = PageParts(html).structured_data

    assert graph_node(data, "Article")["headline"] == SCRIPT_TITLE
    assert graph_node(data, "ItemList")["itemListElement"][0]["name"] == f"{film_title} (2013)"
    assert '<script>alert("gotcha")' not in html
    # The JSON-LD block, and the page's two script files (seen-it marks, copy link): nothing inline.
    assert html.count("<script") == 3
    assert html.count('<script type="application/ld+json">') == 1
    film_data = page_parts(client, "/films/escape-plan-2013/").structured_data
    assert film_data["name"] == film_title


def test_as_script_escapes_what_could_end_the_script():
    text = as_script({"title": "</script><!-- & -->"})

    assert text == '{"title": "\\u003C/script\\u003E\\u003C!-- \\u0026 --\\u003E"}'


def test_film_page_is_a_movie_with_its_credits_and_themes(client, backtrace):
    data = page_parts(client, "/films/escape-plan-2013/").structured_data

    assert data["@type"] == "Movie"
    assert data["name"] == "Escape Plan"
    assert data["url"] == "http://testserver/films/escape-plan-2013/"
    assert data["datePublished"] == "2013"
    assert [person["name"] for person in data["director"]] == ["Mikael Håfström"]
    assert [person["name"] for person in data["actor"]] == [
        "Sylvester Stallone",
        "Arnold Schwarzenegger",
        "Vincent D’Onofrio",
    ]
    assert data["genre"] == ["prison escape"]
    assert data["duration"] == "PT115M"
    assert data["description"].startswith("A security expert who breaks out of prisons")
    assert data["image"].startswith("http://testserver/media/renditions/")


def test_an_actor_in_two_parts_is_listed_once(client, db):
    film, person = make_film("Dead Ringers", 1988), make_person("Jeremy Irons")
    Credit.objects.create(film=film, person=person, character_name="Beverly Mantle")
    Credit.objects.create(film=film, person=person, character_name="Elliot Mantle")

    data = page_parts(client, film.get_absolute_url()).structured_data

    assert [actor["name"] for actor in data["actor"]] == ["Jeremy Irons"]


def test_person_page_is_a_person(client, backtrace):
    data = page_parts(client, "/people/christopher-nolan/").structured_data

    assert data == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "Christopher Nolan",
        "url": "http://testserver/people/christopher-nolan/",
    }


def test_home_page_names_the_site(client, backtrace):
    data = page_parts(client, "/").structured_data

    assert data["@type"] == "WebSite"
    assert data["name"] == "Film Magazine"
    assert data["url"] == "http://testserver/"


def test_directors_cost_one_query_however_long_the_list(client, db):
    counts = []
    for size in (3, 30):
        article = make_article(entries=size)
        for entry in article.entries.all():
            Credit.objects.create(film=entry.film, person=make_person(), role=Credit.Role.DIRECTOR)
        client.get(article.get_absolute_url())
        with CaptureQueriesContext(connection) as queries:
            html = client.get(article.get_absolute_url()).content.decode()
        counts.append(len(queries))
        items = graph_node(PageParts(html).structured_data, "ItemList")["itemListElement"]
        assert len(items) == size

    assert counts[0] == counts[1]
