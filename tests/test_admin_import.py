"""The admin's import page: a dry run that explains itself, corrections, and the import, through the real admin."""

import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from recommendations.models import Article, Film, Person

from .admin_forms import change_url
from .factories import make_film
from .page_parts import visible_text

IMPORT_URL = reverse("admin:recommendations_article_import")
CHANGELIST = reverse("admin:recommendations_article_changelist")
DATA = Path(__file__).parent / "data" / "import"

HEAT_PASTE = (
    "Movies Like Heat\nIf you loved Michael Mann's Heat, you will like these.\n\n"
    "2. Thief (1981)\n\nMann's first feature.\n\n1. Collateral (2004)\n\nOne night in Los Angeles.\n"
)


def check(client, **data):
    return client.post(IMPORT_URL, {"_check": "Check", **data})


def carried(response):
    """What the dry run's form sends on: the source it read and the initial value of every line field."""
    form = response.context["form"]
    data = {name: form.data.get(name, "") for name in ("text", "html", "export", "source_name", "source_digest")}
    data["corrections"] = form.data.get("corrections", "")
    for row in [*response.context["dry_run"]["entries"], *response.context["dry_run"]["skipped"]]:
        data[f"line_{row.line}"] = data[f"initial-line_{row.line}"] = row.text_field.value()
    return data


def errors(response):
    form = response.context["form"]
    return [str(error) for field in ("text", "upload") for error in form.errors.get(field, [])]


def test_the_changelist_links_the_import_page(editor_client, db):
    page = editor_client.get(CHANGELIST).content.decode()

    assert f'href="{IMPORT_URL}">Import articles</a>' in page


def test_checking_an_article_shows_each_line_it_would_make_and_saves_nothing(editor_client, backtrace, seed_text):
    films = Film.objects.count()

    response = check(editor_client, text=seed_text, again="on")

    text = visible_text(response.content.decode())
    assert response.status_code == 200
    assert "Entries (6)" in text
    assert "the intro says “movies similar to ‘Backtrace’”; the catalogue has Backtrace (2022) (line 1)." in text
    assert "High confidence. It is Backtrace (2022) in the catalogue." in text
    assert "3 6 Escape Plan 2013 – matches Escape Plan (2013)" in text
    assert "23 1 Memento 2000 – matches Memento (2000)" in text
    assert "It reads cleanly: “Import as draft” saves a draft with 6 entries." in text
    assert (Article.objects.count(), Film.objects.count()) == (1, films)


def test_the_dry_run_says_which_lines_were_left_out_and_why(editor_client, db):
    text = (
        "Movies like Heat\n\nMann's crime epic.\n\n2. Thief (1981)\n\nA safecracker.\n\n"
        "Read more: Movies like Ronin\n\n1. Collateral (2004)\n\nOne night.\n\nPhoto: Universal Pictures\n"
    )

    page = visible_text(check(editor_client, text=text).content.decode())

    assert "Left out (2)" in page
    assert "9 Link to another article Text of line 9" in page
    assert "15 Image caption or credit Text of line 15" in page


def test_a_near_match_is_offered_and_never_applied(editor_client, db):
    memento = make_film("Memento", 2000)

    response = check(editor_client, text="Movies like Heat\n\n2. Momento (2000)\n\nAmnesia.\n\n1. Ronin (1998)\n\nP.\n")

    assert "3 2 Momento 2000 – new film: did you mean Memento (2000)" in visible_text(response.content.decode())
    assert f'href="{reverse("admin:recommendations_film_change", args=[memento.pk])}"' in response.content.decode()
    assert Film.objects.count() == 1


def test_correcting_a_line_checks_the_article_again_with_it(editor_client, db):
    text = "Movies like Heat\n\nMann's epic.\n\n2. Thief (1981)\n\nMann.\n\nRead more: Collateral 2004\n\nLA.\n"
    first = check(editor_client, text=text)
    data = carried(first)
    data["line_9"] = "1. Collateral (2004)"

    second = check(editor_client, **data)

    assert [row.line for row in first.context["dry_run"]["skipped"]] == [9]
    entries = second.context["dry_run"]["entries"]
    assert [(row.entry.rank, row.entry.title, row.entry.year) for row in entries] == [
        (2, "Thief", 1981),
        (1, "Collateral", 2004),
    ]
    assert second.context["form"].data["text"].splitlines()[8] == "1. Collateral (2004)"
    assert not Article.objects.exists()


