"""
The name a subject phrase points at: where a title starts and ends in a headline or a sentence.

After "movies like" the title runs on while its words are capitalised (or quoted, or in
italics), and stops where the headline goes on ("… You Need to See", "… Is Over"); before
"fans" it runs back to the first word that is not a title's. Each function works on at
most a few hundred characters around the phrase.
"""

import re

from recommendations.text import title_key

from .headings import YEAR
from .names import looks_like_person, word_set
from .numbering import NUMBER_WORDS
from .subject_phrases import KINDS

OPENERS = {"‘": "’", "“": "”", "'": "'", '"': '"', "«": "»", "*": "*", "_": "_"}
CONNECTORS = word_set("of the a an and in on at to for with from vs vs. de la le du del von van der or & is me my")
STOP_WORDS = word_set("and or on in to for with at from is me my &")
TOKEN = re.compile(r"[^\s,;:.!?()\[\]“”\"–—]+|[.](?=\S)")
YEAR_AFTER = re.compile(rf"^\s*[(\[,]\s*({YEAR})(?!\d)")
DESCRIPTOR = re.compile(
    r"^(?:the\s+)?(?:(?:\d{4}|original|classic|cult|new|hit|iconic)\s+)*(?:film|movie|show|series|tv\s+series|book"
    r"|novel|documentary|sitcom|drama|anime|thriller|comedy)\s+(?=\S)",
    re.IGNORECASE,
)
POSSESSIVE = re.compile(r"^(.+?)[’']s\s+(?=\S)")
STUDIOS = word_set(
    "netflix hbo hulu amazon apple disney marvel pixar dreamworks a24 bbc fx amc showtime starz peacock ghibli"
)
SERVICES = {"netflix", "hulu", "prime"}
KIND_AFTER_COLON = re.compile(rf"(?:[\w-]+,?\s+){{0,3}}{KINDS}\b", re.IGNORECASE)
# "Succession Is Over", "The Bear Ends", "Lost in Translation Kind of Night": a Title Case headline goes on.
HEADLINE_GOES_ON_AFTER = re.compile(
    r"\s+(?:over|done|finished|gone|back|off)\b|\s+of\s+(?:night|evening|day|afternoon|weekend|mood|movie)\b", re.I
)
SENTENCE_STARTS = word_set(
    "all calling attention hey dear so for if when because since and but the best top greatest great more other "
    "essential underrated our your"
)
# Words of a Title Case headline that come before its subject, never at the start of one ("Films That Share …").
HEADLINE_WORDS = word_set(
    "that which who share shares sharing carry carries have has are is live lives living films movies shows series "
    "books novels picks titles these those one two three four five six seven eight nine ten eleven twelve fifteen "
    "twenty more other best great top essential"
)
HEADLINE_GO_ON = word_set(
    "you you'll you’ll your you're you’re we we're we’re i i'm that which who worth "
    "ranked streaming now right if when according including plus this these ever every"
)
LONGEST_TITLE_TOKENS = 10
LOWERCASE_STOP = r"(?:and|or|on|for|to|with|that|which|you|these|if|is|are|from|in|at)\b"
# Words are separated by required spaces, so no word can be split between repetitions (no backtracking blow-up).
LOWERCASE_RUN = re.compile(
    rf"((?!{LOWERCASE_STOP})[\w'’-]+(?:\s+(?!{LOWERCASE_STOP})[\w'’-]+){{0,5}}?)(?=\s*(?:[,.;:!?()]|$)|\s+{LOWERCASE_STOP})"
)


def title_after(text, start, catalogue):
    """(title, year or None, where it ends) for the title at `start`: quoted, in italics, or capitalised words."""
    rest = text[start : start + 200]
    if rest[:1] in OPENERS:
        # "**Heat**", "__Heat__": Markdown's strong emphasis opens and closes with two marks.
        width = 2 if rest[:2] in ("**", "__") else 1
        closer, index = OPENERS[rest[0]] * width, width
        while True:
            end = rest.find(closer, index)
            if end == -1:
                return None
            if not rest[end + width : end + width + 1].isalpha():
                break
            index = end + 1
        name = rest[width:end].strip().rstrip(",.;:!")
        if not name:
            return None
        after = end + width
    else:
        name, after = capitalised_run(rest)
        if not name and not any(char.isupper() for char in text[:300]):
            name, after = _lowercase_run(rest)  # "movies like the shining": nothing is capitalised
        if not name:
            return None
        name = without_prefixes(name, catalogue)
    year = YEAR_AFTER.match(rest[after:])
    end = after + (year.end() + 1 if year else 0)
    return name, int(year.group(1)) if year else None, start + end


