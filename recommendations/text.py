"""
Text as the site keeps it and matches it.

clean_text() is the door every stored text passes through (signals.py cleans each text field
of an editorial row before it is saved: admin forms, imports and backups alike), and
search_key() is how what readers type meets what editors wrote.
"""

import re
import unicodedata

from django.utils import timezone

APOSTROPHES = re.compile(r"['’‘`´]")
NOT_A_WORD = re.compile(r"[\W_]+")

# What word processors paste for a soft line break (U+000B) and Unicode's own line and
# paragraph separators mean a new line; carriage returns are old line endings.
LINE_BREAKS = {"\r\n": "\n", "\r": "\n", "\x0b": "\n", "\u2028": "\n", "\u2029": "\n\n"}
LINE_BREAK = re.compile("|".join(map(re.escape, LINE_BREAKS)))
# Every other C0 and C1 control character (tab and newline stay), DEL, lone surrogates and the two
# non-characters: none of them means anything in an editor's text, and XML 1.0 (feeds, sitemaps)
# cannot carry most of them.
INVISIBLE = re.compile("[\x00-\x08\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
ANY_LINE_BREAK = re.compile(r"\s*\n\s*")
EDGE_LINE_BREAK = re.compile(r"\A\s*\n\s*|\s*\n\s*\Z")


def clean_text(text, *, multiline=True):
    """`text` in Unicode NFC, its line breaks plain newlines, without control characters.

    A one-line text (`multiline=False`: titles, names, slugs) has each line break between words
    turned into a space, and those at its ends dropped.
    """
    if not text:
        return text
    text = LINE_BREAK.sub(lambda match: LINE_BREAKS[match.group()], text)
    text = INVISIBLE.sub("", unicodedata.normalize("NFC", text))
    if not multiline:
        text = ANY_LINE_BREAK.sub(" ", EDGE_LINE_BREAK.sub("", text))
    return text


def search_key(text):
    """Lower case, no accents, no punctuation: “Amélie” → “amelie”, “Don't Look Up” → “dont look up”."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    without_apostrophes = APOSTROPHES.sub("", without_accents.casefold())
    return NOT_A_WORD.sub(" ", without_apostrophes).strip()


def editor_time(moment, *, with_zone=False):
    """How the admin tells editors when something happens: “14:05 on 3 Dec 2026”, in the site's time zone.

    `with_zone` names the zone, as anything about publishing does: “14:05 on 3 Dec 2026 (Europe/London)”.
    """
    local = timezone.localtime(moment)
    shown = f"{local:%H:%M} on {local.day} {local:%b %Y}"
    return f"{shown} ({site_time_zone()})" if with_zone else shown


def site_time_zone():
    """The zone the site's times are in and typed in (settings.TIME_ZONE), by its name: “Europe/London”."""
    return timezone.get_default_timezone_name()


LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+(?=\S)")


def title_key(text):
    """The key two titles match on: `search_key` with “&” read as “and” and no leading article.

    “The Matrix” → “matrix”, “Fast & Furious” → “fast and furious”, “Léon: The Professional” → “leon the professional”.
    """
    key = search_key((text or "").replace("&", " and "))
    return LEADING_ARTICLE.sub("", key)
