"""Previews: the admin's Preview button and share links for reviewers without an account."""

import datetime

import pytest
import time_machine
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.core import signing
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from recommendations import previews
from recommendations.models import Article, Entry, ShareLinkKey

from .admin_forms import ADD_URL, change_url, existing_entries, list_form_data
from .factories import make_article, make_film
from .page_parts import countdown_headings, preview_problems, visible_text

BANNER = "Preview — not published"
NOINDEX_META = '<meta name="robots" content="noindex, nofollow">'


@pytest.fixture
def draft(db):
    return make_article(entries=3, status=Article.Status.DRAFT, published_at=None, title="Movies Like Draft")


@pytest.fixture
def writer_client(django_user_model):
    writer = django_user_model.objects.create_user("wendy", password="pw", is_staff=True)
    writer.groups.add(Group.objects.get(name="Writers"))
    client = Client()
    client.force_login(writer)
    return client


@pytest.fixture
def reviewer():
    """Someone with the link and no account."""
    return Client()


def revoke_url(article):
    return reverse("admin:recommendations_article_revoke_previews", args=[article.pk])


def stored(article):
    """Everything a preview must leave as it was."""
    article = Article.objects.get(pk=article.pk)
    state = {
        "fields": (article.title, article.intro, article.status, article.edit_version, article.updated_at),
        "entries": existing_entries(article),
        "entry_count": Entry.objects.count(),
        "articles": Article.objects.count(),
        "log_entries": LogEntry.objects.count(),
    }
    if apps.is_installed("reversion"):
        state["revisions"] = apps.get_model("reversion", "Revision").objects.count()
    return state


def assert_private(response):
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"private", "no-store"} <= cache_control


def share_link(client, article):
    """The link the list's admin page offers to copy."""
    return client.get(change_url(article)).context["share_link"].url


# The Preview button


def test_list_admin_page_has_a_preview_button_after_save(editor_client, draft):
    html = editor_client.get(change_url(draft)).content.decode()

    button = '<input type="submit" value="Preview" name="_preview" formtarget="_blank"'
    assert button in html
    assert html.index('name="_save"') < html.index(button)


def test_previewing_a_draft_shows_the_unsaved_text_in_the_public_template_and_saves_nothing(editor_client, draft):
    before = stored(draft)
    entries = existing_entries(draft)
    entries[0]["blurb"] = "A blurb rewritten a minute ago."
    newcomer = make_film("Thief", 1981)
    entries.append({"rank": 4, "film": newcomer.pk, "blurb": "Mann's first feature."})
    data = list_form_data(draft, entries, intro="An opening line nobody has saved.", _preview="1")

    response = editor_client.post(change_url(draft), data)

    assert response.status_code == 200
    html = response.content.decode()
    page = visible_text(html)
    # The readers' page itself, with the site's header and the countdown, not an admin page.
    assert '<a class="site-name" href="/">Film Magazine</a>' in html and '<ol class="countdown" reversed>' in html
    assert BANNER in page
    assert "Your unsaved changes, as readers would see them. Nothing has been saved" in page
    assert "An opening line nobody has saved." in page
    assert "A blurb rewritten a minute ago." in page
    assert countdown_headings(html)[0] == "4. Thief (1981)"
    assert NOINDEX_META in html
    assert_private(response)
    assert stored(draft) == before
    assert not Entry.objects.filter(film=newcomer).exists()


def test_preview_shows_the_themes_and_people_of_each_entry(editor_client, draft):
    entry = draft.entries.get(rank=1)
    theme, person = entry.themes.get(), entry.people.get()

    response = editor_client.post(change_url(draft), list_form_data(draft, existing_entries(draft), _preview="1"))

    html = response.content.decode()
    assert f'href="{theme.get_absolute_url()}"' in html
    assert f'href="{person.get_absolute_url()}"' in html


def test_previewing_a_new_list_creates_nothing(editor_client, editor):
    subject, film = make_film("Heat", 1995), make_film("Thief", 1981)
    log_entries = LogEntry.objects.count()
    data = list_form_data(subject=subject.pk, entries=[{"rank": 1, "film": film.pk, "blurb": "Mann first."}])

    response = editor_client.post(ADD_URL, {**data, "_preview": "1"})

    assert response.status_code == 200
    assert BANNER in visible_text(response.content.decode())
    assert countdown_headings(response.content.decode()) == ["1. Thief (1981)"]
    assert not Article.objects.exists()
    assert not Entry.objects.exists()
    assert LogEntry.objects.count() == log_entries


