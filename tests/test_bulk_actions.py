"""Bulk Publish, Unpublish and Renumber ask first, listing what will change; deletions name things as editors do."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from recommendations.models import Article, Entry, Person

from .factories import make_article
from .page_parts import visible_text

CHANGELIST = reverse("admin:recommendations_article_changelist")
NOW = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)


@pytest.fixture
def lists(db):
    with time_machine.travel(NOW, tick=False):
        return {
            "ready": make_article(entries=2, status=Article.Status.DRAFT, title="Movies Like Ready"),
            "no intro": make_article(entries=1, status=Article.Status.DRAFT, title="Movies Like Unready", intro=""),
            "live": make_article(entries=3, title="Movies Like Live", published_at=NOW - datetime.timedelta(days=1)),
            "soon": make_article(entries=1, title="Movies Like Soon", published_at=NOW + datetime.timedelta(days=2)),
        }


def act(client, action, articles, confirm=False):
    data = {"action": action, "_selected_action": [article.pk for article in articles]}
    if confirm:
        data["post"] = "yes"
    with time_machine.travel(NOW, tick=False):
        return client.post(CHANGELIST, data, follow=confirm)


def states(lists):
    return {name: Article.objects.get(pk=article.pk).state for name, article in lists.items()}


def test_publish_asks_first_listing_what_goes_live_and_what_is_left_alone(editor_client, lists):
    before = states(lists)

    html = act(editor_client, "publish_now", lists.values()).content.decode()

    page = visible_text(html)
    assert states(lists) == before
    assert "1 list will change Movies Like Ready goes live now, with 2 entries." in page
    assert "Movies Like Unready : not published. A published list needs an intro." in page
    assert "Movies Like Live : already published: live since 09:30 on 30 Nov 2026 (UTC)." in page
    assert "Movies Like Soon : already published: scheduled for 09:30 on 3 Dec 2026 (UTC)." in page
    assert 'value="Yes, publish 1 list"' in html


def test_confirming_publishes_and_says_what_happened_to_each(editor_client, lists):
    response = act(editor_client, "publish_now", lists.values(), confirm=True)

    said = [str(message) for message in response.context["messages"]]
    assert states(lists)["ready"] == "live"
    assert states(lists)["no intro"] == "draft"
    assert "Published, live since 09:30 on 1 Dec 2026 (UTC): Movies Like Ready." in said
    assert "“Movies Like Unready” was not published. A published list needs an intro." in said
    assert "“Movies Like Live” was already published: live since 09:30 on 30 Nov 2026 (UTC)." in said


def test_unpublish_asks_first_and_names_the_drafts_it_leaves_alone(editor_client, lists):
    html = act(editor_client, "unpublish", lists.values()).content.decode()

    page = visible_text(html)
    assert states(lists)["live"] == "live"
    assert "2 lists will change" in page
    assert (
        "Movies Like Live is taken off the site and becomes a draft (now live since 09:30 on 30 Nov 2026 (UTC))."
        in page
    )
    assert "Movies Like Ready : already a draft." in page
    assert 'value="Yes, unpublish 2 lists"' in html


def test_confirming_unpublish_says_which_were_taken_off_and_which_were_drafts_already(editor_client, lists):
    response = act(editor_client, "unpublish", lists.values(), confirm=True)

    said = [str(message) for message in response.context["messages"]]
    assert states(lists) == {"ready": "draft", "no intro": "draft", "live": "draft", "soon": "draft"}
    assert said == [
        "Taken off the site, drafts again: Movies Like Live (was live since 09:30 on 30 Nov 2026 (UTC)); "
        "Movies Like Soon (was scheduled for 09:30 on 3 Dec 2026 (UTC)).",
        "Already drafts, left as they were: Movies Like Ready, Movies Like Unready.",
    ]


def test_renumber_asks_first_naming_every_move(editor_client, lists):
    live = lists["live"]
    entries = list(live.entries.order_by("-rank").select_related("film"))
    Entry.objects.filter(pk=entries[0].pk).update(rank=9)

    page = visible_text(act(editor_client, "renumber_ranks", [live, lists["ready"]]).content.decode())

    assert f"Movies Like Live is numbered 1 to 3: {entries[0].film} #9 → #3." in page
    assert "Movies Like Ready : already numbered 1 to 2." in page
    assert Entry.objects.get(pk=entries[0].pk).rank == 9


def test_a_writer_is_told_before_renumbering_which_lists_are_not_theirs(writer_client, writer, lists):
    own = make_article(entries=2, status=Article.Status.DRAFT, author=writer, title="Movies Like Mine")
    Entry.objects.filter(article=own, rank=2).update(rank=5)

    page = visible_text(act(writer_client, "renumber_ranks", [own, lists["ready"]]).content.decode())

    assert "Movies Like Mine is numbered 1 to 2" in page
    assert "Movies Like Ready : left alone: you may not change it." in page


def test_nothing_to_change_offers_no_button(editor_client, lists):
    page = visible_text(act(editor_client, "unpublish", [lists["ready"]]).content.decode())

    assert "Nothing to change" in page
    assert "Yes," not in page


def test_deleting_a_list_names_its_entries_people_and_themes_as_editors_know_them(editor_client, backtrace):
    page = visible_text(
        editor_client.get(reverse("admin:recommendations_article_delete", args=[backtrace.pk])).content.decode()
    )

    assert "object (" not in page
    assert "Themes of entries: 10" in page
    assert "Theme of an entry: memory loss, on #1 Memento (2000) in Movies Like Backtrace" in page
    assert "Person of an entry: Guy Pearce, #1 Memento (2000) in Movies Like Backtrace" in page


def test_deleting_a_theme_names_the_films_it_leaves(editor_client, db):
    film = make_article(entries=1).entries.get().film
    theme = film.themes.create(name="rooftop chase", slug="rooftop-chase")

    page = visible_text(
        editor_client.get(reverse("admin:recommendations_theme_delete", args=[theme.pk])).content.decode()
    )

    assert f"Theme of a film: rooftop chase, of {film}" in page
    assert "Film_themes object" not in page
    assert Person.objects.exists()


@pytest.mark.parametrize("action", ["publish_now", "unpublish", "renumber_ranks"])
@pytest.mark.parametrize("count", [3, 30])
def test_a_confirmation_page_queries_do_not_grow_with_the_lists(
    editor_client, db, action, count, django_assert_max_num_queries
):
    lists = [make_article(entries=2, status=Article.Status.DRAFT) for _ in range(count)]

    with django_assert_max_num_queries(12):
        response = act(editor_client, action, lists)

    assert response.status_code == 200
    assert len(response.context["plan"].changes) + len(response.context["plan"].left_alone) == count
