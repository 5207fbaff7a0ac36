"""The list form in Chromium: entries that fold to a line, errors you can find, times in the editor's own zone,
pickers that create where you type, the Add films box and one-click credits."""

import pytest
from playwright.sync_api import expect

from recommendations.admin_entries import word_count
from recommendations.models import Article, Credit, Film, Person

from ..factories import make_film, make_person
from .helpers import DESKTOP, choose_film, sign_in

pytestmark = pytest.mark.browser


def change_path(article):
    return f"/admin/recommendations/article/{article.pk}/change/"


def rows(page):
    return page.locator("#entries-group .inline-related:not(.empty-form)")


def entry(page, film):
    return rows(page).filter(has=page.locator("select[name$='-film'] option:checked", has_text=film))


def plural(count, one, many):
    return f"{count} {one if count == 1 else many}"


def folded_line(entry):
    themes, people = entry.themes.count(), entry.people.count()
    return (
        f"#{entry.rank} · {entry.film} · {plural(word_count(entry.blurb), 'word', 'words')} · "
        f"{plural(themes, 'theme', 'themes')} · {plural(people, 'person', 'people')}"
    )


@pytest.fixture
def draft(backtrace):
    Article.objects.filter(pk=backtrace.pk).update(status=Article.Status.DRAFT)
    return Article.objects.get(pk=backtrace.pk)


def test_a_long_list_opens_folded_one_line_an_entry_and_an_entry_opens_on_click(page, live_server, editor, backtrace):
    sign_in(page, live_server, editor, change_path(backtrace))
    saved = list(backtrace.entries.order_by("-rank").select_related("film"))
    toggles = page.locator("#entries-group .inline-related:not(.empty-form).has_original .entry-toggle")

    expect(toggles).to_have_text([folded_line(stored) for stored in saved])
    expect(toggles.first).to_have_attribute("aria-expanded", "false")
    expect(entry(page, "Memento (2000)").locator("textarea[name$='-blurb']")).to_be_hidden()

    memento = entry(page, "Memento (2000)")
    memento.locator(".entry-toggle").click()
    expect(memento.locator(".entry-toggle")).to_have_attribute("aria-expanded", "true")
    blurb = "Leonard can't make new memories. Neither can Mac."
    memento.locator("textarea[name$='-blurb']").fill(blurb)
    expect(memento.locator(".entry-toggle")).to_have_text(
        f"#1 · Memento (2000) · {word_count(blurb)} words · 1 theme · 2 people"
    )
    memento.locator(".entry-toggle").press("Enter")
    expect(memento.locator("textarea[name$='-blurb']")).to_be_hidden()

    # The blank spare row stays open: the button folds every entry while one is open.
    page.get_by_role("button", name="Fold every entry").click()
    expect(page.locator("#entries-group textarea[name$='-blurb']:visible")).to_have_count(0)
    page.get_by_role("button", name="Open every entry").click()
    expect(page.locator("#entries-group textarea[name$='-blurb']:visible")).to_have_count(7)


def test_the_error_summary_takes_the_focus_and_its_links_open_the_entry(page, live_server, editor, backtrace):
    sign_in(page, live_server, editor, change_path(backtrace))
    out_of_death = entry(page, "Out of Death (2021)")
    out_of_death.locator(".entry-toggle").click()
    out_of_death.locator("textarea[name$='-blurb']").fill("")
    page.get_by_label("Intro:").fill("")
    page.get_by_role("button", name="Save and continue editing").click()

    summary = page.get_by_role("alert")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("2 things stop this list being saved")
    expect(summary.get_by_role("link")).to_have_text(
        [
            "Intro: A published list needs an intro.",
            "#3 Out of Death (2021), Blurb: #3 Out of Death (2021) needs a blurb: a published list has one for "
            "every entry.",
        ]
    )
    page.keyboard.press("Tab")
    expect(summary.get_by_role("link").first).to_be_focused()
    out_of_death = entry(page, "Out of Death (2021)")
    out_of_death.locator(".entry-toggle").click()  # folded again by the editor
    summary.get_by_role("link").nth(1).focus()
    page.keyboard.press("Enter")
    expect(out_of_death.locator("textarea[name$='-blurb']")).to_be_focused()
    expect(out_of_death.locator(".entry-toggle")).to_have_attribute("aria-expanded", "true")


def test_the_publication_time_is_shown_in_the_editors_own_time_beside_the_sites(
    browser, live_server, editor, draft, settings
):
    settings.TIME_ZONE = "Europe/London"
    context = browser.new_context(viewport=DESKTOP, timezone_id="America/Los_Angeles")
    page = context.new_page()
    try:
        sign_in(page, live_server, editor, change_path(draft))
        note = page.locator("#published-at-local-time")
        page.get_by_label("Date:").fill("2026-12-03")
        page.get_by_label("Time:").fill("14:00:00")

        expect(note).to_have_text(
            "14:00 on 3 Dec 2026 in Europe/London is 06:00 on 3 Dec 2026 where you are (America/Los_Angeles)."
        )
        expect(page.get_by_text("hours behind server time")).to_be_hidden()
        expect(page.get_by_text("When readers see it, in Europe/London, the site's time zone.")).to_be_visible()
        page.get_by_label("Status:").select_option("published")
        page.get_by_role("button", name="Save and continue editing").click()
        expect(page.locator("#list-status")).to_have_text("Status: Scheduled for 14:00 on 3 Dec 2026 (Europe/London)")
        expect(page.locator(".messagelist")).to_contain_text(
            "“Movies Like Backtrace” is scheduled: readers see it from 14:00 on 3 Dec 2026 (Europe/London)"
        )
    finally:
        context.close()