def test_previewing_changes_to_a_live_list_leaves_readers_on_the_saved_version(editor_client, client, backtrace):
    before = stored(backtrace)
    data = list_form_data(backtrace, existing_entries(backtrace), intro="A new intro, not yet saved.", _preview="1")

    preview = visible_text(editor_client.post(change_url(backtrace), data).content.decode())
    client.logout()
    public = visible_text(client.get(backtrace.get_absolute_url()).content.decode())

    assert "A new intro, not yet saved." in preview
    assert BANNER in preview
    assert "A new intro, not yet saved." not in public
    assert BANNER not in public
    assert stored(backtrace) == before


def test_a_save_after_a_preview_is_not_an_edit_conflict(editor_client, draft):
    data = list_form_data(draft, existing_entries(draft), intro="Previewed, then saved.")
    editor_client.post(change_url(draft), {**data, "_preview": "1"})

    response = editor_client.post(change_url(draft), data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.intro == "Previewed, then saved."


def test_an_invalid_preview_shows_the_page_as_far_as_it_can_and_lists_the_errors(editor_client, draft):
    before = stored(draft)
    entries = existing_entries(draft)
    first, second = make_film("Thief", 1981), make_film("Ronin", 1998)
    # Two new entries given one number in one save: the second is refused (an entry typed onto a number another
    # holds takes it and moves the others along, but two can't both take it).
    entries.append({"rank": 4, "film": first.pk, "blurb": "Text typed into the first new entry."})
    entries.append({"rank": 4, "film": second.pk, "blurb": "Text typed into the second new entry."})
    data = list_form_data(draft, entries, intro="A kept intro.", _preview="1")

    response = editor_client.post(change_url(draft), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert BANNER in html
    assert 'name="_save"' not in html, "a second copy of the form"
    text = visible_text(html)
    assert f"rank: #4 is already taken by {first} in this list." in text
    assert "A kept intro." in text
    assert "Text typed into the first new entry." in text
    # The new entry with the error is left out: it has no saved version to show instead.
    assert "Text typed into the second new entry." not in text
    assert stored(draft) == before


def test_an_entry_with_an_error_is_previewed_as_last_saved(editor_client, draft):
    before = stored(draft)
    entries = existing_entries(draft)
    entries[0].update(film=draft.subject_id, blurb="Typed with the wrong film.")
    data = list_form_data(draft, entries, _preview="1")

    response = editor_client.post(change_url(draft), data)

    text = visible_text(response.content.decode())
    saved = Entry.objects.get(pk=entries[0]["id"])
    assert "Entry 1, film: A list can't recommend its own subject" in text
    assert saved.blurb in text
    assert "Typed with the wrong film." not in text
    assert countdown_headings(response.content.decode())[0] == f"{saved.rank}. {saved.film}"
    assert stored(draft) == before


def test_publishing_in_a_preview_is_checked_as_on_save(editor_client, draft):
    data = list_form_data(draft, existing_entries(draft), intro="", status=Article.Status.PUBLISHED, _preview="1")

    response = editor_client.post(change_url(draft), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert "Intro: A published list needs an intro." in visible_text(html)
    assert stored_status(draft) == Article.Status.DRAFT
    assert preview_problems(html) == [
        {"label": "Intro", "message": "A published list needs an intro.", "prefix": "", "field": "intro"}
    ]


def stored_status(article):
    return Article.objects.values_list("status", flat=True).get(pk=article.pk)


def test_a_new_list_without_a_subject_previews_as_nothing_to_show_yet(editor_client):
    data = list_form_data(None, [], subject="", _preview="1")

    response = editor_client.post(ADD_URL, data)

    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "Nothing to show yet" in text
    assert "Subject: This field is required." in text
    assert Article.objects.count() == 0


def test_anonymous_visitors_cannot_preview_in_the_admin(client, draft):
    before = stored(draft)
    data = list_form_data(draft, existing_entries(draft), intro="Sneaked in.", _preview="1")

    response = client.post(change_url(draft), data)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert stored(draft) == before


def test_a_writer_cannot_preview_changes_to_someone_elses_list(writer_client, backtrace):
    before = stored(backtrace)
    data = list_form_data(backtrace, existing_entries(backtrace), intro="Not mine to change.", _preview="1")

    html = writer_client.get(change_url(backtrace)).content.decode()
    response = writer_client.post(change_url(backtrace), data)

    assert 'name="_preview"' not in html
    assert response.status_code == 403
    assert stored(backtrace) == before


# Share links


def test_the_list_admin_offers_a_share_link_with_its_expiry(editor_client, draft):
    with time_machine.travel(datetime.datetime(2026, 3, 2, 9, 30, tzinfo=datetime.UTC), tick=False):
        response = editor_client.get(change_url(draft))

    link = response.context["share_link"]
    assert link.url.startswith("http://testserver/preview/")
    page = visible_text(response.content.decode())
    assert "Share a preview" in page
    assert "drafts too, until 9 March 2026, 09:30 UTC" in page
    html = response.content.decode()
    assert f'value="{link.url}"' in html
    # At the top, before the list's form; the copy button waits for copy_link.js, the plain link does not.
    assert html.index('id="share-preview"') < html.index('id="article_form" novalidate')
    assert '<button type="button" class="button" data-copy-from="share-preview-link"' in html
    assert f'<a href="{link.url}" target="_blank">Open it in a new tab</a>' in html


def test_the_add_page_has_no_share_link(editor_client):
    response = editor_client.get(ADD_URL)

    assert "share_link" not in response.context
    assert "Share a preview" not in response.content.decode()


def test_a_reviewer_without_an_account_reads_a_draft_through_the_share_link(editor_client, reviewer, draft):
    link = share_link(editor_client, draft)

    response = reviewer.get(link)

    assert response.status_code == 200
    html = response.content.decode()
    page = visible_text(html)
    assert BANNER in page
    assert "A draft, shared for review. Readers can't see it yet." in page
    assert countdown_headings(html)[0].startswith("3. ")
    assert NOINDEX_META in html
    assert_private(response)
    assert response["Referrer-Policy"] == "no-referrer"
    assert reviewer.get(draft.get_absolute_url()).status_code == 404


def test_a_share_link_shows_the_list_as_last_saved(editor_client, reviewer, draft):
    link = share_link(editor_client, draft)
    Article.objects.filter(pk=draft.pk).update(intro="Saved after the link was sent.")

    assert "Saved after the link was sent." in visible_text(reviewer.get(link).content.decode())


def test_a_share_link_reads_top_pick_first_too(editor_client, reviewer, draft):
    link = share_link(editor_client, draft)

    html = reviewer.get(link, {"order": "top"}).content.decode()

    assert countdown_headings(html)[0].startswith("1. ")
    assert f'href="{reverse("recommendations:article_preview", args=[link.split("/")[-2]])}"' in html


def test_a_share_link_works_for_seven_days_then_says_it_has_expired(editor_client, reviewer, draft):
    link = share_link(editor_client, draft)
    now = timezone.now()

    with time_machine.travel(now + datetime.timedelta(days=6, hours=23), tick=False):
        still_good = reviewer.get(link)
    with time_machine.travel(now + datetime.timedelta(days=7, minutes=1), tick=False):
        expired = reviewer.get(link)

    assert still_good.status_code == 200
    assert expired.status_code == 410
    page = visible_text(expired.content.decode())
    assert "This preview link has expired" in page
    assert "Preview links work for 7 days after they are made." in page
    assert draft.title not in page
    assert NOINDEX_META in expired.content.decode()
    assert_private(expired)


def test_revoking_stops_every_link_given_out_and_offers_a_new_one(editor_client, reviewer, draft):
    old_link = share_link(editor_client, draft)
    another_old_link = share_link(editor_client, draft)
    edit_version = draft.edit_version

    response = editor_client.post(revoke_url(draft), follow=True)

    assert response.redirect_chain == [(f"{change_url(draft)}#share-preview", 302)]
    assert "Every preview link to “Movies Like Draft” given out so far has stopped working." in (
        response.content.decode()
    )
    for link in (old_link, another_old_link):
        revoked = reviewer.get(link)
        assert revoked.status_code == 410
        assert "This preview link has been revoked" in visible_text(revoked.content.decode())
    new_link = response.context["share_link"].url
    assert reviewer.get(new_link).status_code == 200
    draft.refresh_from_db()
    assert draft.edit_version == edit_version


def share_key(article):
    return ShareLinkKey.objects.get(article=article).key


def test_revoking_takes_a_post_with_a_csrf_token(editor, draft):
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(editor)
    page = strict.get(change_url(draft)).content.decode()
    key = share_key(draft)

    assert f'action="{revoke_url(draft)}"' in page
    assert strict.get(revoke_url(draft)).status_code == 405
    assert strict.post(revoke_url(draft)).status_code == 403
    assert share_key(draft) == key


def test_a_writer_sees_the_link_to_someone_elses_list_but_cannot_revoke_it(writer_client, backtrace):
    response = writer_client.get(change_url(backtrace))
    key = share_key(backtrace)

    assert "share_link" in response.context
    assert "Revoke all preview links" not in response.content.decode()
    assert writer_client.post(revoke_url(backtrace)).status_code == 403
    assert share_key(backtrace) == key


def test_anonymous_visitors_cannot_revoke(client, draft):
    response = client.post(revoke_url(draft))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def other_character(token, index):
    """The token with one character changed."""
    return token[:index] + ("B" if token[index] == "A" else "A") + token[index + 1 :]


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: other_character(token, 5),  # in the signed payload
        lambda token: other_character(token, len(token) - 1),  # in the signature
        lambda token: "not-a-token",
    ],
)
def test_a_tampered_share_link_is_not_found(editor_client, reviewer, draft, tamper):
    token = share_link(editor_client, draft).split("/")[-2]

    response = reviewer.get(reverse("recommendations:article_preview", args=[tamper(token)]))

    assert response.status_code == 404
    assert draft.title not in response.content.decode()


def test_a_link_to_a_deleted_list_is_not_found(editor_client, reviewer, draft):
    link = share_link(editor_client, draft)
    draft.delete()

    assert reviewer.get(link).status_code == 404


def test_a_token_signed_for_something_else_is_not_found(reviewer, draft):
    token = signing.dumps({"pk": draft.pk, "key": previews.current_key(draft)}, salt="something.else")

    assert reviewer.get(reverse("recommendations:article_preview", args=[token])).status_code == 404


def test_the_public_list_page_has_no_banner_and_may_be_indexed(client, backtrace):
    response = client.get(backtrace.get_absolute_url())

    html = response.content.decode()
    assert BANNER not in html
    assert '<meta name="robots"' not in html
    assert "X-Robots-Tag" not in response.headers


def test_share_link_page_queries_do_not_grow_with_entries(editor_client, reviewer, db):
    counts = []
    for size in (3, 30):
        article = make_article(entries=size, status=Article.Status.DRAFT)
        link = share_link(editor_client, article)
        with CaptureQueriesContext(connection) as queries:
            response = reviewer.get(link)
        assert len(countdown_headings(response.content.decode())) == size
        counts.append(len(queries))

    assert counts[0] == counts[1]


@pytest.mark.parametrize("count", [3, 30])
def test_view_on_site_opens_a_draft_as_last_saved_in_constant_queries(
    editor_client, db, count, django_assert_max_num_queries
):
    draft = make_article(entries=count, status=Article.Status.DRAFT, title="Movies Like Unseen")
    change_page = editor_client.get(change_url(draft)).content.decode()
    preview_url = reverse("admin:recommendations_article_saved_preview", args=[draft.pk])

    with django_assert_max_num_queries(14):
        response = editor_client.get(preview_url)

    assert f'href="{preview_url}" class="viewsitelink"' in change_page
    assert response.status_code == 200
    text = visible_text(response.content.decode())
    assert "This draft as last saved. Readers can't see it until it is published." in text
    assert len(countdown_headings(response.content.decode())) == count
    assert response["X-Robots-Tag"] == "noindex, nofollow"


def test_view_on_site_of_a_live_list_is_the_list_and_the_saved_preview_is_for_staff(editor_client, db):
    live = make_article(entries=1)
    page = editor_client.get(change_url(live)).content.decode()
    saved_preview = reverse("admin:recommendations_article_saved_preview", args=[live.pk])

    assert "/admin/r/" in page.split('class="viewsitelink"')[0].rsplit("href=", 1)[1]
    assert editor_client.get(reverse("admin:recommendations_article_saved_preview", args=[999999])).status_code == 404
    assert editor_client.get("/admin/recommendations/article/not-a-number/preview/").status_code == 404
    assert Client().get(saved_preview).status_code == 302
