"""An editor reorders a list with Move up/Move down, adds an entry mid-list, and readers see the new countdown."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from recommendations.admin_entries import word_count

from ..factories import make_film
from .helpers import choose_film, describe, sign_in

pytestmark = pytest.mark.browser


def entry(page, film):
    """The block of the entries inline holding one film."""
    return page.locator("#entries-group .inline-related:not(.empty-form)").filter(
        has=page.locator("select[name$='-film'] option[selected]", has_text=film)
    )


def ranks_on_page(page):
    """The rank inputs' values, top of the page first."""
    inputs = page.locator("#entries-group .inline-related:not(.empty-form) input[name$='-rank']")
    return inputs.evaluate_all("inputs => inputs.map((input) => input.value)")


def test_editor_reorders_a_list_with_the_buttons_and_readers_see_the_new_countdown(
    page, live_server, editor, backtrace
):
    heat = make_film("Heat", 1995)
    change_path = f"/admin/recommendations/article/{backtrace.pk}/change/"
    sign_in(page, live_server, editor, change_path)
    status = page.get_by_role("status")

    # Memento climbs from #1 to #3, with a mouse.
    page.get_by_role("button", name="Move up: Memento (2000)").click()
    page.get_by_role("button", name="Move up: Memento (2000)").click()
    expect(status).to_have_text("Moved Memento (2000) up, now #3 of 6.")
    # Escape Plan drops one place, from the keyboard; the focus stays on the button.
    move_down = page.get_by_role("button", name="Move down: Escape Plan (2013)")
    move_down.focus()
    page.keyboard.press("Enter")
    expect(move_down).to_be_focused()
    expect(status).to_have_text("Moved Escape Plan (2013) down, now #5 of 6.")
    expect(page.get_by_role("button", name="Move up: Dragged Across Concrete (2019)")).to_be_disabled()
    assert ranks_on_page(page) == ["6", "5", "4", "3", "2", "1", ""]

    # Heat goes into the blank form below #1, then up above 211 and Out of Death.
    new_entry = page.locator("#entries-6")
    choose_film(page, new_entry, "Heat (1995)")
    blurb = "The heist film every other one answers to — Mann’s [best](https://example.com/heat)."
    new_entry.locator("textarea[name$='-blurb']").fill(blurb)
    expect(new_entry.locator(".entry-word-count")).to_have_text(f"{word_count(blurb)} words")
    for _ in range(2):
        page.get_by_role("button", name="Move up: Heat (1995)").click()
    expect(status).to_have_text("Moved Heat (1995) up, now #3 of 7.")
    # A blank form added and removed again: Django renumbers the forms, saved ones must stay first.
    page.get_by_role("button", name="Add another Entry").click()
    page.locator("#entries-group .inline-related:not(.empty-form)").last.get_by_role("button", name="Remove").click()
    expect(page.locator("#entries-group .inline-related:not(.empty-form)")).to_have_count(7)
    assert ranks_on_page(page) == ["7", "6", "5", "4", "3", "2", "1"]

    violations = Axe().run(page, context={"include": [["#entries-group .entry-order"]]}).response["violations"]
    assert len(violations) == 0, describe(violations)

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    page.goto(live_server.url + backtrace.get_absolute_url())
    expect(page.locator(".entry-title")).to_have_text(
        [
            "7. Dragged Across Concrete (2019)",
            "6. Escape Plan (2013)",
            "5. American Heist (2014)",
            "4. Memento (2000)",
            "3. Heat (1995)",
            "2. Out of Death (2021)",
            "1. 211 (2018)",
        ]
    )
    assert heat.entries.get().blurb == blurb
