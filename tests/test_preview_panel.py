"""The preview panel's side of the server: its markup on the list's form, and the preview it is sent, which saves
nothing and, shown through srcdoc, relaxes no framing header."""

import pytest

from recommendations.models import Article

from .admin_forms import ADD_URL, change_url, existing_entries, list_form_data
from .factories import make_article
from .page_parts import preview_problems, visible_text


@pytest.fixture
def draft(db):
    return make_article(entries=3, status=Article.Status.DRAFT, published_at=None, title="Movies Like Draft")


def frame_headers(response):
    policy = dict((directive.split(" ", 1) + [""])[:2] for directive in response["Content-Security-Policy"].split("; "))
    return response["X-Frame-Options"], policy["frame-ancestors"]


def test_the_change_and_add_pages_carry_the_panel_hidden_until_a_script_shows_it(editor_client, draft):
    for url in (change_url(draft), ADD_URL):
        html = editor_client.get(url).content.decode()

        assert '<div class="preview-panel-opener" data-preview-opener hidden>' in html
        assert 'id="preview-panel" aria-labelledby="preview-panel-title" data-form-id="article_form" hidden>' in html
        assert "recommendations/admin/preview_panel.js" in html
        # The Preview button still opens a new tab, for editors without JavaScript.
        assert 'name="_preview" formtarget="_blank"' in html


def test_the_panels_preview_shows_the_typing_saves_nothing_and_keeps_framing_refused(editor_client, draft):
    before = Article.objects.get(pk=draft.pk)
    data = list_form_data(draft, existing_entries(draft), intro="Typed for the panel.", _preview="1")

    response = editor_client.post(change_url(draft), {**data, "_preview_panel": "1"})

    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "Typed for the panel." in text
    assert "Your unsaved changes, as readers would see them. Nothing has been saved." in text
    assert "close this tab" not in text
    after = Article.objects.get(pk=draft.pk)
    assert (after.intro, after.edit_version, after.updated_at) == (before.intro, before.edit_version, before.updated_at)
    assert frame_headers(response) == ("DENY", "'none'")
    assert preview_problems(response.content.decode()) == []


def test_the_change_form_and_a_preview_with_errors_refuse_framing_too(editor_client, draft):
    data = list_form_data(draft, existing_entries(draft), intro="", status="published", _preview="1")

    with_errors = editor_client.post(change_url(draft), {**data, "_preview_panel": "1"})
    form = editor_client.get(change_url(draft))

    assert frame_headers(with_errors) == ("DENY", "'none'")
    assert frame_headers(form) == ("DENY", "'none'")
