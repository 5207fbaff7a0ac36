"""axe-core, run inside Chromium, finds nothing to fix on any kind of reader page, on a phone or a desktop."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from .helpers import DESKTOP, PHONE, describe

pytestmark = pytest.mark.browser

PAGES = [
    pytest.param("/", 200, id="home"),
    pytest.param("/lists/movies-like-backtrace/", 200, id="list"),
    pytest.param("/films/memento-2000/", 200, id="film"),
    pytest.param("/people/christopher-nolan/", 200, id="person"),
    pytest.param("/themes/memory-loss/", 200, id="theme"),
    pytest.param("/search/?q=backtrace", 200, id="search"),
    pytest.param("/lists/no-such-list/", 404, id="not-found"),
]

WIDTHS = [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")]

axe = Axe()


@pytest.mark.parametrize("viewport", WIDTHS)
@pytest.mark.parametrize("path, status", PAGES)
def test_axe_finds_no_violations(page, live_server, backtrace, path, status, viewport):
    page.set_viewport_size(viewport)

    response = page.goto(live_server.url + path)

    assert response.status == status
    violations = axe.run(page).response["violations"]
    assert len(violations) == 0, describe(violations)
