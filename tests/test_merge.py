"""Conflicts resolved in place: a refused save shows what each editor changed, keeps one-sided changes in one click,
asks about fields both changed, and ends in an ordinary save that the conflict check lets through."""

import json
import re
from html import unescape

import pytest
from django.test import Client
from reversion.models import Version

from recommendations.admin_merge import find_conflict
from recommendations.models import Article, Autosave, Entry, Film

from .admin_forms import change_url, existing_entries, list_form_data
from .factories import make_article, make_film
from .page_parts import visible_text


@pytest.fixture
def alice(django_user_model):
    return django_user_model.objects.create_superuser("alice", "alice@example.com", "pw")


@pytest.fixture
def bob(django_user_model):
    return django_user_model.objects.create_superuser("bob", "bob@example.com", "pw")


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def opened(client, article):
    """The form as its page holds it when opened: the list as saved, and the version it was opened at."""
    client.get(change_url(article))
    article = Article.objects.get(pk=article.pk)
    data = list_form_data(article, existing_entries(article), loaded_version=article.edit_version)
    data["published_at_0"], data["published_at_1"] = "2022-06-24", "08:00:00"
    return data


def blurb_field(data, film):
    index = next(key for key, value in data.items() if key.endswith("-film") and value == film.pk).split("-")[1]
    return f"entries-{index}-blurb"


def merge_form(page):
    """What pressing Save on the merge page sends, with nothing picked yet."""
    html = page.content.decode()
    hidden = dict(re.findall(r'<input type="hidden" name="(_merge_\w+)" value="([^"]*)"', html))
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    return {**{name: unescape(value) for name, value in hidden.items()}, "csrfmiddlewaretoken": token, "_merge": "1"}


@pytest.fixture
def memento():
    return Film.objects.get(slug="memento-2000")


def test_two_editors_changing_different_fields_both_keep_their_changes_in_one_click(alice, bob, backtrace, memento):
    alice_client, bob_client = signed_in(alice), signed_in(bob)
    alice_form, bob_form = opened(alice_client, backtrace), opened(bob_client, backtrace)
    alice_client.post(change_url(backtrace), {**alice_form, "intro": "Alice's new intro."})
    bob_form[blurb_field(bob_form, memento)] = "Bob's new Memento blurb."

    refused = bob_client.post(change_url(backtrace), bob_form)

    assert refused.status_code == 200
    text = visible_text(refused.content.decode())
    assert "alice saved this list at " in text
    assert "Changed by alice only: their change is kept" in text
    assert "Intro Alice's new intro." in text
    assert "Changed by you only: yours is kept" in text
    assert "Memento (2000): blurb" in text and "Bob's new Memento blurb." in text
    assert "Changed by both of you" not in text
    assert Article.objects.get(pk=backtrace.pk).intro == "Alice's new intro."

    saved = bob_client.post(change_url(backtrace), merge_form(refused))

    assert saved.status_code == 302
    article = Article.objects.get(pk=backtrace.pk)
    assert article.intro == "Alice's new intro."
    assert Entry.objects.get(article=article, film=memento).blurb == "Bob's new Memento blurb."
    assert article.last_edited_by == bob
    assert len(Version.objects.get_for_object(article)) == 3  # as first opened, Alice's, and the merge
    assert not Autosave.objects.filter(user=bob).exists()


def test_the_refused_form_is_kept_as_the_editors_autosave(alice, bob, backtrace):
    alice_client, bob_client = signed_in(alice), signed_in(bob)
    alice_form, bob_form = opened(alice_client, backtrace), opened(bob_client, backtrace)
    alice_client.post(change_url(backtrace), {**alice_form, "intro": "Alice's."})

    bob_client.post(change_url(backtrace), {**bob_form, "title": "Bob's Title"})

    assert Autosave.objects.get(user=bob, article=backtrace).form_data["title"] == ["Bob's Title"]


def test_when_both_change_one_blurb_the_page_shows_both_and_saves_the_one_picked(alice, bob, backtrace, memento):
    alice_client, bob_client = signed_in(alice), signed_in(bob)
    alice_form, bob_form = opened(alice_client, backtrace), opened(bob_client, backtrace)
    field = blurb_field(alice_form, memento)
    alice_client.post(change_url(backtrace), {**alice_form, field: "Alice's Memento blurb."})

    refused = bob_client.post(change_url(backtrace), {**bob_form, field: "Bob's Memento blurb."})

    text = visible_text(refused.content.decode())
    assert "Changed by both of you: choose one for each Memento (2000): blurb" in text
    assert "Their version (alice) Alice's Memento blurb." in text
    assert "Your version Bob's Memento blurb." in text
    form = merge_form(refused)
    (pick,) = re.findall(r'name="(_pick-entry-\d+-blurb)" value="mine"', refused.content.decode())

    unpicked = bob_client.post(change_url(backtrace), form)
    assert unpicked.status_code == 200
    assert "Choose one version for each of the fields you both changed." in unpicked.content.decode()
    assert Entry.objects.get(film=memento).blurb == "Alice's Memento blurb."

    saved = bob_client.post(change_url(backtrace), {**form, pick: "mine"})

    assert saved.status_code == 302
    assert Entry.objects.get(film=memento).blurb == "Bob's Memento blurb."


def test_a_text_both_changed_can_be_kept_as_written_anew(alice, bob, backtrace):
    alice_client, bob_client = signed_in(alice), signed_in(bob)
    alice_form, bob_form = opened(alice_client, backtrace), opened(bob_client, backtrace)
    alice_client.post(change_url(backtrace), {**alice_form, "intro": "Alice's intro."})
    refused = bob_client.post(change_url(backtrace), {**bob_form, "intro": "Bob's intro."})

    saved = bob_client.post(
        change_url(backtrace),
        {**merge_form(refused), "_pick-intro": "edited", "_edit-intro": "Alice's intro, with Bob's ending."},
    )

    assert saved.status_code == 302
    assert Article.objects.get(pk=backtrace.pk).intro == "Alice's intro, with Bob's ending."


