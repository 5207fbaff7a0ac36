"""Readers never see drafts, scheduled lists or their entries, on any public page, feed or sitemap.

A draft and a scheduled list share films, a theme, a person and a tag with the live Backtrace
list, and carry words of their own in every field. The whole public site is then crawled: every
link from the home page, every film, person, theme and tag page, every feed, every sitemap
section, searches for those words. None of the words may appear anywhere.
"""

import datetime
import re
from urllib.parse import urljoin, urlsplit

import pytest
from django.utils import timezone

from recommendations.models import Article, Entry, Film, FormerSlug, Person, Theme

from .factories import make_film

SECRET_WORDS = ["quokka", "wombat"]
# What the hidden lists wrote, in their titles, addresses, intros, blurbs and tags. A search page
# may say the word itself back ("no results for quokka"); never any of these.
SECRETS = [
    phrase.format(word)
    for word in SECRET_WORDS
    for phrase in ("the {} countdown", "{}-countdown", "{} intro", "{} blurb", "{}-tag", "{}-old-address")
]
NEVER_CRAWLED = ("/admin/", "/preview/", "/media/", "/static/")
MAX_PAGES = 600
LINK = re.compile(r"""(?:href|src)="([^"#]+)|<loc>([^<]+)</loc>|<link>([^<]+)</link>""")


def unpublished_list(word, status, published_at, author=None):
    """A list with `word` in its title, slug, intro, blurbs and tag; entries on films Backtrace recommends too."""
    # Films are public whatever lists they are in: their names carry none of the list's words.
    subject = make_film()
    article = Article.objects.create(
        title=f"Movies Like {subject.title}: the {word} countdown",
        slug=f"{word}-countdown",
        subject=subject,
        intro=f"The {word} intro nobody may read yet.",
        status=status,
        published_at=published_at,
        author=author,
    )
    shared_films = [Film.objects.get(slug="memento-2000"), Film.objects.get(slug="escape-plan-2013")]
    own_film = make_film()
    for rank, film in enumerate([*shared_films, own_film], start=1):
        entry = Entry.objects.create(article=article, rank=rank, film=film, blurb=f"The {word} blurb for #{rank}.")
        entry.themes.add(Theme.objects.get(slug="heist"))
        entry.people.add(Person.objects.get(slug="christopher-nolan"))
    article.tags.add(f"{word}-tag", "thriller")
    return article


@pytest.fixture
def hidden_lists(backtrace):
    draft = unpublished_list("quokka", Article.Status.DRAFT, None)
    scheduled = unpublished_list("wombat", Article.Status.PUBLISHED, timezone.now() + datetime.timedelta(days=2))
    # A list that was live under an old address and has since been taken off the site.
    FormerSlug.objects.create(article=draft, slug="quokka-old-address")
    return [draft, scheduled]


def starting_points():
    paths = ["/", "/themes/", "/feed/", "/feed/atom/", "/sitemap.xml", "/robots.txt"]
    paths += [film.get_absolute_url() for film in Film.objects.all()]
    paths += [person.get_absolute_url() for person in Person.objects.all()]
    paths += [theme.get_absolute_url() for theme in Theme.objects.all()]
    paths += [f"/themes/{theme.slug}/feed/" for theme in Theme.objects.all()]
    paths += [f"/people/{person.slug}/feed/atom/" for person in Person.objects.all()]
    paths += ["/tags/thriller/", "/tags/quokka-tag/", "/tags/wombat-tag/"]
    for word in [*SECRET_WORDS, "countdown", "film", "movies like"]:
        paths.append(f"/search/?q={word.replace(' ', '+')}")
    return paths


def crawl(client):
    """Every public page reachable from the starting points: {path: response}."""
    seen, queue = {}, starting_points()
    while queue and len(seen) < MAX_PAGES:
        path = queue.pop(0)
        if path in seen or path.startswith(NEVER_CRAWLED):
            continue
        response = client.get(path)
        seen[path] = response
        if response.status_code != 200:
            continue
        for match in LINK.finditer(response.content.decode()):
            link = next(group for group in match.groups() if group).replace("&amp;", "&")
            address = urlsplit(urljoin("http://testserver" + path, link))
            if address.netloc == "testserver":
                queue.append(address.path + (f"?{address.query}" if address.query else ""))
    assert len(seen) < MAX_PAGES, "The crawl did not finish"
    return seen


def test_no_public_page_shows_a_draft_or_a_scheduled_list_or_their_entries(client, hidden_lists):
    pages = crawl(client)

    assert len(pages) > 40
    assert not [path for path, response in pages.items() if response.status_code >= 500]
    leaks = {
        path: secret
        for path, response in pages.items()
        for secret in SECRETS
        if secret in response.content.decode().lower()
    }
    assert leaks == {}
    # The crawl reached what the hidden lists share with the live one.
    assert pages["/films/memento-2000/"].status_code == 200
    assert pages["/themes/heist/feed/"].status_code == 200
    assert "Movies Like Backtrace" in pages["/feed/"].content.decode()


def test_the_hidden_lists_own_addresses_are_not_found(client, hidden_lists):
    for article in hidden_lists:
        assert client.get(article.get_absolute_url()).status_code == 404
        assert client.get(article.get_absolute_url() + "?order=top").status_code == 404
    assert client.get("/lists/quokka-old-address/").status_code == 404
    # Tags only the hidden lists carry are theirs to reveal.
    assert client.get("/tags/quokka-tag/").status_code == 404
    assert client.get("/tags/wombat-tag/").status_code == 404


def test_a_film_page_shows_only_the_live_lists_it_is_in(client, hidden_lists):
    page = client.get("/films/memento-2000/").content.decode()

    assert "Movies Like Backtrace" in page
    assert "countdown</a>" not in page.lower()


def test_a_scheduled_list_appears_everywhere_at_its_time(client, hidden_lists):
    from time_machine import travel

    with travel(timezone.now() + datetime.timedelta(days=3)):
        assert client.get("/lists/wombat-countdown/").status_code == 200
        assert "wombat" in client.get("/films/memento-2000/").content.decode().lower()
        assert "wombat" in client.get("/feed/").content.decode().lower()
        assert "wombat" in client.get("/search/?q=wombat").content.decode().lower()
        assert client.get("/tags/wombat-tag/").status_code == 200
        # The draft stays hidden.
        assert client.get("/lists/quokka-countdown/").status_code == 404
