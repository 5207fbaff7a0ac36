"""The admin's start page: an editor's desk first, users, groups and sign-in records after."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from recommendations.models import Article, Film, Person, Theme

from .factories import make_article, make_film, make_person, make_theme
from .page_parts import visible_text

INDEX = reverse("admin:index")
NOW = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)


def section(page, heading):
    """The visible text of one part of the desk, from its heading to the next part's."""
    text = visible_text(page)
    start = text.index(heading)
    ends = [text.find(other, start + len(heading)) for other in DESK_HEADINGS if other != heading]
    return text[start : min([end for end in ends if end > start] or [len(text)])]


DESK_HEADINGS = [
    "Your drafts",
    "Drafts waiting for an Editor",
    "Scheduled",
    "Recently published",
    "Waiting for confirmation",
    "Lists and films",
]


@pytest.fixture
def desk(writer, desk_editor, editor):
    with time_machine.travel(NOW, tick=False):
        make_article(entries=2, status=Article.Status.DRAFT, author=editor, title="Movies Like Mine")
        make_article(entries=3, status=Article.Status.DRAFT, author=writer, title="Movies Like Wendys")
        make_article(entries=1, status=Article.Status.DRAFT, author=desk_editor, title="Movies Like Eddies")
        make_article(entries=4, published_at=NOW + datetime.timedelta(days=2, hours=4.5), title="Movies Like Soon")
        make_article(entries=5, published_at=NOW - datetime.timedelta(days=1), title="Movies Like Yesterday")
        make_article(entries=5, published_at=NOW - datetime.timedelta(days=60), title="Movies Like Last Year")
        thief = make_film("Thief", 1981)
        Film.objects.filter(pk=thief.pk).update(awaiting_review=True, added_by=writer)
        caan = make_person("James Caan")
        Person.objects.filter(pk=caan.pk).update(awaiting_review=True, added_by=editor)


def test_an_editors_desk_shows_their_drafts_what_waits_for_them_and_what_is_going_out(editor_client, desk):
    with time_machine.travel(NOW, tick=False):
        page = editor_client.get(INDEX).content.decode()

    text = visible_text(page)
    assert [text.index(heading) for heading in DESK_HEADINGS] == sorted(text.index(h) for h in DESK_HEADINGS)
    assert "Movies Like Mine edited 09:30 on 1 Dec 2026 (UTC) · 2 entries" in section(page, "Your drafts")
    waiting = section(page, "Drafts waiting for an Editor")
    assert "Movies Like Wendys edited 09:30 on 1 Dec 2026 (UTC) · 3 entries · by wendy" in waiting
    assert "Eddies" not in waiting and "Mine" not in waiting
    assert "Movies Like Soon goes live at 14:00 on 3 Dec 2026 (UTC) · 4 entries" in section(page, "Scheduled")
    recent = section(page, "Recently published")
    assert "Movies Like Yesterday live since 09:30 on 30 Nov 2026 (UTC) · 5 entries" in recent
    assert "Last Year" not in recent
    catalogue = section(page, "Waiting for confirmation")
    assert "Films Thief (1981) added by wendy" in catalogue
    assert "People James Caan added by editor-in-chief" in catalogue
    assert "Confirm these 1 for readers" in catalogue


def test_the_desk_links_each_list_to_its_form(editor_client, desk):
    page = editor_client.get(INDEX).content.decode()

    soon = Article.objects.get(title="Movies Like Soon")
    assert f'<a href="{reverse("admin:recommendations_article_change", args=[soon.pk])}">Movies Like Soon</a>' in page


def test_users_groups_and_sign_in_records_come_after_the_lists(editor_client, db):
    page = visible_text(editor_client.get(INDEX).content.decode())

    apps = [page.index(name) for name in ("Lists and films", "Taggit", "Authentication and Authorization", "Axes")]
    assert apps == sorted(apps)
    models = [page.index(name, page.index("Lists and films")) for name in ("Lists", "Films", "People", "Themes")]
    assert models == sorted(models)


def test_a_writer_sees_their_drafts_and_no_confirm_buttons(writer_client, desk):
    page = writer_client.get(INDEX).content.decode()

    assert "Movies Like Wendys" in section(page, "Your drafts")
    assert "Drafts waiting for an Editor" not in page
    assert "Thief (1981)" in section(page, "Waiting for confirmation")
    assert "Confirm these" not in page


def test_confirming_from_the_desk_shows_the_rows_to_readers(client, editor_client, desk):
    page = editor_client.get(INDEX).content.decode()
    form = re.search(r'<form method="post" action="([^"]+)">(.*?)</form>', page, re.S)
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', form.group(2)))

    response = editor_client.post(form.group(1).replace("&amp;", "&"), fields, follow=True)

    thief = Film.objects.get(title="Thief")
    assert not thief.awaiting_review
    assert "Readers can now see 1 film that were waiting for review." in visible_text(response.content.decode())
    assert client.get(thief.get_absolute_url()).status_code == 200
    assert Person.objects.get(name="James Caan").awaiting_review


def test_the_desk_says_when_nothing_waits(editor_client, db):
    text = visible_text(editor_client.get(INDEX).content.decode())

    assert "No drafts of yours." in text
    assert "Nothing is scheduled." in text
    assert "No film, person or theme is waiting" in text


def fill_the_desk(count, author, writer):
    soon = timezone.now() + datetime.timedelta(days=1)
    for number in range(count):
        make_article(entries=2, status=Article.Status.DRAFT, author=author, title=f"Movies Like Mine {number}")
        make_article(entries=2, status=Article.Status.DRAFT, author=writer, title=f"Movies Like Theirs {number}")
        make_article(entries=2, published_at=soon, title=f"Movies Like Soon {number}")
        make_article(entries=2, title=f"Movies Like Live {number}")
        for make, model in ((make_film, Film), (make_person, Person), (make_theme, Theme)):
            row = make()
            model.objects.filter(pk=row.pk).update(awaiting_review=True, added_by=writer)


@pytest.mark.parametrize("count", [3, 30])
def test_the_start_page_queries_do_not_grow_with_the_site(
    editor_client, editor, writer, count, django_assert_max_num_queries
):
    fill_the_desk(count, editor, writer)

    with django_assert_max_num_queries(10):
        response = editor_client.get(INDEX)

    assert response.status_code == 200
    assert len(response.context["desk"].my_drafts) == min(count, 10)
