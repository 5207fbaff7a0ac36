"""
Editor Markdown to safe HTML: markdown-it-py renders, then an allow-list (nh3) decides what survives.

The cost of a render is bounded whatever the text holds. markdown-it-py is a CommonMark parser
built to run in time linear in its input (Python-Markdown took 14 s on 16 KB of brackets and
overflowed the stack on 300 nested lists), and texts have a ceiling:

- a text longer than RENDER_LIMIT (no field allows more; a longer row got in around the models'
  validation) is shown as plain paragraphs, escaped, without being parsed;
- a text nested deeper than DEEPEST (lists in lists, quotes in quotes) is shown the same way:
  CommonMark parsers stop at a depth and drop the rest, and an editor's words are never dropped.

At RENDER_LIMIT the slowest text found (random runs of Markdown's special characters) renders in
about 0.2 s; ordinary blurbs take well under a millisecond, and each is rendered once per worker
(the cache below).
"""

import functools
from urllib.parse import urlsplit

import nh3
from django.conf import settings
from django.utils.html import linebreaks
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}
WEB_SCHEMES = {"http", "https"}
# The longest text rendered as Markdown: the longest any field allows (a list's intro).
RENDER_LIMIT = 20_000
# How deep blocks may nest, counting each list and each of its items: ten levels of lists in lists.
DEEPEST = 20


def markdown_parser():
    # Parsing stops past maxNesting and drops the rest: with room to spare, anything deeper than
    # DEEPEST is seen before any of it is lost.
    parser = MarkdownIt("commonmark", {"html": True, "maxNesting": 2 * DEEPEST})
    # What editors write: paragraphs, emphasis, links, lists, quotes, `code` and line breaks.
    # Headings, rules, code blocks and images would not survive the allow-list: typed, they stay text.
    # Raw HTML is read inline only: a block of it would keep the Markdown after it on its line unread.
    parser.disable(["heading", "lheading", "hr", "code", "fence", "image", "html_block"])
    # Raw HTML and every link go on to nh3, the one allow-list of tags and URL schemes: markdown-it
    # would otherwise leave a javascript: link on the page as its Markdown source.
    parser.validateLink = lambda url: True
    return parser


PARSER = markdown_parser()


def as_plain_paragraphs(text):
    # Escaped by linebreaks(): nothing in the text is markup.
    return mark_safe(linebreaks(text, autoescape=True))


@functools.lru_cache(maxsize=4096)
def _render(text):
    if len(text) > RENDER_LIMIT:
        return as_plain_paragraphs(text)
    tokens = PARSER.parse(text)
    if any(token.level > DEEPEST for token in tokens):
        return as_plain_paragraphs(text)
    cleaned = nh3.clean(
        PARSER.renderer.render(tokens, PARSER.options, {}),
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
