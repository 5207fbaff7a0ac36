"""Two editors at once, in two Chromium contexts: the second save shows the merge page, which keeps both editors'
changes in one click, or lets the second editor pick between two versions of one blurb; the page passes axe."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from recommendations.models import Article, Entry, Film

from .helpers import DESKTOP, PHONE, describe, entry_blurb, sign_in

pytestmark = pytest.mark.browser

axe = Axe()


@pytest.fixture
def two_editors(browser, live_server, django_user_model, backtrace):
    """Alice and Bob, each signed in in a browser context of their own, both with the list's form open."""
    pages = []
    for name in ("alice", "bob"):
        user = django_user_model.objects.create_superuser(name, f"{name}@example.com", "correct horse")
        context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
        page = context.new_page()
        page.set_default_timeout(10_000)
        sign_in(page, live_server, user, f"/admin/recommendations/article/{backtrace.pk}/change/")
        pages.append(page)
    yield pages
    for page in pages:
        page.context.close()


def memento_blurb(page):
    return entry_blurb(page, Film.objects.get(slug="memento-2000"))


def save(page):
    page.on("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Save and continue editing").click()


def test_editing_different_fields_merges_in_one_click(two_editors, backtrace):
    alice, bob = two_editors
    alice.get_by_label("Intro:").fill("Alice rewrote the intro.")
    save(alice)
    expect(alice.locator(".messagelist")).to_contain_text("is saved")
    memento_blurb(bob).fill("Bob rewrote the Memento blurb.")

    save(bob)

    expect(bob.get_by_role("heading", name="Changed by alice only: their change is kept")).to_be_visible()
    expect(bob.get_by_role("heading", name="Changed by you only: yours is kept")).to_be_visible()
    bob.get_by_role("button", name="Save both changes").click()
    expect(bob.locator(".messagelist")).to_contain_text("is saved")
    article = Article.objects.get(pk=backtrace.pk)
    assert article.intro == "Alice rewrote the intro."
    assert Entry.objects.get(article=article, film__slug="memento-2000").blurb == "Bob rewrote the Memento blurb."


def test_editing_the_same_blurb_shows_both_and_saves_the_one_picked(two_editors, backtrace):
    alice, bob = two_editors
    memento_blurb(alice).fill("Alice's Memento blurb.")
    save(alice)
    expect(alice.locator(".messagelist")).to_contain_text("is saved")
    memento_blurb(bob).fill("Bob's Memento blurb.")

    save(bob)

    choice = bob.get_by_role("group", name="Memento (2000): blurb")
    expect(choice).to_contain_text("Alice's Memento blurb.")
    expect(choice).to_contain_text("Bob's Memento blurb.")
    # Picking a side puts its text in the box below, to edit from.
    choice.get_by_role("radio", name=re.compile(r"^Their version \(alice\)")).check()
    expect(choice.get_by_role("textbox")).to_have_value("Alice's Memento blurb.")
    choice.get_by_role("radio", name=re.compile(r"^Your version")).check()
    expect(choice.get_by_role("textbox")).to_have_value("Bob's Memento blurb.")
    bob.get_by_role("button", name="Save with these choices").click()
    expect(bob.locator(".messagelist")).to_contain_text("is saved")
    assert Entry.objects.get(article=backtrace, film__slug="memento-2000").blurb == "Bob's Memento blurb."


@pytest.mark.parametrize("viewport", [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")])
def test_the_merge_page_passes_axe(two_editors, viewport):
    alice, bob = two_editors
    alice.get_by_label("Intro:").fill("Alice's intro.")
    save(alice)
    expect(alice.locator(".messagelist")).to_contain_text("is saved")
    bob.get_by_label("Intro:").fill("Bob's intro.")
    memento_blurb(bob).fill("Bob's Memento blurb.")
    save(bob)
    bob.set_viewport_size(viewport)
    expect(bob.get_by_role("group", name="Intro")).to_be_visible()

    violations = axe.run(bob).response["violations"]

    assert len(violations) == 0, describe(violations)
