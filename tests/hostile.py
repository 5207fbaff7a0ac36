"""
Hostile input for tests/test_hostile_input.py, and the check that a page let none of it through.

Files: REFUSED are uploads the site must turn away, each (name, a function making its bytes),
all made here in memory. The large ones are made once per session: a 41-megapixel picture
and an 11 MB one take a moment to encode.

Text: payloads for every field an editor types, and assert_harmless(), which parses a page
as a browser would and fails on anything in it that would run or lead to javascript:.
"""

import functools
import io
import json
import os
import re
import struct
import zipfile
import zlib
from html.parser import HTMLParser

from PIL import Image, ImageDraw

SCRIPT_BYTES = b"<script>alert(1)</script>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><img src=x onerror=alert(1)>" + SCRIPT_BYTES + b"</body></html>"
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def picture(image_format="JPEG", size=(300, 450), mode="RGB", colour="teal", **save_options):
    """A small real picture with some detail, so that cutting it anywhere cuts pixel data."""
    image = Image.new(mode, size, colour)
    if mode in ("RGB", "RGBA", "L", "CMYK"):
        draw = ImageDraw.Draw(image)
        for step in range(0, size[0], 10):
            draw.line((step, 0, size[0] - step, size[1]), fill="white" if mode != "CMYK" else (0, 0, 0, 255), width=3)
    buffer = io.BytesIO()
    image.save(buffer, image_format, **save_options)
    return buffer.getvalue()


def noise(size, image_format="JPEG", **save_options):
    image = Image.frombytes("RGB", size, os.urandom(size[0] * size[1] * 3))
    buffer = io.BytesIO()
    image.save(buffer, image_format, **save_options)
    return buffer.getvalue()


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_bomb(width=100_000, height=100_000):
    """A PNG of under 200 bytes that says it is width × height pixels: decoding it would take gigabytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    pixels = zlib.compress(b"\x00" * (width + 1))  # the first row only
    return PNG_SIGNATURE + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", pixels) + png_chunk(b"IEND", b"")


def with_broken_checksum(png):
    """The PNG with one byte of its first chunk's pixels changed, so its checksum no longer matches."""
    at = png.index(b"IDAT") + 8
    return png[:at] + bytes([png[at] ^ 0xFF]) + png[at + 1 :]


def zip_archive():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("payload.html", HTML)
    return buffer.getvalue()


def pdf():
    return picture("PDF")


@functools.cache
def forty_one_megapixels():
    # 8,000 × 5,125 = 41,000,000 pixels of one grey: a small PNG that decodes to 41 MB.
    buffer = io.BytesIO()
    Image.new("L", (8000, 5125), 128).save(buffer, "PNG")
    return buffer.getvalue()


@functools.cache
def over_ten_megabytes():
    # Random pixels do not compress: stored without compression, 1,900 × 1,900 is 10.8 MB.
    return noise((1900, 1900), "PNG", compress_level=0)


