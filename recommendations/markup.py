"""Editor Markdown to safe HTML: Markdown renders, then an allow-list decides what survives."""

import functools
import threading
from urllib.parse import urlsplit

import markdown
import nh3
from django.conf import settings
from django.utils.safestring import mark_safe

ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
WEB_SCHEMES = {"http", "https"}


# Building a Markdown converter costs more than most blurbs take to convert: keep one per
# thread (converters are not thread-safe) and reset it between texts.
_converters = threading.local()


@functools.lru_cache(maxsize=4096)
def _render(text):
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown.Markdown(output_format="html")
    html = converter.reset().convert(text)
    cleaned = nh3.clean(
        html,
        tags=set(settings.MARKDOWN_ALLOWED_TAGS),
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
    # Safe to mark: nh3 has removed every tag, attribute and URL scheme not listed above.
    return mark_safe(cleaned)


def render_markdown(text):
    """Safe HTML for editor Markdown. The same text always gives the same HTML, so each worker
    renders a blurb once rather than on every request that shows it."""
    return _render(text or "")


def web_address(url):
    """`url` if it is a whole http(s) address, fit for an href; "" for anything else (javascript:, data:, ftp:…).

    Models validate their URLFields so; this holds for rows that came in another way too.
    """
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme.lower() in WEB_SCHEMES and parts.netloc else ""
