"""History in words and text: word diffs, no phantom changes, no empty revisions, a restore page naming its revision."""

import datetime
import re
from html import unescape

import pytest
import time_machine
from django.contrib.admin.models import LogEntry
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version
from taggit.utils import edit_string_for_tags

from recommendations.models import Article, Film
from recommendations.revisions import ListState, Names, changes_back_to, describe_changes
from recommendations.word_diff import Segment, word_diff

from .admin_forms import change_url, existing_entries, list_form_data
from .factories import make_article


def open_form(client, article):
    """What the change page's form would send back untouched."""
    page = client.get(change_url(article))
    form = page.context["adminform"].form
    article = Article.objects.get(pk=article.pk)
    data = list_form_data(
        article,
        existing_entries(article),
        author=article.author_id or "",
        tags=edit_string_for_tags(article.tags.all()),
        loaded_version=form["loaded_version"].value(),
    )
    if article.published_at:
        local = timezone.localtime(article.published_at)
        data["published_at_0"], data["published_at_1"] = local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")
    return data


def versions_of(article):
    return list(Version.objects.get_for_object(article).order_by("pk"))


def compare_page(client, article):
    return client.get(reverse("admin:recommendations_article_compare_revisions", args=[article.pk])).content.decode()


def diff_on(html):
    """Each word diff on a page, as a screen reader reads it out."""
    return [
        " ".join(unescape(re.sub(r"<[^>]+>", "", diff)).split())
        for diff in re.findall(r'<div class="word-diff">(.*?)</div>', html, re.S)
    ]


def test_a_word_diff_marks_the_words_taken_out_and_put_in():
    assert word_diff("A bank robber with dementia.", "A bank robber with failing memory.") == [
        Segment("same", "A bank robber with "),
        Segment("removed", "dementia"),
        Segment("added", "failing memory"),
        Segment("same", "."),
    ]


def test_a_word_diff_of_a_very_long_text_compares_lines_instead():
    before = "\n".join(f"line {number} of a long intro" for number in range(30_000))
    after = before.replace("line 15000 of", "line 15000, rewritten, of")

    segments = word_diff(before, after)

    assert [segment.kind for segment in segments] == ["same", "removed", "added", "same"]
    assert segments[2].text == "line 15000, rewritten, of a long intro\n"


def test_the_compare_page_shows_an_edited_blurb_word_by_word(editor_client, backtrace):
    data = open_form(editor_client, backtrace)
    editor_client.post(change_url(backtrace), {**data, "title": "Films Like Backtrace"})
    data = open_form(editor_client, backtrace)
    memento = next(key for key, value in data.items() if value == Film.objects.get(slug="memento-2000").pk)
    blurb = memento.replace("-film", "-blurb")
    data[blurb] = data[blurb].replace("Guy Pearce", "a haunted Guy Pearce")

    editor_client.post(change_url(backtrace), data)

    html = compare_page(editor_client, backtrace)
    assert "Blurb of Memento (2000) changed" in html
    (diff,) = diff_on(html)
    assert "added: a haunted (end of addition) Guy Pearce" in diff
    assert "removed:" not in diff
    assert '<ins><span class="visually-hidden">added: </span>a haunted ' in html


def test_an_edited_intro_shows_what_was_removed_and_added(editor_client, backtrace):
    data = open_form(editor_client, backtrace)
    editor_client.post(change_url(backtrace), {**data, "intro": "First intro, about memory."})
    data = open_form(editor_client, backtrace)

    editor_client.post(change_url(backtrace), {**data, "intro": "First intro, about time."})

    assert diff_on(compare_page(editor_client, backtrace)) == [
        "First intro, about removed: memory (end of removal) added: time (end of addition) ."
    ]


def test_publishing_then_saving_twice_unchanged_records_no_phantom_change_and_no_revision(editor_client, db):
    draft = make_article(entries=2, status=Article.Status.DRAFT, published_at=None)
    editor_client.post(
        reverse("admin:recommendations_article_changelist"),
        {"action": "publish_now", "_selected_action": [draft.pk], "post": "yes"},
    )
    published = Article.objects.get(pk=draft.pk)
    assert published.published_at.microsecond == 0
    revisions, log_entries = len(versions_of(draft)), LogEntry.objects.count()

    for _ in range(2):
        response = editor_client.post(change_url(draft), {**open_form(editor_client, draft), "_continue": "1"})
        assert response.status_code == 302
        page = editor_client.get(response["Location"]).content.decode()
        assert f"Nothing in “{published.title}” had changed, so nothing was saved." in unescape(page)

    assert len(versions_of(draft)) == revisions == 1
    assert LogEntry.objects.count() == log_entries
    after = Article.objects.get(pk=draft.pk)
    assert (after.edit_version, after.updated_at, after.published_at) == (
        published.edit_version,
        published.updated_at,
        published.published_at,
    )


