"""
Pictures: each poster and photo, kept with renditions resized to a few fixed widths, in WebP and JPEG.

A model with a picture (Film, Person) names its two fields in `picture_fields`, and
its `picture` is a Picture: the stored file and its renditions, read together
everywhere (the {% poster %} and {% photo %} tags, social cards, JSON-LD, backups).

make_renditions() writes the files through Django's default storage and returns
the JSON kept beside the file (Film.poster_renditions, Person.photo_renditions):

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
from dataclasses import dataclass

from django.apps import apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageCms, ImageOps

logger = logging.getLogger(__name__)

# From a strip of 64px thumbnails up to a 240px page poster on a 2x screen.
WIDTHS = (64, 128, 160, 240, 320, 480)
DIRECTORY = "renditions"


@dataclass(frozen=True)
class PictureFormat:
    """A picture format the site stores: how an upload in it is saved again, and how renditions in it are made."""

    extension: str
    content_type: str
    upload_options: dict
    # None for a format uploads may come in but renditions are never made in.
    rendition_options: dict | None = None
    keeps_transparency: bool = True


# By Pillow's format name. Renditions are made in each format with rendition_options, in this order.
FORMATS = {
    "WEBP": PictureFormat(
        "webp",
        "image/webp",
        upload_options={"format": "WEBP", "quality": 92, "method": 4},
        rendition_options={"format": "WEBP", "quality": 80, "method": 6},
    ),
    "JPEG": PictureFormat(
        "jpg",
        "image/jpeg",
        upload_options={"format": "JPEG", "quality": 92, "optimize": True},
        rendition_options={"format": "JPEG", "quality": 82, "optimize": True, "progressive": True},
        keeps_transparency=False,
    ),
    "PNG": PictureFormat("png", "image/png", upload_options={"format": "PNG"}),
}
# The key of each format's list in the renditions JSON: {"webp": […], "jpeg": […]}.
RENDITION_KEYS = {
    name.lower(): picture_format for name, picture_format in FORMATS.items() if picture_format.rendition_options
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
        for key, picture_format in RENDITION_KEYS.items():
            rendition = {
                "width": width,
                "height": height,
                "name": f"{DIRECTORY}/{digest[:2]}/{digest}-{width}.{picture_format.extension}",
            }
            renditions[key].append(rendition)
            if force or not default_storage.exists(rendition["name"]):
                to_write.append((rendition, picture_format.rendition_options))
    if not to_write:
        return renditions

    try:
        image.load()
        upright = clean_copy(image, transparency=False, grey=False)
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


SIXTEEN_BIT_GREY = {"I", "I;16", "I;16B", "I;16L", "I;16N"}


def clean_copy(image, *, transparency, grey):
    """The picture upright, in sRGB, as a new image that carries nothing but its pixels.

    No EXIF (so no GPS position), XMP, comment or colour profile comes along. Transparent
    parts are kept (RGBA) when `transparency`, else laid on BACKGROUND; a grey picture stays
    grey (L) when `grey`, else becomes RGB.
    """
    image = ImageOps.exif_transpose(image)
    if image.mode in SIXTEEN_BIT_GREY:
        image = image.convert("I").point(lambda value: value / 256).convert("L")
    image = to_srgb(image)
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        rgba = image.convert("RGBA")
        if transparency:
            image, mode = rgba, "RGBA"
        else:
            image, mode = Image.new("RGB", rgba.size, BACKGROUND), "RGB"
            image.paste(rgba, mask=rgba.getchannel("A"))
    else:
        mode = "L" if grey and image.mode in ("1", "L") else "RGB"
    converted = image.convert(mode)
    # A fresh image: converted.info still holds the source's EXIF, comment and profile, which some
    # savers write back.
    clean = Image.new(mode, converted.size)
    clean.paste(converted)
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


@dataclass(frozen=True)
class Picture:
    """A stored picture (an ImageField's file, possibly empty) and the renditions JSON made from it."""

    file: object
    renditions: dict

    @property
    def exists(self):
        """Whether there is a picture to show: a file, which make_renditions has not found missing or unreadable."""
        return bool(self.file and self.file.name) and not (self.renditions or {}).get("error")

    def is_current(self):
        """Whether the renditions were made from the file now in the field, in every format."""
        renditions = self.renditions or {}
        if not self.file or not self.file.name:
            return not renditions
        return (
            renditions.get("source") == self.file.name
            and "error" not in renditions
            and all(renditions.get(key) for key in RENDITION_KEYS)
        )

    def renditions_in(self, key):
        """The renditions in one format ("webp", "jpeg"), narrowest first."""
        return sorted((self.renditions or {}).get(key) or [], key=lambda rendition: rendition["width"])

    def stored_names(self):
        """Every file this picture keeps in storage: the upload and each rendition."""
        names = [self.file.name] if self.file and self.file.name else []
        return names + [rendition["name"] for key in RENDITION_KEYS for rendition in self.renditions_in(key)]

    def for_sharing(self):
        """
        The picture to hand to other sites (social cards, search engines): the widest JPEG
        rendition, or the upload itself until renditions exist; None when there is nothing to show.

        Returns {"url": …, "width": …, "height": …}, the URL relative to this site; width and
        height are None when unknown. Reads only the field and its renditions JSON, like the tags.
        """
        if not self.exists:
            return None
        jpegs = self.renditions_in("jpeg")
        if jpegs:
            widest = jpegs[-1]
            return {"url": default_storage.url(widest["name"]), "width": widest["width"], "height": widest["height"]}
        renditions = self.renditions or {}
        return {"url": self.file.url, "width": renditions.get("width"), "height": renditions.get("height")}


def picture_models():
    """Every model of the app with a picture."""
    return [model for model in apps.get_app_config("recommendations").get_models() if issubclass(model, WithPicture)]


class WithPicture:
    """A model with one picture: `picture_fields` names its image field and the JSON field of its renditions."""

    picture_fields = ("", "")

    @property
    def picture(self):
        image_field, renditions_field = self.picture_fields
        return Picture(getattr(self, image_field), getattr(self, renditions_field))

    def update_renditions(self, *, force=False):
        """Bring the renditions in line with the picture; True when they changed."""
        picture = self.picture
        if not force and picture.is_current():
            return False
        new = make_renditions(picture.file, force=force) if picture.file else {}
        if new == picture.renditions and not force:
            return False
        renditions_field = self.picture_fields[1]
        setattr(self, renditions_field, new)
        # update(), not save(): no second round of signals, and nothing else on the row is touched.
        type(self).objects.filter(pk=self.pk).update(**{renditions_field: new})
        return True
