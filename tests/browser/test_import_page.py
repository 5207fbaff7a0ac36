"""An editor imports an old article from the changelist's "Import from text" page."""

import pytest
from playwright.sync_api import expect

from recommendations.models import Article

from .helpers import sign_in

pytestmark = pytest.mark.browser


def test_editor_imports_the_seed_and_lands_on_the_draft(page, live_server, editor, seed_text):
    sign_in(page, live_server, editor, "/admin/recommendations/article/")

    page.get_by_role("link", name="Import from text").click()
    page.get_by_label("Article text").fill(seed_text)
    page.get_by_role("button", name="Import as draft").click()

    draft = Article.objects.get()
    expect(page).to_have_url(f"{live_server.url}/admin/recommendations/article/{draft.pk}/change/")
    expect(page.get_by_text("Draft “Movies Like Backtrace” with 6 entries.")).to_be_visible()
    expect(page.locator("#id_entries-0-rank")).to_have_value("6")
    assert draft.entries.count() == 6


def test_bad_text_shows_the_error_on_the_form_and_keeps_the_text(page, live_server, editor, db):
    sign_in(page, live_server, editor, "/admin/recommendations/article/import/")
    text = "Movies like Heat\n\nThoughts, but no countdown at all."

    page.get_by_label("Article text").fill(text)
    page.get_by_role("button", name="Import as draft").click()

    expect(page.locator(".errornote")).to_have_text("Please correct the error below.")
    expect(page.locator(".field-text .errorlist")).to_contain_text("No entries found.")
    expect(page.get_by_label("Article text")).to_have_value(text)
    assert not Article.objects.exists()
