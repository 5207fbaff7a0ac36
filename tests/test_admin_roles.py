"""The admin's role rules, on every view and action, against forged POSTs.

A writer drafts lists of their own. Every request below is one the admin never offers a
writer (no button, no action in the menu), forged as a browser would send it; after each,
every editorial row in the database is compared with how it stood before: nothing changed.
"""

import itertools
import json

import pytest
import reversion
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import serializers
from django.urls import reverse
from reversion.models import Version
from taggit.models import Tag

from recommendations.models import Article, Person, Theme

from .admin_forms import existing_entries, list_form_data
from .factories import make_article, make_film, make_person, make_theme

CHANGELIST = reverse("admin:recommendations_article_changelist")


@pytest.fixture
def site(writer, desk_editor):
    """The writer's own draft and live list, another writer's draft, a live list of the desk's, and a catalogue."""
    lists = {
        "own draft": make_article(entries=3, status=Article.Status.DRAFT, author=writer, title="Movies Like Own Draft"),
        "own live": make_article(entries=3, author=writer, title="Movies Like Own Live"),
        "others draft": make_article(
            entries=3, status=Article.Status.DRAFT, author=desk_editor, title="Movies Like Others Draft"
        ),
        "others live": make_article(entries=3, author=desk_editor, title="Movies Like Others Live"),
    }
    for article in lists.values():
        # Gaps for the renumber action to close, and a revision to restore.
        for entry, rank in zip(article.entries.order_by("-rank"), itertools.count(6, -2), strict=False):
            entry.rank = rank
            entry.save()
        with reversion.create_revision():
            article.save()
        article.refresh_from_db()
        article.tags.add("noir")
    return lists


def everything():
    """Every editorial row, many-to-many links and revisions included, as text."""
    models = [
        *apps.get_app_config("recommendations").get_models(),
        Tag,
        Group,
        *apps.get_app_config("auth").get_models(),
    ]
    rows = serializers.serialize("json", [obj for model in models for obj in model._default_manager.order_by("pk")])
    return rows, Version.objects.count(), list(apps.get_model("taggit", "TaggedItem").objects.values_list())


class Unchanged:
    """Call with a response: asserts that it refused, and that nothing at all changed since the snapshot."""

    def __init__(self):
        self.snapshot()

    def snapshot(self):
        self.before = everything()

    def __call__(self, response, refused=(403,)):
        assert response.status_code in refused, response.status_code
        after = everything()
        assert after[1:] == self.before[1:]
        assert json.loads(after[0]) == json.loads(self.before[0])


@pytest.fixture
def unchanged(site):
    return Unchanged()


def change_url(article):
    return reverse("admin:recommendations_article_change", args=[article.pk])


def test_the_admin_requires_staff(client, django_user_model, site, unchanged):
    not_staff = django_user_model.objects.create_user("reader", password="pw")
    not_staff.groups.add(Group.objects.get(name="Editors"))
    client.force_login(not_staff)
    draft = site["others draft"]
    unchanged.snapshot()

    assert client.get("/admin/").status_code == 302
    unchanged(client.post(change_url(draft), list_form_data(draft, existing_entries(draft), title="X")), (302,))
    unchanged(client.post(CHANGELIST, {"action": "publish_now", "post": "yes", "_selected_action": [draft.pk]}), (302,))


@pytest.mark.parametrize("action", ["publish_now", "unpublish", "delete_selected"])
def test_a_writer_cannot_use_the_editors_actions_even_on_their_own_lists(writer_client, site, unchanged, action):
    own = [site["own draft"].pk, site["own live"].pk]
    changelist = writer_client.get(CHANGELIST).content.decode()

    response = writer_client.post(CHANGELIST, {"action": action, "_selected_action": own, "post": "yes"}, follow=True)

    assert f'value="{action}"' not in changelist
    assert "No action selected." in response.content.decode()
    unchanged(response, (200,))


