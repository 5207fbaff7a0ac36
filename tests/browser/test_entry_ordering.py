"""An editor orders a list's entries: buttons that say which way they move in the countdown, dragging, typed
numbers that take a place, Renumber 1..N, and new entries at the next number up; readers see the new countdown."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from recommendations.admin_entries import word_count

from ..factories import make_film
from .helpers import choose_film, describe, sign_in

pytestmark = pytest.mark.browser


def change_path(article):
    return f"/admin/recommendations/article/{article.pk}/change/"


def rows(page):
    return page.locator("#entries-group .inline-related:not(.empty-form)")


def entry(page, film):
    """The entry of the entries inline holding one film."""
    return rows(page).filter(has=page.locator("select[name$='-film'] option:checked", has_text=film))


def ranks_on_page(page):
    """The rank inputs' values, top of the page first."""
    inputs = page.locator("#entries-group .inline-related:not(.empty-form) input[name$='-rank']")
    return inputs.evaluate_all("inputs => inputs.map((input) => input.value)")


def status(page):
    return page.locator("#entries-status")


def test_editor_reorders_a_list_with_the_buttons_and_readers_see_the_new_countdown(
    page, live_server, editor, backtrace
):
    heat = make_film("Heat", 1995)
    sign_in(page, live_server, editor, change_path(backtrace))

    # Memento climbs away from #1 to #3, with a mouse.
    page.get_by_role("button", name="Move Memento (2000) away from #1").click()
    page.get_by_role("button", name="Move Memento (2000) away from #1").click()
    expect(status(page)).to_have_text("Moved Memento (2000) away from #1, now #3 of 6.")
    # Escape Plan drops one place toward #1, from the keyboard; the focus stays on the button.
    toward = page.get_by_role("button", name="Move Escape Plan (2013) toward #1")
    toward.focus()
    page.keyboard.press("Enter")
    expect(toward).to_be_focused()
    expect(status(page)).to_have_text("Moved Escape Plan (2013) toward #1, now #5 of 6.")
    expect(page.get_by_role("button", name="Move Dragged Across Concrete (2019) away from #1")).to_be_disabled()
    expect(page.get_by_role("button", name="Move 211 (2018) toward #1")).to_be_disabled()
    assert ranks_on_page(page) == ["", "6", "5", "4", "3", "2", "1"]

    # Heat goes into the blank spare row at the top, with the next number up, then toward #1 to #3.
    spare = page.locator("#entries-6")
    choose_film(page, spare, "Heat (1995)")
    expect(spare.locator("input[name$='-rank']")).to_have_value("7")
    blurb = "The heist film every other one answers to — Mann’s [best](https://example.com/heat)."
    spare.locator("textarea[name$='-blurb']").fill(blurb)
    expect(spare.locator(".entry-word-count")).to_have_text(f"{word_count(blurb)} words")
    for _ in range(4):
        page.get_by_role("button", name="Move Heat (1995) toward #1").click()
    expect(status(page)).to_have_text("Moved Heat (1995) toward #1, now #3 of 7.")
    # A new entry starts at the next number up; added and removed again, Django renumbers the forms.
    page.get_by_role("button", name="Add an entry").click()
    expect(page.locator("#entries-7 input[name$='-rank']")).to_have_value("8")
    page.locator("#entries-7").get_by_role("button", name="Remove").click()
    expect(rows(page)).to_have_count(7)
    assert ranks_on_page(page) == ["7", "6", "5", "4", "3", "2", "1"]

    violations = Axe().run(page, context={"include": [["#entries-group .entry-bar"]]}).response["violations"]
    assert len(violations) == 0, describe(violations)

    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("is saved, and the changes are live")

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


def test_dragging_an_entry_by_its_bar_moves_it_and_renumbers_the_list(page, live_server, editor, backtrace):
    sign_in(page, live_server, editor, change_path(backtrace))

    entry(page, "Memento (2000)").locator(".entry-bar").drag_to(entry(page, "Escape Plan (2013)").locator(".entry-bar"))

    expect(status(page)).to_have_text("Moved Memento (2000) to #6 of 6.")
    page.get_by_role("button", name="Save", exact=True).click()
    page.goto(live_server.url + backtrace.get_absolute_url())
    expect(page.locator(".entry-title")).to_have_text(
        [
            "6. Memento (2000)",
            "5. Escape Plan (2013)",
            "4. Dragged Across Concrete (2019)",
            "3. American Heist (2014)",
            "2. Out of Death (2021)",
            "1. 211 (2018)",
        ]
    )


def test_a_number_typed_onto_a_taken_one_takes_it_and_the_rest_move_along(page, live_server, editor, backtrace):
    sign_in(page, live_server, editor, change_path(backtrace))
    escape_plan = entry(page, "Escape Plan (2013)")
    escape_plan.locator(".entry-toggle").click()

    escape_plan.locator("input[name$='-rank']").fill("2")
    escape_plan.locator("input[name$='-rank']").press("Tab")

    expect(status(page)).to_have_text(
        "Escape Plan (2013) is now #2. To make room, moved along: 211 (2018) #2 → #3, Out of Death (2021) #3 → #4, "
        "American Heist (2014) #4 → #5, Dragged Across Concrete (2019) #5 → #6."
    )
    headings = page.locator("#entries-group .inline-related:not(.empty-form) .entry-summary")
    expect(headings.filter(has_text="#2 ·")).to_have_count(1)
    assert ranks_on_page(page) == ["", "6", "5", "4", "3", "2", "1"]
    expect(rows(page).nth(5)).to_contain_text("Escape Plan (2013)")


def test_renumber_closes_the_gaps_at_once(page, live_server, editor, backtrace):
    backtrace.entries.filter(rank=6).update(rank=16)
    backtrace.entries.filter(rank=5).update(rank=11)
    sign_in(page, live_server, editor, change_path(backtrace))
    expect(page.get_by_role("button", name="Renumber 1..N and save")).to_be_hidden()

    page.get_by_role("button", name="Renumber 1..N", exact=True).click()

    expect(status(page)).to_have_text(
        "Numbered 1 to 6 in the order shown: Escape Plan (2013) #16 → #6, Dragged Across Concrete (2019) #11 → #5. "
        "Save to keep it."
    )
    assert ranks_on_page(page) == ["", "6", "5", "4", "3", "2", "1"]
