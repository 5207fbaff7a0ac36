"""
Posters and photos as HTML: poster(film, "card") and photo(person, "page").

The reader templates (Jinja2) call these as functions and the admin's as {% poster %} and
{% photo %}. Each reads only the model's fields and its renditions JSON (see
recommendations/images.py): no query and no file is opened while a page renders.
Renditions give a <picture> with WebP and JPEG at the shown size and twice it (for
high-density screens); an image with none yet is served as uploaded; no image, or one
whose file is missing or unreadable, gives an SVG card with the title and year (films) or
the initials (people), in presentation attributes only, so no style sheet is needed.
"""

import functools

from django import template
from django.core.files.storage import default_storage
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

from recommendations.placeholders import CANVAS_HEIGHT, CANVAS_WIDTH, TEXT_COLOUR, portrait_card, poster_card

register = template.Library()

# CSS pixels each size is shown at: a strip of small posters, a list entry, a film or person page.
SIZES = {"thumb": 64, "card": 160, "page": 240}
# Posters and portraits are 2:3; the shape assumed until renditions give the real one.
HEIGHT_PER_WIDTH = 1.5
# The card's text, set once on the card rather than on every line.
CARD_TEXT = f'fill="{TEXT_COLOUR}" font-family="system-ui,sans-serif" font-weight="700" text-anchor="middle"'


@register.simple_tag
def poster(film, size):
    """A film's poster at one of SIZES; alt text “Poster of Escape Plan (2013)”."""
    alt = f"Poster of {film}"
    return picture_html(film.picture, size, alt, "poster") or poster_card_html(film, size, alt)


@register.simple_tag
def photo(person, size):
    """A person's photo at one of SIZES; alt text “Photo of Guy Pearce”."""
    alt = f"Photo of {person}"
    return picture_html(person.picture, size, alt, "photo") or portrait_card_html(person, size, alt)


def shown_width(size):
    try:
        return SIZES[size]
    except KeyError:
        raise ValueError(f"Unknown picture size {size!r}: use one of {', '.join(map(repr, SIZES))}.") from None


def picture_html(picture, size, alt, kind):
    """The picture at `size` as <picture> or <img>, or "" when there is none to show (no file, or a lost one)."""
    width = shown_width(size)
    if not picture.exists:
        return ""
    height = shown_height(picture.renditions, width)
    css_class = f"{kind} {kind}-{size}"
    webp, jpeg = picture.renditions_in("webp"), picture.renditions_in("jpeg")
    if not (webp and jpeg):
        # Uploaded but not yet rendered (make_renditions fills the gap): the original, at the shown size.
        return format_html(
            '<img class="{}" src="{}" width="{}" height="{}" loading="lazy" decoding="async" alt="{}">',
            css_class,
            picture.file.url,
            width,
            height,
            alt,
        )
    webp_one, webp_two = densities(webp, width)
    jpeg_one, jpeg_two = densities(jpeg, width)
    return format_html(
        '<picture class="{}"><source type="image/webp" srcset="{}">'
        '<img src="{}"{} width="{}" height="{}" loading="lazy" decoding="async" alt="{}"></picture>',
        css_class,
        srcset(webp_one, webp_two),
        media_url(jpeg_one["name"]),
        format_html(' srcset="{} 2x"', media_url(jpeg_two["name"])) if jpeg_two else "",
        width,
        height,
        alt,
    )


def densities(renditions, width):
    """The renditions (narrowest first) for 1x and for 2x screens at `width`; the 2x one is None when it is no wider."""
    one = first_at_least(renditions, width)
    two = first_at_least(renditions, 2 * width)
    return one, two if two["width"] > one["width"] else None


def first_at_least(renditions, width):
    return next((rendition for rendition in renditions if rendition["width"] >= width), renditions[-1])


def srcset(one, two):
    return f"{media_url(one['name'])}, {media_url(two['name'])} 2x" if two else media_url(one["name"])


@functools.lru_cache(maxsize=65536)
def media_url(name):
    # Rendition names are made from the file's content, so a name's address never changes.
    return default_storage.url(name)


def shown_height(renditions, width):
    """The height at `width`, keeping the original's shape when renditions recorded it."""
    renditions = renditions or {}
    original_width, original_height = renditions.get("width"), renditions.get("height")
    if original_width and original_height:
        return max(1, round(width * original_height / original_width))
    return round(width * HEIGHT_PER_WIDTH)


def card_frame(kind, size, alt):
    width = shown_width(size)
    return format_html(
        '<svg class="{} {}-{} placeholder" role="img" aria-label="{}" viewBox="0 0 {} {}" width="{}" height="{}">',
        kind,
        kind,
        size,
        alt,
        CANVAS_WIDTH,
        CANVAS_HEIGHT,
        width,
        round(width * HEIGHT_PER_WIDTH),
    )


def poster_card_html(film, size, alt):
    card = poster_card(film.title, film.year)
    lines = format_html_join("", '<text x="100" y="{}">{}</text>', ((line.y, line.text) for line in card.lines))
    year = format_html('<text x="100" y="{}" font-size="20" font-weight="400">{}</text>', card.year_y, card.year)
    return format_html(
        '{}<rect width="{}" height="{}" rx="6" fill="{}"/><g {}><g font-size="{}">{}</g>{}</g></svg>',
        card_frame("poster", size, alt),
        CANVAS_WIDTH,
        CANVAS_HEIGHT,
        card.background,
        mark_safe(CARD_TEXT),
        card.font_size,
        lines,
        year if card.year else "",
    )


def portrait_card_html(person, size, alt):
    card = portrait_card(person.name)
    return format_html(
        '{}<rect width="{}" height="{}" rx="6" fill="{}"/>'
        '<circle cx="100" cy="150" r="70" fill="none" stroke="{}" stroke-opacity="0.35" stroke-width="2"/>'
        '<text x="100" y="{}" font-size="{}" {}>{}</text></svg>',
        card_frame("photo", size, alt),
        CANVAS_WIDTH,
        CANVAS_HEIGHT,
        card.background,
        TEXT_COLOUR,
        card.y,
        card.font_size,
        mark_safe(CARD_TEXT),
        card.initials,
    )
