"""Text normalised for matching: what readers type meets what editors wrote."""

import re
import unicodedata

from django.utils import timezone

APOSTROPHES = re.compile(r"['’‘`´]")
NOT_A_WORD = re.compile(r"[\W_]+")


def search_key(text):
    """Lower case, no accents, no punctuation: “Amélie” → “amelie”, “Don't Look Up” → “dont look up”."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    without_apostrophes = APOSTROPHES.sub("", without_accents.casefold())
    return NOT_A_WORD.sub(" ", without_apostrophes).strip()


def editor_time(moment):
    """How the admin tells editors when something happened: “14:05 on 24 Nov 2026”."""
    return timezone.localtime(moment).strftime("%H:%M on %d %b %Y")


LEADING_ARTICLE = re.compile(r"^(?:the|a|an)\s+(?=\S)")


def title_key(text):
    """The key two titles match on: `search_key` with “&” read as “and” and no leading article.

    “The Matrix” → “matrix”, “Fast & Furious” → “fast and furious”, “Léon: The Professional” → “leon the professional”.
    """
    key = search_key((text or "").replace("&", " and "))
    return LEADING_ARTICLE.sub("", key)
