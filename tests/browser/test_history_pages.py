"""History in Chromium: the compare page shows an edited blurb word by word; publishing then saving twice unchanged
keeps no empty revision and no phantom publication date; the compare and restore pages pass axe."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect
from reversion.models import Version

from recommendations.models import Article, Film

from .helpers import DESKTOP, PHONE, describe, entry_blurb, sign_in

pytestmark = pytest.mark.browser

axe = Axe()


def change_page(article):
    return f"/admin/recommendations/article/{article.pk}/change/"


def memento_blurb(page):
    return entry_blurb(page, Film.objects.get(slug="memento-2000"))


def save(page):
    page.get_by_role("button", name="Save and continue editing").click()


@pytest.fixture
def edited_blurb(page, live_server, editor, backtrace):
    """The Backtrace list with its Memento blurb edited once, through the form."""
    sign_in(page, live_server, editor, change_page(backtrace))
    blurb = memento_blurb(page)
    blurb.fill(blurb.input_value().replace("Guy Pearce", "a haunted Guy Pearce"))
    save(page)
    expect(page.locator(".messagelist")).to_contain_text("is saved")
    return backtrace


def test_the_compare_page_shows_the_edited_blurb_word_by_word(page, live_server, edited_blurb):
    page.get_by_role("link", name="History").click()
    page.get_by_role("button", name="Compare revisions").click()

    change = page.locator("#revision-changes li", has_text="Blurb of Memento (2000) changed")
    expect(change.locator("ins")).to_have_text("added: a haunted  (end of addition) ")
    expect(change.locator("del")).to_have_count(0)
    expect(change.get_by_role("insertion")).to_have_text("added: a haunted  (end of addition) ")
    # Seen as well as heard: underlined, on its own background.
    assert "underline" in change.locator("ins").evaluate("element => getComputedStyle(element).textDecorationLine")


def test_publishing_then_saving_twice_unchanged_keeps_no_phantom_change(page, live_server, editor, db):
    draft = Article.objects.create(
        title="Movies Like Heat",
        slug="movies-like-heat",
        subject=Film.objects.create(title="Heat", year=1995),
        intro="Cops and robbers.",
    )
    draft.entries.create(rank=1, film=Film.objects.create(title="Thief", year=1981), blurb="Mann's first.")
    sign_in(page, live_server, editor, change_page(draft))
    page.get_by_label("Status:").select_option("published")
    save(page)
    expect(page.locator(".messagelist")).to_contain_text("“Movies Like Heat” is published: live since")
    revisions = Version.objects.get_for_object(draft).count()

    for _ in range(2):
        save(page)
        expect(page.locator(".messagelist")).to_contain_text("had changed, so nothing was saved")

    assert Version.objects.get_for_object(draft).count() == revisions
    page.get_by_role("link", name="History").click()
    page.get_by_role("button", name="Compare revisions").click()
    changes = page.locator("#revision-changes")
    expect(changes).to_contain_text("Status changed from Draft to Published")
    expect(changes).not_to_contain_text("Publication date changed")


@pytest.mark.parametrize("viewport", [pytest.param(PHONE, id="phone"), pytest.param(DESKTOP, id="desktop")])
def test_the_compare_and_restore_pages_pass_axe(page, live_server, edited_blurb, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/admin/recommendations/article/{edited_blurb.pk}/history/compare/")
    expect(page.locator(".word-diff")).to_be_visible()
    violations = axe.run(page).response["violations"]
    assert len(violations) == 0, describe(violations)

    page.get_by_role("link", name="Restore revision 1").click()
    expect(page.get_by_role("heading", name="Revision 1, saved at")).to_be_visible()
    expect(page.locator("#restore-changes")).to_contain_text("Blurb of Memento (2000) changed")
    violations = axe.run(page, context={"exclude": [["#article_form fieldset"], ["#article_form .inline-group"]]})
    violations = violations.response["violations"]
    assert len(violations) == 0, describe(violations)
