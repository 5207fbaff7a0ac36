"""RSS and Atom feeds, sitemap.xml and robots.txt: every live list, and nothing readers can't see."""

import datetime
import html
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from recommendations.models import Article, Person, Theme
from recommendations.sitemaps import ListSitemap

from .factories import make_article
from .page_parts import BACKTRACE_COUNTDOWN

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
FEEDS = [
    "/feed/",
    "/feed/atom/",
    "/themes/heist/feed/",
    "/themes/heist/feed/atom/",
    "/people/christopher-nolan/feed/",
    "/people/christopher-nolan/feed/atom/",
]


@pytest.fixture
def unpublished(backtrace):
    """A draft and a scheduled list, sharing a theme and a person with Backtrace, each with a film of its own."""
    heist, nolan = Theme.objects.get(slug="heist"), Person.objects.get(slug="christopher-nolan")
    draft = make_article(entries=2, status=Article.Status.DRAFT, title="Movies Like Draft", published_at=None)
    tomorrow = timezone.now() + datetime.timedelta(days=1)
    scheduled = make_article(entries=2, title="Movies Like Tomorrow", published_at=tomorrow)
    for article in (draft, scheduled):
        for entry in article.entries.all():
            entry.themes.add(heist)
            entry.people.add(nolan)
    return [draft, scheduled]


def parsed_feed(client, path):
    response = client.get(path)
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("path", FEEDS)
def test_feeds_parse_and_hold_only_live_lists(client, unpublished, path):
    feed = parsed_feed(client, path)

    assert feed.version == ("atom10" if path.endswith("/atom/") else "rss20")
    assert [entry.title for entry in feed.entries] == ["Movies Like Backtrace"]
    assert feed.entries[0].link == "http://testserver/lists/movies-like-backtrace/"


@pytest.mark.parametrize("path", ["/feed/", "/feed/atom/"])
def test_feed_items_carry_the_whole_countdown(client, backtrace, path):
    [entry] = parsed_feed(client, path).entries

    content = entry.summary
    assert re.findall(r"<h2>(.*?)</h2>", content) == BACKTRACE_COUNTDOWN
    assert content.startswith("<p>Directed by Brian A. Miller")
    assert "Starring Stallone and Arnold Schwarzenegger" in content
    assert entry.author == "Film Desk"
    assert entry.published_parsed[:3] == (2022, 6, 24)
    assert {tag.term for tag in entry.tags} >= {"thriller"}


def test_feed_blurbs_are_sanitised(client, db):
    article = make_article(entries=1)
    article.entries.update(blurb='Fine <script>alert("x")</script> [link](javascript:alert(1)) <b onclick="x()">b</b>')

    xml = client.get("/feed/").content.decode()

    assert "&lt;p&gt;Fine" in xml
    assert "&lt;script" not in xml
    assert "alert" not in xml
    assert "onclick" not in xml


def test_site_feed_is_newest_first(client, db):
    now = timezone.now()
    make_article(title="Movies Like Older", published_at=now - datetime.timedelta(days=2))
    make_article(title="Movies Like Newer", published_at=now - datetime.timedelta(hours=1))

    titles = [entry.title for entry in parsed_feed(client, "/feed/").entries]

    assert titles == ["Movies Like Newer", "Movies Like Older"]


def test_person_feed_has_lists_that_mention_them_or_their_films(client, backtrace):
    # Backtrace counts down Memento (Nolan directed it); another list names him in a blurb.
    other = make_article(entries=1, title="Movies Like Insomnia")
    other.entries.get().people.add(Person.objects.get(slug="christopher-nolan"))
    make_article(entries=1, title="Movies Like Nothing Of His")

    titles = {entry.title for entry in parsed_feed(client, "/people/christopher-nolan/feed/").entries}

    assert titles == {"Movies Like Backtrace", "Movies Like Insomnia"}


@pytest.mark.parametrize("path", ["/themes/no-such-theme/feed/", "/people/nobody/feed/atom/"])
def test_feeds_of_unknown_themes_and_people_are_404(client, db, path):
    assert client.get(path).status_code == 404


def sitemap_locations(client, path="/sitemap.xml"):
    """Every <loc> the sitemap index leads to, section by section, each sitemap parsed as XML."""
    index = ET.fromstring(client.get(path).content)
    assert index.tag == f"{SITEMAP}sitemapindex"
    locations = []
    for section in index.iter(f"{SITEMAP}loc"):
        url = urlsplit(section.text)
        response = client.get(url.path, dict(re.findall(r"(\w+)=(\w+)", url.query)))
        assert response.status_code == 200
        urlset = ET.fromstring(response.content)
        assert urlset.tag == f"{SITEMAP}urlset"
        locations += [loc.text for loc in urlset.iter(f"{SITEMAP}loc")]
    return locations


