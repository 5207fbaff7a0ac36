"""Titles, descriptions, canonical links, social tags, feeds and favicon on every reader page; valid HTML."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from PIL import Image

from recommendations.models import Article, Film, Theme

from .factories import make_article, make_film
from .page_parts import page_parts

REPO = Path(__file__).resolve().parents[1]
# Where `make vnu` (part of `make test`) installs the Nu Html Checker from npm.
VNU_JAR = REPO / ".cache" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

PAGES = {
    "home": "/",
    "list": "/lists/movies-like-backtrace/",
    "film": "/films/escape-plan-2013/",
    "person": "/people/christopher-nolan/",
    "themes": "/themes/",
    "theme": "/themes/heist/",
    "tag": "/tags/thriller/",
    "search": "/search/?q=memento",
    "search-typo": "/search/?q=mementoo",
    "lists": "/lists/",
    "lists-filtered": "/lists/?tag=thriller",
    "films": "/films/",
    "people": "/people/?letter=c",
    "tags": "/tags/",
    "author": "/authors/film-desk/",
}
NOT_FOUND = "/no/such/page/"


@pytest.mark.parametrize("path", PAGES.values())
def test_each_page_has_one_canonical_absolute_url_and_one_h1(client, backtrace, path):
    page = page_parts(client, path)

    assert len(page.canonicals) == 1
    assert page.canonicals[0].startswith("http://testserver/")
    assert page.h1_count == 1
    assert page.lang == "en"


def test_not_found_page_has_no_canonical_and_is_not_indexed(client, db):
    page = page_parts(client, NOT_FOUND, status=404)

    assert page.canonicals == []
    assert page.meta["robots"] == "noindex"
    assert page.h1_count == 1


@pytest.mark.parametrize(
    ("path", "canonical"),
    [
        ("/lists/movies-like-backtrace/?order=top&utm_source=feed", "/lists/movies-like-backtrace/"),
        ("/films/memento-2000/?ref=home", "/films/memento-2000/"),
        ("/search/?q=memento&utm_campaign=x", "/search/"),
        ("/search/", "/search/"),
        ("/themes/heist/?page=junk", "/themes/heist/"),
        ("/?utm_source=x", "/"),
    ],
)
def test_canonical_links_drop_reading_order_tracking_and_junk(client, backtrace, path, canonical):
    assert page_parts(client, path).canonicals == [f"http://testserver{canonical}"]


def test_later_pages_of_a_paginated_page_are_their_own_canonical_page(client, db):
    theme = Theme.objects.create(name="heist", slug="heist")
    for number in range(50):
        make_film(f"Heist {number:02d}").themes.add(theme)

    page = page_parts(client, "/themes/heist/?page=2&utm_source=x")

    assert page.canonicals == ["http://testserver/themes/heist/?page=2"]
    assert page.title == "Films about heist, page 2 · Film Magazine"


def test_titles_and_descriptions_differ_from_page_to_page(client, backtrace):
    pages = [page_parts(client, path) for path in PAGES.values()]

    titles = [page.title for page in pages]
    descriptions = [page.meta["description"] for page in pages]
    assert len(set(titles)) == len(titles), titles
    assert len(set(descriptions)) == len(descriptions), descriptions
    assert titles[1] == "Movies Like Backtrace · Film Magazine"


def test_list_description_is_the_intro_as_plain_text_cut_at_a_word(client, db):
    intro = (
        "*Heat* is the [heist film](https://example.com/heat) every other heist film is measured against: "
        "**two hours** of crews, plans and a shoot-out downtown. Here are the films that come closest, "
        "counted down, with why each one belongs & where to watch it."
    )
    article = make_article(intro=intro)

    description = page_parts(client, article.get_absolute_url()).meta["description"]

    assert description.startswith("Heat is the heist film every other heist film is measured against: two hours of")
    assert len(description) <= 155
    assert description.endswith("…")
    as_read = intro.replace("*", "").replace("[heist film](https://example.com/heat)", "heist film")
    assert description.removesuffix("…") in as_read


def test_list_shares_the_subjects_poster(client, backtrace):
    page = page_parts(client, backtrace.get_absolute_url())

    image = page.meta["og:image"]
    assert image.startswith("http://testserver/media/renditions/")
    assert default_storage.exists(image.removeprefix("http://testserver/media/"))
    assert page.meta["og:image:alt"] == "Poster of Backtrace (2022)"
    assert page.meta["twitter:image"] == image
    assert page.meta["twitter:card"] == "summary"
    assert page.meta["og:type"] == "article"
    assert page.meta["og:url"] == "http://testserver/lists/movies-like-backtrace/"
    assert page.meta["og:title"] == "Movies Like Backtrace"
    assert page.meta["og:description"] == page.meta["description"]
    assert page.meta["article:published_time"] == "2022-06-24T09:00:00+00:00"


def test_pages_without_a_poster_share_the_site_image(client, backtrace):
    page = page_parts(client, "/themes/heist/")

    assert page.meta["og:image"] == "http://testserver/static/img/social.png"
    assert page.meta["og:image:width"] == "1200"
    assert page.meta["twitter:card"] == "summary_large_image"
    with Image.open(finders.find("img/social.png")) as image:
        assert image.size == (1200, 630)


def test_every_page_links_the_site_feeds_and_favicons(client, backtrace):
    for path in [*PAGES.values(), NOT_FOUND]:
        response = client.get(path)
        page = page_parts(client, path, status=response.status_code)
        feeds = {link["href"]: link["type"] for link in page.links_with_rel("alternate")}
        assert feeds["/feed/"] == "application/rss+xml"
        assert feeds["/feed/atom/"] == "application/atom+xml"
        icons = [link["href"] for link in page.links_with_rel("icon")]
        assert icons == ["/static/favicon.ico", "/static/favicon.svg"]
    for name in ("favicon.ico", "favicon.svg", "apple-touch-icon.png"):
        assert finders.find(name), name


@pytest.mark.parametrize(
    ("path", "feed"),
    [("/themes/heist/", "/themes/heist/feed/"), ("/people/christopher-nolan/", "/people/christopher-nolan/feed/")],
)
def test_theme_and_person_pages_link_their_own_feeds(client, backtrace, path, feed):
    alternates = [link["href"] for link in page_parts(client, path).links_with_rel("alternate")]

    assert alternates == ["/feed/", "/feed/atom/", feed, f"{feed}atom/"]
    assert client.get(feed).status_code == 200


def test_search_results_are_not_indexed(client, db):
    assert page_parts(client, "/search/?q=heat").meta["robots"] == "noindex"


def vnu_command():
    java = shutil.which("java")
    if not java:
        pytest.skip("No java on PATH: the Nu Html Checker needs Java (apt-get install default-jre-headless)")
    if not VNU_JAR.exists():
        pytest.skip(f"The Nu Html Checker is not at {VNU_JAR.relative_to(REPO)}: `make vnu` installs it from npm")
    return [java, "-jar", str(VNU_JAR), "--errors-only", "--format", "json", "--exit-zero-always"]


def test_pages_are_valid_html(client, backtrace, tmp_path):
    command = vnu_command()
    # Content the markup has to survive: Markdown with a link, quotes and ampersands in names.
    Film.objects.filter(slug="memento-2000").update(synopsis='A man with no short-term memory hunts "John G" & co.')
    Article.objects.filter(pk=backtrace.pk).update(intro=backtrace.intro + " [More](https://example.com/?a=1&b=2).")
    files = {}
    for name, path in [*PAGES.items(), ("not-found", NOT_FOUND), ("search-empty", "/search/?q=zzzz")]:
        response = client.get(path)
        files[name] = tmp_path / f"{name}.html"
        files[name].write_bytes(response.content)

    result = subprocess.run([*command, *map(str, files.values())], capture_output=True, text=True, timeout=300)

    messages = json.loads(result.stderr or result.stdout)["messages"]
    names = {f"file:{file}": name for name, file in files.items()}
    errors = [
        f"{names.get(message.get('url'), message.get('url'))} line {message.get('lastLine')}: {message['message']}"
        f"\n    {message.get('extract', '').strip()}"
        for message in messages
        if message["type"] in ("error", "non-document-error")
    ]
    assert not errors, "The Nu Html Checker found errors:\n" + "\n".join(errors)
