"""
Markdown with bounded cost: whatever a blurb holds, its list page answers 200 in well under a second;
text too long for its field is refused beside the field, with the editor's text kept.
"""

import time

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from recommendations import markup
from recommendations.models import (
    LONGEST_BLURB,
    LONGEST_DESCRIPTION,
    LONGEST_INTRO,
    Article,
    Entry,
    Film,
    Person,
    Theme,
)

from .admin_forms import change_url, existing_entries, field_errors, list_form_data
from .factories import make_article, make_person
from .page_parts import visible_text

# Texts that stalled or crashed Python-Markdown (issue 11), and a few more of the same kind.
PATHOLOGICAL = {
    "300 nested list levels": "".join("  " * depth + f"- level {depth}\n" for depth in range(300)),
    "300 nested list markers on one line": "- " * 300 + "deepest",
    "300 nested quotes": "> " * 300 + "deepest",
    "8,000 [ then 8,000 ]": "[" * 8000 + "]" * 8000,
    "6,000 ![": "![" * 6000,
    "5,000 [a](": "[a](" * 5000,
    "20,000 *": "*" * 20_000,
    "10,000 `a``": "`a``" * 2500,
    "unclosed raw HTML": "<div>" * 4000,
    "a 1 MB paragraph": "word " * 200_000,
}


@pytest.fixture
def entry(db):
    return make_article(entries=1, title="Movies Like Heat").entries.get()


@pytest.mark.parametrize("case", PATHOLOGICAL)
def test_any_blurb_gives_its_list_page_in_under_a_second(client, entry, case):
    # Straight into the database, as a row that got around the form's limits would be.
    Entry.objects.filter(pk=entry.pk).update(blurb=PATHOLOGICAL[case])

    started = time.perf_counter()
    response = client.get(entry.article.get_absolute_url())
    elapsed = time.perf_counter() - started

    assert response.status_code == 200
    assert elapsed < 1, f"{elapsed:.2f} s"
    assert client.get("/feed/").status_code == 200


@pytest.mark.parametrize("case", PATHOLOGICAL)
def test_the_admin_saves_any_blurb_within_the_limit_and_refuses_a_longer_one_beside_it(editor_client, entry, case):
    article, blurb = entry.article, PATHOLOGICAL[case]
    entries = existing_entries(article)
    entries[0]["blurb"] = blurb

    response = editor_client.post(change_url(article), list_form_data(article, entries))

    entry.refresh_from_db()
    if len(blurb) <= LONGEST_BLURB:
        assert response.status_code == 302
        assert entry.blurb == blurb
    else:
        assert response.status_code == 200
        assert field_errors(response, 0, "blurb") == [
            f"At most 10,000 characters fit here; this text has {len(blurb.strip())}. Shorten it and save again."
        ]
        assert response.context["inline_admin_formsets"][0].formset.forms[0]["blurb"].value() == blurb
        assert entry.blurb == "Blurb for number 1."


def test_text_nested_too_deep_to_render_is_shown_whole_as_plain_text(client, entry):
    Entry.objects.filter(pk=entry.pk).update(blurb="Before.\n\n" + "- " * 300 + "the *deepest* <b>point</b>")

    page = visible_text(client.get(entry.article.get_absolute_url()).content.decode())

    assert "Before. " + "- " * 300 + "the *deepest* <b>point</b>" in page


def test_a_text_over_the_render_limit_is_shown_as_escaped_paragraphs(client, entry):
    long_text = "First *paragraph* <script>alert(1)</script>.\n\n" + "x" * markup.RENDER_LIMIT
    Entry.objects.filter(pk=entry.pk).update(blurb=long_text)

    html = client.get(entry.article.get_absolute_url()).content.decode()

    assert "<p>First *paragraph* &lt;script&gt;alert(1)&lt;/script&gt;.</p>" in html
    assert f"<p>{'x' * markup.RENDER_LIMIT}</p>" in html


def test_markdown_within_the_limits_still_renders(client, entry):
    entry.blurb = (
        "Like *Heat*, with **Pacino**, `code`, [a link](https://example.com/)\\\nand a line break."
        "\n\n> A quote\n\n- a\n- b"
    )
    entry.save()

    html = client.get(entry.article.get_absolute_url()).content.decode()

    assert "<em>Heat</em>" in html and "<strong>Pacino</strong>" in html and "<code>code</code>" in html
    assert '<a href="https://example.com/" rel="noopener noreferrer nofollow">a link</a><br>' in html
    assert "<blockquote>\n<p>A quote</p>\n</blockquote>" in html
    assert "<ul>\n<li>a</li>\n<li>b</li>\n</ul>" in html


def test_an_intro_over_its_limit_is_refused_beside_it_and_kept(editor_client, entry):
    article = entry.article
    intro = "An intro that ran on. " * (LONGEST_INTRO // 20)

    response = editor_client.post(change_url(article), list_form_data(article, existing_entries(article), intro=intro))

    assert response.status_code == 200
    form = response.context["adminform"].form
    assert form.errors["intro"] == [
        f"At most 20,000 characters fit here; this text has {len(intro.strip())}. Shorten it and save again."
    ]
    assert form["intro"].value() == intro
    assert Article.objects.get(pk=article.pk).intro == "An intro."


@pytest.mark.parametrize(
    "model, field, form",
    [
        (Person, "bio", lambda person: {"name": person.name, "slug": person.slug}),
        (Theme, "description", lambda theme: {"name": theme.name, "slug": theme.slug}),
    ],
)
def test_bios_and_descriptions_have_a_limit_too(editor_client, entry, model, field, form):
    obj = model.objects.first()
    too_long = "y" * (LONGEST_DESCRIPTION + 1)
    url = reverse(f"admin:recommendations_{model._meta.model_name}_change", args=[obj.pk])

    response = editor_client.post(url, {**form(obj), field: too_long})

    assert response.status_code == 200
    assert response.context["adminform"].form[field].value() == too_long
    assert response.context["adminform"].form.errors[field] == [
        "At most 10,000 characters fit here; this text has 10001. Shorten it and save again."
    ]
    assert getattr(model.objects.get(pk=obj.pk), field) == ""


def test_a_film_synopsis_has_the_same_limit(db):
    film = Film(title="Heat", year=1995, slug="heat-1995", synopsis="z" * (LONGEST_DESCRIPTION + 1))

    with pytest.raises(ValidationError) as refused:
        film.full_clean()

    assert "synopsis" in refused.value.message_dict


def test_no_markdown_field_accepts_more_than_the_renderer_renders():
    fields = [
        Article._meta.get_field("intro"),
        Entry._meta.get_field("blurb"),
        Film._meta.get_field("synopsis"),
        Person._meta.get_field("bio"),
        Theme._meta.get_field("description"),
    ]
    for field in fields:
        (limit,) = [validator.limit_value for validator in field.validators if hasattr(validator, "limit_value")]
        assert limit <= markup.RENDER_LIMIT, field


def test_a_pathological_bio_leaves_the_person_feed_parsing(client, entry):
    person = make_person("Al Pacino")
    entry.people.add(person)
    Person.objects.filter(pk=person.pk).update(bio="[" * 8000)
    Entry.objects.filter(pk=entry.pk).update(blurb="![" * 6000)

    response = client.get(f"/people/{person.slug}/feed/")

    assert response.status_code == 200
    assert not feedparser.parse(response.content).bozo
    assert client.get(person.get_absolute_url()).status_code == 200
