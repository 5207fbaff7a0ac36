"""One test for each bug of the issue's “Bugs seen” list, in the browser where each was seen."""

import pytest
from playwright.sync_api import expect

from recommendations.models import Article, Film

from ..factories import make_film
from .helpers import DESKTOP, choose_film, sign_in, wait_for_autosave

pytestmark = pytest.mark.browser

# The size of the window Django's admin opens its "+" popups in (RelatedObjectLookups.js).
POPUP = {"width": 800, "height": 500}


def change_path(article):
    return f"/admin/recommendations/article/{article.pk}/change/"


def rows(page):
    return page.locator("#entries-group .inline-related:not(.empty-form)")


@pytest.fixture
def draft(backtrace):
    Article.objects.filter(pk=backtrace.pk).update(status=Article.Status.DRAFT)
    return Article.objects.get(pk=backtrace.pk)


def test_the_suggested_entries_heading_is_one_line_high_not_the_whole_form(page, live_server, editor, draft):
    sign_in(page, live_server, editor, change_path(draft))

    heading = page.get_by_role("heading", name="Suggested entries: films like Backtrace (2022)")

    expect(heading).to_be_visible()
    assert heading.bounding_box()["height"] < 60
    form_bottom = page.locator("#article_form").bounding_box()
    assert heading.bounding_box()["y"] >= form_bottom["y"] + form_bottom["height"]


def test_the_button_that_moves_1_toward_1_is_off_and_a_move_changes_the_numbers(page, live_server, editor, draft):
    sign_in(page, live_server, editor, change_path(draft))

    expect(page.get_by_role("button", name="Move Memento (2000) toward #1")).to_be_disabled()
    page.get_by_role("button", name="Move 211 (2018) toward #1").click()

    memento, two_eleven = (rows(page).filter(has_text=film) for film in ("Memento (2000)", "211 (2018)"))
    expect(memento.locator("input[name$='-rank']")).to_have_value("2")
    expect(two_eleven.locator("input[name$='-rank']")).to_have_value("1")
    expect(rows(page).last).to_contain_text("211 (2018)")
    expect(rows(page).first.locator("input[name$='-rank']")).to_have_value("")


def test_the_spare_row_carries_no_number_and_saves_with_the_next_one(page, live_server, editor, draft):
    heat = make_film("Heat", 1995)
    sign_in(page, live_server, editor, change_path(draft))
    spare = rows(page).first

    expect(spare.locator(".entry-summary")).to_have_text("New entry")
    expect(spare.locator("input[name$='-rank']")).to_have_value("")
    choose_film(page, spare, "Heat (1995)")
    page.get_by_role("button", name="Save and continue editing").click()

    expect(page.locator(".messagelist")).to_contain_text("Numbers: Heat (1995) new at #7.")
    expect(page.get_by_text("This field is required.")).to_have_count(0)
    assert heat.entries.get().rank == 7


def test_view_on_site_on_a_draft_opens_its_preview(page, live_server, editor, draft):
    sign_in(page, live_server, editor, change_path(draft))

    page.get_by_role("link", name="View on site").click()

    expect(page.get_by_role("region", name="Preview — not published")).to_contain_text("This draft as last saved.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Movies Like Backtrace")
    expect(page.locator(".entry-title").first).to_have_text("6. Escape Plan (2013)")


def test_the_web_address_hint_follows_the_slug(page, live_server, editor, backtrace):
    sign_in(page, live_server, editor, "/admin/recommendations/article/add/")
    hint = page.locator("#id_slug_helptext")

    expect(hint).to_contain_text("readers will find the list at /lists/ and this slug.")
    page.get_by_label("Title:").press_sequentially("Movies Like Memento")
    expect(hint).to_contain_text("readers will find the list at /lists/movies-like-memento/.")
    page.get_by_label("Slug:").fill("films-like-memento")
    expect(hint).to_contain_text("readers will find the list at /lists/films-like-memento/.")
    expect(hint).not_to_contain_text("movies-like-heat")


def test_the_film_form_fits_the_window_and_so_does_its_popup(page, live_server, editor, backtrace):
    film = Film.objects.get(slug="escape-plan-2013")
    sign_in(page, live_server, editor, f"/admin/recommendations/film/{film.pk}/change/")

    assert page.evaluate("document.documentElement.scrollWidth") <= DESKTOP["width"]
    for column in ("URL", "Last checked", "Delete?"):
        header = page.locator("#availabilities-group th", has_text=column).first
        box = header.bounding_box()
        assert box["x"] + box["width"] <= DESKTOP["width"], column

    page.goto(f"{live_server.url}/admin/recommendations/article/add/")
    with page.context.expect_page() as popup_opened:
        page.locator(".field-subject .related-widget-wrapper-link.add-related").click()
    popup = popup_opened.value
    popup.set_viewport_size(POPUP)
    popup.wait_for_load_state()
    assert popup.evaluate("document.documentElement.scrollWidth") <= POPUP["width"]
    delete = popup.locator("#credits-group th", has_text="Delete?").first
    assert delete.bounding_box()["x"] + delete.bounding_box()["width"] <= POPUP["width"]


def test_preview_on_a_form_with_an_error_shows_what_to_fix_not_a_second_form(page, live_server, editor, draft):
    sign_in(page, live_server, editor, change_path(draft))
    page.get_by_label("Title:").fill("")

    with page.context.expect_page() as new_tab:
        page.get_by_role("button", name="Preview", exact=True).click()
    preview = new_tab.value

    # The list's page as far as the form allows, its errors listed above it, and no second form to type in.
    expect(preview.get_by_role("heading", level=1)).to_have_text(draft.title)
    expect(preview.locator(".preview-problems")).to_contain_text("Title: This field is required.")
    expect(preview.locator("#article_form")).to_have_count(0)
    expect(preview.locator("textarea, input[type='text']")).to_have_count(0)
    expect(page.get_by_label("Title:")).to_have_value("")
    wait_for_autosave(page)


def test_admin_pages_ask_for_no_missing_icon(page, live_server, editor, backtrace):
    asked, failed = [], []
    page.on("request", lambda request: asked.append(request.url))
    page.on("console", lambda message: message.type == "error" and failed.append(message.text))
    sign_in(page, live_server, editor, "/admin/")

    for path in ("/admin/recommendations/article/", change_path(backtrace), "/admin/recommendations/film/"):
        page.goto(live_server.url + path)
        page.wait_for_load_state("networkidle")

    assert not [url for url in asked if url.endswith("/favicon.ico") and "/static/" not in url]
    assert failed == []
