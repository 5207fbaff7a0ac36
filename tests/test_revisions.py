import datetime
import re
from html import unescape
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version
from taggit.utils import edit_string_for_tags

from recommendations.edits import record_edit
from recommendations.models import Article, Entry, Film, FormerSlug, Person, ShareLinkKey, Theme
from recommendations.revisions import EntryState, ListState, Names, describe_changes

from .admin_forms import change_url, existing_entries, list_form_data
from .factories import make_article, make_film, make_theme
from .page_parts import card_titles, visible_text


def save_in_admin(client, article, entries=None, **fields):
    """An editor opens the list's admin page, makes the changes and presses Save."""
    article.refresh_from_db()
    entries = existing_entries(article) if entries is None else entries
    fields.setdefault("author", article.author_id or "")
    fields.setdefault("tags", edit_string_for_tags(article.tags.all()))
    data = list_form_data(article, entries, loaded_version=article.edit_version, **fields)
    response = client.post(change_url(article), data)
    assert response.status_code == 302, response.context and response.context["errors"]
    return response


def first_revision(article):
    """The list's first revision, as loading it on a new site keeps one (setup_local_site)."""
    record_edit(Article.objects.get(pk=article.pk), None, "Loaded from fixtures/.")


def entries_by_film(article):
    return {entry["film"]: entry for entry in existing_entries(article)}


def as_they_stand(article):
    """Every entry as a reader of the list sees it: rank, film, blurb, themes and people."""
    return sorted(
        (
            entry.rank,
            str(entry.film),
            entry.blurb,
            sorted(theme.name for theme in entry.themes.all()),
            sorted(person.name for person in entry.people.all()),
        )
        for entry in article.entries.select_related("film")
    )


def versions_of(article):
    return list(Version.objects.get_for_object(article).order_by("pk"))


def revision_url(article, version):
    return reverse("admin:recommendations_article_revision", args=[article.pk, version.pk])


def compare_url(article):
    return reverse("admin:recommendations_article_compare_revisions", args=[article.pk])


def history_url(article):
    return reverse("admin:recommendations_article_history", args=[article.pk])


def shown_form_data(page):
    """What pressing Save on a revision's page sends: the list and its entries as the page shows them."""
    form = page.context["adminform"].form
    formset = page.context["inline_admin_formsets"][0].formset
    entries = [
        {
            "id": entry_form.instance.pk,
            "rank": entry_form.initial["rank"],
            "film": entry_form.initial["film"],
            "blurb": entry_form.initial["blurb"],
            "themes": [theme.pk for theme in entry_form.initial["themes"]],
            "people": [person.pk for person in entry_form.initial["people"]],
        }
        for entry_form in formset.initial_forms
    ]
    return list_form_data(
        form.instance,
        entries,
        author=form.instance.author_id or "",
        tags=edit_string_for_tags(form.instance.tags.all()),
        loaded_version=form["loaded_version"].value(),
    )


def restore(client, article, version):
    """Open a revision from the list's history and press Save on it."""
    page = client.get(revision_url(article, version))
    assert page.status_code == 200
    return client.post(revision_url(article, version), shown_form_data(page))


def sentences_on(page, list_id="revision-changes"):
    """The changes a compare (or restore) page lists, as the editor reads them."""
    listing = re.search(rf'<ul class="revision-changes" id="{list_id}"[^>]*>(.*?)</ul>', page.content.decode(), re.S)
    assert listing, "the page lists no changes"
    return [
        unescape(item).strip()
        for item in re.findall(r'<span class="change-sentence">(.*?)</span>', listing.group(1), re.S)
    ]


def sentences(older, newer):
    return [change.sentence for change in describe_changes(older, newer, NAMES)]


@pytest.fixture
def second_editor(django_user_model):
    return django_user_model.objects.create_superuser("night-editor", "night@example.com", "correct horse")


@pytest.fixture
def writer(django_user_model):
    user = django_user_model.objects.create_user("writer", "writer@example.com", "correct horse", is_staff=True)
    user.groups.add(Group.objects.get(name="Writers"))
    return user


# Keeping revisions


