"""Unsaved work kept server-side: per editor and per list, behind sign-in and CSRF, never the list itself, offered back
on reopening (a new sign-in included), cleared by a save."""

import json

import pytest
from django.test import Client
from django.urls import reverse

from recommendations.models import Article, Autosave

from .admin_forms import ADD_URL, change_url, existing_entries, list_form_data
from .factories import make_article
from .page_parts import visible_text


def autosave_url(article=None):
    if article is None:
        return reverse("admin:recommendations_article_autosave_new")
    return reverse("admin:recommendations_article_autosave", args=[article.pk])


def typed(article, **fields):
    article = Article.objects.get(pk=article.pk)
    return list_form_data(article, existing_entries(article), loaded_version=article.edit_version, **fields)


@pytest.fixture
def night_editor(django_user_model):
    return django_user_model.objects.create_superuser("night-editor", "night@example.com", "correct horse")


def test_autosaving_keeps_the_form_for_that_editor_and_list_and_leaves_the_list_alone(
    editor_client, editor, backtrace, settings, django_assert_num_queries
):
    before = Article.objects.get(pk=backtrace.pk)
    settings.PAGE_CACHE_SECONDS = 600
    reader = Client()
    reader.get(backtrace.get_absolute_url())

    response = editor_client.post(autosave_url(backtrace), typed(backtrace, intro="Half a thought"))

    assert response.status_code == 200
    assert set(json.loads(response.content)) == {"saved_at", "time"}
    kept = Autosave.objects.get(user=editor, article=backtrace)
    assert kept.form_data["intro"] == ["Half a thought"]
    assert "csrfmiddlewaretoken" not in kept.form_data
    after = Article.objects.get(pk=backtrace.pk)
    assert (after.intro, after.edit_version, after.updated_at) == (before.intro, before.edit_version, before.updated_at)
    with django_assert_num_queries(0):  # still served from the readers' page cache
        assert reader.get(backtrace.get_absolute_url()).status_code == 200


def test_a_second_autosave_replaces_the_first(editor_client, editor, backtrace):
    editor_client.post(autosave_url(backtrace), typed(backtrace, intro="Half"))
    editor_client.post(autosave_url(backtrace), typed(backtrace, intro="Half a thought, finished."))

    assert [kept.form_data["intro"] for kept in Autosave.objects.all()] == [["Half a thought, finished."]]


def test_readers_never_see_an_autosave(editor_client, client, backtrace):
    editor_client.post(autosave_url(backtrace), typed(backtrace, intro="Not for readers yet."))

    page = client.get(backtrace.get_absolute_url())

    assert "Not for readers yet." not in page.content.decode()


def test_reopening_the_list_offers_the_changes_back_and_restoring_fills_the_form(editor_client, backtrace):
    editor_client.post(autosave_url(backtrace), typed(backtrace, intro="Half a thought"))

    offer = editor_client.get(change_url(backtrace))
    restored = editor_client.get(change_url(backtrace), {"autosave": "restore"})

    text = visible_text(offer.content.decode())
    assert "You have unsaved changes from " in text
    assert "Restore them" in text
    assert 'value="Discard them"' in offer.content.decode()
    assert offer.context["adminform"].form["intro"].value() == backtrace.intro
    assert restored.context["adminform"].form["intro"].value() == "Half a thought"
    assert "These are your unsaved changes from " in visible_text(restored.content.decode())
    assert "data-unsaved-from-start" in restored.content.decode()


def test_the_offer_survives_a_session_that_ended_and_a_new_sign_in(editor, backtrace):
    first = Client()
    first.force_login(editor)
    first.post(autosave_url(backtrace), typed(backtrace, intro="Typed before the session ended"))
    first.logout()
    again = Client()
    again.force_login(editor)

    page = again.get(change_url(backtrace), {"autosave": "restore"})

    assert page.context["adminform"].form["intro"].value() == "Typed before the session ended"