def test_a_film_is_made_in_the_entrys_picker_and_the_plus_popup_takes_what_was_typed(page, live_server, editor, draft):
    sign_in(page, live_server, editor, change_path(draft))
    spare = rows(page).first

    spare.locator(".field-film .select2-selection").click()
    page.locator(".select2-container--open .select2-search__field").fill("Heat 1995")
    page.get_by_role("option", name="Create “Heat” (1995)").click()

    expect(spare.locator(".field-film .select2-selection__rendered")).to_have_text("Heat (1995)")
    expect(spare.locator(".picker-status")).to_have_text(
        "Heat (1995) is new: it waits for an Editor before readers see it."
    )
    expect(spare.locator("input[name$='-rank']")).to_have_value("7")
    heat = Film.objects.get(title="Heat", year=1995)
    assert (heat.awaiting_review, heat.added_by) == (True, editor)

    spare.locator(".field-people .select2-search__field").fill("Michael Mann")
    with page.context.expect_page() as popup_opened:
        spare.locator(".field-people .related-widget-wrapper-link.add-related").click()
    popup = popup_opened.value
    expect(popup.get_by_label("Name:")).to_have_value("Michael Mann")
    expect(popup.get_by_label("Slug:")).to_have_value("michael-mann")
    popup.get_by_role("button", name="Save", exact=True).click()
    expect(spare.locator(".field-people .select2-selection__choice")).to_have_text(["×Michael Mann"])
    mann = Person.objects.get(name="Michael Mann")
    assert (mann.awaiting_review, mann.added_by) == (True, editor)


def test_a_name_left_typed_in_people_or_themes_is_picked_when_the_editor_moves_on(page, live_server, editor, draft):
    sign_in(page, live_server, editor, change_path(draft))
    memento = entry(page, "Memento (2000)")
    memento.locator(".entry-toggle").click()

    memento.locator(".field-people .select2-search__field").fill("Carrie-Anne Moss")
    memento.locator("textarea[name$='-blurb']").click()
    memento.locator(".field-themes .select2-search__field").fill("PRISON ESCAPE")
    page.get_by_role("button", name="Save and continue editing").click()

    expect(page.locator(".messagelist")).to_contain_text("is saved as a draft")
    stored = draft.entries.get(film__title="Memento")
    assert "Carrie-Anne Moss" in [person.name for person in stored.people.all()]
    assert "prison escape" in [theme.name for theme in stored.themes.all()]
    assert Person.objects.get(name="Carrie-Anne Moss").awaiting_review
    assert Person.objects.filter(name__iexact="prison escape").count() == 0


def test_an_editor_adds_a_missing_credit_in_one_click(page, live_server, editor, draft):
    pacino = make_person("Al Pacino")
    draft.entries.get(film__title="Memento").people.add(pacino)
    sign_in(page, live_server, editor, change_path(draft))
    memento = entry(page, "Memento (2000)")
    memento.locator(".entry-toggle").click()

    expect(memento.get_by_role("note")).to_contain_text("Al Pacino is not credited on Memento (2000).")
    memento.get_by_role("button", name="Credit Al Pacino on Memento (2000)").click()

    expect(memento.locator(".entry-credit-text")).to_have_text(
        "Al Pacino is now credited on Memento (2000), as an actor: the film's page can change the role."
    )
    assert Credit.objects.filter(film__title="Memento", person=pacino, role=Credit.Role.ACTOR).exists()


def test_the_add_films_box_keeps_the_lines_it_could_not_use_and_says_why(page, live_server, editor, draft):
    make_film("Heat", 1995)
    make_film("Heat", 1986)
    sign_in(page, live_server, editor, change_path(draft))

    page.get_by_label("Add films to the countdown").fill("Thief 1981\nMemento (2000)\nHeat")
    page.get_by_role("button", name="Add to the countdown").click()

    expect(page.locator("#add-films-result")).to_have_text(
        "Added #7 Thief (1981) (new: it waits for an Editor). “Memento (2000)”: Memento (2000) is already in this "
        "list at #1. “Heat”: Which one? The catalogue has Heat (1995), Heat (1986): add the year."
    )
    expect(page.get_by_label("Add films to the countdown")).to_have_value("Memento (2000)\nHeat")
    expect(entry(page, "Thief (1981)").locator("textarea[name$='-blurb']")).to_be_focused()
    choose_film(page, rows(page).first, "Backtrace (2022)")
    expect(page.locator(".picker-status, .errorlist")).to_have_count(0)
