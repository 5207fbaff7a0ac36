"""
Renditions: each poster and photo resized to a few fixed widths, in WebP and JPEG.

make_renditions() writes the files through Django's default storage and returns
the JSON kept in Film.poster_renditions / Person.photo_renditions, which is all
the {% poster %} and {% photo %} tags read:

    {"source": "posters/memento.jpg", "width": 400, "height": 600,
     "webp": [{"width": 64, "height": 96, "name": "renditions/3f/3f…-64.webp"}, …],
     "jpeg": [{"width": 64, "height": 96, "name": "renditions/3f/3f…-64.jpg"}, …]}

File names come from a hash of the source's bytes, the width and the format, so
the same picture uploaded twice, or saved again, reuses the files it already has.
A source that is missing or not an image gives {"source": …, "error": …}, and the
tags show the placeholder instead of a broken image.
"""

import hashlib
import io
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageCms, ImageOps

logger = logging.getLogger(__name__)

# From a strip of 64px thumbnails up to a 240px page poster on a 2x screen.
WIDTHS = (64, 128, 160, 240, 320, 480)
DIRECTORY = "renditions"
FORMATS = {
    "webp": {"extension": "webp", "options": {"format": "WEBP", "quality": 80, "method": 6}},
    "jpeg": {"extension": "jpg", "options": {"format": "JPEG", "quality": 82, "optimize": True, "progressive": True}},
}
# Part of every file name's hash: change it when the encoding above changes, and every rendition is made anew.
RECIPE = b"renditions-1"
# Transparent parts of an image become this colour: JPEG has no transparency.
BACKGROUND = (255, 255, 255)

SRGB = ImageCms.createProfile("sRGB")
EXIF_ORIENTATION = 0x0112
# The most pixels a picture may have: 40 megapixels is more than most cameras take, and about 160 MB to
# decode and turn. Pillow warns past Image.MAX_IMAGE_PIXELS and refuses past twice that (a decompression bomb:
# a small file claiming huge dimensions); its default, about 89 megapixels, is well beyond what a poster needs.
MAX_PIXELS = 40_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
# What Pillow raises for a file that is not an image it can read, or too large to be safe to decode
# (the warning, too, where warnings are errors).
IMAGE_ERRORS = (OSError, ValueError, SyntaxError, Image.DecompressionBombError, Image.DecompressionBombWarning)


def make_renditions(image_field_file, *, force=False):
    """Write the renditions of an ImageField's file (only those not already stored, unless `force`)."""
    name = image_field_file.name
    if not name:
        return {}
    storage = image_field_file.storage
    if not storage.exists(name):
        logger.warning("No renditions for %s: the file is missing.", name)
        return {"source": name, "error": "missing"}
    with storage.open(name, "rb") as source:
        content = source.read()
    try:
        # Opening reads only the header: enough to name the files, and to skip decoding when all exist.
        image = Image.open(io.BytesIO(content))
        original_width, original_height = upright_size(image)
    except IMAGE_ERRORS as error:
        return unreadable(name, error)

    digest = hashlib.sha256(RECIPE + content).hexdigest()[:32]
    renditions = {"source": name, "width": original_width, "height": original_height, "webp": [], "jpeg": []}
    to_write = []
    for width in rendition_widths(original_width):
        height = max(1, round(width * original_height / original_width))
        for key, spec in FORMATS.items():
            rendition = {
                "width": width,
                "height": height,
                "name": f"{DIRECTORY}/{digest[:2]}/{digest}-{width}.{spec['extension']}",
            }
            renditions[key].append(rendition)
            if force or not default_storage.exists(rendition["name"]):
                to_write.append((rendition, spec["options"]))
    if not to_write:
        return renditions

    try:
        upright = prepare(image)
    except IMAGE_ERRORS as error:
        return unreadable(name, error)
    resized = {}
    for rendition, options in to_write:
        size = (rendition["width"], rendition["height"])
        if size not in resized:
            resized[size] = upright.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        rendition["name"] = write(rendition["name"], resized[size], options)
    return renditions


def unreadable(name, error):
    logger.warning("No renditions for %s: %s", name, error)
    return {"source": name, "error": "unreadable"}


def upright_size(image):
    """The size the image shows at once its EXIF orientation is applied: orientations 5 to 8 turn it a quarter."""
    width, height = image.size
    if image.getexif().get(EXIF_ORIENTATION) in (5, 6, 7, 8):
        return height, width
    return width, height


def rendition_widths(original_width):
    """The fixed widths, with the original's own width standing in for those it would have to be enlarged to."""
    return sorted({min(width, original_width) for width in WIDTHS})


def prepare(image):
    """Upright, in sRGB, on an opaque background, with no metadata carried along."""
    image.load()
    image = ImageOps.exif_transpose(image)
    image = to_srgb(image)
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        image = Image.new("RGB", rgba.size, BACKGROUND)
        image.paste(rgba, mask=rgba.getchannel("A"))
    else:
        image = image.convert("RGB")
    # A fresh image: no EXIF, ICC profile, comments or XMP reach the renditions.
    clean = Image.new("RGB", image.size)
    clean.paste(image)
    return clean


def to_srgb(image):
    """Convert an image with an embedded colour profile to sRGB, which is what browsers assume."""
    profile = image.info.get("icc_profile")
    if not profile or image.mode not in ("RGB", "CMYK", "L"):
        return image
    try:
        return ImageCms.profileToProfile(image, ImageCms.ImageCmsProfile(io.BytesIO(profile)), SRGB, outputMode="RGB")
    except (ImageCms.PyCMSError, OSError) as error:
        # OSError: a profile Pillow cannot even read. The picture itself is still fine.
        logger.info("Colour profile ignored: %s", error)
        return image


def write(file_name, image, options):
    buffer = io.BytesIO()
    image.save(buffer, **options)
    if default_storage.exists(file_name):
        default_storage.delete(file_name)
    return default_storage.save(file_name, ContentFile(buffer.getvalue()))


def is_current(image_field_file, renditions):
    """Whether `renditions` were made from the file now in the field, in every format."""
    renditions = renditions or {}
    if not image_field_file or not image_field_file.name:
        return not renditions
    return (
        renditions.get("source") == image_field_file.name
        and "error" not in renditions
        and all(renditions.get(key) for key in FORMATS)
    )


def for_sharing(image_field_file, renditions):
    """
    The picture to hand to other sites (social cards, search engines): the widest JPEG
    rendition, or the upload itself until renditions exist; None when there is nothing to show.

    Returns {"url": …, "width": …, "height": …}, the URL relative to this site; width and
    height are None when unknown. Reads only the field and its renditions JSON, like the tags.
    """
    renditions = renditions or {}
    if not image_field_file or not image_field_file.name or renditions.get("error"):
        return None
    jpegs = sorted(renditions.get("jpeg") or [], key=lambda rendition: rendition["width"])
    if jpegs:
        widest = jpegs[-1]
        return {"url": default_storage.url(widest["name"]), "width": widest["width"], "height": widest["height"]}
    return {"url": image_field_file.url, "width": renditions.get("width"), "height": renditions.get("height")}
