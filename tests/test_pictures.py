"""Posters and photos: renditions made once, served as <picture>, and placeholders when there is none."""

import io
import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.template import Context, Template
from PIL import Image

from recommendations.management.commands.setup_local_site import FIXTURE_MEDIA
from recommendations.models import Film, Person
from recommendations.placeholders import card_colour, contrast_ratio, fit_title, initials

from .factories import make_film, make_person

FIXTURE = FIXTURE_MEDIA.parent / "backtrace.json"
EXIF_ORIENTATION = 0x0112
# EXIF orientation 6: the camera was turned a quarter clockwise; turn the pixels the same way to show them upright.
ROTATED_CLOCKWISE = 6


def image_upload(size=(300, 450), colour="teal", mode="RGB", image_format="JPEG", name="poster.jpg", **save_options):
    buffer = io.BytesIO()
    Image.new(mode, size, colour).save(buffer, image_format, **save_options)
    return SimpleUploadedFile(name, buffer.getvalue())


def rendition_files(settings):
    """Every rendition file with its modification time, to see what a step wrote."""
    root = Path(settings.MEDIA_ROOT) / "renditions"
    return {path: path.stat().st_mtime_ns for path in root.rglob("*") if path.is_file()}


def open_rendition(rendition):
    with default_storage.open(rendition["name"]) as stored:
        image = Image.open(io.BytesIO(stored.read()))
        image.load()
    return image


def render(template_text, **context):
    return Template("{% load pictures %}" + template_text).render(Context(context))


def run_command(name, *options):
    out = StringIO()
    call_command(name, *options, stdout=out, stderr=StringIO())
    return out.getvalue()


def make_renditions(*options):
    return run_command("make_renditions", *options)


# Renditions


def test_saving_a_poster_makes_webp_and_jpeg_at_each_width_it_can_fill(db):
    film = make_film("Escape Plan", 2013, poster=image_upload((300, 450)))

    renditions = film.poster_renditions
    assert (renditions["width"], renditions["height"]) == (300, 450)
    # 320 and 480 would be enlarged: the 300px original stands in for them.
    for key, image_format in [("webp", "WEBP"), ("jpeg", "JPEG")]:
        sizes = [(rendition["width"], rendition["height"]) for rendition in renditions[key]]
        assert sizes == [(64, 96), (128, 192), (160, 240), (240, 360), (300, 450)]
        for rendition in renditions[key]:
            image = open_rendition(rendition)
            assert image.format == image_format
            assert image.size == (rendition["width"], rendition["height"])
    assert Film.objects.get(pk=film.pk).poster_renditions == renditions


def test_a_small_original_is_never_enlarged(db):
    film = make_film(poster=image_upload((100, 150)))

    assert [rendition["width"] for rendition in film.poster_renditions["jpeg"]] == [64, 100]


def test_renditions_are_made_once_and_reused(db, settings):
    film = make_film(poster=image_upload())
    written = rendition_files(settings)
    assert len(written) == 10

    film.title = "A new title"
    film.save()
    film.refresh_from_db()
    film.save()
    make_renditions()
    twin = make_film(poster=image_upload(name="same-picture.jpg"))

    assert rendition_files(settings) == written
    assert twin.poster.name != film.poster.name
    assert twin.poster_renditions["webp"] == film.poster_renditions["webp"]


def test_a_new_poster_gets_new_renditions(db):
    film = make_film(poster=image_upload(colour="teal"))
    before = film.poster_renditions

    film.poster = image_upload(colour="purple", name="another.jpg")
    film.save()

    assert film.poster_renditions["source"] == film.poster.name != before["source"]
    assert film.poster_renditions["jpeg"][0]["name"] != before["jpeg"][0]["name"]


def test_exif_orientation_is_applied_and_metadata_left_out(db):
    # Stored sideways, 300 wide and 200 high: red on the left, blue on the right.
    sideways = Image.new("RGB", (300, 200), "blue")
    sideways.paste("red", (0, 0, 150, 200))
    exif = Image.Exif()
    exif[EXIF_ORIENTATION] = ROTATED_CLOCKWISE
    buffer = io.BytesIO()
    sideways.save(buffer, "JPEG", exif=exif.tobytes())

    film = make_film(poster=SimpleUploadedFile("sideways.jpg", buffer.getvalue()))

    renditions = film.poster_renditions
    assert (renditions["width"], renditions["height"]) == (200, 300)
    upright = open_rendition(renditions["jpeg"][0])
    assert upright.size == (64, 96)
    # Turned a quarter clockwise, the left side is now at the top.
    red, green, blue = upright.getpixel((32, 5))
    assert red > 200 and blue < 60
    red, green, blue = upright.getpixel((32, 90))
    assert blue > 200 and red < 60
    assert not upright.getexif()
    assert "exif" not in upright.info and "icc_profile" not in upright.info


