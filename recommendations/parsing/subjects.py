"""
Which film (or show, or book) a list is about, read from its title, its intro and its blurbs.

Each phrase that introduces a subject ("movies like X", "if you loved X", "X fans will
love", "what to watch after X"…) offers one. Offers are weighed by where they stand
(the title counts most), by whether the catalogue knows the film, and by whether the
rest of the article names it too. Without any phrase, the title the intro and blurbs
name most often ("Like ‘Backtrace’, …") is offered with low confidence.
"""

import re
from collections import Counter
from dataclasses import dataclass

from recommendations.text import title_key

from .names import FIRST_NAMES, PLACES, looks_like_person, word_set
from .results import ParsedSubject
from .subject_names import (
    LONGEST_TITLE_TOKENS,
    STUDIOS,
    YEAR_AFTER,
    capitalised_run,
    last_title_in,
    title_after,
    title_before,
    without_prefixes,
)
from .subject_phrases import BACKWARD, FORWARD, KIND_WORDS, KINDS, POSSESSED, TITLE_ASKS_NEXT, TITLE_LEADS

GENERIC = {
    "we", "i", "they", "he", "she", "if", "so", "and", "but", "the",
    "this", "that", "these", "those", "it", "them", "this one", "the film", "the movie", "the show", "the series",
    "the book", "you", "me", "us", "him", "her", "here", "there", "this list", "our list", "this film", "such",
}  # fmt: skip
KIND_NAMES = re.compile(rf"\b{KINDS}\b", re.IGNORECASE)
PRONOUN_TITLES = {"Her", "Us", "It", "Them", "Them!", "Me", "You", "Him", "She", "They", "We", "Such"}
MENTION = re.compile(
    r"\b(?:like|unlike|as\s+in|similar\s+to|much\s+like|as\s+with|reminiscent\s+of|recalls?|echoes)\s+", re.IGNORECASE
)
# "Michael Mann’s Heat": a director's possessive before a title.
OWNED_RUN = re.compile(r"^[A-Z][\w.-]+(?:\s+[A-Z][\w.-]+){1,2}[’']s\s+(?P<title>[A-Z0-9].*)$")
OWNED_TITLE = re.compile(r"\b([A-Z][\w.-]+(?:\s+[A-Z][\w.-]+){1,2})[’']s\s+(?=[A-Z0-9])")
# A straight ' opens a quote only after a space or a bracket, so that "Ocean's" does not.
QUOTED = re.compile(r"(?:[‘“\"*_«]|(?:^|(?<=[\s(\[]))')([^‘’“”\"*_«»']{1,80}?)[’”\"*_»'](?![A-Za-z])")
# "Shows (or movies) like …": the kind named before a bracketed alternative.
ALTERNATIVE_BEFORE = re.compile(r"(\w+)\s*\((?:or|and)\s+$", re.IGNORECASE)
# A line of the intro this short, with no sentence's end, is a second headline (a kicker's or a standfirst's).
HEADLINE_WORDS_AT_MOST = 15
# With no phrase at all, this many of the names the prose uses most are looked up in the catalogue.
PROSE_CANDIDATES_CHECKED = 12
# Where a capitalised run starts that is not inside another: after a space, a quote or a bracket.
CAPITAL_START = re.compile(r"(?:^|(?<=[\s(“‘\"*_]))[A-Z0-9]")
OWNS_A_FILM = re.compile(r"\s+(?:[\w-]+\s+){0,2}(?:film|movie|debut|masterpiece|series|show|novel)\b", re.IGNORECASE)
TITLE_GOES_ON = re.compile(r"[’'”\"]?\s*(?:\(|:|\b(?:is|was|remains|at|and|turns|still|vs\.?|meets|returns)\b)")
PROSE_STARTS = word_set(
    "the this these those here there we our you your it its if when while after before in on at for and but or so "
    "a an as from with what why how who all every some most many one two three four five six seven eight nine ten "
    "january february march april may june july august september october november december monday tuesday wednesday "
    "thursday friday saturday sunday i he she they his her their"
)


@dataclass
class Offer:
    title: str
    year: int | None
    where: str  # "the title", "the intro"
    phrase: str
    weight: float
    kind: str
    line: int | None


