"""
Hostile input: bad uploads refused beside the field, and editor text that stays text on every page, feed and admin.

Uploads go through the real admin change forms of a film (poster) and a person (photo).
Text: every field an editor types carries script, attribute-breaking and template payloads;
each surface that shows it is parsed as a browser or feed reader would, and must hold no
script, no event attribute and no javascript: link, with plain text coming back as typed.
"""

import io
import re
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import feedparser
import pytest
import reversion
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import ExifTags, Image
from reversion.models import Version

from recommendations import previews
from recommendations.models import Article, Availability, Credit, Entry, Film, Person, Service, Theme

from .factories import make_film, make_person
from .hostile import (
    HOSTILE,
    JAVASCRIPT,
    MARKDOWN,
    REFUSED,
    SCRIPT,
    SHORT,
    Markup,
    assert_harmless,
    picture,
    zip_archive,
)
from .page_parts import PageParts

# Uploads


@pytest.fixture
def film(db):
    return make_film("Heat", 1995, synopsis="Cops and robbers.")


@pytest.fixture
def person(db):
    return make_person("Guy Pearce")


def film_form(film, **fields):
    return {
        "title": film.title,
        "year": film.year,
        "slug": film.slug,
        "runtime": "",
        "synopsis": film.synopsis,
        "tags": "",
        "credits-TOTAL_FORMS": "0",
        "credits-INITIAL_FORMS": "0",
        "credits-MIN_NUM_FORMS": "0",
        "credits-MAX_NUM_FORMS": "1000",
        "availabilities-TOTAL_FORMS": "0",
        "availabilities-INITIAL_FORMS": "0",
        **fields,
    }


def person_form(person, **fields):
    return {"name": person.name, "slug": person.slug, "bio": person.bio, **fields}


# What each picture's admin form is: (the object's fixture, its form, the file field, a text field typed beside it).
TARGETS = {
    "film poster": ("film", film_form, "poster", "synopsis"),
    "person photo": ("person", person_form, "photo", "bio"),
}


def stored_files(media_root):
    return {path for path in Path(media_root).rglob("*") if path.is_file()}


def upload(client, request, target, name, content):
    """Post `content` as the picture, with the text field typed anew; returns (response, object, typed text)."""
    fixture, form, field, text_field = TARGETS[target]
    obj = request.getfixturevalue(fixture)
    typed = "Typed just now, with <b>care</b> & “quotes”."
    url = reverse(f"admin:recommendations_{obj._meta.model_name}_change", args=[obj.pk])
    data = form(obj, **{text_field: typed, field: SimpleUploadedFile(name, content)})
    return client.post(url, data), obj, typed


def field_error(html, field):
    """The error the admin shows beside `field`, which its input names as describing it."""
    assert re.search(rf'<input type="file" name="{field}"[^>]*aria-describedby="[^"]*id_{field}_error', html)
    found = re.search(rf'<ul class="errorlist" id="id_{field}_error"><li>(.*?)</li>', html)
    return found.group(1) if found else None


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize("case", REFUSED)
def test_a_bad_upload_is_refused_beside_the_field_and_nothing_is_stored(
    editor_client, request, media_root, target, case
):
    name, make = REFUSED[case]
    before = stored_files(media_root)

    response, obj, typed = upload(editor_client, request, target, name, make())

    assert response.status_code == 200
    field = TARGETS[target][2]
    assert field_error(response.content.decode(), field)
    assert stored_files(media_root) == before
    fresh = type(obj).objects.get(pk=obj.pk)
    assert not getattr(fresh, field)
    # The editor's typing is in the form again, and nothing of it was saved.
    text_field = TARGETS[target][3]
    assert response.context["adminform"].form[text_field].value() == typed
    assert "Typed just now, with &lt;b&gt;care&lt;/b&gt; &amp; “quotes”." in response.content.decode()
    assert getattr(fresh, text_field) == getattr(obj, text_field)


@pytest.mark.parametrize(
    "case, message",
    [
        ("svg", "This file is not a JPEG, PNG or WebP picture, whatever its name says."),
        ("truncated jpeg", "This picture is damaged or incomplete, so it cannot be read."),
        ("png decompression bomb", "This picture has more than 40 megapixels."),
        ("41 megapixels", "This picture has more than 40 megapixels."),
        ("over 10 MB", "This file is 10.3 MB; a picture can be at most 10 MB."),
        ("empty file", "The submitted file is empty."),
    ],
)
def test_the_editor_is_told_what_is_wrong(editor_client, request, case, message):
    name, make = REFUSED[case]

    response, _, _ = upload(editor_client, request, "film poster", name, make())

    assert field_error(response.content.decode(), "poster").startswith(message)


