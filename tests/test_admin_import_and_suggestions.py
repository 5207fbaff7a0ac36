"""The suggested entries on a draft list, and the people an import proposes for its entries."""

import pytest
from django.urls import reverse

from recommendations.models import Article, Credit, Entry, Film

from .admin_forms import change_url, existing_entries, list_form_data
from .factories import make_film, make_person

IMPORT_URL = reverse("admin:recommendations_article_import")


@pytest.fixture
def backtrace_draft(backtrace, editor):
    """A new, empty "movies like Backtrace" list, as an editor starts one."""
    return Article.objects.create(
        title="More Movies Like Backtrace", slug="more-movies-like-backtrace", subject=backtrace.subject, author=editor
    )


def suggested_titles(response):
    return [suggestion.film.title for suggestion in response.context["suggestions"]]


def test_suggestions_rank_a_shared_person_and_theme_above_one_kind_of_link(editor_client, backtrace_draft):
    response = editor_client.get(change_url(backtrace_draft))

    titles = suggested_titles(response)
    assert titles[0] == "Escape Plan"  # Sylvester Stallone and prison escape
    assert set(titles[1:]) >= {"Dragged Across Concrete", "211", "Out of Death", "American Heist", "Memento"}
    assert "Backtrace" not in titles
    page = response.content.decode()
    assert "shares: prison escape, Sylvester Stallone" in page


def test_a_film_sharing_a_person_and_a_theme_outranks_one_sharing_more_themes(editor_client, backtrace_draft):
    many_themes = make_film("Three Shared Themes", 2022)
    many_themes.themes.set(backtrace_draft.subject.themes.all()[:3])
    both = make_film("Modine Escape", 2022)
    both.themes.add(backtrace_draft.subject.themes.get(name="prison escape"))
    Credit.objects.create(film=both, person=backtrace_draft.subject.people.get(name="Matthew Modine"))

    titles = suggested_titles(editor_client.get(change_url(backtrace_draft)))

    assert titles.index("Modine Escape") < titles.index("Three Shared Themes")


def test_suggestions_leave_out_films_already_in_the_list(editor_client, backtrace_draft):
    Entry.objects.create(article=backtrace_draft, rank=1, film=Film.objects.get(slug="escape-plan-2013"))

    assert "Escape Plan" not in suggested_titles(editor_client.get(change_url(backtrace_draft)))


def test_suggestions_show_what_other_lists_wrote(editor_client, backtrace_draft):
    page = editor_client.get(change_url(backtrace_draft)).content.decode()

    assert "What other lists already said about Memento (1)" in page
    assert "Like Mac in ‘Backtrace,’ ‘Memento’s Leonard Shelby (Guy Pearce) suffers" in page
    assert "#1 in" in page


def test_add_as_entry_saves_the_editors_changes_and_adds_the_film(editor_client, backtrace_draft):
    escape_plan = Film.objects.get(slug="escape-plan-2013")
    data = list_form_data(backtrace_draft, [], intro="An intro typed before clicking.")
    data["_add_suggestion"] = escape_plan.pk

    response = editor_client.post(change_url(backtrace_draft), data)

    assert response.status_code == 302
    backtrace_draft.refresh_from_db()
    assert backtrace_draft.intro == "An intro typed before clicking."
    assert [(entry.rank, entry.film) for entry in backtrace_draft.entries.all()] == [(1, escape_plan)]
    follow_up = editor_client.get(change_url(backtrace_draft))
    assert "Escape Plan" not in suggested_titles(follow_up)
    second = list_form_data(backtrace_draft, existing_entries(backtrace_draft))
    second["loaded_version"] = follow_up.context["adminform"].form["loaded_version"].value()
    second["_add_suggestion"] = Film.objects.get(slug="memento-2000").pk
    editor_client.post(change_url(backtrace_draft), second)
    assert backtrace_draft.entries.get(rank=2).film.title == "Memento"


def test_published_lists_show_no_suggestions_and_refuse_forged_additions(editor_client, backtrace):
    response = editor_client.get(change_url(backtrace))
    data = list_form_data(backtrace, existing_entries(backtrace))
    data["_add_suggestion"] = make_film("Sneaked In", 2020).pk

    editor_client.post(change_url(backtrace), data)

    assert "suggestions" not in response.context
    assert not backtrace.entries.filter(film__title="Sneaked In").exists()


def test_suggestions_query_count_does_not_grow_with_the_catalogue(
    editor_client, backtrace_draft, django_assert_max_num_queries
):
    url = change_url(backtrace_draft)
    editor_client.get(url)
    with django_assert_max_num_queries(60) as small:
        editor_client.get(url)
    small_count = len(small.captured_queries)
    stallone = backtrace_draft.subject.people.get(name="Sylvester Stallone")
    for number in range(30):
        film = make_film(f"Stallone Film {number}", 1990)
        film.themes.add(*backtrace_draft.subject.themes.all())
        Credit.objects.create(film=film, person=stallone)
        Credit.objects.create(film=film, person=make_person())
    # The new films made the subject's stored similar films stale: the next page works them out again.
    editor_client.get(url)

    with django_assert_max_num_queries(small_count):
        editor_client.get(url)


def test_editor_confirms_proposed_people_on_the_draft(editor_client, db):
    text = (
        "Movies like Cliffhanger\n\n1. Die Hard (1988)\n\n"
        "John McClane (Bruce Willis) fights Hans Gruber (Alan Rickman) in Nakatomi Plaza.\n"
    )
    editor_client.post(IMPORT_URL, {"text": text, "_import": "Import as draft"})
    draft = Article.objects.get()
    [entry] = draft.entries.all()

    page = editor_client.get(change_url(draft)).content.decode()
    data = list_form_data(draft, existing_entries(draft))
    data["entries-0-confirm_people"] = ["Alan Rickman"]
    response = editor_client.post(change_url(draft), data)

    assert "Bruce Willis (as John McClane)" in page
    assert "Alan Rickman (as Hans Gruber)" in page
    assert response.status_code == 302
    entry.refresh_from_db()
    assert [person.name for person in entry.people.all()] == ["Alan Rickman"]
    assert entry.proposed_people == [{"name": "Bruce Willis", "character": "John McClane"}]
    credit = Credit.objects.get(person__name="Alan Rickman")
    assert (credit.film, credit.character_name) == (entry.film, "Hans Gruber")
    assert editor_client.get("/people/alan-rickman/").status_code == 200


def test_entries_without_proposals_show_no_proposed_people_row(editor_client, backtrace):
    page = editor_client.get(change_url(backtrace)).content.decode()

    assert 'name="entries-0-confirm_people"' not in page
    assert page.count('<div class="form-row hidden field-confirm_people">') == page.count("field-confirm_people")