def test_every_admin_save_keeps_a_revision_of_the_list_with_its_entries(editor_client, backtrace):
    memento = Film.objects.get(slug="memento-2000")
    entries = entries_by_film(backtrace)
    entries[memento.pk]["blurb"] = "Leonard's notes, rewritten."

    save_in_admin(editor_client, backtrace, list(entries.values()))
    save_in_admin(editor_client, backtrace, title="Films Like Backtrace")

    first, second = versions_of(backtrace)
    assert first.revision.user.get_username() == "editor-in-chief"
    stored = {
        version.field_dict["film_id"]: version.field_dict
        for version in first.revision.version_set.filter(content_type=ContentType.objects.get_for_model(Entry))
    }
    assert len(stored) == 6
    assert stored[memento.pk]["rank"] == 1
    assert stored[memento.pk]["blurb"] == "Leonard's notes, rewritten."
    assert stored[memento.pk]["themes"] == [Theme.objects.get(slug="memory-loss").pk]
    assert sorted(stored[memento.pk]["people"]) == sorted(
        Person.objects.filter(slug__in=["christopher-nolan", "guy-pearce"]).values_list("pk", flat=True)
    )
    assert second.revision.version_set.count() == 7


def test_films_people_and_themes_are_not_part_of_a_revision(editor_client, backtrace):
    first_revision(backtrace)

    (version,) = versions_of(backtrace)
    kept = {type_.model_class() for type_ in ContentType.objects.filter(version__revision=version.revision)}
    assert kept == {Article, Entry}


def test_a_revision_keeps_the_ranks_an_insertion_moved_down(editor_client, backtrace):
    heat = make_film("Heat", 1995)
    entries = existing_entries(backtrace) + [{"rank": 2, "film": heat.pk, "blurb": "The heist film."}]

    save_in_admin(editor_client, backtrace, entries)

    (version,) = versions_of(backtrace)
    entry_versions = version.revision.version_set.filter(content_type=ContentType.objects.get_for_model(Entry))
    stored_ranks = {version.field_dict["film_id"]: version.field_dict["rank"] for version in entry_versions}
    assert stored_ranks == {entry.film_id: entry.rank for entry in backtrace.entries.all()}
    assert stored_ranks[heat.pk] == 2
    assert stored_ranks[Film.objects.get(slug="211-2018").pk] == 3


def test_publishing_several_lists_at_once_keeps_a_revision_for_each(editor_client, db):
    drafts = [make_article(entries=2, status=Article.Status.DRAFT) for _ in range(2)]

    editor_client.post(
        reverse("admin:recommendations_article_changelist"),
        {"action": "publish_now", "post": "yes", "_selected_action": [draft.pk for draft in drafts]},
    )

    for draft in drafts:
        (version,) = versions_of(draft)
        assert version.revision.get_comment() == "Published."
        articles_in_it = version.revision.version_set.filter(content_type=ContentType.objects.get_for_model(Article))
        assert [stored.object_id for stored in articles_in_it] == [str(draft.pk)]


# Restoring


def test_restoring_the_first_revision_puts_the_entries_back_as_they_were(editor_client, backtrace, second_editor):
    """Two edits through the admin, then the first revision restored: entries are back as they were."""
    films = {film.slug: film for film in Film.objects.all()}
    entries = entries_by_film(backtrace)
    entries[films["memento-2000"].pk]["blurb"] = "First edit of Memento."
    entries[films["211-2018"].pk]["themes"].append(Theme.objects.get(slug="memory-loss").pk)
    save_in_admin(editor_client, backtrace, list(entries.values()))
    after_first_edit = as_they_stand(backtrace)

    heat = make_film("Heat", 1995)
    entries = entries_by_film(backtrace)
    entries[films["memento-2000"].pk]["blurb"] = "Second edit of Memento."
    entries[films["escape-plan-2013"].pk]["people"] = [Person.objects.get(slug="bruce-willis").pk]
    entries[films["escape-plan-2013"].pk]["rank"], entries[films["dragged-across-concrete-2019"].pk]["rank"] = 5, 6
    entries[films["american-heist-2014"].pk]["DELETE"] = True
    entries[heat.pk] = {"rank": 4, "film": heat.pk, "blurb": "Added in the second edit."}
    save_in_admin(editor_client, backtrace, list(entries.values()))
    assert as_they_stand(backtrace) != after_first_edit
    backtrace.refresh_from_db()
    version_before_restore = backtrace.edit_version

    editor_client.force_login(second_editor)
    first, _second = versions_of(backtrace)
    response = restore(editor_client, backtrace, first)

    assert response.status_code == 302
    assert as_they_stand(backtrace) == after_first_edit
    assert not Entry.objects.filter(film=heat).exists()
    assert Film.objects.filter(pk=heat.pk).exists()
    backtrace.refresh_from_db()
    assert backtrace.edit_version > version_before_restore
    assert backtrace.last_edited_by == second_editor
    assert len(versions_of(backtrace)) == 3


