"""The preview panel beside a list's form, in Chromium: it follows the typing, saves nothing, changes width, shows
errors in the form, and passes axe open at phone and desktop widths."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from recommendations.models import Article, Film

from .helpers import DESKTOP, PHONE, describe, opened_entry, save_artifact, sign_in, wait_for_autosave

pytestmark = pytest.mark.browser

axe = Axe()


def open_panel(page, live_server, editor, article):
    change_page = f"/admin/recommendations/article/{article.pk}/change/"
    sign_in(page, live_server, editor, change_page)
    page.get_by_role("button", name="Show preview beside the form").click()
    panel = page.get_by_role("complementary", name="Preview")
    expect(panel).to_be_visible()
    frame = page.frame_locator("[data-preview-frame]")
    expect(frame.get_by_role("heading", level=1)).to_have_text(article.title)
    return panel, frame


def test_typing_in_the_intro_shows_in_the_panel_within_two_seconds_and_saves_nothing(
    page, live_server, editor, backtrace
):
    before = Article.objects.get(pk=backtrace.pk)
    panel, frame = open_panel(page, live_server, editor, backtrace)

    intro = page.get_by_label("Intro:")
    intro.click()
    intro.press("Control+End")
    intro.press_sequentially(" Typed a moment ago.", delay=20)

    expect(frame.locator(".intro")).to_contain_text("Typed a moment ago.", timeout=2_000)
    expect(panel.locator("[data-preview-status]")).to_contain_text("Preview updated at")
    after = Article.objects.get(pk=backtrace.pk)
    assert (after.intro, after.edit_version, after.updated_at) == (before.intro, before.edit_version, before.updated_at)
    assert intro.input_value().endswith("Typed a moment ago.")
    wait_for_autosave(page)


def test_the_panel_switches_between_phone_and_desktop_widths_and_closes(page, live_server, editor, backtrace):
    panel, _frame = open_panel(page, live_server, editor, backtrace)
    frame = page.locator("[data-preview-frame]")

    panel.get_by_role("button", name="Phone").click()
    assert frame.evaluate("element => element.style.width") == "390px"
    expect(panel.get_by_role("button", name="Phone")).to_have_attribute("aria-pressed", "true")
    panel.get_by_role("button", name="Desktop").click()
    assert frame.evaluate("element => element.style.width") == "1280px"
    # Wider than the panel: laid out at 1280 px and scaled down to fit.
    assert frame.evaluate("element => element.style.transform").startswith("scale(0.")

    panel.get_by_role("button", name="Close preview").click()
    expect(panel).to_be_hidden()
    expect(page.get_by_role("button", name="Show preview beside the form")).to_be_focused()


def test_with_an_error_in_the_form_the_panel_shows_the_rest_and_the_error_sits_by_its_field(
    page, live_server, editor, backtrace
):
    _panel, frame = open_panel(page, live_server, editor, backtrace)
    memento = opened_entry(page, Film.objects.get(slug="memento-2000"))
    memento_rank = memento.locator("input[name$='-rank']")

    memento_rank.fill("0")
    memento_rank.dispatch_event("input")

    expect(memento.locator(".field-rank .preview-errorlist")).to_contain_text("greater than or equal to 1")
    expect(frame.locator(".preview-problems")).to_contain_text("greater than or equal to 1")
    expect(frame.get_by_role("heading", level=1)).to_have_text(backtrace.title)
    assert page.locator(f"#{Article._meta.model_name}_form").count() == 1
    wait_for_autosave(page)


@pytest.mark.parametrize("viewport", [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")])
def test_the_open_panel_passes_axe(page, live_server, editor, backtrace, viewport):
    page.set_viewport_size(viewport)
    open_panel(page, live_server, editor, backtrace)

    # The page around the list's form (the form's own fields are the admin's and issue #13's), and the
    # page shown in the panel.
    violations = axe.run(page, context={"exclude": [["#article_form"]]}).response["violations"]
    violations += axe.run(page.frame(name="preview-panel-frame")).response["violations"]

    save_artifact(f"preview-panel-{viewport['width']}.png", page.screenshot())
    assert len(violations) == 0, describe(violations)


def test_the_share_link_sits_at_the_top_and_copies_in_one_click(page, live_server, editor, backtrace):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in(page, live_server, editor, f"/admin/recommendations/article/{backtrace.pk}/change/")
    share = page.get_by_role("region", name="Share a preview")
    link = share.get_by_label("Preview link:").input_value()

    share.get_by_role("button", name="Copy link").click()

    expect(share.locator("#share-preview-copied")).to_contain_text("Link copied.")
    assert page.evaluate("navigator.clipboard.readText()") == link
    assert share.bounding_box()["y"] < page.get_by_label("Title:").bounding_box()["y"]
    expect(share).to_contain_text("until")
    expect(share.get_by_role("button", name="Revoke all preview links")).to_be_visible()
