import pytest
from django.urls import reverse

from recommendations.models import Article, Entry, Film, Person, Theme

from .admin_forms import ADD_URL, change_url, existing_entries, field_errors, list_form_data, ranks_by_title
from .factories import make_article, make_film, make_person, make_theme


def test_editor_adds_a_list_with_three_entries(editor_client, editor):
    subject = make_film("Heat", 1995)
    films = [make_film("Thief", 1981), make_film("The Town", 2010), make_film("Collateral", 2004)]
    heist, person = make_theme("heist"), make_person("Michael Mann")

    response = editor_client.post(
        ADD_URL,
        list_form_data(
            subject=subject.pk,
            status=Article.Status.PUBLISHED,
            author=editor.pk,
            tags="crime, heist",
            entries=[
                {"rank": 3, "film": films[0].pk, "blurb": "Mann's first feature.", "people": [person.pk]},
                {"rank": 2, "film": films[1].pk, "blurb": "Boston bank robbers.", "themes": [heist.pk]},
                {"rank": 1, "film": films[2].pk, "blurb": "One night in Los Angeles.", "people": [person.pk]},
            ],
        ),
    )

    assert response.status_code == 302
    article = Article.objects.get(slug="movies-like-heat")
    assert article.subject == subject
    assert article.author == editor
    assert article.published_at is not None
    assert sorted(tag.name for tag in article.tags.all()) == ["crime", "heist"]
    assert ranks_by_title(article) == {"Thief": 3, "The Town": 2, "Collateral": 1}
    assert list(article.entries.get(rank=2).themes.all()) == [heist]
    assert list(article.entries.get(rank=1).people.all()) == [person]

    page = editor_client.get(article.get_absolute_url()).content.decode()
    assert page.index("Thief") < page.index("The Town") < page.index("Collateral")


def test_add_page_prefills_the_editor_as_author(editor_client, editor):
    response = editor_client.get(ADD_URL)

    assert response.status_code == 200
    assert response.context["adminform"].form.initial["author"] == editor.pk


def test_swapping_two_ranks_is_one_normal_save(editor_client, backtrace):
    entries = existing_entries(backtrace)
    by_rank = {entry["rank"]: entry for entry in entries}
    by_rank[1]["rank"], by_rank[2]["rank"] = 2, 1

    response = editor_client.post(change_url(backtrace), list_form_data(backtrace, entries))

    assert response.status_code == 302
    ranks = ranks_by_title(backtrace)
    assert ranks["211"] == 1
    assert ranks["Memento"] == 2
    assert sorted(ranks.values()) == [1, 2, 3, 4, 5, 6]


def test_reversing_a_whole_list_in_one_save(editor_client, backtrace):
    entries = existing_entries(backtrace)
    for entry in entries:
        entry["rank"] = 7 - entry["rank"]

    response = editor_client.post(change_url(backtrace), list_form_data(backtrace, entries))

    assert response.status_code == 302
    assert ranks_by_title(backtrace)["Escape Plan"] == 1
    assert ranks_by_title(backtrace)["Memento"] == 6


def test_deleting_an_entry_and_giving_its_rank_to_a_new_film_in_one_save(editor_client, backtrace):
    entries = existing_entries(backtrace)
    entries[-1]["DELETE"] = True  # Memento, #1
    heat = make_film("Heat", 1995)
    entries.append({"rank": 1, "film": heat.pk, "blurb": "The heist film every other one answers to."})

    response = editor_client.post(change_url(backtrace), list_form_data(backtrace, entries))

    assert response.status_code == 302
    assert ranks_by_title(backtrace)["Heat"] == 1
    assert "Memento" not in ranks_by_title(backtrace)


def test_two_entries_given_one_number_are_shown_next_to_the_rank_and_nothing_is_saved(editor_client, backtrace):
    entries = existing_entries(backtrace)
    entries[0]["rank"] = 2  # Escape Plan onto 211's number
    entries[0]["blurb"] = "A rewrite the editor must not lose."
    heat = make_film("Heat", 1995)
    entries.append({"rank": 2, "film": heat.pk, "blurb": "And a new entry onto the same number."})

    response = editor_client.post(change_url(backtrace), list_form_data(backtrace, entries))

    assert response.status_code == 200
    errors = field_errors(response, 0, "rank") + field_errors(response, 6, "rank")
    assert errors == ["#2 is already taken by Escape Plan (2013) in this list."]
    assert "A rewrite the editor must not lose." in response.content.decode()
    assert backtrace.entries.get(film__title="Escape Plan").rank == 6
    assert "Starring Stallone" in backtrace.entries.get(film__title="Escape Plan").blurb


