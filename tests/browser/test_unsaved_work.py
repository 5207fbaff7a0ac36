"""Unsaved work in Chromium: leaving a changed form asks first, and changes autosaved before the tab closed are offered
back when the list is opened again."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from recommendations.models import Article, Autosave

from .helpers import DESKTOP, PHONE, describe, sign_in, wait_for_autosave

pytestmark = pytest.mark.browser

axe = Axe()


def change_page(article):
    return f"/admin/recommendations/article/{article.pk}/change/"


def type_into_intro(page, text):
    intro = page.get_by_label("Intro:")
    intro.click()
    intro.press("Control+End")
    intro.press_sequentially(text, delay=10)


def test_leaving_a_changed_form_asks_first(page, live_server, editor, backtrace):
    sign_in(page, live_server, editor, change_page(backtrace))
    asked = []

    def answer(dialog):
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    type_into_intro(page, " Not saved yet.")
    page.get_by_role("link", name="History").click()

    expect(page.get_by_label("Intro:")).to_have_value(f"{backtrace.intro} Not saved yet.")
    assert asked == ["beforeunload"]
    assert page.url == live_server.url + change_page(backtrace)
    wait_for_autosave(page)


def test_an_unchanged_form_and_a_save_leave_without_asking(page, live_server, editor, backtrace):
    sign_in(page, live_server, editor, change_page(backtrace))
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))

    page.get_by_role("link", name="History").click()
    expect(page).to_have_url(f"{live_server.url}/admin/recommendations/article/{backtrace.pk}/history/")
    page.go_back()
    type_into_intro(page, " Saved this time.")
    page.get_by_role("button", name="Save and continue editing").click()

    expect(page.locator(".messagelist")).to_contain_text("is saved")
    assert asked == []
    assert Article.objects.get(pk=backtrace.pk).intro.endswith("Saved this time.")


def test_changes_autosaved_before_the_tab_closed_are_offered_back(page, live_server, editor, backtrace):
    sign_in(page, live_server, editor, change_page(backtrace))
    type_into_intro(page, " Typed before the tab closed.")
    wait_for_autosave(page)
    context = page.context
    page.close()

    reopened = context.new_page()
    reopened.goto(live_server.url + change_page(backtrace))
    offer = reopened.get_by_role("region", name="You have unsaved changes from")
    expect(offer).to_be_visible()
    offer.get_by_role("link", name="Restore them").click()

    expect(reopened.get_by_label("Intro:")).to_have_value(f"{backtrace.intro} Typed before the tab closed.")
    assert Article.objects.get(pk=backtrace.pk).intro == backtrace.intro
    reopened.on("dialog", lambda dialog: dialog.accept())
    reopened.get_by_role("button", name="Save and continue editing").click()
    expect(reopened.locator(".messagelist")).to_contain_text("is saved")
    assert Article.objects.get(pk=backtrace.pk).intro.endswith("Typed before the tab closed.")
    assert not Autosave.objects.exists()


def test_after_the_session_ends_and_she_signs_in_again_the_changes_are_offered_back(
    page, live_server, editor, backtrace
):
    sign_in(page, live_server, editor, change_page(backtrace))
    type_into_intro(page, " Typed just before the session ended.")
    wait_for_autosave(page)
    Session.objects.all().delete()

    type_into_intro(page, " And after.")
    expect(page.locator(".autosave-status")).to_contain_text("Not autosaved: your session has ended", timeout=10_000)
    page.on("dialog", lambda dialog: dialog.accept())
    sign_in(page, live_server, editor, change_page(backtrace))
    page.get_by_role("region", name="You have unsaved changes from").get_by_role("link", name="Restore them").click()

    expect(page.get_by_label("Intro:")).to_have_value(f"{backtrace.intro} Typed just before the session ended.")


@pytest.mark.parametrize("viewport", [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")])
def test_the_offer_passes_axe(page, live_server, editor, backtrace, viewport):
    Autosave.objects.create(user=editor, article=backtrace, form_data={"title": ["Movies Like Backtrace"]})
    page.set_viewport_size(viewport)
    sign_in(page, live_server, editor, change_page(backtrace))
    expect(page.get_by_role("region", name="You have unsaved changes from")).to_be_visible()

    violations = axe.run(page, context={"exclude": [["#article_form"]]}).response["violations"]

    assert len(violations) == 0, describe(violations)
