"""Text pasted with control characters is stored clean, whichever way it comes in, and feeds still parse."""

import xml.etree.ElementTree as ET

import feedparser
import pytest
from django.urls import reverse
from taggit.models import Tag

from recommendations.models import Article, Entry, Person, Theme
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
        ("A name pasted with its line break\x0b", False, "A name pasted with its line break"),
        ("\u2029A name after one", False, "A name after one"),
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


def test_tags_pasted_with_control_characters_save_clean(editor_client, backtrace):
    data = list_form_data(backtrace, existing_entries(backtrace), tags=f"heist{PASTED}, new{PASTED}tag")

    assert editor_client.post(change_url(backtrace), data).status_code == 302

    assert set(backtrace.tags.names()) == {"heist", "new tag"}


def test_rows_written_around_the_door_still_leave_every_feed_and_sitemap_parsing(client, backtrace, django_user_model):
    # Queryset updates write straight to the database: no signal, no cleaning.
    author = django_user_model.objects.create_user("filmwriter", first_name=f"Ann{PASTED}", last_name="Lee\x00")
    Article.objects.filter(pk=backtrace.pk).update(
        title=f"Movies Like{PASTED}Backtrace", intro=f"An intro{PASTED}.", author=author
    )
    Entry.objects.filter(article=backtrace, rank=1).update(blurb=f"A blurb{PASTED}\ufffe.")
    Person.objects.filter(slug="christopher-nolan").update(name=f"Christopher{PASTED}Nolan")
    Theme.objects.filter(slug="memory-loss").update(name=f"memory{PASTED}loss")
    Tag.objects.filter(name="action").update(name=f"action{PASTED}")
    feeds = ["/feed/", "/feed/atom/", "/themes/memory-loss/feed/", "/themes/memory-loss/feed/atom/"]
    feeds += ["/people/christopher-nolan/feed/", "/people/christopher-nolan/feed/atom/"]

    for path in feeds:
        response = client.get(path)
        assert response.status_code == 200, path
        feed = feedparser.parse(response.content)
        assert not feed.bozo, (path, feed.get("bozo_exception"))
        assert feed.entries[0].title == "Movies Like\nBacktrace", path
        assert feed.entries[0].author == "Ann Lee", path
        assert "action" in {tag.term.strip() for tag in feed.entries[0].tags}, path
    assert feedparser.parse(client.get("/themes/memory-loss/feed/").content).feed.title.endswith("memory\nloss")
    for path in ["/sitemap.xml", "/sitemap-lists.xml", "/sitemap-people.xml", "/sitemap-themes.xml"]:
        response = client.get(path)
        assert response.status_code == 200, path
        ET.fromstring(response.content)