@pytest.mark.parametrize(
    "upload",
    [
        lambda: image_upload((100, 150), (0, 0, 0, 0), mode="RGBA", image_format="PNG", name="clear.png"),
        lambda: image_upload((100, 150), 0, mode="P", image_format="PNG", name="palette.png", transparency=0),
    ],
    ids=["RGBA", "P"],
)
def test_transparency_becomes_white_in_jpeg_and_webp(db, upload):
    film = make_film(poster=upload())

    for key in ("jpeg", "webp"):
        image = open_rendition(film.poster_renditions[key][0])
        assert image.mode == "RGB"
        assert all(channel > 240 for channel in image.getpixel((10, 10)))


def test_a_print_ready_cmyk_poster_gets_rgb_renditions(db):
    film = make_film(poster=image_upload((100, 150), (0, 255, 255, 0), mode="CMYK", name="print.jpg"))

    image = open_rendition(film.poster_renditions["jpeg"][0])
    assert image.mode == "RGB"
    red, green, blue = image.getpixel((10, 10))
    assert red > 200 and green < 60 and blue < 60


def test_removing_the_poster_clears_its_renditions(db):
    film = make_film(poster=image_upload())

    film.poster = ""
    film.save()

    assert film.poster_renditions == {}
    assert Film.objects.get(pk=film.pk).poster_renditions == {}


def test_a_persons_photo_gets_renditions_too(db):
    person = make_person("Guy Pearce")
    person.photo = image_upload((400, 600), name="guy.jpg")
    person.save()

    assert [rendition["width"] for rendition in person.photo_renditions["webp"]] == [64, 128, 160, 240, 320, 400]


def test_the_command_fills_gaps_and_is_idempotent(db, settings):
    film = make_film(poster=image_upload())
    person = make_person()
    person.photo = image_upload(name="face.jpg")
    person.save()
    made = film.poster_renditions
    Film.objects.update(poster_renditions={})
    Person.objects.update(photo_renditions={"source": "people/somebody-else.jpg"})
    written = rendition_files(settings)

    assert make_renditions() == "Renditions: 2 made, 0 up to date, 0 cleared, 0 failed.\n"
    assert Film.objects.get(pk=film.pk).poster_renditions == made
    assert make_renditions() == "Renditions: 0 made, 2 up to date, 0 cleared, 0 failed.\n"
    assert rendition_files(settings) == written


def test_the_command_clears_renditions_left_without_a_picture(db):
    film = make_film(poster=image_upload())
    Film.objects.filter(pk=film.pk).update(poster="")

    assert make_renditions() == "Renditions: 0 made, 0 up to date, 1 cleared, 0 failed.\n"
    assert Film.objects.get(pk=film.pk).poster_renditions == {}


def test_force_rewrites_every_file(db, settings):
    make_film(poster=image_upload())
    written = rendition_files(settings)

    assert make_renditions("--force") == "Renditions: 1 made, 0 up to date, 0 cleared, 0 failed.\n"
    rewritten = rendition_files(settings)
    assert rewritten.keys() == written.keys()
    assert all(rewritten[path] != written[path] for path in written)


def test_a_missing_or_broken_file_shows_the_placeholder_not_a_broken_image(db):
    lost = make_film("Lost Reel", 1925, poster="posters/not-there.jpg")
    broken = make_film("Broken Reel", 1926, poster=SimpleUploadedFile("broken.jpg", b"not a picture"))

    assert lost.poster_renditions == {"source": "posters/not-there.jpg", "error": "missing"}
    assert broken.poster_renditions["error"] == "unreadable"
    assert make_renditions().startswith("Renditions: 0 made, 0 up to date, 0 cleared, 2 failed.")
    html = render('{% poster film "card" %}', film=lost)
    assert "<svg" in html and "<img" not in html and "Lost Reel" in html


# The fixture's posters


@pytest.mark.sqlite  # setup_local_site is for a developer's SQLite database only
def test_local_setup_brings_the_fixture_posters_and_keeps_files_already_there(db, settings, media_root):
    settings.DEBUG = True
    own_picture = image_upload(colour="orange").read()
    (media_root / "posters").mkdir(parents=True)
    (media_root / "posters" / "memento-2000.jpg").write_bytes(own_picture)

    output = run_command("setup_local_site")

    assert "Copied 6 pictures from fixtures/media/ to the media folder." in output
    assert "Renditions: 7 made, 0 up to date, 0 cleared, 0 failed." in output
    assert (media_root / "posters" / "memento-2000.jpg").read_bytes() == own_picture
    escape_plan = Film.objects.get(slug="escape-plan-2013")
    assert escape_plan.poster.name == "posters/escape-plan-2013.jpg"
    assert (media_root / escape_plan.poster.name).read_bytes() == (FIXTURE_MEDIA / escape_plan.poster.name).read_bytes()
    assert (escape_plan.poster_renditions["width"], escape_plan.poster_renditions["height"]) == (400, 600)


