"""Text normalised for matching: what readers type meets what editors wrote."""

import re
import unicodedata

APOSTROPHES = re.compile(r"['’‘`´]")
NOT_A_WORD = re.compile(r"[\W_]+")


def search_key(text):
    """Lower case, no accents, no punctuation: “Amélie” → “amelie”, “Don't Look Up” → “dont look up”."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    without_accents = "".join(char for char in decomposed if not unicodedata.combining(char))
    without_apostrophes = APOSTROPHES.sub("", without_accents.casefold())
    return NOT_A_WORD.sub(" ", without_apostrophes).strip()