def test_a_correction_made_to_other_text_is_not_applied(editor_client, db):
    text = "Movies like Heat\n\nMann's epic.\n\n2. Thief (1981)\n\nMann.\n\nRead more: Collateral 2004\n\nLA.\n"
    data = carried(check(editor_client, text=text))
    data.update(text="New first line\n" + text, line_9="1. Collateral (2004)")

    second = check(editor_client, **data)

    assert "1. Collateral (2004)" not in second.context["form"].data["text"]


def test_picking_another_film_for_a_line_imports_that_film(editor_client, db):
    heat, memento = make_film("Heat", 1995), make_film("Memento", 2000)
    text = "Movies like Heat\n\n2. Momento (2000)\n\nAmnesia.\n\n1. Ronin (1998)\n\nParis.\n"
    data = {**carried(check(editor_client, text=text)), "film_3": memento.pk}

    picked = check(editor_client, **data)
    imported = editor_client.post(IMPORT_URL, {**data, "_import": "Import as draft"})

    assert "you picked Memento (2000)" in visible_text(picked.content.decode())
    draft = Article.objects.get()
    assert imported.status_code == 302 and imported.url == change_url(draft)
    assert [(entry.rank, entry.film) for entry in draft.entries.order_by("-rank")] == [
        (2, memento),
        (1, Film.objects.get(title="Ronin")),
    ]
    assert draft.subject == heat
    assert not Film.objects.filter(title="Momento").exists()


def test_importing_the_seed_through_the_admin_makes_a_draft(editor_client, editor, seed_text):
    response = editor_client.post(IMPORT_URL, {"text": seed_text, "_import": "Import as draft"}, follow=True)

    draft = Article.objects.get()
    assert response.redirect_chain[-1][0] == change_url(draft)
    assert (draft.status, draft.author) == (Article.Status.DRAFT, editor)
    assert [(entry.rank, str(entry.film)) for entry in draft.entries.order_by("-rank")] == [
        (6, "Escape Plan (2013)"),
        (5, "Dragged Across Concrete (2019)"),
        (4, "American Heist (2014)"),
        (3, "Out of Death (2021)"),
        (2, "211 (2018)"),
        (1, "Memento (2000)"),
    ]
    messages = [str(message) for message in response.context["messages"]]
    assert messages[0] == "Draft “Movies Like Backtrace” with 6 entries."
    assert messages[1].startswith("Created films: Backtrace, Escape Plan (2013),")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param(
            "Movies like Heat\n\nIntro.\n\n1. Thief (1981)\n\nMann.\n\n0. Collateral (2004)\n\nLA.\n",
            "Line 9: “Collateral” is numbered 0; a list's numbers run from 1 to 9,999.",
            id="rank-0",
        ),
        pytest.param(
            "date: 2024-13-45\nMovies like Heat\n\n2. Thief (1981)\n\nMann.\n\n1. Collateral (2004)\n\nLA.\n",
            "Line 1: The date: “2024-13-45” value has the correct format (YYYY-MM-DD) but it is an invalid date.",
            id="date-2024-13-45",
        ),
        pytest.param(
            "Movies like Heat\n\n2. Thief (9999)\n\nMann.\n\n1. Collateral (2004)\n\nLA.\n",
            "Line 3: “Thief”: Year: Ensure this value is less than or equal to 2100.",
            id="film-year-9999",
        ),
        pytest.param(
            "Movies like Heat (0001)\n\nIntro.\n\n2. Thief (1981)\n\nMann.\n\n1. Collateral (2004)\n\nLA.\n",
            "Line 1: The subject “Heat”: Year: Ensure this value is greater than or equal to 1878.",
            id="subject-year-0001",
        ),
    ],
)
@pytest.mark.parametrize("button", ["_check", "_import"])
def test_the_four_typos_give_form_errors_naming_their_lines(editor_client, db, text, message, button):
    response = editor_client.post(IMPORT_URL, {"text": text, button: "go"})

    assert response.status_code == 200
    assert errors(response) == [message]
    assert message in visible_text(response.content.decode())
    assert (Article.objects.count(), Film.objects.count(), Person.objects.count()) == (0, 0, 0)