def capitalised_run(rest):
    """ "Michael Mann’s Heat, …" → ("Michael Mann’s Heat", where it ends); small words only between capitalised ones."""
    words, pending, position = [], [], 0
    for token in TOKEN.finditer(rest):
        word = token.group(0)
        if word == "-":
            continue
        gap = rest[position : token.start()].strip() if words else ""
        if gap not in ("", ":", "–", "—", "-") or len(words) + len(pending) >= LONGEST_TITLE_TOKENS:
            break
        if words and _ends_a_headline_title(word, rest[token.end() :]):
            break
        if gap == ":" and (
            word[:1].isdigit() or word.lower() in NUMBER_WORDS or KIND_AFTER_COLON.match(rest[token.start() :])
        ):
            break  # "Movies Like The Notebook: 15 Romantic Films", "After The Road: Seven Bleak, Beautiful Books"
        if word[:1].isupper() or word[:1].isdigit():
            words += pending + [(gap, word, token.end())]
            pending = []
        elif words and word.lower() in CONNECTORS and not gap:
            pending.append((gap, word, token.end()))
        else:
            break
        position = token.end()
    # A trailing "and Michael Mann's" or "on Netflix" is the sentence, not the title.
    for index, (_, word, _) in enumerate(words[1:], start=1):
        if word.lower() in STOP_WORDS and index + 1 < len(words):
            tail = " ".join(word for _, word, _ in words[index + 1 :])
            if re.search(r"[’']s$", tail) or title_key(tail) in STUDIOS or tail.lower() in SERVICES:
                words = words[:index]
                break
            # "Mad Max: Fury Road for Petrolheads": a headline's audience, not the title ("Dial M for Murder").
            if word.lower() == "for" and index + 2 == len(words) and tail.endswith("s") and tail[:1].isupper():
                words = words[:index]
                break
    name = ""
    for gap, word, _ in words:
        if name:
            name += f" {gap} " if gap in ("–", "—", "-") else f"{gap} "
        name += word
    return (name.strip().rstrip(":"), words[-1][2]) if words else (None, 0)


def _lowercase_run(rest):
    """The words up to punctuation or a word that goes on with the sentence, in text written all in lower case."""
    found = LOWERCASE_RUN.match(rest)
    return (found.group(1), found.end(1)) if found else (None, 0)


def _ends_a_headline_title(word, after):
    """In a Title Case headline ("Films Like Heat You Need to See") the sentence goes on in capitals too."""
    lower = word.lower()
    if lower in HEADLINE_GO_ON or lower in ("ends", "ended", "returns", "finishes", "wraps"):
        return True
    if lower in ("is", "was", "kind", "sort", "type") and HEADLINE_GOES_ON_AFTER.match(after):
        return True
    if lower == "starter" and re.match(r"\s+(?:pack|kit)\b", after, re.IGNORECASE):
        return True  # "The Twin Peaks Starter Pack"
    following = re.match(r"\s+(?:watch|see|stream|try|fans|netflix|hulu)\b", after, re.IGNORECASE)
    return lower in ("to", "for", "on") and bool(following)


def without_prefixes(name, catalogue):
    """ "the 1995 film Heat" → "Heat"; "Michael Mann’s Heat" → "Heat", unless the catalogue knows the whole."""
    name = DESCRIPTOR.sub("", name)
    owner = POSSESSIVE.match(name)
    if owner and not (catalogue is not None and catalogue.find(name)):
        person, rest = owner.group(1), name[owner.end() :]
        known = catalogue is not None and (catalogue.is_person(person) or catalogue.find(rest))
        if known or looks_like_person(person) or title_key(person) in STUDIOS:
            name = DESCRIPTOR.sub("", rest)
    return name.strip()


CLAUSE_OPENERS = {"If", "When", "Once", "Because", "Whenever"}


def title_before(text, end, catalogue):
    """The title just before `end`: quoted, or the capitalised words ending there."""
    before = text[max(0, end - 120) : end].rstrip()
    if before[-1:] in "’”\"'*_»":
        closer = before[-1]
        opener = {"’": "‘", "”": "“", "»": "«"}.get(closer, closer)
        start = before.rfind(opener, 0, len(before) - 1)
        if start == -1:
            return None
        return before[start + 1 : -1].strip() or None
    tokens = before.split()
    name = []
    for word in reversed(tokens):
        bare = word.strip(",;:()")
        if bare != word and name:
            break
        capital = bare[:1].isupper() or bare[:1].isdigit()
        if capital or (name and bare.lower() in CONNECTORS - STOP_WORDS):
            name.insert(0, bare)
        else:
            break
        if bare != word:
            break
    # "Seven Films to Watch If Arrival Rearranged Your Brain": a clause's opener inside a Title Case headline ends
    # the headline's words; the title starts after it ("What If" and "If Beale Street Could Talk" keep theirs).
    openers = [index for index, word in enumerate(name[1:-1], start=1) if word in CLAUSE_OPENERS]
    if openers:
        name = name[openers[-1] + 1 :]
    # A capitalised article starts the title ("in The Godfather's shadow"); other small words are the sentence's.
    while name and name[0].lower() in CONNECTORS and name[0] not in ("The", "A", "An"):
        name.pop(0)
    # "Calling all Heat fans", "15 Best Heat-like movies": a sentence's or headline's first words are not the title's.
    while len(name) > 1 and (name[0].lower() in SENTENCE_STARTS or name[0].isdigit()):
        if name[0] in ("The", "A", "An") and name[1].lower() not in SENTENCE_STARTS:
            break  # "The Godfather", not "The Best Heat"
        name.pop(0)
    return without_prefixes(" ".join(name), catalogue) if name else None


def last_title_in(name, catalogue):
    """ "Four Films That Share Alien" → "Alien": in a Title Case headline the words before a title are capitalised
    too. The longest end of the name the catalogue knows, else the name without the headline's own words."""
    words = name.split()
    if catalogue is not None:
        for start in range(len(words)):
            if catalogue.find(" ".join(words[start:])):
                return " ".join(words[start:])
    while len(words) > 1 and (words[0].lower() in HEADLINE_WORDS or words[0].isdigit()):
        words.pop(0)
    return " ".join(words)
