"""Word by word: what was added to a text and what was taken out, for History's compare and restore pages.

difflib (the standard library's) matches the two texts' words; words and the spaces between
them are separate tokens, so a changed word shows as that word removed and its replacement added,
with the sentence around it left as it was.
"""

import difflib
import re
from dataclasses import dataclass

# A word (letters, digits, apostrophes and hyphens inside it), a run of white space, or one other character.
TOKEN = re.compile(r"[\w’'-]+|\s+|[^\w\s]")
# Past this many tokens on either side, difflib's matching grows too slow for a page: paragraphs are compared instead.
LONGEST_WORD_DIFF = 20_000


@dataclass(frozen=True)
class Segment:
    """A stretch of text that both versions share ("same"), or that only the later one ("added") or the
    earlier one ("removed") has."""

    kind: str
    text: str


def word_diff(before, after):
    """The segments that turn `before` into `after`, in reading order, runs of one kind merged."""
    old, new = TOKEN.findall(before or ""), TOKEN.findall(after or "")
    if max(len(old), len(new)) > LONGEST_WORD_DIFF:
        old, new = (before or "").splitlines(keepends=True), (after or "").splitlines(keepends=True)
    segments = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for operation, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if operation == "equal":
            add(segments, "same", old[old_start:old_end])
            continue
        add(segments, "removed", old[old_start:old_end])
        add(segments, "added", new[new_start:new_end])
    return segments


def add(segments, kind, tokens):
    text = "".join(tokens)
    if not text:
        return
    if segments and segments[-1].kind == kind:
        segments[-1] = Segment(kind, segments[-1].text + text)
    else:
        segments.append(Segment(kind, text))