def test_every_fixture_film_has_a_small_poster_of_its_own():
    films = [item["fields"] for item in json.loads(FIXTURE.read_text()) if item["model"] == "recommendations.film"]

    assert films
    for film in films:
        assert film["poster"] == f"posters/{film['slug']}.jpg"
        path = FIXTURE_MEDIA / film["poster"]
        assert path.stat().st_size < 40_000
        with Image.open(path) as poster:
            assert (poster.format, poster.size) == ("JPEG", (400, 600))


# What readers get


def test_the_film_page_shows_the_poster_as_a_responsive_lazy_picture(client, backtrace, media_root):
    html = client.get("/films/escape-plan-2013/").content.decode()

    picture = re.search(r'<picture class="poster poster-page">.*?</picture>', html, re.S).group()
    # The shown width for ordinary screens, and twice it for high-density ones.
    webp = re.search(r'<source type="image/webp" srcset="([^"]+)">', picture).group(1)
    assert re.fullmatch(r"/media/renditions/\S+-240\.webp, /media/renditions/\S+-400\.webp 2x", webp)
    img = re.search(r"<img [^>]+>", picture).group()
    assert re.search(r'srcset="/media/renditions/\S+-400\.jpg 2x"', img)
    for attribute in [
        'width="240"',
        'height="360"',
        'loading="lazy"',
        'decoding="async"',
        'alt="Poster of Escape Plan (2013)"',
    ]:
        assert attribute in img
    src = re.search(r'src="/media/([^"]+)"', img).group(1)
    assert (media_root / src).is_file()


def test_the_list_page_gives_every_entry_its_poster(client, backtrace):
    html = client.get(backtrace.get_absolute_url()).content.decode()

    for film in ["Escape Plan (2013)", "Dragged Across Concrete (2019)", "211 (2018)", "Memento (2000)"]:
        assert f'alt="Poster of {film}"' in html
    assert html.count('<picture class="poster poster-card">') == 6


def test_a_film_without_a_poster_shows_a_card_with_its_title_and_year(client, db):
    film = make_film("Heat", 1995)

    html = client.get(film.get_absolute_url()).content.decode()

    card = re.search(r'<svg class="poster poster-page placeholder".*?</svg>', html, re.S).group()
    assert 'role="img" aria-label="Poster of Heat (1995)"' in card
    assert ">Heat</text>" in card and ">1995</text>" in card
    assert "<picture" not in html


def test_a_title_with_a_script_tag_reaches_the_page_as_text(client, db):
    film = make_film("<script>alert('boo')</script>", 2001, slug="script-2001")

    html = client.get(film.get_absolute_url()).content.decode()

    assert "<script>alert" not in html
    assert 'aria-label="Poster of &lt;script&gt;alert(&#x27;boo&#x27;)&lt;/script&gt; (2001)"' in html


def test_a_person_without_a_photo_shows_their_initials(client, backtrace):
    html = client.get("/people/guy-pearce/").content.decode()

    # A small card: initials are no picture worth a page-sized frame.
    card = re.search(r'<svg class="photo photo-thumb placeholder".*?</svg>', html, re.S).group()
    assert 'aria-label="Photo of Guy Pearce"' in card
    assert ">GP</text>" in card
    assert "photo-page" not in html


# The tags


def test_a_poster_with_renditions_is_a_picture_with_webp_and_jpeg(db):
    film = make_film("Escape Plan", 2013, poster=image_upload((400, 600)))

    html = render('{% poster film "card" %}', film=film)

    webp = {r["width"]: r["name"] for r in film.poster_renditions["webp"]}
    jpeg = {r["width"]: r["name"] for r in film.poster_renditions["jpeg"]}
    assert html.startswith('<picture class="poster poster-card">')
    assert f'<source type="image/webp" srcset="/media/{webp[160]}, /media/{webp[320]} 2x">' in html
    assert (
        f'<img src="/media/{jpeg[160]}" srcset="/media/{jpeg[320]} 2x" width="160" height="240" '
        'loading="lazy" decoding="async" alt="Poster of Escape Plan (2013)">'
    ) in html


def test_a_thumbnail_offers_only_what_a_64px_slot_can_use(db):
    film = make_film(poster=image_upload((400, 600)))

    html = render('{% poster film "thumb" %}', film=film)

    assert 'width="64" height="96"' in html
    assert "-64.webp, " in html and "-128.webp 2x" in html and "-128.jpg 2x" in html
    assert "-160." not in html and "-240." not in html


