"""An editor imports an old article: checks it, corrects a line, picks a film, and imports it, in Chromium."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from recommendations.models import Article, Film

from ..factories import make_film
from .helpers import DESKTOP, PHONE, describe, sign_in

pytestmark = pytest.mark.browser

IMPORT_PATH = "/admin/recommendations/article/import/"
ARTICLE = """Movies like Heat

Michael Mann's crime epic set the bar for every heist film since.

3. Thief (1981)

James Caan as a safecracker who wants out.

2. Momento (2000)

A man who cannot make new memories hunts his wife's killer.

Collateral, 2004 - one night in LA

A cab driver and a hitman cross Los Angeles.
"""

axe = Axe()


def entry_row(page, line):
    return page.locator(f"#import-line-{line}")


def test_an_editor_checks_corrects_picks_a_film_and_imports(page, live_server, editor, db):
    heat, memento = make_film("Heat", 1995), make_film("Memento", 2000)
    sign_in(page, live_server, editor, "/admin/recommendations/article/")

    page.get_by_role("link", name="Import articles").click()
    page.get_by_label("Article text").fill(ARTICLE)
    page.get_by_role("button", name="Check the import").click()

    expect(page.get_by_text("Entries (2)")).to_be_visible()
    expect(entry_row(page, 9)).to_contain_text("new film: did you mean Memento (2000)?")
    expect(page.locator("#import-skipped")).to_contain_text("A film heading without a number, in a numbered list")
    expect(page.get_by_label("Text of line 13")).to_have_value("Collateral, 2004 - one night in LA")
    assert not Article.objects.exists()

    page.get_by_label("Text of line 13").fill("1. Collateral (2004)")
    page.get_by_role("button", name="Check again").click()

    expect(page.get_by_text("Entries (3)")).to_be_visible()
    expect(entry_row(page, 13)).to_contain_text("Collateral")
    entry_row(page, 9).locator(".select2-selection").click()
    page.locator(".select2-dropdown .select2-search__field").fill("Memento")
    page.get_by_role("option", name="Memento (2000)").click()
    page.get_by_role("button", name="Check again").click()
    expect(entry_row(page, 9)).to_contain_text("you picked Memento (2000)")

    page.get_by_role("button", name="Import as draft").click()

    draft = Article.objects.get()
    expect(page).to_have_url(f"{live_server.url}/admin/recommendations/article/{draft.pk}/change/")
    expect(page.get_by_text("Draft “Movies like Heat” with 3 entries.")).to_be_visible()
    assert draft.subject == heat
    assert [(entry.rank, entry.film.title) for entry in draft.entries.order_by("-rank")] == [
        (3, "Thief"),
        (2, "Memento"),
        (1, "Collateral"),
    ]
    assert draft.entries.get(rank=2).film == memento
    assert not Film.objects.filter(title="Momento").exists()


def test_a_rich_paste_keeps_its_headings(page, live_server, editor, db):
    sign_in(page, live_server, editor, IMPORT_PATH)
    html = (
        "<h1>Films like Alien</h1><p>Space horror.</p><h2>Event Horizon</h2><p>A ship.</p><h2>Sunshine</h2><p>Sun.</p>"
    )
    plain = "Films like Alien\nSpace horror.\nEvent Horizon\nA ship.\nSunshine\nSun."

    page.get_by_label("Article text").evaluate(
        """(box, [html, plain]) => {
            const data = new DataTransfer();
            data.setData('text/html', html);
            data.setData('text/plain', plain);
            box.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
            box.value = plain;
        }""",
        [html, plain],
    )
    expect(page.get_by_text("Read from the formatting you pasted")).to_be_visible()
    page.get_by_role("button", name="Check the import").click()

    expect(page.get_by_text("Read as HTML.")).to_be_visible()
    expect(page.locator("#import-entries")).to_contain_text("Event Horizon")
    expect(page.locator("#import-entries")).to_contain_text("Sunshine")


def test_bad_text_shows_the_error_on_the_form_and_keeps_the_text(page, live_server, editor, db):
    sign_in(page, live_server, editor, IMPORT_PATH)
    text = "Movies like Heat\n\nThoughts, but no countdown at all."

    page.get_by_label("Article text").fill(text)
    page.get_by_role("button", name="Check the import").click()

    expect(page.locator(".errornote")).to_have_text("Please correct the error below.")
    expect(page.locator(".field-text .errorlist")).to_contain_text("No entries found.")
    expect(page.get_by_label("Article text")).to_have_value(text)
    assert not Article.objects.exists()


@pytest.mark.parametrize("viewport", [pytest.param(PHONE, id="390"), pytest.param(DESKTOP, id="1280")])
@pytest.mark.parametrize("stage", ["empty", "dry-run", "problems"])
def test_axe_finds_nothing_on_the_import_pages(page, live_server, editor, db, stage, viewport):
    make_film("Memento", 2000)
    page.set_viewport_size(viewport)
    sign_in(page, live_server, editor, IMPORT_PATH)
    if stage != "empty":
        text = ARTICLE if stage == "dry-run" else ARTICLE.replace("(1981)", "(9999)")
        page.get_by_label("Article text").fill(text)
        page.get_by_role("button", name="Check the import").click()
        expect(page.get_by_text("What the import would make")).to_be_visible()
    page.wait_for_load_state("load")

    violations = axe.run(page).response["violations"]

    assert len(violations) == 0, describe(violations)
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], f"the page is {width[0]} px wide in a {width[1]} px window"