REFUSED = {
    "svg": ("poster.svg", lambda: SVG),
    "svg named .png": ("poster.png", lambda: SVG),
    "html named .jpg": ("poster.jpg", lambda: HTML),
    "php named .jpg": ("shell.php.jpg", lambda: b"<?php system($_GET['cmd']); ?>"),
    "javascript": ("poster.js", lambda: b"fetch('/admin/').then(r => r.text()).then(alert)"),
    "empty file": ("poster.jpg", lambda: b""),
    "1-byte file": ("poster.jpg", lambda: b"\xff"),
    "jpeg signature then html": ("poster.jpg", lambda: b"\xff\xd8\xff\xe0" + HTML),
    "png signature then html": ("poster.png", lambda: PNG_SIGNATURE + HTML),
    "truncated jpeg": ("poster.jpg", lambda: noise((300, 450))[: len(noise((300, 450))) // 2]),
    "truncated png": ("poster.png", lambda: picture("PNG")[: len(picture("PNG")) // 2]),
    "truncated webp": ("poster.webp", lambda: noise((300, 450), "WEBP")[:2000]),
    "png with a broken checksum": ("poster.png", lambda: with_broken_checksum(picture("PNG"))),
    "gif": ("poster.gif", lambda: picture("GIF", mode="P", colour=1)),
    "gif named .jpg": ("poster.jpg", lambda: picture("GIF", mode="P", colour=1)),
    "bmp": ("poster.bmp", lambda: picture("BMP")),
    "tiff": ("poster.tiff", lambda: picture("TIFF")),
    "ico": ("favicon.ico", lambda: picture("ICO", size=(64, 64))),
    "pdf": ("poster.pdf", pdf),
    "zip": ("poster.zip", zip_archive),
    "zip named .jpg": ("poster.jpg", zip_archive),
    "ppm": ("poster.ppm", lambda: picture("PPM")),
    "tga": ("poster.tga", lambda: picture("TGA")),
    "png decompression bomb": ("poster.png", png_bomb),
    "41 megapixels": ("poster.png", forty_one_megapixels),
    "over 10 MB": ("poster.png", over_ten_megabytes),
}


# Text

SCRIPT = "<script>alert(1)</script>"
BREAKOUT = '"><img src=x onerror=alert(1)>'
CLOSING = "</script><script>alert(1)</script>"
TEMPLATE = "{{ request.META }}{% debug %}"
# Every payload, for fields of 200 characters; fields of 100 get the three that fit.
HOSTILE = f"{SCRIPT} {BREAKOUT} {CLOSING} '><svg onload=alert(1)> {TEMPLATE}"
SHORT = f"{CLOSING}{BREAKOUT}{TEMPLATE}"[:100]
JAVASCRIPT = "javascript:alert(1)"
MARKDOWN = (
    f"{HOSTILE}\n\n[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](&#106;avascript:alert(1)) "
    '[d](data:text/html,<script>alert(1)</script>) <a href="javascript:alert(1)">e</a> '
    "[f](vbscript:msgbox(1)) [fine](https://example.com/)"
)


class Markup(HTMLParser):
    """What a browser would run or follow in a page: scripts, event attributes, link targets; and its text."""

    LINK_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "srcset", "poster", "data"}

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.scripts, self.handlers, self.links, self.text = [], [], [], []
        self.values = {}
        self._script = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script":
            self._script = {"attrs": attrs, "body": ""}
            self.scripts.append(self._script)
        self.handlers += [(tag, name) for name in attrs if name.startswith("on")]
        self.links += [value for name, value in attrs.items() if name in self.LINK_ATTRIBUTES and value]
        if tag == "input" and "name" in attrs:
            self.values[attrs["name"]] = attrs.get("value")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script["body"] += data
        else:
            self.text.append(data)

    @property
    def visible_text(self):
        return "".join(self.text)


def assert_harmless(html, *, admin=False):
    """No script but data (JSON-LD) and the site's own static files (in the admin, any of its own files
    and JSON too), no event handler, no link but http(s), mailto or relative ones."""
    page = Markup(html)
    assert not page.handlers
    for script in page.scripts:
        kind = script["attrs"].get("type")
        src = script["attrs"].get("src", "")
        if re.match(r"/static/[\w./-]+\.js$", src) or (admin and re.match(r"/[^/]", src)):
            assert not script["body"].strip()
        elif kind == "application/ld+json" or (admin and kind == "application/json"):
            assert "<" not in script["body"]
            json.loads(script["body"])
        else:
            raise AssertionError(f"a script that runs: {script}")
    for link in page.links:
        scheme = re.match(r"^\s*([a-zA-Z][a-zA-Z0-9+.-]*):", link)
        assert scheme is None or scheme.group(1).lower() in {"http", "https", "mailto"}, link
    # {{ request.META }} or {% debug %} run as a template would print the request's environment.
    assert "wsgi." not in html
    return page