def find_subject(title, title_line, intro, blurbs, entry_titles, catalogue=None, italics=(), other_titles=()):
    """The ParsedSubject of the list, or None. `intro` is [(line, text)]; `blurbs` is [text]; `italics` are the
    names the intro sets in italics (HTML), which are titles far more often than not; `other_titles` are a
    page's other names for itself (its <title> beside its <h1>)."""
    entry_keys = {title_key(name) for name in entry_titles}
    offers = []
    if title:
        offers += _offers(title, "the title", title_line, 3, catalogue) or _title_offers(title, title_line, catalogue)
    for other in other_titles:
        offers += _offers(other, "the page's <title>", None, 2.5, catalogue) or _title_offers(other, None, catalogue)
    for position, (line, text) in enumerate(intro):
        offers += _offers(text, "the intro", line, 2 if position == 0 else 1.5, catalogue)
        if position < 2 and _headline(text):
            offers += _title_offers(text, line, catalogue, "a headline over the intro", 4)
    # A phrase may name a film that is also a heading ("Memento (2000) — the one that started it"): the
    # subject wins and the caller drops that entry; only the fallback below must avoid the entries.
    offers = [offer for offer in offers if _usable(offer.title, set())]
    mentions = _mentions(title, intro, blurbs)
    for name in italics:
        _count(name.strip(" ,.;:"), *mentions)
    if offers:
        return _best(offers, mentions, catalogue, intro)
    named = _most_named(mentions, entry_keys, catalogue) or _named_in_italics(italics, entry_keys, catalogue)
    return named or _named_in_prose(title, intro, blurbs, entry_keys, catalogue)


def names_a_subject(text):
    """Whether `text` has a phrase that introduces a subject ("If The Thing left you paranoid")."""
    patterns = [pattern for pattern, _ in FORWARD] + [pattern for pattern, _ in BACKWARD] + [POSSESSED]
    return any(pattern.search(text) for pattern in patterns)


def _named_in_italics(italics, entry_keys, catalogue):
    """With no phrase at all, the first title the intro sets in italics ("Nobody screams in <em>Melancholia</em>")."""
    for name in italics:
        name = name.strip(" ,.;:")
        if _usable(name, entry_keys) and (name[:1].isupper() or name[:1].isdigit()) and not looks_like_person(name):
            match = catalogue.find(name) if catalogue is not None else None
            how = f"no “movies like” phrase; the intro sets “{name}” in italics"
            return ParsedSubject(name, None, how, "medium" if match else "low", "film", None, match)
    return None


