"""Seen-it marks kept in the browser only, and the copy-link button, in Chromium."""

import pytest
from playwright.sync_api import expect

from ..page_parts import BACKTRACE_COUNTDOWN

pytestmark = pytest.mark.browser

LIST = "/lists/movies-like-backtrace/"


def test_seen_marks_count_progress_survive_a_reload_and_send_nothing(page, live_server, backtrace):
    page.goto(live_server.url + LIST)
    progress = page.locator("[data-seen-progress]")
    expect(progress).to_have_text("0 of 6 seen")
    sent = []
    # Posters scrolled into view load lazily; anything else would be the marks leaving the browser.
    page.on("request", lambda request: request.resource_type != "image" and sent.append(request.url))

    for film in ["memento-2000", "escape-plan-2013", "out-of-death-2021"]:
        page.locator(f"#{film}").get_by_role("button", name="Seen it").click()

    expect(progress).to_have_text("3 of 6 seen")
    expect(page.locator("#memento-2000").get_by_role("button", name="Seen it ✓")).to_have_attribute(
        "aria-pressed", "true"
    )
    assert sent == []
    assert page.context.cookies() == []

    page.reload()
    expect(progress).to_have_text("3 of 6 seen")
    page.locator("#memento-2000").get_by_role("button").click()
    expect(progress).to_have_text("2 of 6 seen")


def test_without_script_the_list_reads_the_same_and_shows_no_marks(browser, live_server, backtrace):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(live_server.url + LIST)

        headings = [" ".join(text.split()) for text in page.locator("h2.entry-title").all_inner_texts()]
        assert headings == BACKTRACE_COUNTDOWN
        expect(page.get_by_role("button", name="Seen it")).to_have_count(0)
        expect(page.locator("[data-seen-progress]")).to_be_hidden()
        expect(page.get_by_role("link", name=f"{live_server.url}{LIST}")).to_be_visible()
    finally:
        context.close()


def test_copy_link_puts_the_address_on_the_clipboard(browser, live_server, backtrace):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    try:
        page = context.new_page()
        page.goto(live_server.url + LIST)

        page.get_by_role("button", name="Copy link").click()

        expect(page.locator("[data-copy-status]")).to_have_text("Link copied.")
        assert page.evaluate("navigator.clipboard.readText()") == f"{live_server.url}{LIST}"
    finally:
        context.close()