def test_ten_thousand_headings_are_refused_within_two_seconds(editor_client, db):
    text = "Movies like Heat\n\n" + "\n\n".join(f"{rank}. Film {rank} (2000)" for rank in range(10_000, 0, -1))

    started = time.monotonic()
    response = editor_client.post(IMPORT_URL, {"text": text, "_import": "Import as draft"})
    took = time.monotonic() - started

    assert took < 2
    assert errors(response) == [
        "10,000 entries found; a list can have at most 9,999. Split the article into several lists."
    ]
    assert not Film.objects.exists() and not Article.objects.exists()


def test_a_list_longer_than_the_form_edits_is_refused_with_nothing_saved(editor_client, db):
    text = "Movies like Heat\n\n" + "\n\n".join(f"{rank}. Film {rank} (2000)\n\nWhy." for rank in range(301, 0, -1))

    response = editor_client.post(IMPORT_URL, {"text": text, "_import": "Import as draft"})

    assert errors(response) == [
        "The article has 301 entries; an imported list can have at most 300, the most the list form edits at once. "
        "Split it into several articles."
    ]
    assert not Film.objects.exists()


def test_an_import_past_its_time_budget_is_refused_with_nothing_saved(editor_client, db, settings, seed_text):
    settings.IMPORT_TIME_BUDGET_SECONDS = 0

    response = editor_client.post(IMPORT_URL, {"text": seed_text, "_import": "Import as draft"})

    assert errors(response) == [
        "The import took longer than 0 seconds and was stopped; nothing was saved. "
        "Import a shorter text, or a few posts at a time."
    ]
    assert not Film.objects.exists() and not Article.objects.exists()


def test_the_heat_paste_keeps_its_title_line_and_shows_readers_no_film(editor_client, client, db):
    heat = make_film("Heat", 1995)

    editor_client.post(IMPORT_URL, {"text": HEAT_PASTE, "_import": "Import as draft"})

    draft = Article.objects.get()
    assert (draft.title, draft.subject) == ("Movies Like Heat", heat)
    assert draft.intro == "If you loved Michael Mann's Heat, you will like these."
    made = Film.objects.exclude(pk=heat.pk)
    assert sorted(made.values_list("title", flat=True)) == ["Collateral", "Thief"]
    assert all(film.awaiting_review for film in made)
    for film in made:
        assert client.get(film.get_absolute_url()).status_code == 404
        assert film.get_absolute_url() not in client.get("/search/", {"q": film.title}).content.decode()


def test_bad_text_shows_the_error_next_to_the_text_and_keeps_it(editor_client, db):
    text = "Movies like Heat\n\nJust musings <b>without</b> any list."

    response = check(editor_client, text=text)

    assert errors(response)[0].startswith("No entries found.")
    assert "Just musings &lt;b&gt;without&lt;/b&gt; any list." in response.content.decode()
    assert not Article.objects.exists()


def test_nothing_given_asks_for_an_article(editor_client, db):
    assert errors(check(editor_client, text="  ")) == ["Paste an article here, or choose a file."]


def test_a_rich_paste_is_read_from_its_html(editor_client, db):
    html = (
        "<h1>Films like Alien</h1><p>Space horror.</p><h2>Event Horizon</h2><p>A ship.</p>"
        "<h2>Sunshine</h2><p>The sun.</p>"
    )
    plain = "Films like Alien\nSpace horror.\nEvent Horizon\nA ship.\nSunshine\nThe sun."

    response = check(editor_client, text=plain, html=html)

    page = visible_text(response.content.decode())
    assert "Read as HTML." in page
    assert [row.entry.title for row in response.context["dry_run"]["entries"]] == ["Event Horizon", "Sunshine"]
    assert response.context["form"].data["html"] == html


