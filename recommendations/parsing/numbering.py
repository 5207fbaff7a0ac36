"""
The ways a heading line can be numbered ("5.", "#5", "No. 5", "V.", "v.", "five:", "1st."), each offered with
its rank: which one a list uses is decided for the whole list (entries.py), so `numberings` offers every
way a line could be numbered and headings.read_heading reads the rest of it one chosen way.
"""

import functools
import re

from .headings import BULLET

NUMBERINGS = [
    ("hash", re.compile(r"^#\s*(\d{1,5})(?!\d)\s*(?:[.):–—-]\s*|\s+|$)")),
    ("no", re.compile(r"^(?:no\.?|nr\.|number)\s*(\d{1,5})(?!\d)\s*(?:[.):–—-]\s*|\s+|$)", re.IGNORECASE)),
    # "1/4 King Kong", "1 of 3: The Days": a slideshow's position.
    ("of", re.compile(r"^(\d{1,4})\s*(?:/|of)\s*\d{1,4}\s*[.):–—-]?\s+(?=\S)", re.IGNORECASE)),
    ("dot", re.compile(r"^(\d{1,5})\.(?![\d.])\)?\s*")),
    ("ordinal", re.compile(r"^(\d{1,4})(?:st|nd|rd|th)\b\.?\s*[:)–—-]?\s+(?=\S)", re.IGNORECASE)),  # "1st. Whiplash"
    ("paren", re.compile(r"^(\d{1,5})\)\s*")),
    ("bracket", re.compile(r"^[(\[【（〔]\s*(\d{1,5})\s*[)\]】）〕]\s*")),
    ("dash", re.compile(r"^(\d{1,5})\s*(?:[–—-]|\|)\s+")),
    ("colon", re.compile(r"^(\d{1,5}):\s+")),
    ("bare", re.compile(r"^(\d{1,5})\s+(?=\S)")),
]
# "IV." or "iv.", as a blog's list styles them, never "iV.".
ROMAN = re.compile(r"^([IVXLC]{1,7}|[ivxlc]{1,7})\s*[.):–—-]\s+")
NUMBER_WORDS = (
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
    "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
)  # fmt: skip
# "Number two: Amadeus", "Our number one pick: Black Swan".
WORD_NUMBER = re.compile(rf"^(?:our\s+)?(?:number\s+)?({'|'.join(NUMBER_WORDS)})(?:\s+pick)?\s*[.):–—-]\s+", re.I)
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@functools.lru_cache(maxsize=65536)
def numberings(line):
    """((style, rank, text after the number), …) for every way the line could be numbered."""
    line = BULLET.sub("", line)
    found = []
    for style, pattern in NUMBERINGS:
        match = pattern.match(line)
        if match:
            found.append((style, int(match.group(1)), line[match.end() :]))
            if style in ("hash", "no", "of", "dot", "paren", "ordinal"):
                break
    word = WORD_NUMBER.match(line)
    if word:
        found.append(("word", NUMBER_WORDS.index(word.group(1).lower()) + 1, line[word.end() :]))
    roman = ROMAN.match(line)
    if roman:
        value = roman_value(roman.group(1).upper())
        if value:
            found.append(("roman", value, line[roman.end() :]))
    return tuple(found)


def roman_value(numeral):
    values = [ROMAN_VALUES[char] for char in numeral]
    total = sum(
        -value if index + 1 < len(values) and value < values[index + 1] else value for index, value in enumerate(values)
    )
    # Only numerals written the usual way ("IV", not "IIII" or "VX") are numbers.
    return total if 0 < total < 200 and _as_roman(total) == numeral else None


def _as_roman(number):
    out = ""
    for value, numeral in (
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while number >= value:
            out, number = out + numeral, number - value
    return out
