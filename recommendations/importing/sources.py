"""
What an editor gives the importer: pasted text, a rich paste's HTML, a file, or a WordPress export.

A source is read with the site's catalogue and with the lines the editor corrected in the
dry run. A correction replaces one source line's text (a cleared line is left out): in plain
text the line itself, in HTML the text of the element that starts on that line, since the
markup around it is what gives the article its structure.
"""

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from recommendations.parsing import html_document, parse_document, parse_text
from recommendations.parsing.document import clean, clean_text_line

from ..models import ArticleImport
from .problems import ImportProblem, ImportRefused

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
WORDPRESS_SUFFIXES = {".xml"}
READABLE = ".txt, .md, .html or a WordPress export (.xml)"


@dataclass
class Reading:
    """A source's parse, and the text of its lines as the dry run shows them for correcting."""

    parsed: object
    line_texts: dict

    def line_text(self, line):
        return self.line_texts.get(line, "")


@dataclass
class Source:
    kind: str  # an ArticleImport.Source
    data: str | bytes
    name: str = ""

    @classmethod
    def from_file(cls, name, data):
        """The source a file holds, told by its name's ending."""
        suffix = Path(name).suffix.lower()
        if suffix in TEXT_SUFFIXES:
            return cls(ArticleImport.Source.TEXT, decoded(data), name)
        if suffix in HTML_SUFFIXES:
            return cls(ArticleImport.Source.HTML, decoded(data), name)
        if suffix in WORDPRESS_SUFFIXES:
            return cls(ArticleImport.Source.WORDPRESS, data, name)
        raise ImportRefused([ImportProblem(f"“{name}” is not a file the importer reads: it reads {READABLE}.")])

    @property
    def is_export(self):
        return self.kind == ArticleImport.Source.WORDPRESS

    def read(self, catalogue, corrections=None):
        """The Reading of one article (not an export: see wordpress.py). Raises ArticleParseError."""
        corrections = corrections or {}
        if self.kind == ArticleImport.Source.HTML:
            document = corrected_document(html_document(self.data), corrections)
            lines = {}
            for block in document.blocks:
                lines.setdefault(block.line, block.lines[0][1])
            return Reading(parse_document(document, catalogue), lines)
        text = corrected_text(self.data, corrections)
        parsed = parse_text(text, catalogue)
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        shown = {entry.line for entry in parsed.entries} | {item.line for item in parsed.skipped} | {parsed.title_line}
        texts = {line: clean_text_line(lines[line - 1]) for line in shown if line and line <= len(lines)}
        return Reading(parsed, texts)


def decoded(data):
    """A file's text: UTF-8 (with or without a byte-order mark), else Windows-1252, what old Word files use."""
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def corrected_text(text, corrections):
    """`text` with each corrected line (by number, from 1) replaced."""
    if not corrections:
        return text
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for line, replacement in corrections.items():
        if 1 <= line <= len(lines):
            lines[line - 1] = " ".join(replacement.split())
    return "\n".join(lines)


def corrected_document(document, corrections):
    """`document` with the element starting on each corrected line holding the new text instead."""
    if not corrections:
        return document
    blocks, done = [], set()
    for block in document.blocks:
        if block.line in corrections and block.line not in done:
            done.add(block.line)
            text = clean(corrections[block.line])
            if not text:
                continue
            block = dataclasses.replace(block, lines=[(block.line, text)], lead=None, bold=None, italics=())
        blocks.append(block)
    document.blocks = blocks
    return document