def test_same_film_twice_is_shown_next_to_the_film(editor_client, backtrace):
    entries = existing_entries(backtrace)
    memento = Film.objects.get(slug="memento-2000")
    entries.append({"rank": 7, "film": memento.pk, "blurb": "Again?"})

    response = editor_client.post(change_url(backtrace), list_form_data(backtrace, entries))

    assert response.status_code == 200
    assert field_errors(response, 6, "film") == ["Memento (2000) is already in this list at #1."]
    assert backtrace.entries.count() == 6


def test_a_list_cannot_recommend_its_own_subject(editor_client, backtrace):
    entries = existing_entries(backtrace)
    entries.append({"rank": 7, "film": backtrace.subject_id, "blurb": "Itself."})

    response = editor_client.post(change_url(backtrace), list_form_data(backtrace, entries))

    assert response.status_code == 200
    assert field_errors(response, 6, "film") == [
        "A list can't recommend its own subject: this is the list of movies like Backtrace (2022)."
    ]
    assert backtrace.entries.count() == 6


def test_publishing_with_a_gap_in_ranks_says_which_number_is_missing(editor_client, db):
    draft = make_article(entries=3, status=Article.Status.DRAFT)
    entries = existing_entries(draft)
    entries[1]["rank"] = 4  # 3, 4, 1: number 2 is gone

    response = editor_client.post(
        change_url(draft), list_form_data(draft, entries, status=Article.Status.PUBLISHED, intro="Kept intro.")
    )

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.non_form_errors() == ["A published list is numbered 1 to 3 with no gaps or repeats. Missing: #2."]
    assert "Kept intro." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert sorted(ranks_by_title(draft).values()) == [1, 2, 3]


def test_a_draft_may_have_gaps_while_it_is_written(editor_client, db):
    draft = make_article(entries=3, status=Article.Status.DRAFT)
    entries = existing_entries(draft)
    entries[1]["rank"] = 10

    response = editor_client.post(change_url(draft), list_form_data(draft, entries))

    assert response.status_code == 302
    assert sorted(ranks_by_title(draft).values()) == [1, 3, 10]


def test_publishing_an_empty_list_is_refused(editor_client, db):
    subject = make_film()

    response = editor_client.post(ADD_URL, list_form_data(subject=subject.pk, status=Article.Status.PUBLISHED))

    assert response.status_code == 200
    formset = response.context["inline_admin_formsets"][0].formset
    assert formset.non_form_errors() == ["A published list needs at least one entry."]
    assert not Article.objects.exists()


def test_a_rank_below_one_is_refused_next_to_the_field(editor_client, backtrace):
    entries = existing_entries(backtrace)
    entries[0]["rank"] = 0

    response = editor_client.post(change_url(backtrace), list_form_data(backtrace, entries))

    assert response.status_code == 200
    assert field_errors(response, 0, "rank") == ["Ensure this value is greater than or equal to 1."]


@pytest.mark.parametrize(
    ("model", "slug", "protected"),
    [
        (Film, "memento-2000", "#1 Memento (2000) in Movies Like Backtrace"),
        (Film, "backtrace-2022", "Movies Like Backtrace"),
        (Person, "guy-pearce", "#1 Memento (2000) in Movies Like Backtrace"),
        (Theme, "memory-loss", "#1 Memento (2000) in Movies Like Backtrace"),
    ],
)
def test_deleting_what_a_list_uses_is_refused_with_the_reason(editor_client, backtrace, model, slug, protected):
    obj = model.objects.get(slug=slug)
    url = reverse(f"admin:recommendations_{model._meta.model_name}_delete", args=[obj.pk])

    page = editor_client.get(url).content.decode()
    response = editor_client.post(url, {"post": "yes"})

    assert "would require deleting the following protected related objects" in page
    assert protected in page
    assert response.status_code == 200
    assert model.objects.filter(pk=obj.pk).exists()
    assert backtrace.entries.count() == 6