def saved_picture(client, request, target, name, content):
    """Upload an acceptable picture; the object as stored, with the stored file's bytes."""
    response, obj, _ = upload(client, request, target, name, content)
    assert response.status_code == 302, field_error(response.content.decode(), TARGETS[target][2])
    obj = type(obj).objects.get(pk=obj.pk)
    file = getattr(obj, TARGETS[target][2])
    with file.open("rb") as stored:
        return obj, stored.read()


@pytest.mark.parametrize("target", TARGETS)
@pytest.mark.parametrize(
    "name",
    [
        "../../etc/passwd.jpg",
        "<script>alert(1)</script>.jpg",
        "..\\..\\boot.ini.jpg",
        "poster.php.jpg",
        "x" * 300 + ".jpg",
    ],
)
def test_a_picture_with_a_hostile_name_is_stored_under_a_made_up_one(editor_client, request, media_root, target, name):
    obj, _ = saved_picture(editor_client, request, target, name, picture())

    folder = "posters" if target == "film poster" else "people"
    stored = getattr(obj, TARGETS[target][2]).name
    assert re.fullmatch(rf"{folder}/[0-9a-f]{{32}}\.jpg", stored)
    assert {path.relative_to(media_root).parts[0] for path in stored_files(media_root)} <= {folder, "renditions"}


def test_the_stored_name_has_the_extension_of_what_the_file_is(editor_client, request):
    obj, content = saved_picture(editor_client, request, "film poster", "poster.jpg", picture("PNG"))

    assert obj.poster.name.endswith(".png")
    assert Image.open(io.BytesIO(content)).format == "PNG"


def test_a_jpeg_zip_polyglot_is_accepted_only_as_a_new_jpeg_without_the_archive(editor_client, request):
    # Decided: re-encoding keeps the picture and drops whatever trailed it, so there is nothing left to refuse.
    obj, content = saved_picture(editor_client, request, "film poster", "poster.jpg", picture() + zip_archive())

    assert Image.open(io.BytesIO(content)).format == "JPEG"
    assert not zipfile.is_zipfile(io.BytesIO(content))
    assert b"PK\x03\x04" not in content and b"onerror" not in content


def test_a_script_hidden_in_a_jpeg_comment_is_not_kept(editor_client, request):
    payload = b"<?php system($_GET['cmd']); ?><script>alert(1)</script>"

    _, content = saved_picture(editor_client, request, "person photo", "face.jpg", picture(comment=payload))

    assert b"<?php" not in content and b"<script" not in content


def test_a_print_ready_cmyk_jpeg_is_accepted_as_rgb(editor_client, request):
    _, content = saved_picture(
        editor_client, request, "film poster", "print.jpg", picture(mode="CMYK", colour=(0, 255, 255, 0))
    )

    stored = Image.open(io.BytesIO(content))
    assert (stored.format, stored.mode) == ("JPEG", "RGB")
    red, green, blue = stored.getpixel((2, 440))
    assert red > 200 and green < 60 and blue < 60


def test_a_cameras_two_picture_jpeg_is_kept_as_a_plain_jpeg(editor_client, request):
    camera = io.BytesIO()
    left, right = Image.new("RGB", (100, 150), "red"), Image.new("RGB", (100, 150), "blue")
    left.save(camera, "MPO", save_all=True, append_images=[right])

    _, content = saved_picture(editor_client, request, "person photo", "camera.jpg", camera.getvalue())

    stored = Image.open(io.BytesIO(content))
    assert (stored.format, getattr(stored, "n_frames", 1)) == ("JPEG", 1)


def test_a_picture_with_a_colour_profile_pillow_cannot_read_is_still_accepted(editor_client, request):
    obj, _ = saved_picture(
        editor_client, request, "film poster", "poster.jpg", picture(icc_profile=b"not a profile" * 10)
    )

    assert obj.poster_renditions["jpeg"]


def camera_exif():
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Spy Camera"
    exif[ExifTags.Base.Orientation] = 6
    exif[ExifTags.IFD.GPSInfo] = {
        ExifTags.GPS.GPSLatitudeRef: "N",
        ExifTags.GPS.GPSLatitude: (51.0, 30.0, 26.0),
        ExifTags.GPS.GPSLongitudeRef: "W",
        ExifTags.GPS.GPSLongitude: (0.0, 7.0, 39.0),
    }
    return exif.tobytes()