def test_a_real_change_after_publishing_says_nothing_of_the_publication_date(editor_client, db):
    draft = make_article(entries=2, status=Article.Status.DRAFT, published_at=None)
    editor_client.post(
        reverse("admin:recommendations_article_changelist"),
        {"action": "publish_now", "_selected_action": [draft.pk], "post": "yes"},
    )

    editor_client.post(change_url(draft), {**open_form(editor_client, draft), "title": "A Better Title"})

    html = unescape(compare_page(editor_client, draft))
    assert "Title changed from “" in html
    assert "Publication date" not in html


def test_an_unchanged_save_leaves_other_editors_forms_saveable(editor_client, client, backtrace, django_user_model):
    other = django_user_model.objects.create_superuser("night-editor", "night@example.com", "correct horse")
    client.force_login(other)
    theirs = open_form(client, backtrace)

    editor_client.post(change_url(backtrace), open_form(editor_client, backtrace))
    response = client.post(change_url(backtrace), {**theirs, "intro": "Saved by the night editor."})

    assert response.status_code == 302
    assert Article.objects.get(pk=backtrace.pk).intro == "Saved by the night editor."


def test_times_within_the_same_minute_are_told_apart_by_their_seconds():
    at = timezone.make_aware(datetime.datetime(2026, 12, 1, 8, 30, 0))
    later = at + datetime.timedelta(seconds=15)

    changes = describe_changes(ListState(published_at=at), ListState(published_at=later), Names())
    same_to_the_second = describe_changes(
        ListState(published_at=at), ListState(published_at=at + datetime.timedelta(microseconds=5)), Names()
    )

    assert [change.sentence for change in changes] == ["Publication date changed from 08:30:00 to 08:30:15"]
    assert same_to_the_second == []


def test_revisions_saved_within_a_minute_show_their_seconds_in_the_history(editor_client, backtrace):
    with time_machine.travel(timezone.make_aware(datetime.datetime(2026, 12, 1, 14, 5, 2)), tick=False):
        editor_client.post(change_url(backtrace), {**open_form(editor_client, backtrace), "title": "One"})
    with time_machine.travel(timezone.make_aware(datetime.datetime(2026, 12, 1, 14, 5, 41)), tick=False):
        editor_client.post(change_url(backtrace), {**open_form(editor_client, backtrace), "title": "Two"})

    page = editor_client.get(reverse("admin:recommendations_article_history", args=[backtrace.pk])).content.decode()

    assert "1 Dec 2026, 14:05:02" in page
    assert "1 Dec 2026, 14:05:41" in page


def test_the_restore_page_names_the_revision_and_what_restoring_changes_back(editor_client, backtrace, editor):
    with time_machine.travel(timezone.make_aware(datetime.datetime(2026, 12, 1, 14, 5, 2)), tick=False):
        editor_client.post(
            change_url(backtrace), {**open_form(editor_client, backtrace), "intro": "An intro about memory."}
        )
    editor_client.post(change_url(backtrace), {**open_form(editor_client, backtrace), "intro": "An intro about time."})
    # Revision 1 is the list as it stood when its form was first opened.
    second = versions_of(backtrace)[1]

    page = editor_client.get(reverse("admin:recommendations_article_revision", args=[backtrace.pk, second.pk]))

    html = unescape(page.content.decode())
    assert "Restore revision 2 of “Movies Like Backtrace”" in html
    assert f"Revision 2, saved by {editor.username} at 14:05:02 on 1 Dec 2026" in html
    assert "Intro changed" in html
    assert diff_on(page.content.decode()) == [
        "An intro about removed: time (end of removal) added: memory (end of addition) ."
    ]


@pytest.mark.parametrize("size", [3, 30])
def test_what_restoring_changes_back_is_worked_out_in_the_same_queries_for_any_length(
    editor_client, db, size, django_assert_num_queries
):
    article = make_article(entries=size)
    data = open_form(editor_client, article)
    editor_client.post(change_url(article), {**data, "title": "Once"})
    data = open_form(editor_client, article)
    blurbs = {name: f"{value} Rewritten." for name, value in data.items() if name.endswith("-blurb")}
    editor_client.post(change_url(article), {**data, **blurbs})
    once = versions_of(article)[1]

    # The list and its entries' themes and people as they stand, the revision's entries, and the names.
    with django_assert_num_queries(8):
        changes = changes_back_to(article, once)

    assert len(changes) == size
