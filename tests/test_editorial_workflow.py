"""Drafts, scheduling, publishing rules, roles, edit conflicts and old addresses, through the real admin."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from recommendations.models import Article, Entry
from recommendations.text import editor_time

from .admin_forms import ADD_URL, change_url, existing_entries, list_form_data
from .factories import make_article, make_film

CHANGELIST = reverse("admin:recommendations_article_changelist")


def test_writer_creates_a_draft_list(writer_client, writer):
    subject, film = make_film("Heat"), make_film("Thief")

    response = writer_client.post(
        ADD_URL, list_form_data(subject=subject.pk, entries=[{"rank": 1, "film": film.pk, "blurb": "Mann."}])
    )

    assert response.status_code == 302
    article = Article.objects.get(slug="movies-like-heat")
    assert article.status == Article.Status.DRAFT
    assert article.author == writer


def test_writer_cannot_publish_even_with_a_forged_post(writer_client, writer):
    draft = make_article(entries=2, status=Article.Status.DRAFT, author=writer, published_at=None)
    data = list_form_data(draft, existing_entries(draft), status=Article.Status.PUBLISHED)
    data["published_at_0"], data["published_at_1"] = "2020-01-01", "00:00:00"

    page = writer_client.get(change_url(draft)).content.decode()
    response = writer_client.post(change_url(draft), data)

    assert 'name="status"' not in page
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert draft.published_at is None
    assert writer_client.get(draft.get_absolute_url()).status_code == 404


def test_writer_cannot_use_the_publish_action(writer_client, writer):
    draft = make_article(entries=2, status=Article.Status.DRAFT, author=writer)

    changelist = writer_client.get(CHANGELIST).content.decode()
    response = writer_client.post(
        CHANGELIST, {"action": "publish_now", "post": "yes", "_selected_action": [draft.pk]}, follow=True
    )

    assert "publish_now" not in changelist
    assert "No action selected." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_writer_cannot_edit_another_writers_list_or_a_published_one(writer_client, writer, desk_editor):
    others = make_article(entries=1, status=Article.Status.DRAFT, author=desk_editor)
    own_live = make_article(entries=1, author=writer)

    for article in (others, own_live):
        data = list_form_data(article, existing_entries(article), title="Hijacked")
        assert writer_client.post(change_url(article), data).status_code == 403
        article.refresh_from_db()
        assert article.title != "Hijacked"
    # They may still read them.
    assert writer_client.get(change_url(others)).status_code == 200


def test_editor_group_can_publish(client, desk_editor):
    client.force_login(desk_editor)
    draft = make_article(entries=2, status=Article.Status.DRAFT, published_at=None)

    response = client.post(change_url(draft), list_form_data(draft, existing_entries(draft), status="published"))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.state == "live"
    assert client.get(draft.get_absolute_url()).status_code == 200


def test_scheduled_list_goes_live_at_its_time_without_a_job(client, editor_client):
    publish_at = timezone.now() + datetime.timedelta(days=2)
    scheduled = make_article(entries=2, published_at=publish_at, title="Movies Like Tomorrow")

    assert scheduled.state == "scheduled"
    assert client.get(scheduled.get_absolute_url()).status_code == 404
    assert "Movies Like Tomorrow" not in client.get("/").content.decode()
    film_page = client.get(scheduled.entries.first().film.get_absolute_url()).content.decode()
    assert "Movies Like Tomorrow" not in film_page

    with time_machine.travel(publish_at + datetime.timedelta(minutes=1)):
        assert client.get(scheduled.get_absolute_url()).status_code == 200
        assert "Movies Like Tomorrow" in client.get("/").content.decode()


def test_changelist_shows_and_filters_draft_scheduled_and_live(editor_client, db):
    make_article(entries=1, title="Movies Like Live")
    make_article(entries=1, title="Movies Like Later", published_at=timezone.now() + datetime.timedelta(days=1))
    make_article(entries=1, title="Movies Like Draft", status=Article.Status.DRAFT)

    def titles(state):
        response = editor_client.get(CHANGELIST, {"state": state})
        return sorted(article.title for article in response.context["cl"].result_list)

    assert titles("live") == ["Movies Like Live"]
    assert titles("scheduled") == ["Movies Like Later"]
    assert titles("draft") == ["Movies Like Draft"]
    page = editor_client.get(CHANGELIST).content.decode()
    assert "Scheduled" in page and "Live" in page


def test_unpublish_takes_a_list_off_the_site_at_once(client, editor):
    client.force_login(editor)
    live = make_article(entries=2)
    film_page = live.entries.first().film.get_absolute_url()
    assert live.title in client.get(film_page).content.decode()

    client.post(CHANGELIST, {"action": "unpublish", "post": "yes", "_selected_action": [live.pk]})

    live.refresh_from_db()
    assert live.status == Article.Status.DRAFT
    client.logout()
    assert client.get(live.get_absolute_url()).status_code == 404
    assert live.title not in client.get(film_page).content.decode()
    assert live.title not in client.get("/").content.decode()


def test_publish_action_says_exactly_what_is_missing(editor_client, db):
    incomplete = make_article(entries=3, status=Article.Status.DRAFT, title="Movies Like Gaps", intro="")
    Entry.objects.filter(article=incomplete, rank=2).delete()
    Entry.objects.filter(article=incomplete, rank=3).update(blurb="")
    ready = make_article(entries=2, status=Article.Status.DRAFT, title="Movies Like Ready")

    response = editor_client.post(
        CHANGELIST, {"action": "publish_now", "post": "yes", "_selected_action": [incomplete.pk, ready.pk]}, follow=True
    )

    third = incomplete.entries.get(rank=3).film
    ready.refresh_from_db()
    messages = [str(message) for message in response.context["messages"]]
    assert messages == [
        f"“Movies Like Gaps” was not published. A published list needs an intro. #3 {third} needs a blurb: "
        "a published list has one for every entry. A published list is numbered 1 to 2 with no gaps or repeats. "
        "Missing: #2.",
        f"Published, live since {editor_time(ready.published_at, with_zone=True)}: Movies Like Ready.",
    ]
    assert Article.objects.get(pk=incomplete.pk).status == Article.Status.DRAFT
    assert Article.objects.get(pk=ready.pk).state == "live"


def test_publishing_needs_an_intro_and_every_blurb(editor_client, db):
    draft = make_article(entries=2, status=Article.Status.DRAFT)
    entries = existing_entries(draft)
    entries[0]["blurb"] = "   "

    response = editor_client.post(
        change_url(draft), list_form_data(draft, entries, status=Article.Status.PUBLISHED, intro="")
    )

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["intro"] == ["A published list needs an intro."]
    formset = response.context["inline_admin_formsets"][0].formset
    first = formset.forms[0].instance
    assert formset.forms[0].errors["blurb"] == [
        f"#{first.rank} {first.film} needs a blurb: a published list has one for every entry."
    ]
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


def test_second_of_two_concurrent_saves_is_refused_and_nothing_is_lost(client, django_user_model, backtrace):
    alice = django_user_model.objects.create_superuser("alice", "a@example.com", "pw")
    bob = django_user_model.objects.create_superuser("bob", "b@example.com", "pw")
    url = change_url(backtrace)

    client.force_login(alice)
    alice_form = client.get(url).context["adminform"].form
    client.force_login(bob)
    bob_form = client.get(url).context["adminform"].form
    assert alice_form["loaded_version"].value() == bob_form["loaded_version"].value()
    loaded = alice_form["loaded_version"].value()

    client.force_login(alice)
    alice_entries = existing_entries(backtrace)
    alice_entries[-1]["blurb"] = "Alice's rewrite of the Memento blurb."
    first = client.post(url, list_form_data(backtrace, alice_entries, loaded_version=loaded))

    client.force_login(bob)
    bob_entries = existing_entries(Article.objects.get(pk=backtrace.pk))
    bob_entries[-1]["blurb"] = "Bob's rewrite, which must not overwrite Alice's."
    second = client.post(url, list_form_data(backtrace, bob_entries, title="Bob's Title", loaded_version=loaded))

    assert first.status_code == 302
    assert second.status_code == 200
    errors = second.context["adminform"].form.non_field_errors()
    assert len(errors) == 1
    assert errors[0].startswith("alice saved this list at ")
    page = second.content.decode()
    assert "Bob&#x27;s rewrite, which must not overwrite Alice&#x27;s." in page
    assert "Bob&#x27;s Title" in page
    memento = Entry.objects.get(article=backtrace, rank=1)
    assert memento.blurb == "Alice's rewrite of the Memento blurb."
    assert Article.objects.get(pk=backtrace.pk).title == "Movies Like Backtrace"


@pytest.mark.parametrize("loaded_version", [None, ""], ids=["left out", "empty"])
def test_a_save_that_does_not_say_which_version_it_was_made_from_is_refused_and_kept(
    editor_client, backtrace, loaded_version
):
    entries = existing_entries(backtrace)
    memento_blurb = entries[-1]["blurb"]
    entries[-1]["blurb"] = "A rewrite sent by a page that carried no version."
    data = list_form_data(backtrace, entries, title="A Title Sent Without A Version")
    if loaded_version is None:
        del data["loaded_version"]
    else:
        data["loaded_version"] = loaded_version

    response = editor_client.post(change_url(backtrace), data)

    assert response.status_code == 200
    (error,) = response.context["adminform"].form.non_field_errors()
    assert error.startswith("This save did not say which version of the list it was made from")
    # Refused as a stale save is: the page of both versions, the editor's text kept to choose from.
    page = response.content.decode()
    assert "A rewrite sent by a page that carried no version." in page
    assert "A Title Sent Without A Version" in page
    stored = Article.objects.get(pk=backtrace.pk)
    assert (stored.title, stored.edit_version) == ("Movies Like Backtrace", backtrace.edit_version)
    assert Entry.objects.get(article=backtrace, rank=1).blurb == memento_blurb


def test_saving_again_after_reloading_works(editor_client, backtrace):
    url = change_url(backtrace)
    for title in ("First Title", "Second Title"):
        loaded = editor_client.get(url).context["adminform"].form["loaded_version"].value()
        data = list_form_data(backtrace, existing_entries(backtrace), title=title, loaded_version=loaded)
        assert editor_client.post(url, data).status_code == 302

    backtrace.refresh_from_db()
    assert backtrace.title == "Second Title"
    assert backtrace.last_edited_by.username == "editor-in-chief"


def test_inserting_an_entry_at_2_moves_the_others_down_in_one_save(editor_client, backtrace):
    entries = existing_entries(backtrace)
    heat = make_film("Heat", 1995)
    entries.append({"rank": 2, "film": heat.pk, "blurb": "Cops and robbers, the original."})

    response = editor_client.post(change_url(backtrace), list_form_data(backtrace, entries))

    assert response.status_code == 302
    ranks = {entry.film.title: entry.rank for entry in backtrace.entries.select_related("film")}
    assert ranks == {
        "Escape Plan": 7,
        "Dragged Across Concrete": 6,
        "American Heist": 5,
        "Out of Death": 4,
        "211": 3,
        "Heat": 2,
        "Memento": 1,
    }


def test_changing_a_live_lists_slug_redirects_the_old_address(client, editor_client, backtrace):
    data = list_form_data(backtrace, existing_entries(backtrace), slug="films-like-backtrace")

    assert editor_client.post(change_url(backtrace), data).status_code == 302

    response = client.get("/lists/movies-like-backtrace/")
    assert response.status_code == 301
    assert response["Location"] == "/lists/films-like-backtrace/"
    assert client.get("/lists/films-like-backtrace/").status_code == 200


def test_a_drafts_old_slug_does_not_redirect(client, editor_client, db):
    draft = make_article(entries=1, status=Article.Status.DRAFT, title="Movies Like Draft")
    editor_client.post(change_url(draft), list_form_data(draft, existing_entries(draft), slug="renamed-draft"))

    assert client.get("/lists/movies-like-draft/").status_code == 404


def test_old_slug_of_an_unpublished_list_is_404(client, editor_client, backtrace):
    editor_client.post(change_url(backtrace), list_form_data(backtrace, existing_entries(backtrace), slug="moved"))
    Article.objects.filter(pk=backtrace.pk).update(status=Article.Status.DRAFT)

    assert client.get("/lists/movies-like-backtrace/").status_code == 404
    assert client.get("/lists/moved/").status_code == 404
