"""Previews in Chromium: the banner passes axe in light and dark, and the admin's Preview button opens a new tab."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from recommendations import previews
from recommendations.models import Article

from .helpers import DESKTOP, PHONE, describe, save_artifact, wait_for_autosave

pytestmark = pytest.mark.browser

axe = Axe()


@pytest.fixture
def draft_link(live_server, backtrace):
    Article.objects.filter(pk=backtrace.pk).update(status=Article.Status.DRAFT)
    token = previews.make_token(Article.objects.get(pk=backtrace.pk))
    return f"{live_server.url}/preview/{token}/"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")])
def test_shared_preview_passes_axe_with_a_visible_banner(browser, draft_link, scheme, viewport):
    context = browser.new_context(viewport=viewport, color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    try:
        response = page.goto(draft_link)

        assert response.status == 200
        banner = page.get_by_role("region", name="Preview — not published")
        assert banner.is_visible()
        violations = axe.run(page).response["violations"]
        assert len(violations) == 0, describe(violations)
        save_artifact(f"preview-{scheme}-{viewport['width']}.png", page.screenshot())
    finally:
        context.close()


def test_a_revoked_link_page_passes_axe(page, live_server, backtrace):
    token = previews.make_token(backtrace)
    previews.revoke_links(backtrace)

    response = page.goto(f"{live_server.url}/preview/{token}/")

    assert response.status == 410
    assert page.get_by_role("heading", level=1).inner_text() == "This preview link has been revoked"
    violations = axe.run(page).response["violations"]
    assert len(violations) == 0, describe(violations)


def test_the_preview_button_opens_the_unsaved_list_in_a_new_tab(page, live_server, backtrace, django_user_model):
    django_user_model.objects.create_superuser("chief", "chief@example.com", "correct horse")
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{live_server.url}/admin/recommendations/article/{backtrace.pk}/change/")
    page.get_by_label("Intro").fill("An intro typed a moment ago.")

    with page.context.expect_page() as new_tab:
        page.get_by_role("button", name="Preview", exact=True).click()
    preview = new_tab.value
    preview.wait_for_load_state()

    assert preview.get_by_role("region", name="Preview — not published").is_visible()
    assert "An intro typed a moment ago." in preview.locator(".intro").inner_text()
    assert page.get_by_label("Intro").input_value() == "An intro typed a moment ago."
    save_artifact("preview-admin-share.png", page.locator("#share-preview").screenshot())
    backtrace.refresh_from_db()
    assert backtrace.intro != "An intro typed a moment ago."
    wait_for_autosave(page)
