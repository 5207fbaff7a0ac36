"""
Uploaded posters and photos: only real JPEG, PNG and WebP pictures, stored re-encoded under made-up names.

Film.poster and Person.photo are PictureFields, so every ModelForm made for them, the
admin's included, gets a PictureFormField, whose cleaning is the one check:

- the file is at most MAX_UPLOAD_BYTES, and the picture at most images.MAX_PIXELS: a
  decompression bomb (a small file claiming huge dimensions) is refused from its header,
  before anything is decoded;
- Pillow, not the file's name or the browser's content type, says what the file is, and it
  is only asked about JPEG, PNG and WebP: SVG, HTML, GIF, PDF and the rest are refused;
- the whole picture must decode: a truncated or damaged file is refused;
- what gets stored is the decoded picture encoded anew, upright and in sRGB: no EXIF (so
  no GPS position), XMP, comment, colour profile or bytes after the image (a polyglot's
  payload) survive. The original that pages fall back on, until its renditions exist, is
  as clean as the renditions.

The stored name is made up (GeneratedName): a random hex string and the extension of the
format Pillow verified. No part of the name an upload came with reaches a path.
"""

import io
import uuid
import warnings
from pathlib import PurePosixPath

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.utils.deconstruct import deconstructible
from PIL import Image

from .images import FORMATS, IMAGE_ERRORS, MAX_PIXELS, clean_copy

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# The only decoders Pillow may try on an upload. MPO is how Pillow names a JPEG with a second
# picture inside, as many cameras write them: its first picture is kept, as a plain JPEG.
OPENED = ("JPEG", "PNG", "WEBP")
STORED_AS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
# Also names fixtures and scripts give files they save straight to a model, without a form.
EXTENSIONS = {".jpg", ".jpeg", ".png", ".webp"}

ERRORS = {
    "too_large": "This file is {megabytes:.1f} MB; a picture can be at most 10 MB. Save it smaller and try again.",
    "not_a_picture": (
        "This file is not a JPEG, PNG or WebP picture, whatever its name says. "
        "Save it as one of those and upload it again."
    ),
    "damaged": "This picture is damaged or incomplete, so it cannot be read. Save it again and upload the new file.",
    "too_many_pixels": (
        "This picture has more than 40 megapixels. Scale it down (a poster or photo needs no more than "
        "2,000 pixels a side) and upload it again."
    ),
}


def clean_picture(upload):
    """
    The upload as the JPEG, PNG or WebP file to store: verified, re-encoded without metadata,
    named only by its format. Raises ValidationError, with a message for the editor, for anything else.
    """
    if upload.size > MAX_UPLOAD_BYTES:
        raise refused("too_large", megabytes=upload.size / 1024 / 1024)
    upload.seek(0)
    content = upload.read(MAX_UPLOAD_BYTES + 1)
    image = verified_image(content)
    picture_format = FORMATS[STORED_AS[image.format]]
    buffer = io.BytesIO()
    try:
        clean = clean_copy(image, transparency=picture_format.keeps_transparency, grey=True)
        clean.save(buffer, **picture_format.upload_options)
    except IMAGE_ERRORS:
        # Pixels that decoded but cannot be turned upright or converted, such as a broken EXIF block.
        raise refused("damaged") from None
    return SimpleUploadedFile(
        f"picture.{picture_format.extension}", buffer.getvalue(), content_type=picture_format.content_type
    )


def refused(code, **details):
    return ValidationError(ERRORS[code].format(**details), code=code)


def verified_image(content):
    """The picture in `content`, wholly decoded, if it is a JPEG, PNG or WebP of at most MAX_PIXELS."""
    with warnings.catch_warnings():
        # Past Image.MAX_IMAGE_PIXELS (MAX_PIXELS) Pillow only warns, up to twice that; here both refuse.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            # verify() checks the structure (PNG's checksums) and can only be called on a fresh image…
            Image.open(io.BytesIO(content), formats=OPENED).verify()
            # … so the picture is opened again to decode every pixel: a truncated file fails here.
            image = Image.open(io.BytesIO(content), formats=OPENED)
            too_many_pixels(image)
            image.load()
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise refused("too_many_pixels") from None
        except Image.UnidentifiedImageError:
            raise refused("not_a_picture") from None
        except IMAGE_ERRORS:
            raise refused("damaged") from None
    return image


def too_many_pixels(image):
    # Pillow refuses these itself while Image.MAX_IMAGE_PIXELS is MAX_PIXELS; this holds whatever it is set to.
    width, height = image.size
    if width * height > MAX_PIXELS:
        raise refused("too_many_pixels")


class PictureFormField(forms.ImageField):
    """A file field that accepts only what clean_picture() does, and cleans to the file it makes."""

    def __init__(self, **kwargs):
        # The uploaded name is never stored, so its length does not matter.
        kwargs.pop("max_length", None)
        super().__init__(**kwargs)

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        if upload is None:
            return None
        return clean_picture(upload)

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        if isinstance(widget, forms.FileInput):
            attrs["accept"] = ",".join(sorted({FORMATS[name].content_type for name in STORED_AS.values()}))
        return attrs


class PictureField(models.ImageField):
    """An ImageField whose forms take only pictures PictureFormField verified and re-encoded."""

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": PictureFormField, **kwargs})


@deconstructible
class GeneratedName:
    """upload_to for pictures: `folder`/<random hex>.<extension>, the extension only if it is a picture's."""

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        extension = PurePosixPath(filename).suffix.lower()
        if extension not in EXTENSIONS:
            extension = ""
        return f"{self.folder}/{uuid.uuid4().hex}{extension}"

    def __eq__(self, other):
        return isinstance(other, GeneratedName) and other.folder == self.folder
