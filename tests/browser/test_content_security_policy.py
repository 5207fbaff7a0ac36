"""The Content-Security-Policy leaves every page working: no inline script or style is needed anywhere.

Every browser test fails on what the policy blocks (the `page` fixture reads Chromium's console);
these visit what the others do not: the admin's date and time pickers, the share-link box, the
changelists and the sign-in page of a locked-out editor.
"""

import pytest
from playwright.sync_api import expect

from .helpers import sign_in

pytestmark = pytest.mark.browser


def test_the_date_pickers_and_share_link_box_work_under_the_policy(page, live_server, editor, backtrace):
    change_path = f"/admin/recommendations/article/{backtrace.pk}/change/"
    sign_in(page, live_server, editor, change_path)

    response = page.goto(f"{live_server.url}{change_path}")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.get_by_role("link", name="Choose a Date").click()
    expect(page.locator(".calendarbox")).to_be_visible()
    page.locator(".calendarbox").get_by_role("link", name="Today").click()
    page.locator(".field-published_at").get_by_role("link", name="Now").click()
    expect(page.locator("#id_published_at_1")).not_to_have_value("")
    expect(page.get_by_label("Preview link:")).to_have_attribute("readonly", "")
    # The box is styled by its stylesheet, which the policy allows: it is wider than an unstyled input.
    assert page.get_by_label("Preview link:").bounding_box()["width"] > 300

    for changelist in ("article", "film", "person", "theme"):
        page.goto(f"{live_server.url}/admin/recommendations/{changelist}/")
        expect(page.locator("#changelist")).to_be_visible()


def test_a_locked_out_editor_reads_why_on_the_sign_in_page(page, live_server, editor):
    page.goto(f"{live_server.url}/admin/login/")
    for _ in range(5):
        page.get_by_label("Username").fill(editor.username)
        page.get_by_label("Password").fill("wrong")
        page.get_by_role("button", name="Log in").click()

    expect(page.locator(".errornote")).to_contain_text("Too many failed sign-in attempts for this username")
    expect(page.get_by_label("Username")).to_have_value(editor.username)