def test_restoring_works_when_the_revisions_ranks_are_held_by_other_entries(editor_client, backtrace):
    first_revision(backtrace)
    entries = entries_by_film(backtrace)
    memento, two_eleven = Film.objects.get(slug="memento-2000"), Film.objects.get(slug="211-2018")
    entries[memento.pk]["rank"], entries[two_eleven.pk]["rank"] = 2, 1
    save_in_admin(editor_client, backtrace, list(entries.values()))

    response = restore(editor_client, backtrace, versions_of(backtrace)[0])

    assert response.status_code == 302
    assert backtrace.entries.get(rank=1).film == memento
    assert backtrace.entries.get(rank=2).film == two_eleven
    assert sorted(backtrace.entries.values_list("rank", flat=True)) == [1, 2, 3, 4, 5, 6]


def test_a_restore_brings_back_what_readers_find_the_list_by(client, editor_client, backtrace):
    double_cross = make_theme("double cross")
    memento = Film.objects.get(slug="memento-2000")
    entries = entries_by_film(backtrace)
    entries[memento.pk]["themes"].append(double_cross.pk)
    save_in_admin(editor_client, backtrace, list(entries.values()))
    with_it = versions_of(backtrace)[-1]
    entries = entries_by_film(backtrace)
    entries[memento.pk]["themes"].remove(double_cross.pk)
    save_in_admin(editor_client, backtrace, list(entries.values()))
    assert card_titles(client.get("/lists/?theme=double-cross").content.decode()) == []

    assert restore(editor_client, backtrace, with_it).status_code == 302

    assert card_titles(client.get("/lists/?theme=double-cross").content.decode()) == ["Movies Like Backtrace"]
    theme_page = visible_text(client.get("/themes/double-cross/").content.decode())
    assert "Films about double cross (1)" in theme_page and "Memento" in theme_page


def test_a_revision_that_cannot_be_put_back_leaves_the_list_alone(editor_client, backtrace):
    # Two entries have traded films over three saves; a film appears once per list, so
    # neither entry can take its film back first.
    first_revision(backtrace)
    memento, two_eleven, heat = Film.objects.get(slug="memento-2000"), Film.objects.get(slug="211-2018"), make_film()
    for film, new_film in [(memento, heat), (two_eleven, memento), (heat, two_eleven)]:
        entries = entries_by_film(backtrace)
        entries[film.pk]["film"] = new_film.pk
        save_in_admin(editor_client, backtrace, list(entries.values()))
    standing = as_they_stand(backtrace)

    response = editor_client.get(revision_url(backtrace, versions_of(backtrace)[0]), follow=True)

    assert response.redirect_chain == [(reverse("admin:recommendations_article_changelist"), 302)]
    assert "Could not save" in response.content.decode()
    assert as_they_stand(backtrace) == standing


def test_looking_at_a_revision_changes_nothing(editor_client, backtrace):
    first_revision(backtrace)
    entries = entries_by_film(backtrace)
    entries[Film.objects.get(slug="memento-2000").pk]["rank"] = 2
    entries[Film.objects.get(slug="211-2018").pk]["rank"] = 1
    save_in_admin(editor_client, backtrace, list(entries.values()))
    standing = as_they_stand(backtrace)

    page = editor_client.get(revision_url(backtrace, versions_of(backtrace)[0]))

    assert page.status_code == 200
    assert "Revision 1, saved at " in page.content.decode()
    assert sentences_on(page, "restore-changes") == ["Memento (2000) moved #2 → #1", "211 (2018) moved #1 → #2"]
    assert [form.initial["rank"] for form in page.context["inline_admin_formsets"][0].formset.initial_forms] == [
        6,
        5,
        4,
        3,
        2,
        1,
    ]
    assert as_they_stand(backtrace) == standing


