"""
The sections of an article around its list: honourable mentions, what follows the list, and headings that
are not films ("Introduction", "Why it's like Heat", an FAQ's questions).
"""

import re

from .headings import SURE_STYLES

HONOURABLE = re.compile(
    r"^(?:(?:honou?rable|special|dis-?honou?rable)\s+mentions?|also\s+(?:worth\s+(?:watching|a\s+(?:look|watch)|"
    r"seeing|mentioning)|consider|try|recommended|ran)|runners?[- ]up|bonus(?:\s+(?:picks?|entry|entries|films?|"
    r"movies?|shows?|round))?|(?:other|more)\s+(?:movies|films|shows|titles|picks)\s+(?:to\s+watch|worth|we\s+(?:love|"
    r"like))|the\s+rest\s+of\s+the\s+best|near\s+misses|(?:just\s+)?missed\s+the\s+cut|also\s+(?:watch|see)\s*:"
    r"|if\s+you\s+like\s+(?:this|that)(?:\s+one)?,?\s+(?:try|watch|see))\b",
    re.IGNORECASE,
)
END_SECTION = re.compile(
    r"^(?:conclusion|in\s+conclusion|final\s+(?:thoughts|words?|verdict)|wrapping\s+up|wrap[- ]up|(?:the\s+)?bottom\s+"
    r"line|verdict|summary|to\s+sum\s+up|you\s+(?:may|"
    r"might)\s+also\s+like|recommended\s+for\s+you|comments|leave\s+a\s+(?:comment|reply)|about\s+the\s+author|share\s+"
    # A comments section's heading: "23 Comments", "Comments (12) · Sort by: Newest", "4 thoughts on “…”".
    r"|\d+\s+(?:comments?|responses?|replies)|comments?\s*\(\d+\).{0,40}|\d+\s+(?:thoughts|responses?|replies)\s+(?:on|to)\b.{0,120}"
    r"|join\s+the\s+(?:discussion|conversation)|reader\s+comments|"
    r"this(?:\s+article)?|tags|filed\s+under.*|frequently\s+asked\s+questions|faqs?)\s*[:.!]?$",
    re.IGNORECASE,
)
SECTION_HEADING = re.compile(
    r"^(?:introduction|intro|overview|notes|(?:the|our)\s+notes|in\s+detail|our\s+picks|the\s+picks|the\s+list|the\s+films|the\s+movies|methodology|how\s+we\s+"
    r"(?:chose|picked|ranked)|why\b.*|what\s+(?:to|we|is|makes|it)\b.*|how\s+it\b.*|contents|in\s+this\s+article|"
    r"(?:the\s+)?similarit(?:y|ies)\b.*|(?:our|the)\s+(?:take|verdict|connection)|the\s+plot|plot|synopsis|cast|"
    r"where\s+to\s+(?:watch|stream)\b.*|(?:the\s+)?trailer|watch\s+the\s+trailer|spoilers?\s+ahead"
    # An FAQ's questions: "Is Heat on Netflix?"
    r"|(?:is|are|does|do|did|what|where|how|why|who|when|can|should|will|which)\b[^?]*\?)\s*[:.!?]?$",
    re.IGNORECASE,
)
# "10 reasons…", "5 things…": a count of something that is not a film.
NOT_A_FILM = re.compile(
    r"^(?:reasons?|things?|ways?|facts?|times?|lessons?|questions?|signs?|tips?|steps?|moments?|scenes?|characters?|"
    r"quotes?|films?|movies?|shows?|books?|episodes?|best|more|other|great|top|essential|underrated|classic|"
    r"must[- ]see|of\s+the|minutes?|hours?|percent|people|actors?|directors?|examples?|picks?|titles?|entries|choices?|"
    r"alternatives?|recommendations?|similar|favou?rites?)\b",
    re.IGNORECASE,
)
# "movies like X", "shows similar to X", "if you loved X": such a line is the article's title or a link, not an entry.
LIST_PHRASE = re.compile(
    r"\b(?:movies|films|shows|series|books|novels|anime|picks|titles|watch(?:es)?)\s+(?:like|similar\s+to|such\s+as)\s|"
    r"\bif\s+you\s+(?:have\s+|'ve\s+|’ve\s+)?(?:liked|loved|enjoyed|watched|seen)\s",
    re.IGNORECASE,
)


def mark_sections(blocks, candidates, skipped):
    """Honourable mentions and what follows the list ("Final thoughts") are left out, with the reason."""
    by_index = {candidate.index: candidate for candidate in candidates}
    index, seen_entry = 0, False
    while index < len(blocks):
        block = blocks[index]
        text = block.text
        if index not in skipped and HONOURABLE.match(text):
            label_only = len(text.split()) <= 6 and not re.search(r"[:–—-]\s*\S", text)
            skipped[index] = "honourable mentions"
            if label_only:
                index = _skip_section(blocks, index, by_index, skipped)
                continue
        elif seen_entry and skipped.get(index, "banner") == "banner" and END_SECTION.match(text):
            # "23 Comments" is also a banner's shape; after the list it ends the list, whatever it was marked.
            for later in range(index, len(blocks)):
                skipped.setdefault(later, f"after the list (“{text}”)")
            return
        candidate = by_index.get(index)
        if candidate and (candidate.strong or candidate.options):
            seen_entry = True
        index += 1


def _skip_section(blocks, start, by_index, skipped):
    """Skip the lines under an "Honourable mentions" heading, up to the next numbered entry or heading as high."""
    level = blocks[start].level
    index = start + 1
    while index < len(blocks):
        block, candidate = blocks[index], by_index.get(index)
        if candidate and any(style in SURE_STYLES for style in candidate.options):
            break
        if level is not None and block.kind == "heading" and (block.level or 9) <= level:
            break
        if END_SECTION.match(block.text):
            break
        skipped.setdefault(index, "honourable mention")
        index += 1
    return index
