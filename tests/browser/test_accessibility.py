"""axe-core, run inside Chromium, finds nothing to fix on any kind of reader page, on two phones and a desktop,
and no page scrolls sideways."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .helpers import DESKTOP, PHONE, SMALL_PHONE, describe

pytestmark = pytest.mark.browser

PAGES = [
    pytest.param("/", 200, id="home"),
    pytest.param("/lists/movies-like-backtrace/", 200, id="list"),
    pytest.param("/films/memento-2000/", 200, id="film"),
    pytest.param("/people/christopher-nolan/", 200, id="person"),
    pytest.param("/themes/memory-loss/", 200, id="theme"),
    pytest.param("/search/?q=backtrace", 200, id="search"),
    pytest.param("/search/?q=mementoo", 200, id="search-typo"),
    pytest.param("/search/?q=anterograde+amnesia", 200, id="search-prose"),
    pytest.param("/lists/movies-like-backtrace/?region=US&service=netflix", 200, id="list-service"),
    pytest.param("/lists/", 200, id="lists"),
    pytest.param("/lists/?tag=thriller&decade=2020s", 200, id="lists-filtered"),
    pytest.param("/films/", 200, id="films"),
    pytest.param("/people/?letter=s", 200, id="people"),
    pytest.param("/tags/", 200, id="tags"),
    pytest.param("/themes/", 200, id="themes"),
    pytest.param("/tags/thriller/", 200, id="tag"),
    pytest.param("/authors/film-desk/", 200, id="author"),
    pytest.param("/lists/no-such-list/", 404, id="not-found"),
]

WIDTHS = [pytest.param(SMALL_PHONE, id="360"), pytest.param(PHONE, id="390"), pytest.param(DESKTOP, id="1280")]

axe = Axe()


@pytest.mark.parametrize("viewport", WIDTHS)
@pytest.mark.parametrize("path, status", PAGES)
def test_axe_finds_no_violations(page, live_server, backtrace, path, status, viewport):
    page.set_viewport_size(viewport)

    response = page.goto(live_server.url + path)

    assert response.status == status
    violations = axe.run(page).response["violations"]
    assert len(violations) == 0, describe(violations)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