def test_an_html_file_of_the_seed_imports_as_one_draft(editor_client, backtrace, seed_text):
    upload = SimpleUploadedFile("seed.html", (DATA / "seed.html").read_bytes(), content_type="text/html")

    first = editor_client.post(IMPORT_URL, {"upload": upload, "again": "on", "_check": "Check"})
    imported = editor_client.post(IMPORT_URL, {**carried(first), "again": "on", "_import": "Import as draft"})

    assert "Read as HTML from seed.html." in visible_text(first.content.decode())
    assert imported.status_code == 302
    draft = Article.objects.exclude(pk=backtrace.pk).get()
    assert (draft.title, draft.subject, draft.intro) == ("Movies Like Backtrace", backtrace.subject, backtrace.intro)
    assert [(e.rank, e.film_id, e.blurb) for e in draft.entries.order_by("-rank")] == [
        (e.rank, e.film_id, e.blurb) for e in backtrace.entries.order_by("-rank")
    ]
    assert (draft.import_record.source, draft.import_record.source_name) == ("html", "seed.html")


def test_a_wordpress_export_is_checked_post_by_post_then_imported(editor_client, db):
    upload = SimpleUploadedFile("export.xml", (DATA / "seed-export.xml").read_bytes(), content_type="text/xml")

    first = editor_client.post(IMPORT_URL, {"upload": upload, "_check": "Check"})
    page = visible_text(first.content.decode())
    data = {name: first.context["form"].data.get(name, "") for name in ("export", "source_name")}
    nothing_yet = not Article.objects.exists()
    imported = editor_client.post(IMPORT_URL, {**data, "_import": "Import 1 draft"}, follow=True)

    assert "1 of 2 posts in this export look like “movies like X” lists and would become drafts." in page
    assert "Movies Like Backtrace 2022-06-24" in page
    assert "Skipped: no countdown of films found" in page
    assert nothing_yet
    draft = Article.objects.get()
    assert draft.title == "Movies Like Backtrace" and draft.is_draft
    messages = [str(message) for message in imported.context["messages"]]
    assert messages[0] == "Imported 1 of 2 posts as drafts."
    assert messages[2] == (
        "No user is called “Film Desk”, the post's author: the byline is editor-in-chief’s until you change it."
    )
    assert messages[3].startswith("Skipped: “We Have Moved to a New Home”: no countdown of films found")
    assert draft.author.username == "editor-in-chief"


def test_a_file_the_importer_cannot_read_is_refused_next_to_the_file(editor_client, db):
    upload = SimpleUploadedFile("poster.jpg", b"\xff\xd8\xff", content_type="image/jpeg")

    response = check(editor_client, upload=upload)

    assert response.context["form"].errors["upload"] == [
        "“poster.jpg” is not a file the importer reads: it reads .txt, .md, .html or a WordPress export (.xml)."
    ]


def test_importing_an_existing_article_asks_before_making_a_second_draft(editor_client, backtrace, seed_text):
    refused = editor_client.post(IMPORT_URL, {"text": seed_text, "_import": "Import as draft"})
    accepted = editor_client.post(IMPORT_URL, {"text": seed_text, "again": "on", "_import": "Import as draft"})

    assert errors(refused) == [
        "This article was already imported as “Movies Like Backtrace” (live). Import it again to make a second draft."
    ]
    assert accepted.status_code == 302
    assert Article.objects.count() == 2
    assert Film.objects.count() == 7


def test_the_subject_can_be_chosen_on_the_import_page(editor_client, db):
    heat = make_film("Heat", 1995)
    text = "A few picks.\n\n2. Thief (1981)\n\nMann.\n\n1. Collateral (2004)\n\nLA.\n"

    editor_client.post(IMPORT_URL, {"text": text, "subject": heat.pk, "_import": "Import as draft"})

    assert Article.objects.get().subject == heat