def served_pictures(html):
    """Every picture a page links under /media/, opened by Pillow from the storage that serves it."""
    urls = set(re.findall(r"/media/[^\s\"',]+", html))
    assert urls
    pictures = {}
    for url in urls:
        with default_storage.open(url.removeprefix("/media/")) as served:
            pictures[url] = Image.open(io.BytesIO(served.read()))
    return pictures


@pytest.mark.parametrize("image_format", ["JPEG", "PNG", "WEBP"])
def test_exif_and_gps_never_reach_what_is_served(editor_client, request, client, image_format):
    content = picture(image_format, exif=camera_exif(), xmp=b"<x:xmpmeta>secret place</x:xmpmeta>")
    assert Image.open(io.BytesIO(content)).getexif().get_ifd(ExifTags.IFD.GPSInfo)
    film, _ = saved_picture(editor_client, request, "film poster", f"holiday.{image_format.lower()}", content)
    renditions = film.poster_renditions

    page = client.get(film.get_absolute_url()).content.decode()
    # The original too: the admin shows it, and pages fall back on it until renditions exist.
    Film.objects.filter(pk=film.pk).update(poster_renditions={})
    fallback = client.get(film.get_absolute_url()).content.decode()

    linked = served_pictures(page + fallback)
    assert f"/media/{film.poster.name}" in linked
    every_file = [film.poster.name] + [rendition["name"] for key in ("jpeg", "webp") for rendition in renditions[key]]
    served = served_pictures(" ".join(f"/media/{name}" for name in every_file))
    assert linked.keys() <= served.keys()
    for url, image in served.items():
        assert not image.getexif(), url
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "comment", "icc_profile"} & set(image.info), url
        # Stored sideways with orientation 6: everything served is upright, 450 wide.
        assert image.width > image.height, url


# Text


@pytest.fixture
def hostile(db, django_user_model):
    """One published list and one draft where every editor-typed field is hostile."""
    author = django_user_model.objects.create_user("hostile", first_name=SHORT, last_name=SCRIPT)
    theme = Theme.objects.create(name=SHORT, slug="hostile-theme", description=MARKDOWN)
    person = Person.objects.create(name=f"Al {HOSTILE}", slug="al-hostile", bio=MARKDOWN)
    subject = make_film(f"Heat {HOSTILE}", 1995, slug="heat-1995", synopsis=MARKDOWN)
    film = make_film(f"Thief {HOSTILE}", 1981, slug="thief-1981", synopsis=MARKDOWN)
    for each in (subject, film):
        each.themes.add(theme)
        each.tags.add(SHORT, SCRIPT)
        Credit.objects.create(film=each, person=person, role=Credit.Role.DIRECTOR)
        Credit.objects.create(film=each, person=person, role=Credit.Role.ACTOR, character_name=HOSTILE)
    # Straight into the database: validation would refuse these addresses (see the test below).
    service = Service.objects.create(name=SHORT, slug="hostile-service", website=JAVASCRIPT)
    for each in (subject, film):
        Availability.objects.create(film=each, service=service, url=JAVASCRIPT)
    articles = {}
    for status, title in [(Article.Status.PUBLISHED, "Movies Like Heat"), (Article.Status.DRAFT, "Draft")]:
        article = Article.objects.create(
            title=f"{title} {HOSTILE}",
            slug=title.lower().replace(" ", "-"),
            subject=subject,
            intro=MARKDOWN,
            author=author,
            status=status,
            published_at=timezone.now() if status == Article.Status.PUBLISHED else None,
        )
        article.tags.add(SHORT, SCRIPT)
        entry = Entry.objects.create(article=article, rank=1, film=film, blurb=MARKDOWN)
        entry.themes.add(theme)
        entry.people.add(person)
        articles[status] = article
    return {
        "article": articles[Article.Status.PUBLISHED],
        "draft": articles[Article.Status.DRAFT],
        "subject": subject,
        "film": film,
        "person": person,
        "theme": theme,
        "author": author,
        "service": service,
    }


def public_pages(hostile):
    article, tag = hostile["article"], hostile["article"].tags.get(name=SCRIPT)
    return {
        "home": "/",
        "list": article.get_absolute_url(),
        "list, top pick first": article.get_absolute_url() + "?order=top",
        "subject": hostile["subject"].get_absolute_url(),
        "film": hostile["film"].get_absolute_url(),
        "person": hostile["person"].get_absolute_url(),
        "themes": reverse("recommendations:theme_list"),
        "theme": hostile["theme"].get_absolute_url(),
        "tag": reverse("recommendations:tag_detail", kwargs={"slug": tag.slug}),
        "search": "/search/?q=heat",
        "search echoing the query": "/search/?" + f"q={HOSTILE}".replace("&", "%26").replace("#", "%23"),
        "preview": reverse("recommendations:article_preview", kwargs={"token": previews.make_token(hostile["draft"])}),
    }


