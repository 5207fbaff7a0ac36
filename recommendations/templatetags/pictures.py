"""
Posters and photos: {% poster film "card" %} and {% photo person "page" %}.

A tag reads only the model's fields and its renditions JSON (see
recommendations/images.py): no query and no file is opened while a page renders.
Renditions give a <picture> with WebP and JPEG srcsets; an image with none yet
is served as uploaded; no image, or one whose file is missing or unreadable,
gives an SVG card with the title and year (films) or the initials (people).
"""

from django import template
from django.core.files.storage import default_storage

from recommendations.placeholders import CANVAS_HEIGHT, CANVAS_WIDTH, portrait_card, poster_card

register = template.Library()

# CSS pixels each size is shown at: a strip of small posters, a list entry, a film or person page.
SIZES = {"thumb": 64, "card": 160, "page": 240}
# Posters and portraits are 2:3; the shape assumed until renditions give the real one.
HEIGHT_PER_WIDTH = 1.5
# Candidates up to 3x the shown width cover high-density screens without listing every file.
MAX_DENSITY = 3

TEMPLATE = "recommendations/includes/picture.html"


@register.inclusion_tag(TEMPLATE)
def poster(film, size):
    """A film's poster at one of SIZES; alt text “Poster of Escape Plan (2013)”."""
    context = picture_context(film.picture, size, f"Poster of {film}", "poster")
    if "src" not in context:
        context["poster"] = poster_card(film.title, film.year)
    return context


@register.inclusion_tag(TEMPLATE)
def photo(person, size):
    """A person's photo at one of SIZES; alt text “Photo of Guy Pearce”."""
    context = picture_context(person.picture, size, f"Photo of {person}", "photo")
    if "src" not in context:
        context["portrait"] = portrait_card(person.name)
    return context


def shown_width(size):
    try:
        return SIZES[size]
    except KeyError:
        raise template.TemplateSyntaxError(
            f"Unknown picture size {size!r}: use one of {', '.join(map(repr, SIZES))}."
        ) from None


def picture_context(picture, size, alt, kind):
    """What picture.html needs to show a picture at `size`: its sources, or, with no "src", a placeholder's frame."""
    width = shown_width(size)
    css_class = f"{kind} {kind}-{size}"
    if not picture.exists:
        # No picture, or make_renditions found its file missing or unreadable.
        return placeholder_context(width, alt, f"{css_class} placeholder")
    webp = candidates(picture.renditions_in("webp"), width)
    jpeg = candidates(picture.renditions_in("jpeg"), width)
    context = {"alt": alt, "css_class": css_class, "width": width, "height": shown_height(picture.renditions, width)}
    if webp and jpeg:
        context.update(
            sizes=f"{width}px",
            webp_srcset=srcset(webp),
            jpeg_srcset=srcset(jpeg),
            src=default_storage.url(jpeg[0]["name"]),
        )
    else:
        # Uploaded but not yet rendered (make_renditions fills the gap): the original, at the shown size.
        context["src"] = picture.file.url
    return context


def placeholder_context(width, alt, css_class):
    return {
        "alt": alt,
        "css_class": css_class,
        "width": width,
        "height": round(width * HEIGHT_PER_WIDTH),
        "canvas_width": CANVAS_WIDTH,
        "canvas_height": CANVAS_HEIGHT,
    }


def candidates(renditions, width):
    """The renditions (narrowest first) worth offering at `width`: 1x to MAX_DENSITY x, else the largest."""
    useful = [rendition for rendition in renditions if width <= rendition["width"] <= width * MAX_DENSITY]
    if useful:
        return useful
    return renditions[-1:]


def srcset(renditions):
    return ", ".join(f"{default_storage.url(rendition['name'])} {rendition['width']}w" for rendition in renditions)


def shown_height(renditions, width):
    """The height at `width`, keeping the original's shape when renditions recorded it."""
    renditions = renditions or {}
    original_width, original_height = renditions.get("width"), renditions.get("height")
    if original_width and original_height:
        return max(1, round(width * original_height / original_width))
    return round(width * HEIGHT_PER_WIDTH)