def _named_in_prose(title, intro, blurbs, entry_keys, catalogue):
    """The last resort: the capitalised name the title and intro use most that is not a person, an entry or a
    studio ("Released in 1999, Fight Club divided critics…"). Low confidence, for the editor to check."""
    counts, names, years, order = Counter(), {}, {}, {}
    sources = [(title or "", 2, True)] + [(text, 1, False) for _, text in intro[:3]]
    sources += [(text, 0.5, False) for text in blurbs[:20]]
    for text, weight, is_title in sources:
        text, position = text[:2000], 0
        while True:
            start = CAPITAL_START.search(text, position)
            if not start:
                break
            name, length = capitalised_run(text[start.start() :])
            position = start.start() + max(length, 1)  # the next run starts after this one, not inside it
            name = (name or "").rstrip("*_")  # "**Whiplash** (2014)": Markdown's emphasis is no part of the name
            if not name:
                continue
            dated = YEAR_AFTER.match(text[position : position + 12])
            # "David Fincher's Zodiac (2007) is…": a dated film under its director's possessive is how an intro
            # presents its subject; the owner is no part of the title, unless the catalogue holds the whole name.
            owned = OWNED_RUN.match(name) if dated else None
            if owned and not (catalogue is not None and catalogue.find(name, int(dated.group(1)))):
                name, weight = owned.group("title"), weight * 2
            # "Lars von Trier's film", "Damien Chazelle's **Whiplash**": whoever owns a film is its director.
            possessive = re.search(r"[’']s$", name)
            owner = possessive and (
                OWNS_A_FILM.match(text[position:]) or looks_like_person(name[: possessive.start()], catalogue)
            )
            name = re.sub(r"[’']s$", "", name)
            key = title_key(name)
            sentence_start = start.start() == 0 or text[: start.start()].rstrip()[-1:] in ".!?"
            known_person = catalogue is not None and catalogue.is_person(name)
            unusable = not _usable(name, entry_keys) or key in STUDIOS or known_person or owner
            unusable = unusable or KIND_NAMES.search(name) or key in PLACES  # "Movies Like" is the headline's phrase
            # A bare number in prose is an age, a count or a year ("Anderson was 29"), not a title.
            if unusable or key.split()[0] in FIRST_NAMES or key.isdigit():
                continue
            # A sentence's first word is most often not a title; a title's first word may be, when a verb or a
            # date follows it ("Heat is still the best…", "‘Heat’ at 25", "Alien (1979) and the films…").
            goes_on = TITLE_GOES_ON.match(text[position:])
            lone_start = sentence_start and len(name.split()) == 1 and not (is_title and goes_on)
            if key.split()[0] in PROSE_STARTS or (lone_start and not goes_on):
                continue
            # "Magnolia is three hours of…": an intro's sentence may open on its subject, less surely than a title.
            counts[key] += weight / 2 if lone_start else weight
            names.setdefault(key, name)
            order.setdefault(key, len(order))
            if dated:
                years.setdefault(key, int(dated.group(1)))  # "Alien (1979) and the films it made possible"
    if not counts:
        return None
    # "Zodiac Double Bills: Five Nights…" over an intro's "Zodiac (2007)": a run that starts with a film the
    # article dates is that film and the headline's words after it.
    for key in list(years):
        for longer in [other for other in counts if other.startswith(f"{key} ") and other not in years]:
            counts[key] += counts.pop(longer)
    known = set()
    if catalogue is not None:
        # A name the catalogue holds as a film is far likelier the subject than a place or a stray phrase.
        for key in sorted(counts, key=lambda name: (-counts[name], order[name]))[:PROSE_CANDIDATES_CHECKED]:
            if catalogue.find(names[key], years.get(key)):
                known.add(key)
    # The most named, and of those the first named: an intro names its subject before the rest.
    key = max(counts, key=lambda name: (name in known, counts[name], -order[name]))
    match = catalogue.find(names[key], years.get(key)) if key in known else None
    how = f"no “movies like” phrase; “{names[key]}” is the title the title and intro name most"
    if match:
        how = f"no “movies like” phrase; “{names[key]}” is the catalogue film the title and intro name most"
    return ParsedSubject(names[key], years.get(key), how, "medium" if match else "low", "film", None, match)


def _offers(text, where, line, weight, catalogue):
    offers = []
    for pattern, strength in FORWARD:
        for found in pattern.finditer(text):
            read = title_after(text, found.end(), catalogue)
            if read:
                name, year, end = read
                phrase = text[found.start() : end].strip(" ,.;:")
                kind = _kind(found.group(0)) if found.group(0).strip() else "film"
                alternative = ALTERNATIVE_BEFORE.search(text[max(0, found.start() - 30) : found.start()])
                if kind == "film" and alternative:
                    kind = _kind(alternative.group(1))  # "Shows (or movies) like Dark": shows first
                if kind == "film":
                    kind = _kind(text[end : end + 40], ("tv",))
                offers.append(Offer(name, year, where, phrase, weight + strength, kind, line))
    backward = [(found, strength) for pattern, strength in BACKWARD for found in pattern.finditer(text)]
    backward += [(found, 3) for found in POSSESSED.finditer(text)]
    for found, strength in backward:
        name = title_before(text, found.start(), catalogue)
        name = name and last_title_in(name, catalogue)
        if name:
            phrase = f"{name}{found.group(0)}"
            kind = _kind(text[found.start() : found.end() + 40], ("tv",))
            offers.append(Offer(name, None, where, phrase, weight + strength - 0.5, kind, line))
    return offers


def _title_offers(title, line, catalogue, where="the title", weight=5):
    """ "Heat (1995): 10 Films to Watch Next", "Heat – what to watch next", "Whiplash, and then?": a title that
    leads with its subject."""
    found = TITLE_LEADS.match(title)
    if found:
        name, year = found.group("name") or found.group("after"), found.group("year")
    else:
        found = TITLE_ASKS_NEXT.match(title)
        if not found:
            return []
        name, year = found.group("name"), None
    name = without_prefixes(name.strip(" \"'‘’“”*_"), catalogue)
    if not name or len(name.split()) > LONGEST_TITLE_TOKENS:
        return []
    return [Offer(name, int(year) if year else None, where, title, weight, _kind(title), line)]


