"""Ordering a list's entries in the admin: swaps, insertions, reversals and renumbering in one save,
and what the entries inline shows beside each film. Runs on SQLite, and on PostgreSQL with DATABASE_URL."""

import re

from django.contrib.admin.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from reversion.models import Version

from recommendations.admin_entries import word_count
from recommendations.models import Article, Entry

from .admin_forms import change_url, existing_entries, list_form_data
from .factories import make_article, make_film

CHANGELIST = reverse("admin:recommendations_article_changelist")

BACKTRACE_COUNTDOWN = [
    "6. Escape Plan",
    "5. Dragged Across Concrete",
    "4. American Heist",
    "3. Out of Death",
    "2. 211",
    "1. Memento",
]

ENTRY_HEADING = re.compile(r'<span class="rank">(\d+)\.</span>\s*<a href="[^"]*">([^<]+)</a>')


def countdown(client, article):
    """The list's entries as a reader sees them, top of the page first: ["6. Escape Plan", …]."""
    page = client.get(article.get_absolute_url()).content.decode()
    return [f"{rank}. {title}" for rank, title in ENTRY_HEADING.findall(page)]


def entry(article, title):
    return existing_entry_by_title(article)[title]


def existing_entry_by_title(article):
    entries = existing_entries(article)
    titles = dict(Entry.objects.filter(article=article).values_list("pk", "film__title"))
    return {titles[data["id"]]: data for data in entries}


def save(client, article, entries, **fields):
    return client.post(change_url(article), list_form_data(article, entries, **fields))


def test_swapping_two_ranks_is_one_save(client, editor_client, backtrace):
    entries = existing_entry_by_title(backtrace)
    entries["211"]["rank"], entries["Dragged Across Concrete"]["rank"] = 5, 2

    response = save(editor_client, backtrace, list(entries.values()))

    assert response.status_code == 302
    assert countdown(client, backtrace) == [
        "6. Escape Plan",
        "5. 211",
        "4. American Heist",
        "3. Out of Death",
        "2. Dragged Across Concrete",
        "1. Memento",
    ]


def test_inserting_a_new_entry_at_2_moves_2_to_6_down_in_one_save(client, editor_client, backtrace):
    heat = make_film("Heat", 1995)
    # As the admin page sends it: the new entry is the blank form below #1, given the number 2.
    entries = [*existing_entries(backtrace), {"rank": 2, "film": heat.pk, "blurb": "The heist film they all answer."}]

    response = save(editor_client, backtrace, entries)

    assert response.status_code == 302
    assert countdown(client, backtrace) == [
        "7. Escape Plan",
        "6. Dragged Across Concrete",
        "5. American Heist",
        "4. Out of Death",
        "3. 211",
        "2. Heat",
        "1. Memento",
    ]


def test_an_insertion_also_keeps_edits_to_the_entries_it_moves_down(editor_client, backtrace):
    entries = existing_entry_by_title(backtrace)
    entries["Out of Death"]["blurb"] = "Bruce Willis, once more a lawman."
    heat = make_film("Heat", 1995)

    response = save(editor_client, backtrace, [*entries.values(), {"rank": 3, "film": heat.pk, "blurb": "Heat."}])

    assert response.status_code == 302
    out_of_death = backtrace.entries.get(film__title="Out of Death")
    assert (out_of_death.rank, out_of_death.blurb) == (4, "Bruce Willis, once more a lawman.")
    assert backtrace.entries.get(film__title="Heat").rank == 3
    assert sorted(backtrace.entries.values_list("rank", flat=True)) == [1, 2, 3, 4, 5, 6, 7]


def test_two_insertions_land_at_the_numbers_given(client, editor_client, backtrace):
    heat, thief = make_film("Heat", 1995), make_film("Thief", 1981)
    entries = [
        *existing_entries(backtrace),
        {"rank": 4, "film": thief.pk, "blurb": "Mann's first."},
        {"rank": 2, "film": heat.pk, "blurb": "Mann's best."},
    ]

    response = save(editor_client, backtrace, entries)

    assert response.status_code == 302
    assert countdown(client, backtrace) == [
        "8. Escape Plan",
        "7. Dragged Across Concrete",
        "6. American Heist",
        "5. Out of Death",
        "4. Thief",
        "3. 211",
        "2. Heat",
        "1. Memento",
    ]


def test_reversing_a_whole_list_is_one_save(client, editor_client, backtrace):
    entries = existing_entries(backtrace)
    for data in entries:
        data["rank"] = 7 - data["rank"]

    response = save(editor_client, backtrace, entries)

    assert response.status_code == 302
    assert countdown(client, backtrace) == [
        "6. Memento",
        "5. 211",
        "4. Out of Death",
        "3. American Heist",
        "2. Dragged Across Concrete",
        "1. Escape Plan",
    ]


