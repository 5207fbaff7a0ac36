"""
The cards shown in place of a missing poster or photo, worked out in plain Python.

Nothing here reads a file or the database: a card's colour comes from a hash of
the title (so a film keeps its colour from page to page), and its text is laid
out on a 200 x 300 canvas, the SVG viewBox of the placeholder templates.
fixtures/make_posters.py draws the fixture posters with the same colours.
"""

import colorsys
import hashlib
import math
from dataclasses import dataclass

CANVAS_WIDTH = 200
CANVAS_HEIGHT = 300
TEXT_COLOUR = "#ffffff"
# WCAG AA for normal-size text.
AA_CONTRAST = 4.5

# Room for the title: the canvas less a margin on each side, and the band above the year.
TEXT_WIDTH = 168
TEXT_HEIGHT = 190
TITLE_CENTRE_Y = 135
# Largest first; the first size at which the whole title fits is used.
TITLE_FONT_SIZES = (30, 26, 22, 19, 16, 14)
MAX_TITLE_LINES = 6
# A bold sans-serif letter is a little over half as wide as it is tall; erring wide keeps text inside the card.
CHARACTER_WIDTH = 0.6
LINE_HEIGHT = 1.2


@dataclass(frozen=True)
class TextLine:
    text: str
    y: int


@dataclass(frozen=True)
class PosterCard:
    background: str
    foreground: str
    font_size: int
    lines: tuple[TextLine, ...]
    year: str
    year_y: int


@dataclass(frozen=True)
class PortraitCard:
    background: str
    foreground: str
    initials: str
    font_size: int
    y: int


def poster_card(title, year=None):
    """The placeholder for a film: its title, wrapped to fit, and its year below."""
    font_size, texts = fit_title(title)
    line_height = round(font_size * LINE_HEIGHT)
    block_height = line_height * len(texts)
    # A baseline sits about 0.8 of the font size below the top of its line.
    first_baseline = TITLE_CENTRE_Y - block_height // 2 + round(font_size * 0.8)
    lines = tuple(TextLine(text, first_baseline + index * line_height) for index, text in enumerate(texts))
    return PosterCard(
        background=card_colour(title),
        foreground=TEXT_COLOUR,
        font_size=font_size,
        lines=lines,
        year=str(year) if year else "",
        year_y=CANVAS_HEIGHT - 36,
    )


def portrait_card(name):
    """The placeholder for a person: their initials, large, on their own colour."""
    letters = initials(name)
    font_size = 76 if len(letters) < 2 else 64
    return PortraitCard(
        background=card_colour(name),
        foreground=TEXT_COLOUR,
        initials=letters,
        font_size=font_size,
        y=CANVAS_HEIGHT // 2 + round(font_size * 0.35),
    )


def card_colour(text):
    """A dark colour picked by the text's hash, dark enough for white text to meet WCAG AA."""
    digest = hashlib.sha256(text.strip().casefold().encode()).digest()
    hue = int.from_bytes(digest[:2], "big") / 65536
    saturation = 0.35 + digest[2] / 255 * 0.25
    lightness = 0.36
    while True:
        # Checked after rounding to whole 0-255 steps, the colour the page will actually use.
        channels = [round(channel * 255) for channel in colorsys.hls_to_rgb(hue, lightness, saturation)]
        if contrast_ratio([channel / 255 for channel in channels], (1, 1, 1)) >= AA_CONTRAST or lightness <= 0:
            return "#" + "".join(f"{channel:02x}" for channel in channels)
        lightness = max(0, lightness - 0.02)


def contrast_ratio(first, second):
    """WCAG contrast between two (r, g, b) colours with channels from 0 to 1."""
    lighter, darker = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def relative_luminance(rgb):
    def linear(channel):
        return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(channel) for channel in rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def fit_title(title):
    """(font size, lines): the largest size at which the title fits, else the smallest, cut with an ellipsis."""
    words = title.split() or [""]
    longest_word = max(len(word) for word in words)
    # Whole words if any size allows it; a word split across lines only when none does.
    for splitting in (False, True):
        for font_size in TITLE_FONT_SIZES:
            width = characters_per_line(font_size)
            if not splitting and longest_word > width:
                continue
            lines = wrap(words, width)
            if len(lines) <= lines_that_fit(font_size):
                return font_size, lines
    font_size = TITLE_FONT_SIZES[-1]
    width = characters_per_line(font_size)
    lines = wrap(words, width)[: lines_that_fit(font_size)]
    lines[-1] = lines[-1][: width - 1].rstrip() + "…"
    return font_size, lines


def characters_per_line(font_size):
    return math.floor(TEXT_WIDTH / (font_size * CHARACTER_WIDTH))


def lines_that_fit(font_size):
    return min(MAX_TITLE_LINES, math.floor(TEXT_HEIGHT / (font_size * LINE_HEIGHT)))


def wrap(words, width):
    """Greedy word wrap; a word longer than a line is split across lines."""
    lines = []
    current = ""
    for word in words:
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= width:
            current = candidate
        else:
            lines.append(current)
            current = word
    lines.append(current)
    return lines


def initials(name):
    """“Guy Pearce” → “GP”, “S. Craig Zahler” → “SZ”, “Madonna” → “M”; “?” when there is no letter."""
    words = [word for word in name.split() if any(character.isalnum() for character in word)]
    if not words:
        return "?"
    first = next(character for character in words[0] if character.isalnum())
    if len(words) == 1:
        return first.upper()
    last = next(character for character in words[-1] if character.isalnum())
    return (first + last).upper()