# The plain-text fields each page shows, which must come back exactly as typed.
SHOWN_AS_TYPED = {
    "home": lambda h: [h["article"].title, h["theme"].name],
    "list": lambda h: [
        h["article"].title,
        h["film"].title,
        h["person"].name,
        h["theme"].name,
        h["service"].name,
        SCRIPT,
    ],
    "list, top pick first": lambda h: [h["article"].title, h["film"].title],
    "subject": lambda h: [h["subject"].title, HOSTILE, h["person"].name, h["article"].title, h["service"].name],
    "film": lambda h: [h["film"].title, HOSTILE, h["article"].title, SHORT],
    "person": lambda h: [h["person"].name, h["film"].title, h["article"].title],
    "themes": lambda h: [h["theme"].name],
    "theme": lambda h: [h["theme"].name, h["film"].title, h["article"].title],
    "tag": lambda h: [SCRIPT, h["article"].title, h["film"].title],
    "search": lambda h: [h["article"].title, h["subject"].title],
    "search echoing the query": lambda h: [HOSTILE],
    "preview": lambda h: [h["draft"].title, h["film"].title, "By " + h["author"].get_full_name()],
}


@pytest.mark.parametrize("page", SHOWN_AS_TYPED)
def test_editor_text_is_text_on_every_public_page(client, hostile, page):
    response = client.get(public_pages(hostile)[page])
    assert response.status_code == 200

    shown = assert_harmless(response.content.decode())

    for text in SHOWN_AS_TYPED[page](hostile):
        assert text in shown.visible_text, text
    assert "example.com" in response.content.decode() or page not in {"list", "subject", "person", "theme"}


@pytest.mark.parametrize(
    "page, title, kind",
    [("list", "Movies Like Heat {}", "Article"), ("subject", "Heat {} (1995)", "Movie"), ("person", "Al {}", "Person")],
)
def test_meta_tags_and_json_ld_hold_the_text_as_typed(client, hostile, page, title, kind):
    html = client.get(public_pages(hostile)[page]).content.decode()
    parts = PageParts(html)
    typed = title.format(HOSTILE)

    assert parts.title == f"{typed} · Film Magazine"
    assert parts.meta["og:title"] == parts.meta["twitter:title"] == typed
    assert "<" not in parts.meta["description"] and "javascript" not in parts.meta["description"]
    block = parts.structured_data_blocks[0]
    assert "<" not in block and ">" not in block
    data = parts.structured_data
    main = next(item for item in data.get("@graph", [data]) if item["@type"] == kind)
    assert main.get("headline", main.get("name")) == typed.removesuffix(" (1995)")
    assert "javascript" not in block


FEEDS = ["/feed/", "/feed/atom/", "/themes/hostile-theme/feed/", "/themes/hostile-theme/feed/atom/"]
FEEDS += ["/people/al-hostile/feed/", "/people/al-hostile/feed/atom/"]


@pytest.mark.parametrize("path", FEEDS)
def test_feeds_carry_titles_as_text_and_countdowns_without_scripts(client, hostile, path):
    content = client.get(path).content
    feed = feedparser.parse(content)
    assert not feed.bozo, feed.get("bozo_exception")

    (entry,) = feed.entries
    assert entry.title == hostile["article"].title
    assert entry.title_detail.type == "text/plain"
    assert {tag.term for tag in entry.tags} == {SHORT, SCRIPT}
    if "themes" in path:
        assert feed.feed.title == f"Film Magazine: lists about {SHORT}"
    # feedparser cleans HTML itself; what the site wrote must be clean before any reader does.
    root = ET.fromstring(content)
    atom = "{http://www.w3.org/2005/Atom}"
    (countdown,) = [element.text for element in root.iter() if element.tag in ("description", f"{atom}summary")][-1:]
    shown = assert_harmless(countdown)
    assert f"1. {hostile['film']}" in shown.visible_text


