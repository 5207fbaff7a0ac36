"""An editor's whole job in Chromium: write a list with autocomplete, reorder, preview, publish, read it live."""

import pytest
from playwright.sync_api import expect

from recommendations.models import Article

from .helpers import choose_film, sign_in

pytestmark = pytest.mark.browser


def choose_subject(page, title):
    page.locator(".field-subject .select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill(title.split(" (")[0])
    page.get_by_role("option", name=title).click()


def test_editor_creates_reorders_previews_and_publishes_a_list(page, live_server, editor, backtrace):
    sign_in(page, live_server, editor, "/admin/recommendations/article/add/")

    page.get_by_label("Title:").fill("Movies Like Memento")
    page.get_by_label("Title:").press("Tab")
    expect(page.get_by_label("Slug:")).to_have_value("movies-like-memento")
    choose_subject(page, "Memento (2000)")
    page.get_by_label("Intro:").fill("Leonard Shelby cannot make new memories. These films play with memory too.")

    # Each new entry takes the next number up: the first is #1, the last the top of the countdown.
    picks = [("Escape Plan (2013)", "A prison built to be inescapable."), ("211 (2018)", "A heist gone wrong.")]
    picks.append(("Backtrace (2022)", "A bank robber with dementia."))
    for index, (film, blurb) in enumerate(picks):
        if index:
            page.get_by_role("button", name="Add an entry").click()
        row = page.locator(f"#entries-{index}")
        choose_film(page, row, film)
        expect(row.locator("input[name$='-rank']")).to_have_value(str(index + 1))
        row.locator("textarea[name$='-blurb']").fill(blurb)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("“Movies Like Memento” is saved as a draft")

    # Backtrace drops to the top pick.
    page.get_by_role("button", name="Move Backtrace (2022) toward #1").click()
    page.get_by_role("button", name="Move Backtrace (2022) toward #1").click()
    expect(page.locator("#entries-status")).to_have_text("Moved Backtrace (2022) toward #1, now #1 of 3.")

    with page.context.expect_page() as new_tab:
        page.get_by_role("button", name="Preview", exact=True).click()
    preview = new_tab.value
    expect(preview.get_by_role("region", name="Preview — not published")).to_be_visible()
    expect(preview.locator(".entry-title")).to_have_text(
        ["3. 211 (2018)", "2. Escape Plan (2013)", "1. Backtrace (2022)"]
    )
    preview.close()
    assert Article.objects.get(slug="movies-like-memento").status == Article.Status.DRAFT

    page.get_by_label("Status:").select_option("published")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("“Movies Like Memento” is published: live since")

    page.goto(f"{live_server.url}/lists/movies-like-memento/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Movies Like Memento")
    expect(page.locator(".entry-title")).to_have_text(["3. 211 (2018)", "2. Escape Plan (2013)", "1. Backtrace (2022)"])
    expect(page.get_by_text("A bank robber with dementia.")).to_be_visible()
