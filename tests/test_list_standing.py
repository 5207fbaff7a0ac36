"""Where a list stands, said on its form and after every save: draft, scheduled or live, in the site's time zone."""

import datetime

import pytest
import time_machine
from django.contrib import messages

from recommendations.models import Article

from .admin_forms import ADD_URL, change_url, existing_entries, list_form_data
from .factories import make_article, make_film
from .page_parts import visible_text

NOW = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)


def status_line(client, article):
    text = visible_text(client.get(change_url(article)).content.decode())
    return text[text.index("Status:") :].split(" Title:")[0]


def said_after(client, article, **fields):
    """What the success message says after saving the list's form with `fields` changed.

    (make_article's people are not credited on its films: the warnings that follow are tested elsewhere.)
    """
    data = list_form_data(article, existing_entries(article), _continue="1", **fields)
    response = client.post(change_url(article), data, follow=True)
    assert response.redirect_chain, response.context["error_summary"]
    return [str(message) for message in response.context["messages"] if message.level == messages.SUCCESS]


@pytest.fixture
def at_now():
    with time_machine.travel(NOW, tick=False):
        yield


def test_the_form_says_whether_a_list_is_a_draft_scheduled_or_live(editor_client, at_now, db):
    draft = make_article(status=Article.Status.DRAFT, published_at=None)
    scheduled = make_article(published_at=datetime.datetime(2026, 12, 3, 14, 0, tzinfo=datetime.UTC))
    live = make_article(published_at=datetime.datetime(2026, 11, 28, 8, 5, tzinfo=datetime.UTC))

    assert status_line(editor_client, draft) == "Status: Draft"
    assert status_line(editor_client, scheduled) == "Status: Scheduled for 14:00 on 3 Dec 2026 (UTC)"
    assert status_line(editor_client, live) == "Status: Live since 08:05 on 28 Nov 2026 (UTC)"
    page = visible_text(editor_client.get(ADD_URL).content.decode())
    assert "Status: New list: a draft until it is published." in page


def test_times_are_in_the_site_time_zone_and_name_it(editor_client, at_now, settings, db):
    settings.TIME_ZONE = "Europe/London"
    summer = make_article(published_at=datetime.datetime(2027, 7, 3, 13, 0, tzinfo=datetime.UTC))

    page = editor_client.get(change_url(summer)).content.decode()

    assert status_line(editor_client, summer) == "Status: Scheduled for 14:00 on 3 Jul 2027 (Europe/London)"
    assert 'data-site-time-zone="Europe/London"' in page
    assert "When readers see it, in Europe/London, the site's time zone." in visible_text(page)


def test_publishing_from_the_form_says_it_is_live_and_where(editor_client, at_now, db):
    draft = make_article(status=Article.Status.DRAFT, published_at=None, title="Movies Like Heat")

    said = said_after(editor_client, draft, status=Article.Status.PUBLISHED)

    assert said == [
        "“Movies Like Heat” is published: live since 09:30 on 1 Dec 2026 (UTC), at http://testserver/lists/movies-like-heat/."
    ]


def test_scheduling_says_when_readers_see_it(editor_client, at_now, db):
    draft = make_article(status=Article.Status.DRAFT, published_at=None, title="Movies Like Heat")

    said = said_after(
        editor_client, draft, status=Article.Status.PUBLISHED, published_at_0="2026-12-03", published_at_1="14:00:00"
    )

    assert said == [
        "“Movies Like Heat” is scheduled: readers see it from 14:00 on 3 Dec 2026 (UTC), at "
        "http://testserver/lists/movies-like-heat/."
    ]


def test_unpublishing_and_unscheduling_say_the_list_is_a_draft_again(editor_client, at_now, db):
    live = make_article(title="Movies Like Heat")
    scheduled = make_article(title="Movies Like Thief", published_at=NOW + datetime.timedelta(days=2))

    assert said_after(editor_client, live, status=Article.Status.DRAFT) == [
        "“Movies Like Heat” was taken off the site: it is a draft again, and readers get “not found” at "
        "http://testserver/lists/movies-like-heat/."
    ]
    assert said_after(editor_client, scheduled, status=Article.Status.DRAFT) == [
        "“Movies Like Thief” is no longer scheduled for 09:30 on 3 Dec 2026 (UTC): it is a draft again."
    ]


def test_saving_a_draft_or_a_live_list_says_so(editor_client, at_now, db):
    draft = make_article(status=Article.Status.DRAFT, title="Movies Like Heat")
    live = make_article(title="Movies Like Thief")

    # A change to save: a save that changes nothing saves nothing, and says that instead.
    assert said_after(editor_client, draft, intro="A new intro.") == [
        "“Movies Like Heat” is saved as a draft: readers can't see it yet."
    ]
    assert said_after(editor_client, live, intro="New intro.") == [
        "“Movies Like Thief” is saved, and the changes are live at http://testserver/lists/movies-like-thief/."
    ]


def test_a_new_list_says_it_is_a_draft(editor_client, db):
    response = editor_client.post(ADD_URL, list_form_data(subject=make_film("Heat", 1995).pk), follow=True)

    assert [str(message) for message in response.context["messages"]] == [
        "“Movies Like Heat” is saved as a draft: readers can't see it yet."
    ]


def test_a_save_says_which_numbers_it_gave_and_what_moved_to_make_room(editor_client, backtrace):
    heat = make_film("Heat", 1995)
    entries = [*existing_entries(backtrace), {"rank": 2, "film": heat.pk, "blurb": "The heist film."}]

    response = editor_client.post(change_url(backtrace), list_form_data(backtrace, entries), follow=True)

    said = [str(message) for message in response.context["messages"]]
    assert said[1:] == [
        "Numbers: Heat (1995) new at #2.",
        "Moved along to make room: Escape Plan (2013) #6 → #7; Dragged Across Concrete (2019) #5 → #6; "
        "American Heist (2014) #4 → #5; Out of Death (2021) #3 → #4; 211 (2018) #2 → #3.",
    ]


def test_a_save_says_which_entries_it_took_out(editor_client, backtrace):
    entries = existing_entries(backtrace)
    entries[0]["DELETE"] = True

    response = editor_client.post(change_url(backtrace), list_form_data(backtrace, entries), follow=True)

    said = [str(message) for message in response.context["messages"]]
    assert "Taken out of the list: Escape Plan (2013) (#6)." in said


def test_the_web_address_hint_names_the_lists_own_address(editor_client, db):
    article = make_article(title="Movies Like Thief")

    form_page = visible_text(editor_client.get(change_url(article)).content.decode())
    add_page = visible_text(editor_client.get(ADD_URL).content.decode())

    assert "readers will find the list at /lists/movies-like-thief/ ." in form_page
    assert "movies-like-heat" not in form_page
    assert "readers will find the list at /lists/ and this slug ." in add_page