def test_a_writer_cannot_renumber_someone_elses_lists_or_their_own_live_one(writer_client, site, unchanged):
    targets = [site["others draft"].pk, site["others live"].pk, site["own live"].pk]

    response = writer_client.post(
        CHANGELIST, {"action": "renumber_ranks", "post": "yes", "_selected_action": targets}, follow=True
    )

    assert response.content.decode().count("was left alone: you may not change it.") == 3
    unchanged(response, (200,))


@pytest.mark.parametrize("which", ["others draft", "others live", "own live"])
def test_a_writer_cannot_change_a_list_that_is_not_their_own_draft(writer_client, site, unchanged, which):
    article = site[which]
    entries = existing_entries(article)
    entries[0]["blurb"] = "Rewritten."
    suggested = make_film()
    unchanged.snapshot()
    posts = [
        list_form_data(article, entries, title="Hijacked"),
        # Publishing, unpublishing, scheduling and reassigning, forged into the form.
        list_form_data(article, existing_entries(article), status="draft", author=article.author_id),
        # Moving an entry (what the Move up/down buttons send) and the suggested-entry button.
        list_form_data(article, [{**entry, "rank": entry["rank"] + 1} for entry in existing_entries(article)]),
        {**list_form_data(article, existing_entries(article)), "_add_suggestion": suggested.pk},
        {**list_form_data(article, existing_entries(article)), "_preview": "Preview"},
    ]
    for data in posts:
        unchanged(writer_client.post(change_url(article), data))


def test_a_writer_cannot_delete_a_list_even_their_own_draft(writer_client, site, unchanged):
    for article in (site["own draft"], site["others draft"]):
        delete = reverse("admin:recommendations_article_delete", args=[article.pk])
        unchanged(writer_client.post(delete, {"post": "yes"}))


def test_a_writer_cannot_restore_a_revision_or_revoke_links_of_someone_elses_list(writer_client, site, unchanged):
    article = site["others draft"]
    version = Version.objects.get_for_object(article).first()
    restore = reverse("admin:recommendations_article_revision", args=[article.pk, version.pk])
    revoke = reverse("admin:recommendations_article_revoke_previews", args=[article.pk])

    unchanged(writer_client.post(restore, list_form_data(article, existing_entries(article), title="Restored")))
    unchanged(writer_client.post(revoke))


CATALOGUE_FORMS = pytest.mark.parametrize(
    ("model", "make", "data"),
    [
        ("film", lambda: make_film("Heat", 1995), {"title": "Hijacked", "slug": "hijacked", "year": 1995}),
        ("person", lambda: make_person("Michael Mann"), {"name": "Hijacked", "slug": "hijacked"}),
        ("theme", lambda: make_theme("heist"), {"name": "hijacked", "slug": "hijacked"}),
    ],
)
NO_INLINE_ROWS = {
    "credits-TOTAL_FORMS": "0",
    "credits-INITIAL_FORMS": "0",
    "availabilities-TOTAL_FORMS": "0",
    "availabilities-INITIAL_FORMS": "0",
}


@CATALOGUE_FORMS
def test_a_writer_cannot_change_or_delete_films_people_or_themes(writer_client, site, model, make, data):
    obj = make()
    unchanged = Unchanged()
    requests = [
        (f"admin:recommendations_{model}_change", [obj.pk], {**data, **NO_INLINE_ROWS}),
        (f"admin:recommendations_{model}_delete", [obj.pk], {"post": "yes"}),
    ]
    for name, args, post in requests:
        unchanged(writer_client.post(reverse(name, args=args), post))
    bulk_delete = writer_client.post(
        reverse(f"admin:recommendations_{model}_changelist"),
        {"action": "delete_selected", "_selected_action": [obj.pk], "post": "yes"},
        follow=True,
    )
    unchanged(bulk_delete, (200,))
    # They may read and link to them.
    unchanged(writer_client.get(reverse(f"admin:recommendations_{model}_change", args=[obj.pk])), (200,))