def test_a_restore_saves_over_an_edit_made_after_its_page_was_opened(editor_client, backtrace):
    first_revision(backtrace)
    first = versions_of(backtrace)[0]
    page = editor_client.get(revision_url(backtrace, first))
    save_in_admin(editor_client, backtrace, intro="Saved while the restore page was open.")

    response = editor_client.post(revision_url(backtrace, first), shown_form_data(page))

    assert response.status_code == 302
    backtrace.refresh_from_db()
    assert backtrace.intro != "Saved while the restore page was open."


def test_after_a_restore_a_form_opened_before_it_is_refused(editor_client, backtrace):
    first_revision(backtrace)
    backtrace.refresh_from_db()
    opened_before = list_form_data(
        backtrace, existing_entries(backtrace), loaded_version=backtrace.edit_version, author=backtrace.author_id or ""
    )
    save_in_admin(editor_client, backtrace, intro="A second intro.")
    restore(editor_client, backtrace, versions_of(backtrace)[0])

    response = editor_client.post(change_url(backtrace), opened_before)

    assert response.status_code == 200
    assert "after you opened it. Nothing of yours was saved" in response.content.decode()


def test_a_restored_address_keeps_the_one_before_as_a_redirect(editor_client, backtrace):
    first_revision(backtrace)
    save_in_admin(editor_client, backtrace, slug="films-like-backtrace")

    restore(editor_client, backtrace, versions_of(backtrace)[0])

    backtrace.refresh_from_db()
    assert backtrace.slug == "movies-like-backtrace"
    assert not FormerSlug.objects.filter(slug="movies-like-backtrace").exists()
    response = editor_client.get("/lists/films-like-backtrace/")
    assert response.status_code == 301
    assert response["Location"] == "/lists/movies-like-backtrace/"


def test_share_links_revoked_since_a_revision_stay_revoked_after_restoring_it(editor_client, backtrace):
    ShareLinkKey.objects.update_or_create(article=backtrace, defaults={"key": "given-out-first"})
    first_revision(backtrace)
    ShareLinkKey.objects.filter(article=backtrace).update(key="after-revoking")

    restore(editor_client, backtrace, versions_of(backtrace)[0])

    assert ShareLinkKey.objects.get(article=backtrace).key == "after-revoking"


def test_restore_permissions(client, editor_client, backtrace, writer):
    first_revision(backtrace)
    save_in_admin(editor_client, backtrace, intro="Only the editors' intro.")
    first = versions_of(backtrace)[0]
    data = shown_form_data(editor_client.get(revision_url(backtrace, first)))
    client.logout()

    anonymous = client.post(revision_url(backtrace, first), data)
    client.force_login(writer)
    refused = client.post(revision_url(backtrace, first), data)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("admin:login"))
    assert refused.status_code == 403
    backtrace.refresh_from_db()
    assert backtrace.intro == "Only the editors' intro."
    assert len(versions_of(backtrace)) == 2


def test_a_writer_restores_their_own_draft(client, writer):
    draft = make_article(entries=2, status=Article.Status.DRAFT, author=writer)
    client.force_login(writer)
    save_in_admin(client, draft, intro="First draft.")
    save_in_admin(client, draft, intro="Second draft.")

    response = restore(client, draft, versions_of(draft)[0])

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.intro == "First draft."
    assert draft.status == Article.Status.DRAFT


# Comparing


@pytest.fixture
def known_changes(editor_client, backtrace):
    """Two revisions of the Backtrace list: as loaded, and after a swap, a blurb edit, an insertion, a removal and
    a theme change."""
    first_revision(backtrace)
    films = {film.slug: film.pk for film in Film.objects.all()}
    heat = make_film("Heat", 1995)
    entries = entries_by_film(backtrace)
    entries[films["memento-2000"]]["rank"], entries[films["211-2018"]]["rank"] = 2, 1
    entries[films["memento-2000"]]["themes"] = [Theme.objects.get(slug="heist").pk]
    entries[films["escape-plan-2013"]]["blurb"] = "Stallone and Schwarzenegger, rewritten."
    entries[films["american-heist-2014"]]["DELETE"] = True
    entries[heat.pk] = {"rank": 4, "film": heat.pk, "blurb": "The heist film every other one answers to."}
    save_in_admin(editor_client, backtrace, list(entries.values()))
    return backtrace


KNOWN_SENTENCES = [
    "211 (2018) moved #2 → #1",
    "Memento (2000) moved #1 → #2",
    "Themes of Memento (2000): added heist; removed memory loss",
    "Heat (1995) added at #4",
    "American Heist (2014) removed from #4",
    "Blurb of Escape Plan (2013) changed",
]


