"""
Long lists: the longest list the admin is built for saves through it in one request, and a save
over any request limit gets a page that says what to do and shows the editor's text back.
"""

import re
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client

from recommendations.models import LONGEST_LIST, MOST_LINKS_PER_ENTRY, Article, Entry, Film, Person, Theme

from .admin_forms import change_url, existing_entries, list_form_data
from .factories import make_film
from .page_parts import visible_text


def long_list(entries, links=5):
    """A draft of `entries` entries, each with `links` themes and `links` people, made in a few queries."""
    article = Article.objects.create(
        title="Movies Like Heat", slug="movies-like-heat", subject=make_film("Heat", 1995), intro="Heat, and after."
    )
    films = Film.objects.bulk_create(Film(title=f"Film {n}", year=2000, slug=f"film-{n}") for n in range(entries))
    themes = Theme.objects.bulk_create(Theme(name=f"theme {n}", slug=f"theme-{n}") for n in range(40))
    people = Person.objects.bulk_create(Person(name=f"Person {n}", slug=f"person-{n}") for n in range(40))
    made = Entry.objects.bulk_create(
        Entry(article=article, rank=rank, film=film, blurb=f"Why film {rank} is like Heat.")
        for rank, film in enumerate(films, 1)
    )
    Entry.themes.through.objects.bulk_create(
        Entry.themes.through(entry=entry, theme=themes[(entry.rank + n) % 40]) for entry in made for n in range(links)
    )
    Entry.people.through.objects.bulk_create(
        Entry.people.through(entry=entry, person=people[(entry.rank + n) % 40]) for entry in made for n in range(links)
    )
    return article


def test_a_250_entry_list_with_5_themes_and_5_people_each_saves_through_the_admin(
    editor_client, db, django_assert_max_num_queries
):
    article = long_list(250)
    people, themes = list(Person.objects.order_by("pk")), list(Theme.objects.order_by("pk"))
    entries = existing_entries(article)
    for index, entry in enumerate(entries):
        entry["blurb"] = f"Rewritten: why #{entry['rank']} is like Heat."
        entry["themes"] = [theme.pk for theme in themes[index % 35 : index % 35 + 5]]
        entry["people"] = [person.pk for person in people[index % 35 : index % 35 + 5]]
    data = list_form_data(article, entries, intro="Michael Mann's *Heat*, and 250 films after it.")
    assert sum(len(value) if isinstance(value, list) else 1 for value in data.values()) > 3000

    # Django saves each entry and its links with a few queries of its own; what the entries derive (counted
    # themes, facets, the revision, the cached pages' tags) is worked out once for the whole list.
    with django_assert_max_num_queries(20 * 250):
        response = editor_client.post(change_url(article), data)

    assert response.status_code == 302, response.content.decode()[:2000]
    article.refresh_from_db()
    assert article.intro == "Michael Mann's *Heat*, and 250 films after it."
    assert article.entries.count() == 250
    saved = {entry.rank: entry for entry in article.entries.prefetch_related("themes", "people")}
    for entry in entries:
        stored = saved[entry["rank"]]
        assert stored.blurb == entry["blurb"]
        assert sorted(theme.pk for theme in stored.themes.all()) == entry["themes"]
        assert sorted(person.pk for person in stored.people.all()) == entry["people"]


@pytest.mark.parametrize("entries", [3, 250])
def test_a_long_lists_change_form_opens_in_as_many_queries_as_a_short_ones(
    editor_client, db, django_assert_max_num_queries, entries
):
    article = long_list(entries)

    # The first opening keeps the list's first revision as it stands (admin_revisions.py): its entries
    # are read with what they link to, so that costs the same at any length too.
    with django_assert_max_num_queries(34):
        editor_client.get(change_url(article))
    with django_assert_max_num_queries(22):
        response = editor_client.get(change_url(article))

    assert response.status_code == 200
    assert len(re.findall(r'name="entries-\d+-blurb"', response.content.decode())) == entries + 1


def test_the_longest_list_fits_in_one_save():
    fields_per_entry = 5 + 2 * MOST_LINKS_PER_ENTRY  # id, list, rank, film, blurb, then the links
    assert LONGEST_LIST * fields_per_entry + 50 <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS


@pytest.fixture
def editor_browser(editor):
    """An editor's browser, with the CSRF check on as in real use."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(editor)
    return browser


def signed_form(browser, article, **fields):
    """The list's form as the browser sends it: with the CSRF token its page carried."""
    page = browser.get(change_url(article)).content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    return {**list_form_data(article, existing_entries(article), **fields), "csrfmiddlewaretoken": token}


def post_form(browser, url, data):
    """As a browser sends a form without a file: urlencoded (the test client would send multipart)."""
    return browser.post(url, urlencode(data, doseq=True), content_type="application/x-www-form-urlencoded")


INTRO = "An intro that took an hour to write, with <care> & “quotes”."


def test_a_save_over_the_field_limit_gets_a_page_that_keeps_the_text(editor_browser, db):
    article = long_list(3)
    data = signed_form(editor_browser, article, intro=INTRO)
    data["entries-0-people"] = list(range(1, 10_001))  # a form with more fields than any list needs

    response = post_form(editor_browser, change_url(article), data)

    assert response.status_code == 413
    page = response.content.decode()
    assert "<title>Too much to save at once · Film Magazine</title>" in page
    assert "Nothing was saved:" in page and "(10,000 form fields or 10 MB)" in page
    assert "Use your browser's Back button: the form still holds what you wrote." in page
    assert "built for up to 300 entries, each with up to 10 themes and 10 people." in visible_text(page)
    assert "An intro that took an hour to write, with &lt;care&gt; &amp; “quotes”.</textarea>" in page
    assert data["csrfmiddlewaretoken"] not in page
    assert "no-store" in response["Cache-Control"]
    assert Article.objects.get(pk=article.pk).intro == article.intro


def test_a_save_over_the_size_limit_gets_the_same_page(editor_browser, db, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    article = long_list(3)
    intro = INTRO + " And on." * 20_000

    response = post_form(editor_browser, change_url(article), signed_form(editor_browser, article, intro=intro))

    assert response.status_code == 413
    page = response.content.decode()
    assert "&lt;care&gt; &amp; “quotes”. And on. And on." in page
    assert Article.objects.get(pk=article.pk).intro == article.intro


def test_text_another_site_posted_is_never_shown_back(editor_browser, db):
    article = long_list(3)
    editor_browser.get(change_url(article))  # the editor's browser has its CSRF cookie; the other site has no token
    data = list_form_data(article, existing_entries(article), intro="Text from another site.")
    data["filler"] = ["x"] * 10_001

    response = post_form(editor_browser, change_url(article), data)

    assert response.status_code == 413
    assert "Text from another site." not in response.content.decode()
    assert "What you sent" not in response.content.decode()


def test_a_sign_in_over_the_limit_gets_the_page_too_and_never_shows_the_password(client, db):
    form = {"username": "editor", "password": "a secret password", "filler": ["x"] * 10_001}

    response = post_form(client, "/admin/login/", form)

    assert response.status_code == 413
    assert "Too much to save at once" in response.content.decode()
    assert "a secret password" not in response.content.decode()