@CATALOGUE_FORMS
@pytest.mark.parametrize("popup", [{}, {"_popup": "1", "_to_field": "id"}], ids=["form", "popup"])
def test_what_a_writer_adds_to_the_catalogue_waits_for_an_editor(writer_client, writer, model, make, data, popup):
    response = writer_client.post(reverse(f"admin:recommendations_{model}_add"), {**data, **NO_INLINE_ROWS, **popup})

    assert response.status_code in (200, 302)
    added = apps.get_model("recommendations", model).objects.get(slug="hijacked")
    assert (added.awaiting_review, added.added_by) == (True, writer)


def test_a_writer_cannot_change_tags_or_users(writer_client, site, writer, unchanged):
    tag = Tag.objects.get(name="noir")
    unchanged(writer_client.post(reverse("admin:taggit_tag_change", args=[tag.pk]), {"name": "x", "slug": "x"}))
    unchanged(writer_client.post(reverse("admin:taggit_tag_delete", args=[tag.pk]), {"post": "yes"}))
    user_change = reverse("admin:auth_user_change", args=[writer.pk])
    unchanged(writer_client.post(user_change, {"username": "wendy", "is_superuser": "on", "is_staff": "on"}))
    unchanged(writer_client.post(reverse("admin:auth_group_add"), {"name": "Writers plus"}))


def test_services_and_availability_are_not_in_the_admin_for_anyone(writer_client, site, unchanged):
    """Where-to-watch data changes through imports, not the admin: nobody can forge a change there."""
    unchanged(writer_client.post("/admin/recommendations/service/add/", {"name": "X", "slug": "x"}), (403, 404))
    unchanged(writer_client.post("/admin/recommendations/availability/add/", {}), (403, 404))


def test_a_writers_new_list_is_always_their_own_draft(writer_client, writer, desk_editor, site):
    subject, film = make_film("Thief", 1981), make_film("Collateral", 2004)
    data = list_form_data(
        subject=subject.pk,
        entries=[{"rank": 1, "film": film.pk, "blurb": "Mann again."}],
        title="Movies Like Thief",
        slug="movies-like-thief",
        status="published",
        author=desk_editor.pk,
        published_at_0="2020-01-01",
        published_at_1="00:00:00",
    )

    assert writer_client.post(reverse("admin:recommendations_article_add"), data).status_code == 302

    article = Article.objects.get(slug="movies-like-thief")
    assert (article.status, article.published_at, article.author) == (Article.Status.DRAFT, None, writer)


def test_a_writer_changes_their_own_draft(writer_client, site):
    """The control: the same kind of forged-looking POST works where the rules allow it."""
    draft = site["own draft"]
    entries = existing_entries(draft)
    entries[0]["blurb"] = "Rewritten by its writer."

    response = writer_client.post(change_url(draft), list_form_data(draft, entries, title="Movies Like Mine"))

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "Movies Like Mine"
    assert draft.entries.filter(blurb="Rewritten by its writer.").exists()


def test_the_desk_can_do_everything_a_writer_cannot(client, desk_editor, site):
    """The other side of the ladder: Editors publish, unpublish, renumber and delete."""
    client.force_login(desk_editor)
    live, draft = site["own live"], site["others draft"]

    client.post(CHANGELIST, {"action": "renumber_ranks", "post": "yes", "_selected_action": [draft.pk, live.pk]})
    client.post(CHANGELIST, {"action": "publish_now", "post": "yes", "_selected_action": [draft.pk]})
    client.post(CHANGELIST, {"action": "unpublish", "post": "yes", "_selected_action": [live.pk]})
    client.post(reverse("admin:recommendations_person_add"), {"name": "Ann Dowd", "slug": "ann-dowd"})

    draft.refresh_from_db()
    live.refresh_from_db()
    assert draft.state == "live"
    assert sorted(draft.entries.values_list("rank", flat=True)) == [1, 2, 3]
    assert live.state == "draft"
    assert Person.objects.filter(slug="ann-dowd").exists()
    assert Theme.objects.exists()