def _headline(text):
    """A line set like a headline, not a sentence: a programme's "AFTER PARIS, TEXAS: AMERICAN ROADS" under its
    masthead, a standfirst over the intro."""
    return len(text.split()) <= HEADLINE_WORDS_AT_MOST and text[-1:] not in ".!;,"


def _kind(phrase, kinds=("tv", "book")):
    for kind in kinds:
        if KIND_WORDS[kind].search(phrase):
            return kind
    return "film"


def _usable(name, entry_keys):
    key = title_key(name)
    # "Her", "Us", "It" and "Them" are films when written with a capital; "her" and "this" never are.
    generic = name.lower() in GENERIC and name not in PRONOUN_TITLES
    return bool(key) and not generic and key not in entry_keys and len(name) <= 100


def _mentions(title, intro, blurbs):
    """How often each title is named in the intro ("‘Backtrace’ is…") and in blurbs ("Like ‘Backtrace’")."""
    counts, names = Counter(), {}
    texts = [text for _, text in intro] + ([title] if title else [])
    for text in texts:
        for quoted in QUOTED.finditer(text):
            # A title quoted in the article's own title ("‘Heat’ at 25") counts twice.
            for _ in range(2 if text is title else 1):
                _count(quoted.group(1).strip(" ,.;:"), counts, names)
        for owned in OWNED_TITLE.finditer(text):
            name, _ = capitalised_run(text[owned.end() :])
            if name and looks_like_person(owned.group(1)):
                _count(name, counts, names)
    for text in blurbs:
        for found in MENTION.finditer(text):
            read = title_after(text, found.end(), None)
            if read:
                _count(read[0].strip(" ,.;:"), counts, names)
    return counts, names


def _count(name, counts, names):
    key = title_key(name)
    if key and name.lower() not in GENERIC:
        counts[key] += 1
        names.setdefault(key, name)


def _best(offers, mentions, catalogue, intro):
    counts, _ = mentions
    scored = []
    for offer in offers:
        match = _match(offer, catalogue)
        key = title_key(offer.title)
        agreeing = {other.where for other in offers if title_key(other.title) == key} - {offer.where}
        score = offer.weight + (2 if match else 0) + len(agreeing) + min(counts.get(key, 0), 3) * 0.5
        scored.append((score, -offers.index(offer), offer, match, bool(agreeing) or counts.get(key, 0) > 0))
    score, _, offer, match, corroborated = max(scored, key=lambda item: item[:2])
    if offer.title.isupper():
        # "MOVIES LIKE THE SOCIAL NETWORK" over "fans of The Social Network": the name as the prose writes it.
        cased = [other.title for other in offers if title_key(other.title) == title_key(offer.title)]
        # …or as the intro writes it even without a phrase: "If you can't stop rewatching Mad Max: Fury Road".
        written = re.compile(re.escape(offer.title), re.IGNORECASE)
        cased += [found.group(0) for _, text in intro[:3] for found in written.finditer(text[:2000])]
        offer.title = next((name for name in cased if not name.isupper()), offer.title)
    if offer.where == "the title" or match or corroborated:
        confidence = "high" if (offer.where == "the title" or match) and offer.weight >= 5 else "medium"
    else:
        confidence = "medium" if offer.weight >= 4.5 else "low"
    how = f"{offer.where} says “{offer.phrase}”"
    if match:
        how += f"; the catalogue has {match}"
    # "Films like Parasite" over "if you enjoyed Parasite (2019)": the title's offer, with the year the intro gives.
    key = title_key(offer.title)
    years = [other.year for other in offers if other.year is not None and title_key(other.title) == key]
    year = offer.year if offer.year is not None else (years[0] if years else None)
    return ParsedSubject(offer.title, year, how, confidence, offer.kind, offer.line, match)


def _match(offer, catalogue):
    if catalogue is None:
        return None
    return catalogue.find(offer.title, offer.year)


def _most_named(mentions, entry_keys, catalogue):
    counts, names = mentions
    ranked = [(count, key) for key, count in counts.items() if key not in entry_keys]
    if not ranked:
        return None
    count, key = max(ranked)
    if count < 2:
        return None
    name = names[key]
    match = catalogue.find(name) if catalogue is not None else None
    how = f"no “movies like” phrase; the intro and blurbs name “{name}” {count} times"
    return ParsedSubject(name, None, how, "medium" if match else "low", "film", None, match)