def test_compare_page_says_what_changed_from_the_revision_before_by_default(editor_client, known_changes):
    page = editor_client.get(compare_url(known_changes))

    assert page.status_code == 200
    assert '<h2 id="changes-title">From revision 1 to revision 2</h2>' in page.content.decode()
    assert sentences_on(page) == KNOWN_SENTENCES


def test_compare_page_links_to_restoring_either_revision(editor_client, known_changes):
    first, second = versions_of(known_changes)

    page = editor_client.get(compare_url(known_changes)).content.decode()

    assert f'<a href="{revision_url(known_changes, first)}">Restore revision 1</a>' in page
    assert f'<a href="{revision_url(known_changes, second)}">Restore revision 2</a>' in page


def test_compare_page_reads_forward_whichever_way_round_the_revisions_are_picked(editor_client, known_changes):
    first, second = versions_of(known_changes)

    page = editor_client.get(compare_url(known_changes), {"older": second.revision_id, "newer": first.revision_id})

    assert sentences_on(page) == KNOWN_SENTENCES


def test_compare_page_describes_changes_to_the_list_itself(editor_client, backtrace):
    first_revision(backtrace)
    save_in_admin(editor_client, backtrace, title="Films Like Backtrace", intro="A new intro.", status="draft")

    page = editor_client.get(compare_url(backtrace))

    assert sentences_on(page) == [
        "Title changed from “Movies Like Backtrace” to “Films Like Backtrace”",
        "Intro changed",
        "Status changed from Published to Draft",
    ]


def test_compare_page_with_a_revision_of_another_list_is_404(editor_client, known_changes):
    other = make_article(entries=1)
    first_revision(other)
    (other_version,) = versions_of(other)

    response = editor_client.get(compare_url(known_changes), {"older": other_version.revision_id})

    assert response.status_code == 404


def test_history_page_offers_two_revisions_to_compare(editor_client, known_changes):
    first, second = versions_of(known_changes)

    page = editor_client.get(history_url(known_changes)).content.decode()

    assert f'<a href="{compare_url(known_changes)}">Compare revisions</a>' in page
    assert f'<form method="get" action="{compare_url(known_changes)}">' in page
    assert f'name="older" value="{first.revision_id}" id="older-{first.revision_id}" checked>' in page
    assert f'name="newer" value="{second.revision_id}" id="newer-{second.revision_id}" checked>' in page
    assert f'<a href="{revision_url(known_changes, first)}">' in page


def test_compare_page_permissions(client, known_changes, writer, django_user_model):
    url = compare_url(known_changes)
    staff_without_lists = django_user_model.objects.create_user("intern", password="correct horse", is_staff=True)

    client.logout()
    anonymous = client.get(url)
    client.force_login(staff_without_lists)
    refused = client.get(url)
    client.force_login(writer)
    allowed = client.get(url)

    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("admin:login"))
    assert refused.status_code == 403
    assert allowed.status_code == 200
    assert sentences_on(allowed) == KNOWN_SENTENCES


@pytest.mark.parametrize("size", [3, 30])
def test_compare_page_queries_do_not_grow_with_the_list(editor_client, db, size):
    article = make_article(entries=size)
    first_revision(article)
    entries = existing_entries(article)
    for entry in entries:
        entry["blurb"] += " Rewritten."
    save_in_admin(editor_client, article, entries)
    ContentType.objects.clear_cache()

    with CaptureQueriesContext(connection) as queries:
        page = editor_client.get(compare_url(article))

    assert len(sentences_on(page)) == size
    assert len(queries) == COMPARE_PAGE_QUERIES


# Session, user, the list, two content types, its versions, their entries', films, themes and people
# (and its author's name, when it has one).
COMPARE_PAGE_QUERIES = 10


# describe_changes, on its own


BACKTRACE, MEMENTO, TWO_ELEVEN, HEAT, ESCAPE_PLAN = 1, 7, 6, 20, 2
HEIST, MEMORY_LOSS = 2, 6
NOLAN, PEARCE = 18, 19
NAMES = Names(
    films={
        BACKTRACE: "Backtrace (2022)",
        MEMENTO: "Memento (2000)",
        TWO_ELEVEN: "211 (2018)",
        HEAT: "Heat (1995)",
        ESCAPE_PLAN: "Escape Plan (2013)",
    },
    themes={HEIST: "heist", MEMORY_LOSS: "memory loss"},
    people={NOLAN: "Christopher Nolan", PEARCE: "Guy Pearce"},
    users={1: "Film Desk", 2: "Night Editor"},
)


