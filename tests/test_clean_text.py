"""Text pasted with control characters is stored clean, whichever way it comes in, and feeds still parse."""

import feedparser
import pytest
from django.urls import reverse

from recommendations.models import Article, Person
from recommendations.text import clean_text

from .admin_forms import change_url, existing_entries, list_form_data

PASTED = "\x0b\x0c\x08"


@pytest.mark.parametrize(
    "pasted, multiline, stored",
    [
        ("Soft\x0bbreak", True, "Soft\nbreak"),
        ("Line\u2028separator", True, "Line\nseparator"),
        ("One\u2029two", True, "One\n\ntwo"),
        ("Windows\r\nand old Mac\rendings", True, "Windows\nand old Mac\nendings"),
        ("Form\x0cfeed, back\x08space, nul\x00 and C1\x85 go", True, "Formfeed, backspace, nul and C1 go"),
        ("Tabs\tand\nnewlines stay", True, "Tabs\tand\nnewlines stay"),
        ("Ame\u0301lie", True, "Amélie"),
        ("A title\x0bon two lines", False, "A title on two lines"),
    ],
)
def test_clean_text(pasted, multiline, stored):
    assert clean_text(pasted, multiline=multiline) == stored


def test_a_title_blurb_and_name_pasted_with_control_characters_save_clean(editor_client, backtrace, client):
    entries = existing_entries(backtrace)
    entries[0]["blurb"] = f"A blurb{PASTED}with a soft break."
    data = list_form_data(backtrace, entries, title=f"Movies Like{PASTED}Backtrace")
    person = Person.objects.get(slug="christopher-nolan")
    person_data = {"name": f"Christopher{PASTED}Nolan", "slug": person.slug, "bio": ""}

    assert editor_client.post(change_url(backtrace), data).status_code == 302
    person_page = reverse("admin:recommendations_person_change", args=[person.pk])
    assert editor_client.post(person_page, person_data).status_code == 302

    backtrace.refresh_from_db()
    person.refresh_from_db()
    assert backtrace.title == "Movies Like Backtrace"
    assert backtrace.entries.get(pk=entries[0]["id"]).blurb == "A blurb\nwith a soft break."
    assert person.name == "Christopher Nolan"
    for path in ["/feed/", "/feed/atom/", "/themes/memory-loss/feed/", "/people/christopher-nolan/feed/atom/"]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert not feedparser.parse(response.content).bozo, path


def test_rows_loaded_without_a_form_are_cleaned_too(backtrace):
    Article.objects.filter(pk=backtrace.pk).update(intro="untouched\x0b")
    backtrace.refresh_from_db()

    backtrace.save()

    backtrace.refresh_from_db()
    assert backtrace.intro == "untouched\n"
