"""A reader clicks their way from the home page to a second list, through a film, a person and a theme."""

import datetime

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from recommendations.models import Article, Entry, Film, Theme

from ..factories import make_film

pytestmark = pytest.mark.browser


@pytest.fixture
def memento_list(backtrace):
    """A second published list, sharing the theme “memory loss” with Memento's entry in the Backtrace list."""
    article = Article.objects.create(
        title="Movies Like Memento",
        slug="movies-like-memento",
        subject=Film.objects.get(slug="memento-2000"),
        intro="Films that make you piece the story together.",
        status=Article.Status.PUBLISHED,
        published_at=timezone.now() - datetime.timedelta(days=1),
    )
    entry = Entry.objects.create(
        article=article, rank=1, film=make_film("Shutter Island", 2010), blurb="A detective who cannot trust his mind."
    )
    entry.themes.add(Theme.objects.get(slug="memory-loss"))
    return article


def heading(page):
    return page.get_by_role("heading", level=1)


def test_home_to_list_to_film_to_person_to_theme_to_another_list(page, live_server, memento_list):
    page.goto(live_server.url + "/")
    expect(heading(page)).to_have_text("Movies like the ones you love")

    page.get_by_role("link", name="Movies Like Backtrace", exact=True).click()
    expect(page).to_have_url(live_server.url + "/lists/movies-like-backtrace/")
    expect(heading(page)).to_have_text("Movies Like Backtrace")

    page.get_by_role("link", name="Memento", exact=True).click()
    expect(page).to_have_url(live_server.url + "/films/memento-2000/")
    expect(heading(page)).to_have_text("Memento (2000)")

    # Christopher Nolan directed and wrote it: the first link is the director's credit.
    page.get_by_role("link", name="Christopher Nolan", exact=True).first.click()
    expect(page).to_have_url(live_server.url + "/people/christopher-nolan/")
    expect(heading(page)).to_have_text("Christopher Nolan")

    # A person page links no theme directly: the reader follows its mention of the
    # Backtrace list to Memento's entry there, and that entry's theme.
    page.get_by_role("link", name="#1 in Movies Like Backtrace", exact=True).first.click()
    expect(page).to_have_url(live_server.url + "/lists/movies-like-backtrace/#memento-2000")
    page.locator("#memento-2000").get_by_role("link", name="memory loss", exact=True).click()
    expect(page).to_have_url(live_server.url + "/themes/memory-loss/")
    expect(heading(page)).to_have_text("Memory loss")

    page.get_by_role("link", name="#1 in Movies Like Memento", exact=True).click()
    expect(page).to_have_url(live_server.url + "/lists/movies-like-memento/#shutter-island-2010")
    expect(heading(page)).to_have_text("Movies Like Memento")
    expect(page.locator("#shutter-island-2010").get_by_role("heading")).to_have_text("1. Shutter Island (2010)")
