"""A save that fails says at the top of the form what stops it, each error linked to its field."""

import re

from recommendations.models import Article

from .admin_forms import ADD_URL, change_url, existing_entries, list_form_data
from .factories import make_article, make_film
from .page_parts import visible_text


def summary(response):
    """The error summary's links as (href, text), in order."""
    html = response.content.decode()
    block = re.search(r'<div class="error-summary" id="error-summary" role="alert" tabindex="-1".*?</ul>', html, re.S)
    assert block, "no error summary on the page"
    return [(href, visible_text(text)) for href, text in re.findall(r'<li><a href="([^"]+)">(.*?)</a></li>', block[0])]


def test_the_summary_names_every_error_and_links_to_its_field_inside_its_entry(editor_client, backtrace):
    entries = existing_entries(backtrace)
    entries[1]["rank"] = 0  # Dragged Across Concrete
    entries[3]["film"] = backtrace.subject_id  # Out of Death's entry given the list's own subject
    data = list_form_data(backtrace, entries, title="", intro="Kept intro.")

    response = editor_client.post(change_url(backtrace), data)

    html = response.content.decode()
    assert response.status_code == 200
    assert summary(response) == [
        ("#id_title", "Title: This field is required."),
        (
            "#id_entries-1-rank",
            "#0 Dragged Across Concrete (2019), Rank: Ensure this value is greater than or equal to 1.",
        ),
        (
            "#id_entries-3-film",
            "#3 Backtrace (2022), Film: A list can't recommend its own subject: this is the list of movies like "
            "Backtrace (2022).",
        ),
    ]
    assert "3 things stop this list being saved" in visible_text(html)
    assert "Please correct the error" not in html
    assert html.count('id="id_entries-1-rank"') == 1
    assert "<title>Error: " in html
    assert "Kept intro." in html


def test_an_error_of_the_whole_countdown_links_to_the_entries(editor_client, db):
    draft = make_article(entries=3, status=Article.Status.DRAFT)
    entries = existing_entries(draft)
    entries[0]["DELETE"] = True  # #3 goes: a published list of 2 entries numbered 2, 1 is fine…
    entries[2]["rank"] = 5  # …but 2 and 5 are not 1..2

    response = editor_client.post(change_url(draft), list_form_data(draft, entries, status=Article.Status.PUBLISHED))

    assert summary(response) == [
        ("#entries-group", "Entries: A published list is numbered 1 to 2 with no gaps or repeats. Missing: #1.")
    ]


def test_an_error_of_the_whole_countdown_is_named_and_leads_to_the_entries(editor_client, db):
    draft = make_article(entries=0, status=Article.Status.DRAFT)
    data = list_form_data(draft, [], status=Article.Status.PUBLISHED)

    response = editor_client.post(change_url(draft), data)

    text = visible_text(response.content.decode())
    assert "One thing stops this list being saved" in text
    assert "A published list needs at least one entry." in text
    assert [href for href, link_text in summary(response) if "at least one entry" in link_text] == ["#entries-group"]


def test_a_new_entry_without_a_film_is_named_as_a_new_entry(editor_client, db):
    response = editor_client.post(
        ADD_URL,
        list_form_data(subject=make_film().pk, entries=[{"rank": "", "film": "", "blurb": "A blurb, no film."}]),
    )

    assert summary(response) == [("#id_entries-0-film", "New entry, Film: This field is required.")]
