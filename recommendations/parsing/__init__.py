"""
Reading "movies like X" articles (plain text, HTML, WordPress exports) into parses, without the database.

    parse_text(text, catalogue=None) -> ParsedArticle
    parse_html(html, catalogue=None) -> ParsedArticle
    read_wxr(data, catalogue=None) -> WxrReport
    parse_document(document, catalogue=None) -> ParsedArticle, with text_document(text) or html_document(html)

The catalogue is anything with find/near/is_person (see catalogue.Catalogue), or None.
"""

from .article import parse_document, parse_html, parse_text, text_document
from .catalogue import Catalogue, FilmMatch, InMemoryCatalogue
from .document import Block, Document
from .html import html_document
from .results import (
    MAX_ENTRIES,
    MAX_HTML_BYTES,
    MAX_LINES,
    MAX_TEXT_CHARS,
    MAX_WXR_BYTES,
    ArticleParseError,
    ParsedArticle,
    ParsedEntry,
    ParsedSubject,
    SkippedLine,
)
from .wxr import WxrPost, WxrReport, read_wxr

__all__ = [
    "MAX_ENTRIES",
    "MAX_HTML_BYTES",
    "MAX_LINES",
    "MAX_TEXT_CHARS",
    "MAX_WXR_BYTES",
    "ArticleParseError",
    "Block",
    "Catalogue",
    "Document",
    "FilmMatch",
    "InMemoryCatalogue",
    "ParsedArticle",
    "ParsedEntry",
    "ParsedSubject",
    "SkippedLine",
    "html_document",
    "parse_document",
    "parse_html",
    "parse_text",
    "read_wxr",
    "text_document",
    "WxrPost",
    "WxrReport",
]