def test_bulk_delete_action_refuses_people_that_lists_use(editor_client, backtrace):
    used, unused = Person.objects.get(slug="guy-pearce"), make_person("Nobody In A List")
    url = reverse("admin:recommendations_person_changelist")

    response = editor_client.post(
        url, {"action": "delete_selected", "_selected_action": [used.pk, unused.pk], "post": "yes"}
    )

    assert "Cannot delete people" in response.content.decode()
    assert Person.objects.filter(pk__in=[used.pk, unused.pk]).count() == 2


def test_deleting_an_unused_person_works(editor_client, db):
    person = make_person("Nobody In A List")
    url = reverse("admin:recommendations_person_delete", args=[person.pk])

    response = editor_client.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert not Person.objects.filter(pk=person.pk).exists()


def test_changelist_shows_subject_entry_count_status_and_date(editor_client, backtrace):
    make_article(entries=2, status=Article.Status.DRAFT, title="Movies Like Draft")

    response = editor_client.get(reverse("admin:recommendations_article_changelist"))

    rows = {article.title: article for article in response.context["cl"].result_list}
    assert rows["Movies Like Backtrace"].entry_count == 6
    assert rows["Movies Like Draft"].entry_count == 2
    page = response.content.decode()
    assert "Backtrace (2022)" in page
    assert "Published" in page and "Draft" in page


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"q": "memento"}, ["Movies Like Backtrace"]),
        ({"q": "backtrace"}, ["Movies Like Backtrace"]),
        ({"status__exact": "draft"}, ["Movies Like Draft"]),
        ({"status__exact": "published"}, ["Movies Like Backtrace"]),
    ],
)
def test_changelist_search_and_filters(editor_client, backtrace, query, expected):
    make_article(entries=1, status=Article.Status.DRAFT, title="Movies Like Draft")

    response = editor_client.get(reverse("admin:recommendations_article_changelist"), query)

    assert response.status_code == 200
    assert [article.title for article in response.context["cl"].result_list] == expected


def test_changelist_filters_by_tag(editor_client, backtrace):
    make_article(entries=1, title="Movies Like Untagged")
    thriller = backtrace.tags.get(name="thriller")

    response = editor_client.get(reverse("admin:recommendations_article_changelist"), {"tags__id__exact": thriller.pk})

    assert [article.title for article in response.context["cl"].result_list] == ["Movies Like Backtrace"]


def test_changelist_query_count_does_not_grow_with_lists(editor_client, db, django_assert_max_num_queries):
    for _ in range(30):
        make_article(entries=2)

    with django_assert_max_num_queries(10):
        response = editor_client.get(reverse("admin:recommendations_article_changelist"))

    assert len(response.context["cl"].result_list) == 30


def test_film_autocomplete_finds_films_by_title_and_offers_a_new_one_last(editor_client, backtrace):
    response = editor_client.get(
        reverse("admin:autocomplete"),
        {"term": "mem", "app_label": "recommendations", "model_name": "entry", "field_name": "film"},
    )

    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Memento (2000)", "Create “mem”"]


def test_film_admin_shows_credits_inline(editor_client, backtrace):
    film = Film.objects.get(slug="escape-plan-2013")

    response = editor_client.get(reverse("admin:recommendations_film_change", args=[film.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Ray Breslin" in page
    assert "Emil Rottmayer" in page


def test_view_on_site_points_at_the_public_list(editor_client, backtrace):
    response = editor_client.get(change_url(backtrace))

    assert reverse("admin:view_on_site", args=[response.context["content_type_id"], backtrace.pk]) in (
        response.content.decode()
    )


def test_entries_are_ordered_like_the_countdown_in_the_admin(editor_client, backtrace):
    response = editor_client.get(change_url(backtrace))

    formset = response.context["inline_admin_formsets"][0].formset
    assert [form.instance.rank for form in formset.initial_forms] == [6, 5, 4, 3, 2, 1]
    assert Entry.objects.filter(article=backtrace).count() == 6


def test_a_rank_beyond_any_countdown_is_refused_next_to_the_field(editor_client, backtrace):
    entries = existing_entries(backtrace)
    entries[0]["rank"] = 1_000_006

    response = editor_client.post(change_url(backtrace), list_form_data(backtrace, entries))

    assert response.status_code == 200
    assert field_errors(response, 0, "rank") == ["Ensure this value is less than or equal to 9999."]
    assert backtrace.entries.get(film__title="Escape Plan").rank == 6
