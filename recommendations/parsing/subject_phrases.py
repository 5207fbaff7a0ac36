"""
The phrases that introduce a list's subject, forwards ("movies like X", "if you loved X") and backwards
("X fans will love", "X withdrawal"), with the weight each carries; subjects.py weighs what they offer.
"""

import re

from .headings import YEAR

KINDS = (
    r"(?:movies|films|flicks|pictures|shows|tv\s+shows|tv\s+series|series|dramas|sitcoms|books|novels|reads|anime"
    r"|documentaries|thrillers|comedies|horrors?|westerns|musicals|cartoons|titles|picks|watches)"
)
LIKE = (
    r"(?:like|similar\s+to|such\s+as|in\s+the\s+(?:same\s+)?vein\s+(?:of|as)|inspired\s+by|that\s+(?:feel|are)\s+like"
    r"|reminiscent\s+of)"
)
SEEN = (
    r"(?:liked|loved|enjoyed|watched|seen|adored|dug|binged|binge-watched|devoured|read|finished|like|love|enjoy"
    r"|are\s+(?:a\s+fan\s+of|into|missing))"
)
AFTER_SEEING = r"(?:after|once\s+you(?:'ve|’ve)?\s+(?:seen|finished|watched))"
# "… kind of night", "… sort of mood": what the title before it sets.
MOOD = r"(?:kind|sort|type)\s+of\s+(?:night|evening|day|afternoon|weekend|mood|movie\s+night)\b"
# "What to watch now that Succession is over", "… when The Bear ends", "… while Severance is off the air".
WHILE_OFF = r"(?:now\s+that|when|while|until|once)"
FORWARD = [
    # "Shows (or movies) like Dark?" too.
    (rf"\b{KINDS}\)?\s+(?:just\s+|a\s+lot\s+|much\s+)?{LIKE}\s+", 3),
    (rf"\bsimilar\s+{KINDS}\s+to\s+", 3),
    (
        rf"\bif\s+you\s+(?:have\s+|'ve\s+|’ve\s+)?(?:really\s+|just\s+|already\s+)?{SEEN}\s+(?:watching\s+|reading\s+)?",
        3,
    ),
    (r"\b(?:for\s+|calling\s+all\s+)?(?:fans|lovers|admirers|devotees)\s+of\s+", 3),
    (r"\bif\s+you(?:'re|’re|\s+are)\s+(?:a\s+)?(?:big\s+|huge\s+)?fans?\s+of\s+", 3),
    (
        r"\b(?:those|anyone|people|viewers|everyone|you)\s+who\s+(?:has\s+|have\s+|’s\s+|'s\s+)?(?:liked|loved|enjoyed"
        r"|adored|love|like|enjoy|miss(?:es|ed)?|seen|watched|sat\s+through|survived|rewatch(?:es|ed)?"
        # "A timeline for anyone who still thinks about Sunshine".
        r"|(?:still\s+)?(?:thinks?|dreams?)\s+(?:about|of))\s+",
        3,
    ),
    (r"\b(?:released|made|directed|written|filmed|shot)\s+(?:in|by)\s+[^,.;]{1,40},\s+(?=[‘“\"'*_A-Z0-9])", 1.5),
    (r"\bafter\s+(?:watching|seeing|finishing|bingeing|binging|reading)\s+", 2),
    (rf"\bto\s+(?:watch|read|stream|see)\s+(?:next\s+)?{AFTER_SEEING}\s+", 3),
    (rf"\bto\s+(?:watch|read|stream|see)\s+(?:next\s+)?{WHILE_OFF}\s+", 2.5),
    # "Quiet films for a Lost in Translation kind of night": the title starts after the "a".
    (rf"\ban?\s+(?=(?-i:[A-Z0-9])[^.!?]{{0,80}}?\s{MOOD}|[‘“\"'*_][^.!?]{{0,80}}?\s{MOOD})", 2.5),
    # "The Twin Peaks Starter Pack", "your Heat starter kit": the article is the pack's, so the title starts after
    # it (which leaves "The Godfather Starter Pack" as "Godfather": the key, and so the catalogue, are the same).
    (r"\b(?:the|your|a|an|my|our)\s+(?=(?-i:[A-Z0-9])[^.!?:]{0,60}?\s+starter\s+(?:pack|kit)\b)", 3),
    # "Six films to pair with The Lighthouse", "a double bill with Jaws".
    (r"\b(?:to\s+)?pair(?:s|ed|ing)?\s+(?:well\s+|nicely\s+)?with\s+|\bdouble[- ](?:bill|feature)\s+with\s+", 2.5),
    (r"\b(?:similar\s+to|alternatives?\s+to|in\s+the\s+(?:same\s+)?vein\s+(?:of|as)|in\s+the\s+spirit\s+of)\s+", 2),
    (r"\b(?:the\s+likes\s+of|along\s+the\s+lines\s+of|more\s+like|shares?\s+(?:its\s+)?dna\s+with)\s+", 2),
    (r"\bsomething\s+(?:like|similar\s+to)\s+", 2),
    (r"\bcan[’']t\s+get\s+enough\s+of\s+", 3),
    (r"\b(?:need|want)\s+more\s+(?=\S[^?.!]{0,80}\?)", 3),
    (
        r"(?:^|[.!?]\s+)(?:just\s+)?(?:loved|liked|enjoyed|like|love|enjoy|missing|miss|finished|done\s+with)\s+(?=\S[^?.!]{0,80}\?)",
        3,
    ),
    (r"\brecommendations?\s+(?:for|based\s+on)\s+(?:fans\s+of\s+)?", 2),
    (r"\byou(?:'ve|’ve|\s+have)\s+(?:already\s+|just\s+|all\s+|now\s+)?(?:seen|watched|finished|binged)\s+", 3),
    (r"\b(?:you|we|everyone|fans|audiences|viewers|critics)\s+(?:all\s+)?(?:loved|liked|enjoyed|adored)\s+", 2),
    (r"(?:^|[.!?]\s+)(?:just|much)?\s*like\s+(?=[‘“\"'*_A-Z0-9][^.!?]{0,60},)", 2),
    (r"\bin\s+the\s+(?:style|mould|mold|tradition)\s+of\s+", 2),
    (r"\bremind(?:s|ed)?\s+(?:us\s+|you\s+|me\s+)?of\s+", 1.5),
    (r"\b(?:still\s+thinking\s+about|obsessed\s+with|hooked\s+on)\s+", 2),
    (r"\b(?:haven[’']t|have\s+not|never)\s+(?:yet\s+)?(?:seen|watched)\s+", 2),
    (r"\b(?:can[’']t|cannot|couldn[’']t)\s+(?:stop\s+thinking\s+about|get\s+over|shake|forget)\s+", 3),
    (r"\bjust\s+(?:finished|watched|saw|binged|wrapped\s+up)\s+", 2),
    (r"\b(?:watch|read)\s+(?:these\s+)?(?:next\s+)?if\s+you\s+(?:liked|loved|enjoyed)\s+", 3),
    # "The spiritual successors to Blade Runner", "the runners-up to Collateral", "heirs to The Godfather".
    (
        r"\b(?:spiritual\s+|natural\s+|worthy\s+)?(?:successors?|heirs?|descendants|runners?-up|cousins|companions?"
        r"|answers?|follow-ups?|antidotes?|chasers?|siblings)\s+(?:to|of|for)\s+",
        3,
    ),
    (r"\b(?:haunted|obsessed|spellbound|smitten|bowled\s+over)\s+by\s+", 2.5),
    (r"\b(?:a\s+sucker|a\s+soft\s+spot|a\s+weakness|a\s+thing)\s+for\s+", 3),
    (r"\bin\s+the\s+(?:shadow|footsteps|wake)\s+of\s+", 2.5),
    # "Read The Road?", "Still grieving The Leftovers?", "Watched Arrival?": a question that names what was seen.
    (
        r"(?:^|[.!?]\s+)(?:still\s+)?(?:read|watched|seen|saw|binged|grieving|mourning|recovering\s+from"
        r"|getting\s+over|hooked\s+on|craving)\s+(?=\S[^?.!]{0,80}\?)",
        3,
    ),
]
FORWARD = [(re.compile(pattern, re.IGNORECASE), weight) for pattern, weight in FORWARD]
# "X fans will love…", "X left you wanting more", "if X is your thing": the subject comes before.
BACKWARD = [
    (r"\s+(?:fans?|lovers|devotees|obsessives|diehards)\b(?!\s+of)", 3),
    (rf"-(?:like|adjacent|inspired|esque|style)\s+{KINDS}", 3),
    (r"\s+alternatives\b", 2),
    (r"\s+(?:(?:left|made|got|had|kept)\s+you\s+(?:\w+|with)|has\s+left\s+a\s+(?:hole|void)|is\s+over\b|ended\b)", 3),
    # "Interstellar broke you?", "Primer broke your brain? Good."
    (r"\s+(?:broke|wrecked|destroyed|ruined|shattered|melted|fried)\s+(?:you|your\s+(?:brain|heart|mind|head))\b", 3),
    # "If Arrival rearranged your brain", "if The Handmaiden got under your skin": any verb done to the reader's head.
    (r"\s+(?:\w{3,}ed|got\s+under|got\s+into)\s+your\s+(?:brain|heart|mind|head|skin|soul|bones)\b", 3),
    (r"\s+(?:is|was)\s+your\s+(?:thing|jam|cup\s+of\s+tea|kind\s+of|favou?rite|comfort|go-to|guilty)", 3),
    # "Cure your Succession withdrawal", "a Succession-shaped hole", "when Jaws isn't enough", "if Parasite hooked you".
    (r"\s+(?:withdrawal|hangover|cravings?)\b", 3),
    (r"-shaped\s+(?:hole|void|gap)\b", 3),
    (r"\s+(?:isn[’']t|is\s+not|wasn[’']t|was\s+not)\s+enough\b", 3),
    (r"\s+(?:hooked|moved|gripped|floored|wowed|haunted|devastated|thrilled|blew\s+away)\s+you\b", 3),
    (r",\s+but\s+(?:make\s+it|for|with|in|set\s+in)\b", 2.5),
    (r"\s+(?:stayed|stays|stuck|sticks|lingered|lingers)\s+with\s+you\b", 3),
]
# "Films That Share Alien's DNA", "Parasite's cinematic cousins", "crime sagas in The Godfather's shadow":
# the subject's possessive, then what the list shares with it.
POSSESSED = re.compile(
    r"[’']s\s+(?:cinematic\s+|spiritual\s+|closest\s+)?(?:dna|genes|spirit|vibes?|energy|soul|sensibility|shadow"
    r"|cousins|siblings|heirs|descendants|kin|wavelength|orbit|mould|mold|footsteps|playbook|blueprint)\b",
    re.IGNORECASE,
)
BACKWARD = [(re.compile(pattern, re.IGNORECASE), weight) for pattern, weight in BACKWARD]
KIND_WORDS = {
    "tv": re.compile(r"\b(?:shows?|series|sitcoms?|seasons?|binge|episodes?|dramas)\b", re.IGNORECASE),
    "book": re.compile(r"\b(?:books?|novels?|reads?|read|reading)\b", re.IGNORECASE),
}