def test_an_entry_moved_onto_a_taken_number_takes_it_and_the_others_move_along(client, editor_client, backtrace):
    entries = existing_entry_by_title(backtrace)
    entries["Memento"]["rank"] = 6

    response = save(editor_client, backtrace, list(entries.values()))

    assert response.status_code == 302
    assert countdown(client, backtrace) == [
        "6. Memento",
        "5. Escape Plan",
        "4. Dragged Across Concrete",
        "3. American Heist",
        "2. Out of Death",
        "1. 211",
    ]


def test_an_entry_moved_toward_1_moves_the_ones_between_away_from_it(client, editor_client, backtrace):
    entries = existing_entry_by_title(backtrace)
    entries["Escape Plan"]["rank"] = 2

    save(editor_client, backtrace, list(entries.values()))

    assert countdown(client, backtrace) == [
        "6. Dragged Across Concrete",
        "5. American Heist",
        "4. Out of Death",
        "3. 211",
        "2. Escape Plan",
        "1. Memento",
    ]


def test_an_insertion_into_a_draft_with_gaps_moves_entries_only_up_to_the_first_gap(editor_client, db):
    draft = make_article(entries=3, status=Article.Status.DRAFT)
    first, second, third = with_ranks(draft, 5, 2, 1)
    heat = make_film("Heat", 1995)

    save(editor_client, draft, [*existing_entries(draft), {"rank": 1, "film": heat.pk, "blurb": "Heat."}])

    assert ranks_of(draft) == [(first.title, 5), (second.title, 3), (third.title, 2), ("Heat", 1)]


def test_a_new_entry_with_a_film_and_no_number_takes_the_next_one(client, editor_client, backtrace):
    heat = make_film("Heat", 1995)

    response = save(
        editor_client, backtrace, [*existing_entries(backtrace), {"rank": "", "film": heat.pk, "blurb": "Heat."}]
    )

    assert response.status_code == 302
    assert countdown(client, backtrace)[0] == "7. Heat"


def test_a_saved_entry_left_without_a_number_is_refused_next_to_it(editor_client, backtrace):
    entries = existing_entries(backtrace)
    entries[2]["rank"] = ""

    response = save(editor_client, backtrace, entries)

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[2].errors["rank"] == ["Give this entry a number, or tick Delete to take it out of the list."]


def test_the_renumber_button_numbers_the_list_1_to_n_as_it_saves(client, editor_client, backtrace):
    entries = existing_entry_by_title(backtrace)
    for title, rank in {"Escape Plan": 60, "Dragged Across Concrete": 50, "Memento": 3}.items():
        entries[title]["rank"] = rank
    data = list_form_data(backtrace, list(entries.values()), _continue="renumber")

    response = editor_client.post(change_url(backtrace), data)

    assert response.status_code == 302
    assert response["Location"] == change_url(backtrace)
    assert countdown(client, backtrace) == [
        "6. Escape Plan",
        "5. Dragged Across Concrete",
        "4. American Heist",
        "3. Memento",
        "2. Out of Death",
        "1. 211",
    ]


# Renumbering ---------------------------------------------------------------------------------------------------


def with_ranks(article, *ranks):
    """Re-rank a list's entries, top first, one at a time as no form would: 3, 2, 1 → 10, 4, 2."""
    entries = list(article.entries.order_by("-rank"))
    for stored, rank in zip(entries, ranks, strict=True):
        Entry.objects.filter(pk=stored.pk).update(rank=rank)
    return [stored.film for stored in entries]


def renumber(client, *articles):
    return client.post(
        CHANGELIST,
        {"action": "renumber_ranks", "post": "yes", "_selected_action": [article.pk for article in articles]},
        follow=True,
    )


def messages_shown(response):
    return [str(message) for message in response.context["messages"]]


def ranks_of(article):
    return list(article.entries.order_by("-rank").values_list("film__title", "rank"))


def test_renumber_action_closes_gaps_keeping_order(editor_client, editor, backtrace):
    draft = make_article(entries=3, status=Article.Status.DRAFT, title="Movies Like Gaps")
    first, second, third = with_ranks(draft, 10, 4, 2)

    response = renumber(editor_client, draft, backtrace)

    assert ranks_of(draft) == [(first.title, 3), (second.title, 2), (third.title, 1)]
    assert messages_shown(response) == [
        "“Movies Like Backtrace” was already numbered 1 to 6.",
        f"“Movies Like Gaps”: Renumbered 1 to 3: {first} #10 → #3, {second} #4 → #2, {third} #2 → #1.",
    ]
    assert countdown(editor_client, backtrace) == BACKTRACE_COUNTDOWN
    draft.refresh_from_db()
    assert draft.edit_version == 2
    assert draft.last_edited_by == editor
    assert LogEntry.objects.get(object_id=str(draft.pk)).get_change_message() == (
        f"Renumbered 1 to 3: {first} #10 → #3, {second} #4 → #2, {third} #2 → #1."
    )