def a_list(entries=None, **fields):
    defaults = {
        "title": "Movies Like Backtrace",
        "slug": "movies-like-backtrace",
        "subject": BACKTRACE,
        "intro": "Intro.",
    }
    return ListState(**{**defaults, **fields}, entries=entries or {})


def test_describe_nothing_changed():
    entries = {1: EntryState(rank=1, film=MEMENTO, blurb="Notes.", themes=frozenset({MEMORY_LOSS}))}

    assert sentences(a_list(entries), a_list(dict(entries))) == []


def test_describe_the_same_entry_given_another_film_then_moved():
    older = a_list({1: EntryState(rank=3, film=TWO_ELEVEN)})
    newer = a_list({1: EntryState(rank=2, film=HEAT)})

    assert sentences(older, newer) == [
        "Film at #3 changed from 211 (2018) to Heat (1995)",
        "Heat (1995) moved #3 → #2",
    ]


def test_describe_themes_and_people():
    older = a_list({1: EntryState(rank=1, film=MEMENTO, themes=frozenset({HEIST}), people=frozenset({NOLAN}))})
    newer = a_list({1: EntryState(rank=1, film=MEMENTO, themes=frozenset({MEMORY_LOSS}), people=frozenset())})

    assert sentences(older, newer) == [
        "Themes of Memento (2000): added memory loss; removed heist",
        "People of Memento (2000): removed Christopher Nolan",
    ]


def test_describe_an_entry_deleted_and_made_again_for_the_same_film_as_one_pick():
    older = a_list({1: EntryState(rank=1, film=MEMENTO, blurb="Old.")})
    newer = a_list({9: EntryState(rank=2, film=MEMENTO, blurb="New.")})

    assert sentences(older, newer) == ["Memento (2000) moved #1 → #2", "Blurb of Memento (2000) changed"]


def test_describe_the_lists_own_fields():
    published = timezone.make_aware(datetime.datetime(2022, 6, 24, 9, 0))
    older = a_list(status="draft", author=1)
    newer = a_list(
        title="Films Like Backtrace",
        slug="films-like-backtrace",
        subject=MEMENTO,
        intro="Another intro.",
        status="published",
        published_at=published,
        author=2,
    )

    assert sentences(older, newer) == [
        "Title changed from “Movies Like Backtrace” to “Films Like Backtrace”",
        "Slug changed from “movies-like-backtrace” to “films-like-backtrace”",
        "Subject changed from Backtrace (2022) to Memento (2000)",
        "Intro changed",
        "Status changed from Draft to Published",
        "Publication date set to 09:00 on 24 Jun 2022",
        "Author changed from Film Desk to Night Editor",
    ]


def test_describe_a_publication_date_moved_and_cleared():
    first = timezone.make_aware(datetime.datetime(2022, 6, 24, 9, 0))
    later = first + datetime.timedelta(days=1, hours=1)

    moved = sentences(a_list(published_at=first), a_list(published_at=later))
    cleared = sentences(a_list(published_at=first), a_list(published_at=None))

    assert moved == ["Publication date changed from 09:00 on 24 Jun 2022 to 10:00 on 25 Jun 2022"]
    assert cleared == ["Publication date cleared (was 09:00 on 24 Jun 2022)"]


def test_describe_names_what_has_been_deleted_since():
    older = a_list({})
    newer = a_list({1: EntryState(rank=1, film=404, themes=frozenset({405}))})
    later = a_list({1: EntryState(rank=1, film=404, themes=frozenset())})

    assert sentences(older, newer) == ["Film no. 404 (deleted) added at #1"]
    assert sentences(newer, later) == ["Themes of Film no. 404 (deleted): removed theme no. 405 (deleted)"]


@pytest.mark.sqlite  # setup_local_site is for a developer's SQLite database only
def test_the_local_sites_first_list_starts_its_history_as_loaded(db, settings):
    settings.DEBUG = True

    call_command("setup_local_site", stdout=StringIO())

    (version,) = versions_of(Article.objects.get(slug="movies-like-backtrace"))
    assert version.revision.get_comment() == "Loaded from fixtures/."
    assert version.revision.version_set.count() == 7