def test_a_poster_without_renditions_yet_is_the_original_at_the_shown_size(db):
    film = make_film("Memento", 2000, poster=image_upload())
    Film.objects.filter(pk=film.pk).update(poster_renditions={})
    film.refresh_from_db()

    html = render('{% poster film "page" %}', film=film)

    assert html == (
        f'<img class="poster poster-page" src="/media/{film.poster.name}" width="240" height="360" '
        'loading="lazy" decoding="async" alt="Poster of Memento (2000)">'
    )


def test_a_film_without_a_poster_gets_a_card_with_its_title_and_year(db):
    film = make_film("Dragged Across Concrete", 2019)

    html = render('{% poster film "card" %}', film=film)

    assert html.startswith('<svg class="poster poster-card placeholder" role="img"')
    assert 'aria-label="Poster of Dragged Across Concrete (2019)"' in html
    assert 'width="160" height="240"' in html
    for text in ["Dragged", "Across", "Concrete", "2019"]:
        assert f">{text}</text>" in html
    assert "<img" not in html


def test_a_long_title_shrinks_and_wraps_inside_the_card(db):
    title = "Night of the Day of the Dawn of the Son of the Bride of the Return of the Revenge of the Terror"
    film = make_film(title, 1991)

    html = render('{% poster film "page" %}', film=film)

    lines = re.findall(r'<text x="100" y="\d+"[^>]*>([^<]*)</text>', html)
    title_lines = lines[:-1]
    assert 2 <= len(title_lines) <= 6
    assert all(len(line) <= 20 for line in title_lines)
    assert lines[-1] == "1991"


def test_placeholder_text_is_escaped(db):
    film = make_film("<script>alert('boo')</script>", 2020)

    html = render('{% poster film "thumb" %}', film=film)

    assert "<script>" not in html
    assert "&lt;script&gt;" in html


def test_a_person_without_a_photo_gets_their_initials(db):
    person = make_person("Vincent D’Onofrio")

    html = render('{% photo person "page" %}', person=person)

    assert html.startswith(
        '<svg class="photo photo-page placeholder" role="img" aria-label="Photo of Vincent D’Onofrio"'
    )
    assert ">VD</text>" in html


def test_a_persons_photo_is_a_picture_with_alt_text(db):
    person = make_person("Guy Pearce")
    person.photo = image_upload((200, 300), name="guy.jpg")
    person.save()

    html = render('{% photo person "card" %}', person=person)

    assert html.startswith('<picture class="photo photo-card">')
    assert 'alt="Photo of Guy Pearce"' in html


def test_rendering_the_tags_needs_no_query(db, django_assert_num_queries):
    with_poster = make_film("Escape Plan", 2013, poster=image_upload())
    without = make_film("211", 2018)
    person = make_person("Nicolas Cage")
    films = list(Film.objects.filter(pk__in=[with_poster.pk, without.pk]))
    person = Person.objects.get(pk=person.pk)
    template = Template(
        "{% load pictures %}{% for film in films %}{% poster film 'thumb' %}{% poster film 'card' %}"
        "{% poster film 'page' %}{% endfor %}{% photo person 'card' %}{% photo person 'page' %}"
    )

    with django_assert_num_queries(0):
        html = template.render(Context({"films": films, "person": person}))

    assert html.count("<picture") == 3 and html.count("<svg") == 5


def test_card_colours_are_the_same_every_time_and_keep_white_text_readable():
    titles = [f"Film number {number}" for number in range(500)] + ["Heat", "Memento", ""]

    for title in titles:
        colour = card_colour(title)
        rgb = tuple(int(colour[index : index + 2], 16) / 255 for index in (1, 3, 5))
        assert contrast_ratio(rgb, (1, 1, 1)) >= 4.5, title
    assert card_colour("Memento") == card_colour("Memento") != card_colour("Heat")


def test_titles_wrap_on_whole_words_when_a_smaller_size_allows_it():
    assert fit_title("Everything Everywhere All at Once") == (26, ["Everything", "Everywhere", "All at", "Once"])
    size, lines = fit_title("x" * 300)
    assert len(lines) == 6 and lines[-1].endswith("…")


@pytest.mark.parametrize(
    "name, letters",
    [("Guy Pearce", "GP"), ("S. Craig Zahler", "SZ"), ("Mikael Håfström", "MH"), ("Madonna", "M"), ("", "?")],
)
def test_initials(name, letters):
    assert initials(name) == letters


def test_an_unknown_size_is_an_error_naming_the_sizes(db):
    with pytest.raises(ValueError, match="Unknown picture size 'huge': use one of 'thumb', 'card', 'page'."):
        render('{% poster film "huge" %}', film=Film(title="Heat", year=1995))