def test_an_ended_session_autosaves_nothing(client, backtrace):
    response = client.post(autosave_url(backtrace), typed(backtrace, intro="Anyone"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert not Autosave.objects.exists()


def test_each_editor_sees_only_her_own_autosave(editor_client, client, backtrace, night_editor):
    editor_client.post(autosave_url(backtrace), typed(backtrace, intro="The chief's draft"))
    client.force_login(night_editor)

    page = client.get(change_url(backtrace), {"autosave": "restore"})

    assert "You have unsaved changes" not in page.content.decode()
    assert page.context["adminform"].form["intro"].value() == backtrace.intro


def test_an_autosave_is_never_counted_as_a_save_by_the_conflict_check(editor_client, client, backtrace, night_editor):
    client.force_login(night_editor)
    theirs = typed(backtrace, intro="The night editor's intro.")

    editor_client.post(autosave_url(backtrace), typed(backtrace, intro="The chief, still typing"))
    response = client.post(change_url(backtrace), theirs)

    assert response.status_code == 302
    assert Article.objects.get(pk=backtrace.pk).intro == "The night editor's intro."


def test_saving_the_list_clears_the_editors_autosave(editor_client, editor, backtrace):
    editor_client.post(autosave_url(backtrace), typed(backtrace, intro="Kept while typing"))

    response = editor_client.post(change_url(backtrace), typed(backtrace, intro="Kept while typing, then saved"))

    assert response.status_code == 302
    assert not Autosave.objects.filter(user=editor).exists()


def test_a_preview_leaves_the_autosave_as_it_was(editor_client, editor, backtrace):
    editor_client.post(autosave_url(backtrace), typed(backtrace, intro="Kept while typing"))

    editor_client.post(change_url(backtrace), typed(backtrace, intro="Previewed", _preview="1"))

    assert Autosave.objects.get(user=editor).form_data["intro"] == ["Kept while typing"]


def test_discarding_removes_it(editor_client, editor, backtrace):
    editor_client.post(autosave_url(backtrace), typed(backtrace, intro="Not wanted"))

    response = editor_client.post(reverse("admin:recommendations_article_discard", args=[backtrace.pk]))

    assert response.status_code == 302
    assert not Autosave.objects.exists()
    assert "You have unsaved changes" not in editor_client.get(change_url(backtrace)).content.decode()


def test_a_new_list_not_yet_saved_is_autosaved_and_offered_on_the_add_page(editor_client, editor, db):
    editor_client.post(autosave_url(), list_form_data(title="Movies Like Thief", intro="Mann's first."))

    page = editor_client.get(ADD_URL, {"autosave": "restore"})
    editor_client.post(ADD_URL, {**page.context["adminform"].form.data.dict(), "subject": make_article().subject_id})

    assert page.context["adminform"].form["title"].value() == "Movies Like Thief"
    assert "You were editing" not in visible_text(page.content.decode())
    assert Article.objects.filter(title="Movies Like Thief").exists()
    assert not Autosave.objects.exists()


def test_autosave_takes_a_post_with_a_csrf_token(editor, backtrace):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)

    without_token = strict.post(autosave_url(backtrace), typed(backtrace, intro="Forged"))
    as_get = strict.get(autosave_url(backtrace))

    assert without_token.status_code == 403
    assert as_get.status_code == 405
    assert not Autosave.objects.exists()


def test_a_writer_cannot_autosave_someone_elses_list(writer_client, backtrace):
    response = writer_client.post(autosave_url(backtrace), typed(backtrace, intro="Not mine"))

    assert response.status_code == 403
    assert not Autosave.objects.exists()


def test_an_unknown_list_is_not_found(editor_client, db):
    assert editor_client.post("/admin/recommendations/article/999999/autosave/", {}).status_code == 404
    assert editor_client.post("/admin/recommendations/article/nonsense/autosave/", {}).status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_autosaving_takes_the_same_queries_for_any_length(editor_client, db, size, django_assert_max_num_queries):
    article = make_article(entries=size)
    data = typed(article, intro="Kept")

    # Session, user, the list, and its autosave looked up then written, in update_or_create's two savepoints.
    with django_assert_max_num_queries(9):
        editor_client.post(autosave_url(article), data)