def test_anonymous_and_non_staff_cannot_import(client, django_user_model, db):
    assert client.get(IMPORT_URL).status_code == 302
    client.force_login(django_user_model.objects.create_user("reader", password="pw"))
    assert client.post(IMPORT_URL, {"text": "x", "_import": "go"}).status_code == 302
    assert not Article.objects.exists()


def test_the_import_page_and_its_dry_run_do_not_grow_with_the_catalogue(
    editor_client, db, django_assert_max_num_queries
):
    text = "Movies like Heat\n\n" + "\n\n".join(
        f"{rank}. Film Number {rank} (2001)\n\nWhy." for rank in range(5, 0, -1)
    )
    for number in range(3):
        make_film(f"Catalogue Film {number}", 1990 + number)
    with django_assert_max_num_queries(10) as page:
        assert editor_client.get(IMPORT_URL).status_code == 200
    # The dry run writes every row and rolls them back; what they derive is worked out once (upkeep.py).
    with django_assert_max_num_queries(250) as dry_run:
        assert check(editor_client, text=text).status_code == 200
    for number in range(30):
        make_film(f"Catalogue Film Number {number}", 1990 + number % 30)

    with django_assert_max_num_queries(len(page.captured_queries)):
        editor_client.get(IMPORT_URL)
    with django_assert_max_num_queries(len(dry_run.captured_queries)):
        check(editor_client, text=text)


def test_a_writer_imports_a_draft_of_their_own_and_what_it_made_waits_for_review(writer_client, writer):
    response = writer_client.post(IMPORT_URL, {"text": HEAT_PASTE, "_import": "Import as draft"})

    draft = Article.objects.get()
    assert response.status_code == 302 and response.url == change_url(draft)
    assert (draft.author, draft.status) == (writer, Article.Status.DRAFT)
    assert all(film.awaiting_review and film.added_by == writer for film in Film.objects.all())
    assert writer_client.get(change_url(draft)).status_code == 200


def test_an_export_past_the_time_budget_saves_none_of_its_posts(editor_client, db, settings):
    settings.IMPORT_TIME_BUDGET_SECONDS = 0
    upload = SimpleUploadedFile("export.xml", (DATA / "seed-export.xml").read_bytes(), content_type="text/xml")

    response = editor_client.post(IMPORT_URL, {"upload": upload, "_import": "Import"})

    assert errors(response) == [
        "The import took longer than 0 seconds and was stopped; nothing was saved. "
        "Import a shorter text, or a few posts at a time."
    ]
    assert not Article.objects.exists() and not Film.objects.exists()


def test_a_line_of_pasted_html_is_corrected_where_it_stands_and_stays_corrected(editor_client, db):
    memento = make_film("Memento", 2000)
    html = (
        "<h1>Films like Heat</h1>\n<p>Mann's epic.</p>\n<h2>2. Momento (2000)</h2>\n<p>Amnesia.</p>\n"
        "<h2>1. Ronin (1998)</h2>\n<p>Paris.</p>\n"
    )
    first = check(editor_client, text="Films like Heat Mann's epic. 2. Momento (2000) Amnesia.", html=html)
    data = {**carried(first), "line_3": "2. Memento (2000)"}

    second = check(editor_client, **data)
    third = check(editor_client, **carried(second))

    assert [row.line for row in first.context["dry_run"]["entries"]] == [3, 5]
    for response in (second, third):
        [memento_row, _] = response.context["dry_run"]["entries"]
        assert (memento_row.entry.title, memento_row.entry.match.id) == ("Memento", memento.pk)
    assert third.context["form"].data["html"] == html  # the HTML itself is left as pasted


def test_a_pick_survives_the_text_coming_back_with_the_line_ends_browsers_send(editor_client, db):
    memento = make_film("Memento", 2000)
    text = "Movies like Heat\n\n2. Momento (2000)\n\nAmnesia.\n\n1. Ronin (1998)\n\nParis.\n"
    data = {**carried(check(editor_client, text=text)), "film_3": memento.pk}
    data["text"] = data["text"].replace("\n", "\r\n")

    picked = check(editor_client, **data)

    assert picked.context["dry_run"]["entries"][0].chosen == memento
