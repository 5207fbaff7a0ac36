"""
Browser tests: Playwright for Python driving Debian's Chromium against pytest-django's live_server.

Playwright never downloads a browser here; it launches the system one at CHROMIUM (`.ci/run`
installs it with apt-get). Without it every browser test skips and says how to get it.

Playwright's sync API keeps an asyncio event loop running in the test thread from the moment
it starts, and Django refuses ORM calls from a thread with a running loop. The `browser`
fixture therefore sets DJANGO_ALLOW_ASYNC_UNSAFE while it is alive, and the browser tests are
moved to the end of the run so no other test ever runs beside that loop or with the check off.
"""

import os
import threading
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from .helpers import ARTIFACTS, DESKTOP

CHROMIUM = Path("/usr/bin/chromium")
LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


failed_in_call = pytest.StashKey[bool]()


def pytest_collection_modifyitems(config, items):
    """Run the browser tests last, after every test that needs Django's async-safety check on."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is not None)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash[failed_in_call] = report.failed
    return report


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium not found at {CHROMIUM}: apt-get install chromium to run the browser tests")
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
            yield chromium
            chromium.close()
    finally:
        if previous is None:
            del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page(request, browser):
    """A fresh page at desktop width; a failing test leaves a screenshot in test-artifacts/."""
    context = browser.new_context(viewport=DESKTOP, color_scheme="light", reduced_motion="reduce")
    page = context.new_page()
    page.set_default_timeout(10_000)
    # Whatever the site's Content-Security-Policy blocks, Chromium reports on the console.
    refused = []
    # Scripts a test evaluates itself (axe-core, which adds a <style> while it checks) have no URL.
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text
            and message.location.get("url")
            and refused.append(f"{page.url}: {message.text} {message.location}")
        ),
    )
    in_flight = set()
    context.on("request", lambda sent: in_flight.add(sent))
    context.on("requestfinished", lambda answered: in_flight.discard(answered))
    context.on("requestfailed", lambda failed: in_flight.discard(failed))
    yield page
    if request.node.stash.get(failed_in_call, False) and not page.is_closed():
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=ARTIFACTS / f"failed-{safe_name(request.node.name)}.png", full_page=True)
    settle(context, in_flight)
    if not request.node.stash.get(failed_in_call, True):
        assert refused == [], "The Content-Security-Policy blocked something this test's pages use"


def settle(context, in_flight):
    """Close the context once the live server has answered what its pages asked for."""
    context.route("**/*", lambda route: route.abort())
    open_pages = [page for page in context.pages if not page.is_closed()]
    for _ in range(100 if open_pages else 0):
        if not in_flight:
            break
        open_pages[0].wait_for_timeout(50)
    context.close()


class Door:
    """The live server's application, behind a door that is shut between tests.

    The live server shares the test's database, which is flushed as soon as the test ends. Pages
    fetch on timers (the preview panel, autosave), and a closing page sends autosave's beacon
    on pagehide, which can reach the server after the browser has gone: with the door shut it is
    turned away before it touches the database, and the flush waits for requests already inside.
    """

    def __init__(self, app):
        self.app = app
        self.open = True
        self.inside = 0
        self.changed = threading.Condition()

    def __call__(self, environ, start_response):
        with self.changed:
            if not self.open:
                start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                return [b"Between tests."]
            self.inside += 1
        try:
            answer = self.app(environ, start_response)
            try:
                return list(answer)  # the whole body now, so that the request is over when this returns
            finally:
                if hasattr(answer, "close"):
                    answer.close()
        finally:
            with self.changed:
                self.inside -= 1
                self.changed.notify_all()

    def shut(self, timeout=30):
        with self.changed:
            self.open = False
            if not self.changed.wait_for(lambda: self.inside == 0, timeout):
                raise AssertionError(f"The live server was still answering {self.inside} request(s) after {timeout} s")

    def reopen(self):
        with self.changed:
            self.open = True


@pytest.fixture(autouse=True)
def live_server_door(request):
    """Shut the live server's door (Door) when a browser test ends, before its database is flushed."""
    if "live_server" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("transactional_db")  # so that its flush comes after this fixture's teardown
    server = request.getfixturevalue("live_server").thread.httpd
    door = server.get_app()
    if not isinstance(door, Door):
        door = Door(door)
        server.set_app(door)
    door.reopen()
    yield
    door.shut()


def safe_name(name):
    return "".join(c if c.isalnum() or c in "-_." else "-" for c in name)