def test_sitemap_lists_every_live_list_and_what_it_reaches(client, unpublished):
    locations = sitemap_locations(client)

    assert "http://testserver/lists/movies-like-backtrace/" in locations
    assert "http://testserver/films/memento-2000/" in locations
    assert "http://testserver/people/christopher-nolan/" in locations
    assert "http://testserver/themes/heist/" in locations
    assert "http://testserver/" in locations
    assert len(locations) == len(set(locations))


def test_sitemap_leaves_out_drafts_scheduled_lists_and_previews(client, unpublished):
    locations = sitemap_locations(client)

    for article in unpublished:
        assert f"http://testserver{article.get_absolute_url()}" not in locations
        for entry in article.entries.all():
            # A film's page is public whoever lists it, and shows only live lists.
            assert f"http://testserver{entry.film.get_absolute_url()}" in locations
            assert article.title not in client.get(entry.film.get_absolute_url()).content.decode()
    assert not [location for location in locations if "/preview/" in location]


def test_sitemap_sections_say_when_they_last_changed(client, backtrace):
    index = client.get("/sitemap.xml").content.decode()
    lists = ET.fromstring(client.get("/sitemap-lists.xml").content)

    assert "<loc>http://testserver/sitemap-films.xml</loc><lastmod>2022-06-24T09:00:00+00:00</lastmod>" in index
    assert [lastmod.text for lastmod in lists.iter(f"{SITEMAP}lastmod")] == ["2022-06-24"]


def test_a_list_scheduled_after_its_last_edit_is_modified_when_it_went_live(client, backtrace):
    went_live = timezone.now() - datetime.timedelta(hours=1)
    Article.objects.filter(pk=backtrace.pk).update(published_at=went_live)

    lists = ET.fromstring(client.get("/sitemap-lists.xml").content)

    assert [lastmod.text for lastmod in lists.iter(f"{SITEMAP}lastmod")] == [went_live.date().isoformat()]


def test_sitemap_sections_split_into_pages(client, db, monkeypatch):
    monkeypatch.setattr(ListSitemap, "limit", 2)
    articles = [make_article(entries=1) for _ in range(5)]

    index = client.get("/sitemap.xml").content.decode()
    locations = sitemap_locations(client)

    assert "http://testserver/sitemap-lists.xml?p=3" in index
    for article in articles:
        assert f"http://testserver{article.get_absolute_url()}" in locations


def test_robots_txt_points_to_the_sitemap_and_keeps_out_of_admin_and_previews(client, db):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "User-agent: *" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /preview/" in lines
    assert reverse("recommendations:article_preview", kwargs={"token": "any"}).startswith("/preview/")
    assert "Sitemap: http://testserver/sitemap.xml" in lines


@pytest.mark.parametrize("kind", ["themes", "people"])
def test_channel_descriptions_and_titles_carry_names_as_plain_text(client, backtrace, kind):
    name = "<b>Heist</b> & <3 <script>alert(1)</script>"
    model, slug = (Theme, "heist") if kind == "themes" else (Person, "christopher-nolan")
    model.objects.filter(slug=slug).update(name=name)

    rss = feedparser.parse(client.get(f"/{kind}/{slug}/feed/").content)
    atom = feedparser.parse(client.get(f"/{kind}/{slug}/feed/atom/").content)

    # RSS readers read a channel's description as HTML: it holds the name escaped, not as markup.
    assert rss.feed.subtitle_detail.type == "text/html"
    assert "<" not in rss.feed.subtitle
    assert html.unescape(rss.feed.subtitle).endswith(f"{name}.") or f"{name} or their films." in html.unescape(
        rss.feed.subtitle
    )
    for feed in (rss, atom):
        assert feed.feed.title_detail.type == "text/plain"
        assert feed.feed.title.endswith(name)
    assert atom.feed.subtitle_detail.type == "text/plain"
    assert name in atom.feed.subtitle


@pytest.mark.parametrize("size", [3, 30])
def test_sitemap_index_and_pages_cost_the_same_queries_at_any_size(client, db, django_assert_max_num_queries, size):
    for _ in range(size):
        make_article(entries=2)
    client.get("/sitemap.xml")  # counts the films and people once; they are kept as tallies

    # Per section: its last change (lists: the newest publication and the newest edit) and its count.
    with django_assert_max_num_queries(11):
        index = client.get("/sitemap.xml").content.decode()
    with django_assert_max_num_queries(2):
        films = client.get("/sitemap-films.xml").content.decode()

    assert index.count("<sitemap>") == 6
    assert films.count("<url>") == size * 3