def test_a_save_made_while_the_merge_page_was_open_is_merged_too(alice, bob, django_user_model, backtrace, memento):
    carol = django_user_model.objects.create_superuser("carol", "carol@example.com", "pw")
    alice_client, bob_client, carol_client = signed_in(alice), signed_in(bob), signed_in(carol)
    alice_form, bob_form = opened(alice_client, backtrace), opened(bob_client, backtrace)
    alice_client.post(change_url(backtrace), {**alice_form, "intro": "Alice's intro."})
    refused = bob_client.post(change_url(backtrace), {**bob_form, "title": "Bob's Title"})
    carol_client.post(change_url(backtrace), {**opened(carol_client, backtrace), "slug": "carols-address"})

    again = bob_client.post(change_url(backtrace), merge_form(refused))

    assert again.status_code == 200
    assert "The list was saved again while you were choosing" in again.content.decode()
    saved = bob_client.post(change_url(backtrace), merge_form(again))
    assert saved.status_code == 302
    article = Article.objects.get(pk=backtrace.pk)
    assert (article.title, article.intro, article.slug) == ("Bob's Title", "Alice's intro.", "carols-address")


def test_an_entry_they_removed_that_you_changed_is_yours_to_keep_or_let_go(alice, bob, backtrace):
    escape_plan = Film.objects.get(slug="escape-plan-2013")
    alice_client, bob_client = signed_in(alice), signed_in(bob)
    alice_form, bob_form = opened(alice_client, backtrace), opened(bob_client, backtrace)
    field = blurb_field(alice_form, escape_plan)
    alice_client.post(change_url(backtrace), {**alice_form, field.replace("-blurb", "-DELETE"): "on"})
    assert not Entry.objects.filter(film=escape_plan).exists()

    refused = bob_client.post(change_url(backtrace), {**bob_form, field: "Bob still wants Escape Plan."})

    text = visible_text(refused.content.decode())
    assert "Escape Plan (2013) (#6)" in text
    assert "Their version (alice) Removed from the list" in text and "Your version In the list" in text
    (pick,) = re.findall(r'name="(_pick-entry-\d+-exists)" value="mine"', refused.content.decode())
    saved = bob_client.post(change_url(backtrace), {**merge_form(refused), pick: "mine"})
    assert saved.status_code == 302
    assert Entry.objects.get(article=backtrace, film=escape_plan).blurb == "Bob still wants Escape Plan."


def test_entries_each_of_them_added_are_both_kept(alice, bob, backtrace):
    heat, thief = make_film("Heat", 1995), make_film("Thief", 1981)
    alice_client, bob_client = signed_in(alice), signed_in(bob)
    alice_form, bob_form = opened(alice_client, backtrace), opened(bob_client, backtrace)
    alice_client.post(
        change_url(backtrace),
        list_form_data(
            backtrace,
            [*existing_entries(backtrace), {"rank": 7, "film": heat.pk, "blurb": "Alice adds Heat."}],
            loaded_version=alice_form["loaded_version"],
            published_at_0="2022-06-24",
            published_at_1="08:00:00",
        ),
    )
    bob_entries = [*existing_entries(backtrace), {"rank": 7, "film": thief.pk, "blurb": "Bob adds Thief."}]
    refused = bob_client.post(
        change_url(backtrace),
        list_form_data(
            backtrace,
            bob_entries,
            loaded_version=bob_form["loaded_version"],
            published_at_0="2022-06-24",
            published_at_1="08:00:00",
        ),
    )

    assert "Thief (2000)" not in visible_text(refused.content.decode())
    saved = bob_client.post(change_url(backtrace), merge_form(refused))

    assert saved.status_code == 302
    ranks = dict(Entry.objects.filter(article=backtrace).values_list("film__title", "rank"))
    # Bob's insertion at #7 moves Alice's Heat down one, as any insertion does.
    assert ranks["Thief"] == 7 and ranks["Heat"] == 8


def test_a_tampered_merge_form_is_a_bad_request_not_an_error(bob, backtrace):
    client = signed_in(bob)

    response = client.post(change_url(backtrace), {"_merge": "1", "_merge_mine": "{not json", "_merge_theirs": "x"})
    garbage = client.post(
        change_url(backtrace), {"_merge": "1", "_merge_mine": json.dumps([1, 2]), "_merge_theirs": "1"}
    )

    assert response.status_code == 400
    assert garbage.status_code in {200, 302}
    assert Article.objects.get(pk=backtrace.pk).title == backtrace.title


@pytest.mark.parametrize("size", [3, 30])
def test_working_out_a_conflict_takes_the_same_queries_for_any_length(alice, size, django_assert_num_queries):
    article = make_article(entries=size)
    alice_client = signed_in(alice)
    form = opened(alice_client, article)
    alice_client.post(change_url(article), {**form, "intro": "Changed."})
    mine = list_form_data(article, existing_entries(article), loaded_version=form["loaded_version"], title="Mine")
    from django.http import QueryDict

    data = QueryDict(mutable=True)
    for name, value in mine.items():
        data.setlist(name, [str(item) for item in value] if isinstance(value, list) else [str(value)])

    # The list with its last editor, again as it stands with its entries' themes and people, its tags, the
    # revision it was opened at and that revision's entries, and the names of films, themes, people and users.
    with django_assert_num_queries(11):
        conflict = find_conflict(article, data)

    assert {decision.outcome for decision in conflict.decisions if decision.name == "intro"} == {"theirs"}