def test_renumber_action_lets_a_writer_renumber_only_their_own_drafts(client, writer, backtrace):
    own = make_article(entries=2, status=Article.Status.DRAFT, author=writer, title="Movies Like Mine")
    with_ranks(own, 5, 3)
    with_ranks(backtrace, 12, 10, 8, 6, 4, 2)
    client.force_login(writer)

    response = renumber(client, own, backtrace)

    assert sorted(own.entries.values_list("rank", flat=True)) == [1, 2]
    assert sorted(backtrace.entries.values_list("rank", flat=True)) == [2, 4, 6, 8, 10, 12]
    assert "“Movies Like Backtrace” was left alone: you may not change it." in messages_shown(response)


def test_renumber_action_needs_a_signed_in_editor(client, backtrace):
    with_ranks(backtrace, 12, 10, 8, 6, 4, 2)

    response = client.post(CHANGELIST, {"action": "renumber_ranks", "post": "yes", "_selected_action": [backtrace.pk]})

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert sorted(backtrace.entries.values_list("rank", flat=True)) == [2, 4, 6, 8, 10, 12]


# The inline ----------------------------------------------------------------------------------------------------


def test_word_count_counts_words_not_marks_or_link_addresses():
    assert word_count("") == 0
    assert word_count("Mann’s first feature — a ride-along [heist](https://example.com/heist) film.") == 7
    assert word_count("*Heat* (1995), 170 minutes.") == 4


def test_inline_shows_poster_thumbnail_year_and_word_count_beside_each_film(editor_client, backtrace):
    draft = make_article(entries=1, status=Article.Status.DRAFT)
    draft.entries.update(blurb="Mann’s first feature — a ride-along [heist](https://example.com/heist) film.")

    backtrace_page = editor_client.get(change_url(backtrace)).content.decode()
    draft_page = editor_client.get(change_url(draft)).content.decode()

    # The Backtrace posters have renditions: a <picture> at thumbnail size.
    assert re.search(
        r'<span class="entry-film"><picture class="poster poster-thumb">.*?alt="Poster of Memento \(2000\)">\s*'
        r'</picture>\s*<span class="entry-film-year">2000</span></span>',
        backtrace_page,
        re.DOTALL,
    )
    assert backtrace_page.count('class="poster poster-thumb"') == 6
    film = draft.entries.get().film
    assert f'aria-label="Poster of {film}"' in draft_page  # no poster yet: the placeholder card
    assert '<span class="entry-word-count">7 words</span>' in draft_page
    assert '<span class="entry-word-count">0 words</span>' in draft_page  # the blank form for a new entry
    assert 'src="/static/recommendations/admin/entry_rows.js"' in draft_page


def change_form_queries(client, article):
    client.get(change_url(article))  # once first: a list's first opening sets it up, whatever its length
    with CaptureQueriesContext(connection) as queries:
        response = client.get(change_url(article))
    assert response.status_code == 200
    return len(queries)


def test_change_form_queries_do_not_grow_with_entries(editor_client, db):
    short, long = make_article(entries=3), make_article(entries=30)

    assert change_form_queries(editor_client, short) == change_form_queries(editor_client, long)


def test_a_new_list_cannot_recommend_its_own_subject_either(editor_client, db):
    subject = make_film("Heat", 1995)

    response = editor_client.post(
        reverse("admin:recommendations_article_add"),
        list_form_data(subject=subject.pk, entries=[{"rank": 1, "film": subject.pk, "blurb": "Itself."}]),
    )

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.forms[0].errors["film"] == [
        "A list can't recommend its own subject: this is the list of movies like Heat (1995)."
    ]
    assert not Article.objects.exists()


def test_renumbering_keeps_a_revision_that_can_be_compared(editor_client, backtrace):
    Entry.objects.filter(article=backtrace, rank=1).delete()
    before = Version.objects.get_for_object(backtrace).count()

    editor_client.post(CHANGELIST, {"action": "renumber_ranks", "post": "yes", "_selected_action": [backtrace.pk]})

    versions = Version.objects.get_for_object(backtrace)
    assert versions.count() == before + 1
    assert versions.first().revision.get_comment().startswith("Renumbered 1 to 5:")