TITLE_LEADS = re.compile(
    # "After Drive, try these", and "AFTER PARIS, TEXAS: …", whose title holds a comma before one capitalised word.
    rf"^(?:after|beyond)\s+(?P<after>[^:|–—,]{{1,80}}?(?:,\s+(?-i:[A-Z])[\w.'’-]*(?=\s*[:|–—]\s))?)\s*[:|–—,]\s|^(?P<name>[^:|–—]{{1,80}}?)\s*(?:\((?P<year>{YEAR})\))?\s*[:|–—-]\s*(?:the\s+|our\s+)?(?:\d+\s+)?"
    rf"(?:best\s+|more\s+|great\s+)?(?:{KINDS}\s+(?:to\s+(?:watch|stream|see|read)|you(?:'ll|’ll)?\s+(?:love|like|enjoy)"
    r"|for\s+fans|worth)|what\s+to\s+(?:watch|read|stream)|where\s+to\s+go\s+next|if\s+you\s+(?:liked|loved|enjoyed)"
    # "Arrival: eight more films where first contact is a conversation"
    rf"|(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)\s+(?:more|other|great"
    rf"|similar|essential|best)\s+{KINDS}\b)",
    re.IGNORECASE,
)
# "Whiplash, and then?", "No Country for Old Men: now what?", "Heat — and then what?": a title asking what is next.
TITLE_ASKS_NEXT = re.compile(
    r"^(?P<name>[^:|–—?!.]{1,80}?)\s*[,:|–—-]\s*(?:and\s+)?(?:then|now|next)(?:\s+what)?\s*\?", re.IGNORECASE
)