def test_sitemaps_hold_only_this_sites_addresses(client, hostile):
    index = ET.fromstring(client.get("/sitemap.xml").content)
    sections = [loc.text for loc in index.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")]
    locations = []
    for section in sections:
        content = client.get(section.removeprefix("http://testserver")).content
        locations += [
            loc.text for loc in ET.fromstring(content).iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
        ]

    assert "http://testserver/films/heat-1995/" in locations
    assert all(re.fullmatch(r"http://testserver/[a-z0-9/_-]*", location) for location in locations)


def admin_pages(hostile):
    """The admin's pages that show the hostile text, revisions of the list included (two, to compare)."""
    article, film, person, theme = hostile["article"], hostile["film"], hostile["person"], hostile["theme"]
    for intro in (MARKDOWN, f"{MARKDOWN}\n\nAnd {SCRIPT} again."):
        with reversion.create_revision():
            article.intro = intro
            article.save()
    version = Version.objects.get_for_object(article).last()
    return [
        "/admin/recommendations/article/",
        f"/admin/recommendations/article/{article.pk}/change/",
        f"/admin/recommendations/article/{hostile['draft'].pk}/change/",
        f"/admin/recommendations/article/{article.pk}/history/",
        f"/admin/recommendations/article/{article.pk}/history/compare/",
        f"/admin/recommendations/article/{article.pk}/history/{version.pk}/",
        "/admin/recommendations/film/",
        f"/admin/recommendations/film/{film.pk}/change/",
        "/admin/recommendations/person/",
        f"/admin/recommendations/person/{person.pk}/change/",
        f"/admin/recommendations/person/{person.pk}/delete/",
        "/admin/recommendations/theme/",
        f"/admin/recommendations/theme/{theme.pk}/change/",
        "/admin/recommendations/article/?q=heat",
        "/admin/recommendations/film/?q=" + SCRIPT,
    ]


def test_editor_text_is_text_in_the_admin(editor_client, hostile):
    typed = [hostile[key].title for key in ("article", "draft", "subject", "film")]
    typed += [hostile["person"].name, hostile["theme"].name]
    for path in admin_pages(hostile):
        response = editor_client.get(path)
        assert response.status_code == 200, path
        shown = assert_harmless(response.content.decode(), admin=True)
        assert any(text in shown.visible_text for text in typed), path


def test_admin_forms_give_the_text_back_as_typed(editor_client, hostile):
    html = editor_client.get(f"/admin/recommendations/film/{hostile['film'].pk}/change/").content.decode()
    form = Markup(html)

    assert form.values["title"] == hostile["film"].title
    assert form.values["credits-0-character_name"] == HOSTILE
    assert SCRIPT in form.values["tags"] and SHORT in form.values["tags"]
    assert SCRIPT not in html


@pytest.mark.parametrize("model, field", [(Availability, "url"), (Service, "website")])
@pytest.mark.parametrize("address", [JAVASCRIPT, "JavaScript:alert(1)", "ftp://example.com/film", "data:text/html,x"])
def test_service_and_watch_links_must_be_web_addresses(hostile, model, field, address):
    obj = model.objects.first()
    setattr(obj, field, address)

    with pytest.raises(ValidationError) as refused:
        obj.full_clean()
    assert field in refused.value.message_dict

    setattr(obj, field, "https://www.example.com/watch/heat")
    obj.full_clean()


# Long addresses


LONG = "a" * 10_000


@pytest.mark.parametrize(
    "path",
    [
        f"/lists/{LONG}/",
        f"/films/{LONG}/",
        f"/people/{LONG}/",
        f"/themes/{LONG}/",
        f"/tags/{LONG}/",
        f"/preview/{LONG}/",
        f"/preview/{'.'.join([LONG[:3000]] * 3)}:{LONG[:100]}/",
        f"/themes/{LONG}/feed/",
        f"/themes/{LONG}/feed/atom/",
        f"/people/{LONG}/feed/",
        f"/people/{LONG}/feed/atom/",
        f"/sitemap-{LONG}.xml",
        f"/{LONG}/",
        f"/static/{LONG}.css",
    ],
)
def test_a_10000_character_slug_is_not_found(client, hostile, path):
    assert client.get(path).status_code == 404


QUERIES = [
    f"q={LONG}",
    f"page={'9' * 10_000}",
    f"order={LONG}",
    f"{LONG}={LONG}",
    f"p={'9' * 10_000}",
    "q=" + "%" * 10_000,
]


def test_a_10000_character_query_string_is_answered_without_an_error(client, hostile):
    pages = [path.split("?")[0] for path in public_pages(hostile).values()]
    for path in [*pages, *FEEDS, "/sitemap.xml", "/sitemap-lists.xml", "/robots.txt"]:
        for query in QUERIES:
            response = client.get(f"{path}?{query}")
            assert response.status_code in {200, 400, 404}, (path, query[:20], response.status_code)
