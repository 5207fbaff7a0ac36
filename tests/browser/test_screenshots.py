"""
The Backtrace list as a reader first sees it, on a phone and on a desktop.

Each run saves the screenshots to test-artifacts/ (git-ignored). `make screenshots` (which sets
SAVE_SCREENSHOTS=1) also writes them to docs/screenshots/, which README.md shows: run it and
commit those files when the look of the page changes.
"""

import os
import struct
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.conf import settings

from .helpers import DESKTOP, PHONE, REPO, save_artifact

pytestmark = pytest.mark.browser

DOCS = REPO / "docs" / "screenshots"


def png_size(data):
    """Width and height from a PNG's header."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def serve_media_from_disk(page, live_server):
    """Posters as a deployed site serves them: the test server has no media route (see moviesite/urls.py)."""
    prefix = "/" + settings.MEDIA_URL.strip("/") + "/"

    def fulfil(route):
        file = Path(settings.MEDIA_ROOT) / unquote(urlsplit(route.request.url).path).removeprefix(prefix)
        if file.is_file():
            route.fulfill(path=str(file))
        else:
            route.fulfill(status=404)

    page.route(f"{live_server.url}{prefix}**", fulfil)


@pytest.mark.parametrize("name, viewport", [("phone", PHONE), ("desktop", DESKTOP)])
def test_list_page_screenshot(page, live_server, backtrace, name, viewport):
    serve_media_from_disk(page, live_server)
    page.set_viewport_size(viewport)
    page.goto(live_server.url + backtrace.get_absolute_url())
    page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")

    png = page.screenshot()

    assert png_size(png) == (viewport["width"], viewport["height"])
    save_artifact(f"list-{name}.png", png)
    if os.environ.get("SAVE_SCREENSHOTS") == "1":
        DOCS.mkdir(parents=True, exist_ok=True)
        (DOCS / f"list-{name}.png").write_bytes(png)
