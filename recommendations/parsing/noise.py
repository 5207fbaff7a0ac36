"""
Lines that sit among a list's entries without being part of it, each with the reason an editor is shown.

Captions and credits, "Read more" cross-links, streaming call-outs, bylines and dates,
banners, and the details lines some sites put under a heading ("Director: …").
Only short lines are checked: a paragraph that starts "Directed by …" is a blurb.
"""

import functools
import re

LONGEST_STRAY_WORDS = 15
NUMBERED = re.compile(r"(?:#\s*|no\.\s*)?\d{1,4}[.)]\s+[^\d\s]")
LONGEST_CAPTION_WORDS = 45
EMPHASISED = re.compile(r"^(?:\*\*|__|\*|_)(\S(?:.{0,300}\S)?)(?:\*\*|__|\*|_)$")

PERSON = r"(?!(?:The|A|An)\s)[A-Z][\w.’'-]+(?:\s+(?:de|van|von|del|da|di|le|la)?\s*[A-Z][\w.’'-]+){1,3}"
# A credit line that is only the studio's name ("Warner Bros. Pictures", "A24 / Netflix").
STUDIOS = (
    r"netflix|warner\s+bros\.?(?:\s+pictures)?|universal(?:\s+pictures)?|paramount(?:\s+pictures)?|20th\s+century"
    r"\s+(?:fox|studios)|disney|walt\s+disney\s+pictures|sony\s+pictures(?:\s+classics)?|columbia\s+pictures|lionsgate|a24"
    r"|focus\s+features|(?:fox\s+)?searchlight(?:\s+pictures)?|mgm|united\s+artists|amazon(?:\s+(?:studios|mgm\s+studios))?"
    r"|apple(?:\s+tv\+?)?|hbo(?:\s+max)?|hulu|neon|ifc\s+films|miramax|new\s+line\s+cinema|dreamworks|pixar"
    r"|legendary(?:\s+pictures)?|summit\s+entertainment|blumhouse|magnolia\s+pictures|annapurna(?:\s+pictures)?"
    r"|orion\s+pictures|tristar(?:\s+pictures)?|touchstone(?:\s+pictures)?|studio\s+ghibli|toho|cj\s+entertainment"
    r"|bbc(?:\s+films)?|film4|channel\s+4|studiocanal|gaumont|pathé|mubi|criterion|the\s+criterion\s+collection"
    r"|lions\s*gate(?:\s+films)?|laika|aardman|bleecker\s+street|entertainment\s+one|eone|nbcuniversal|mgm\s+studios"
    # A name of one to three words ending as studios' names end: "Vertigo Releasing", "Carolco Pictures".
    r"|(?-i:(?!(?:The|Best|Top|Great|Our|More|Other|New|Essential|Underrated|Classic|Must|Favourite|Favorite)\b)"
    r"[A-Z][\w&.'-]*(?:\s+[A-Z][\w&.'-]*){0,2}\s+(?:Pictures|Films|Studios|Releasing|Entertainment|Productions"
    r"|Distribution))"
)
SERVICES = (
    r"netflix|hulu|prime video|amazon|disney\+?|disney plus|hbo(?: max)?|max|apple tv\+?|apple|peacock|paramount\+?"
    r"|mubi|criterion(?: channel)?|tubi|shudder|youtube|vudu|itunes|crunchyroll|showtime|starz|now tv|now|sky"
    r"|bbc iplayer|iplayer|stan|crave|kanopy|hoopla|plex|pluto(?: tv)?|freevee|roku|fandango(?: at home)?"
    r"|google play|britbox|acorn tv|amc\+|sundance now|curiosity stream|binge|hotstar|zee5|jiocinema"
)
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
DATE = (
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
)

RULES = [
    (
        "table of contents",
        re.compile(
            r"^(?:table\s+of\s+contents|contents|in\s+this\s+(?:list|article|post|guide|story)|jump\s+to|skip\s+to"
            r"|on\s+this\s+page)\b\s*[:.]?\s*$",
            re.IGNORECASE,
        ),
    ),
    (
        "image caption or credit",
        re.compile(
            r"^[\[(]?\s*(?:(?:featured |header |lead |top |main )?(?:image|photo|picture|still|poster|screenshot|"
            r"illustration|artwork|gif|video)s?(?:\s+(?:credit|courtesy|source))?\s*(?::|via\b|by\b|courtesy\b|"
            r"credit\b|©|-|–)|credits?\s*[:©-]|(?:photo|image)s?\s+courtesy\b|courtesy\s+(?:of\s+)?[A-Z]|source\s*:|"
            r"©|\(c\)\s|copyright\b)",
            re.IGNORECASE,
        ),
    ),
    (
        "image caption or credit",
        re.compile(
            r"(?:/|\bvia\s+|\|\s*)getty\s+images\W*$|\b(?:getty\s+images|everett\s+collection|alamy|shutterstock|rex\s+features|"
            r"associated\s+press|ap\s+photo|afp)\b|^via\s+\S",
            re.IGNORECASE,
        ),
    ),
    # "Al Pacino and Robert De Niro in Heat", "Eddie Redmayne as Stephen Hawking in …": people in a still.
    (
        "image caption or credit",
        re.compile(
            rf"^{PERSON}(?:(?:,\s*|\s+(?:and|&)\s+){PERSON})+\s+in\s+\S|^{PERSON}\s+as\s+{PERSON}(?:\s+in\s+\S.*)?$"
        ),
    ),
    ("image caption or credit", re.compile(rf"^(?:{STUDIOS})(?:\s*[/|,&]\s*(?:{STUDIOS}))*\.?$", re.IGNORECASE)),
    # "Still from Double Indemnity (1944). Courtesy BFI Stills.", "Tears in rain. (Warner Bros.)": a caption that
    # ends on its credit.
    (
        "image caption or credit",
        re.compile(
            rf"^(?:a\s+)?stills?\s+from\s+\S|[.)]\s+(?:courtesy(?:\s+of)?|photos?(?:\s+by)?:?|images?(?:\s+by)?:?"
            rf"|credit:?)\s+[A-Z][\w&.'’ -]{{1,60}}$|\.\s*\((?:{STUDIOS})\)\.?$",
            re.IGNORECASE,
        ),
    ),
    (
        "link to another article",
        re.compile(
            r"^[\[(]?\s*(?:read\s+more|read\s+also|also\s+read|read\s+next|related(?:\s+(?:article|post|story|"
            r"reading|content|links?))?|see\s+also|more\s+(?:from|on|like\s+this|reading)|further\s+reading|"
            r"recommended(?:\s+reading)?|you\s+(?:might|may)\s+also\s+(?:like|enjoy)|don[’']t\s+miss|check\s+out|"
            r"next\s+up|previous|next|also\s+on\s+\w+|more\s+stories|trending(?:\s+now)?|popular(?:\s+now)?|most\s+read"
            r"|more\s+from\s+[\w\s]{1,30})\s*(?:[:»→>|–—-]|$)",
            re.IGNORECASE,
        ),
    ),
    # An arrow before a film and its year ("→ Blue Velvet (1986)", "→ Fargo (2014– )", "► The Witch (Robert Eggers,
    # 2015) — a tagline") is a bullet, not a link.
    (
        "link to another article",
        re.compile(
            r"^(?:→|»|>>|➡|►)\s*(?![^()]{1,120}\([^()]{0,40}(?<!\d)(?:18[89]\d|19\d\d|20[0-3]\d)(?!\d)[^()]{0,20}\)"
            r"(?:\s*$|\s*[–—:|-]\s))\S",
            re.IGNORECASE,
        ),
    ),
    ("breadcrumb", re.compile(r"^[\w&’' -]{1,25}(?:\s*(?:>|»|›|/)\s*[\w&’' -]{1,25}){2,6}$")),
    ("embedded media or bare link", re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)),
    (
        "where-to-watch call-out",
        re.compile(
            rf"^(?:(?:now\s+)?(?:watch|stream|streaming|rent|buy|available|watch\s+it|stream\s+it|watch\s+now|"
            rf"where\s+to\s+(?:watch|stream)|how\s+to\s+watch|now\s+(?:on|streaming)|out\s+now|coming\s+soon)\b"
            rf"[^.]{{0,80}}\b(?:{SERVICES})\b|where\s+to\s+(?:watch|stream)\b|(?:{SERVICES})\s*[:|]\s*(?:watch|stream)"
            # "Seasons 1–11 on Netflix", "All episodes on Hulu": a short line that ends on a service.
            rf"|(?=(?:\S+\s+){{0,6}}\S+$).*\b(?:on|via|at)\s+(?:{SERVICES})\s*\.?$)",
            re.IGNORECASE,
        ),
    ),
    (
        "byline or date",
        re.compile(
            rf"^(?:by\s+[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,3}}(?:\s*(?:[,|·•–—-]|and|on)\s*.*)?$|(?:written|words|"
            rf"posted|published|updated|last\s+updated|reviewed|edited|compiled|first\s+published)(?:\s+(?:by|on|at))?"
            rf"\s*[:\s]|{DATE}\s*$|(?:watched|seen|logged|rewatched)\s+(?:on\s+)?{DATE}\s*$"
            rf"|(?:staff|contributing|senior)\s+writer\b|[\w.’' -]{{2,40}}\s*[|·•]\s*{DATE}"
            rf"|.{{0,60}}\b\d{{1,2}}\s+min(?:ute)?s?\s+read\b"
            # A newsletter's "Issue #112 · Thursday", "Edition 4 | 3 March 2024".
            rf"|(?:issue|edition|vol(?:ume)?\.?)\s*#?\d{{1,4}}(?:\s*[·•|,–—-]\s*\S.{{0,60}})?$"
            # Reddit's "r/televisionsuggestions · Posted by u/kahnwald_fan · 2y", "Top comment · u/tannhaus · 1.2k".
            rf"|r/\w{{2,30}}\s*[·•|]|(?:[^·•|]{{0,30}}[·•|]\s*)?(?:posted\s+by\s+)?u/[\w-]{{2,30}}(?:\s*[·•|]|\s*$)"
            # "The Double Feature Podcast · 1 hr 12 min · Released Oct 30, 2019": a show's credit line.
            rf"|[^.!?]{{0,120}}[|·•]\s*(?:released|aired|recorded|posted|published|updated)(?:\s+on)?\s+{DATE}\s*$)",
            re.IGNORECASE,
        ),
    ),
    # A forum reply quoting another: "Quote: …", "Rachael wrote: …", "Originally posted by Rachael".
    (
        "quoted reply",
        re.compile(r"^(?:quote\s*:|(?:quote|originally\s+posted)\s+(?:by|from)\s|[\w.’' -]{1,40}\s+wrote\s*:)", re.I),
    ),
    # "Sat 16 Mar 18:00 · Wed 20 Mar 20:30", "Fri, March 29 at 8:15pm": a cinema programme's screenings.
    (
        "screening time",
        re.compile(
            rf"^(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}|{MONTH}\s+"
            rf"\d{{1,2}}(?:st|nd|rd|th)?),?\s+(?:at\s+)?\d{{1,2}}[:.]\d\d(?!\d)",
            re.IGNORECASE,
        ),
    ),
    # "04:12 The Lighthouse review": a podcast's or a video's chapter; a film there has its year or a dash after
    # the time ("00:12:30 – Piranha (1978)").
    (
        "chapter timestamp",
        re.compile(r"^(?:\d{1,2}:)?\d{1,2}:\d\d\s+(?![–—-]\s)(?!.*(?<!\d)(?:18[89]\d|19\d\d|20[0-3]\d)(?!\d))\S"),
    ),
    (
        "e-mail header, greeting or sign-off",
        re.compile(
            r"^(?:(?:subject|from|sent|cc|fwd?|re)\s*:\s+\S|view\s+(?:this\s+)?(?:e-?mail\s+|newsletter\s+|issue\s+)?"
            r"(?:in\s+(?:your\s+|a\s+)?(?:web\s+)?browser|online)\b|having\s+trouble\s+viewing\b|(?:hi|hello|hey|dear)(?:\s+[\w’'-]+){0,3}\s*[,!]$"
            r"|(?:best|cheers|thanks|regards|best\s+wishes|kind\s+regards|all\s+the\s+best|until\s+next\s+(?:week|time)"
            r"|see\s+you\s+next\s+(?:week|time)|talk\s+soon)\s*[,!.]?(?:\s+[A-Z][\w’'-]*)?$)",
            re.IGNORECASE,
        ),
    ),
    (
        "banner",
        re.compile(
            r"^[\[(]?\s*(?:(?:advertisements?|adverts?|ads?|sponsored(?:\s+content)?|promoted|paid\s+content|partner\s+"
            r"content)(?:\s*[:|–—)\]-].*)?$|subscribe\b|sign\s+up\b|join\s+(?:our|the)\b|get\s+our\b|newsletter\b|share\s+(?:this|on)\b|share$|"
            r"follow\s+us\b|tweet\b|pin\s+it\b|click\s+here\b|(?:continue|keep)\s+reading\b|(?:story|article)\s+"
            r"continues\b|scroll\s+(?:down\s+)?to\s+continue|skip\s+(?:ad|to)\b|accept\s+cookies|we\s+use\s+cookies|"
            r"this\s+(?:article|post|page)\s+(?:contains|may\s+contain)\s+affiliate|we\s+may\s+earn|affiliate\s+"
            r"(?:links?|disclosure)|disclosure\s*:|listen\s+to\s+this\s+article|loading(?:\.\.\.|…)?$|"
            r"watch\s+the\s+trailer|trailer\s*[:\])]|(?:official\s+)?trailer$|embed\b|comments?\s*\(|"
            r"leave\s+a\s+(?:comment|reply)|\d+\s+comments?$|click\s+to\s+enlarge|enlarge\s+this\s+image|play\s+video$|"
            r"watch\s+video$|skip\s+to\s+(?:main\s+)?content|back\s+to\s+top$|copy\s+link$|print$|email$|"
            r"editor[’']s\s+note\b|page\s+\d+(?:\s+of\s+\d+)?$|(?:\d+\s+){2,}(?:next|›|»)|"
            r"(?:share\s+on\s+)?(?:facebook|twitter|pinterest|reddit|whatsapp|flipboard|linkedin)$|share\s+on\s+x$|spoilers?\s+(?:ahead|warning)"
            # A forum's or a social site's buttons: "Reply · Quote · Report 14 likes", "Reply Share Report Save".
            r"|(?:(?:reply|quote|report|share|save|follow|like|upvote|downvote|permalink|edit|flag|hide|award"
            r"|\d+(?:\.\d)?k?\s+(?:likes?|points?|upvotes?|votes?|replies|comments?))\s?(?:[·•|,]\s?)?){2,8}$"
            r"|(?:\$|£|€)\d)",
            re.IGNORECASE,
        ),
    ),
    (
        "details line",
        re.compile(
            r"^(?:director|directors|directed\s+by|dir\.|starring|stars|cast|writers?|written\s+by|screenplay|runtime|"
            r"running\s+time|run\s+time|length|genres?|rating|rated|mpaa|certificate|imdb(?:\s+rating)?|rotten\s+"
            r"tomatoes|tomatometer|metacritic|our\s+(?:rating|score|verdict)|score|country|language|release\s+date|"
            r"released|release|years?|aired|network|channel|creators?|created\s+by|showrunners?|based\s+on|seasons?|episodes?|"
            r"streaming\s+on|available\s+on|budget|box\s+office|studio|distributor|music\s+by|producers?)\s*[:–—|-]",
            re.IGNORECASE,
        ),
    ),
    # "Directed by Joel Coen | Starring Frances McDormand, William H. Macy": a period only after an initial.
    (
        "details line",
        re.compile(r"^(?i:directed\s+by|starring)\s+[A-Z](?:[^.!?]|(?<=\b[A-Z])\.|(?<=\b[JS]r)\.){0,150}$"),
    ),
    # "R | 123 min | Crime, Drama", as film databases print under a title.
    (
        "details line",
        re.compile(
            r"^(?:G|PG|PG-13|R|NC-17|NR|TV-(?:MA|14|PG|Y7?|G)|U|12A?|15|18|Unrated|Not\s+Rated|Approved)\s*[|·•]", re.I
        ),
    ),
    ("details line", re.compile(r"^(?:votes|gross|metascore)\s*:|^metascore\s+\d+$|^rate$", re.IGNORECASE)),
    ("details line", re.compile(r"^[\d,.]+\s*(?:votes?|ratings?|reviews?)$|^\d\.\d$", re.IGNORECASE)),
    # "1981 · Michael Mann · 2h 2m": a card's line of facts.
    (
        "details line",
        re.compile(r"^(?:18[89]\d|19\d\d|20[0-3]\d)(?:\s*[–—-]\s*(?:\d{4}|present)?)?\s*[|·•]\s*\S", re.I),
    ),
    (
        "details line",
        re.compile(r"^(?:\d{1,3}\s*min(?:utes)?|\d\s*h(?:ours?|rs?)?\s*\d{1,2}\s*m(?:in)?)\b.{0,40}$", re.I),
    ),
    # "★★★★", "★★★½ (3.5/5)": a rating, but not "★★★ 211 (2018)", a rated film whose title is a number.
    (
        "details line",
        re.compile(
            r"^(?:[★☆⭐✩✭✮✯]\s*){1,10}½?\s*(?:\(?\d(?:[.,]\d)?\s*(?:/\s*(?:5|10)|out\s+of\s+(?:5|10)|stars?)?\)?)?$",
            re.IGNORECASE,
        ),
    ),
    ("details line", re.compile(r"^\d(?:\.\d)?\s*/\s*(?:5|10)\s*(?:stars)?$")),
]
LONG_CAPTIONS = {RULES[1][1]}
YEAR_DETAIL = re.compile(
    r"^((?:18[89]|19\d|20[0-3])\d)\b(?:\s*[–—-]\s*(?:\d{4}|present)?)?\s*$"
    r"|^(?:years?|released?|release\s+(?:date|year)|premiered?|first\s+aired|aired|years?\s+active)\s*[:–—|-]\s*"
    r"(?:[^\d|]{0,20}\d{1,2}\s*,?\s*)?[^\d|]{0,20}((?:18[89]|19\d|20[0-3])\d)\b",
    re.IGNORECASE,
)
DETAIL_PARTS = re.compile(r"\s[|•·]\s")
# A running head sets its parts apart ("SIGHT LINES · AUTUMN 2015 23"); "Toy Story 2" has no separator.
PAGE_NUMBER_AT_END = re.compile(r"^(\S[^·|•—–]*?\s[·|•—–]\s.*?)\s+(\d{1,4})$")
LONGEST_RUNNING_HEAD_WORDS = 10
DIRECTOR_DETAIL = re.compile(r"^(?:director|directed\s+by|dir\.)\s*[:–—|-]?\s*(.+?)\s*\.?$", re.IGNORECASE)


@functools.lru_cache(maxsize=65536)
def stray_reason(text):
    """Why this line is not part of the list ("image caption or credit", …), or None."""
    # A call-out set in italics or bold ("*Follow us on Instagram*") is still a call-out.
    text = EMPHASISED.sub(r"\1", text)
    words = len(text.split())
    if words > LONGEST_CAPTION_WORDS or NUMBERED.match(text):
        return None  # a numbered line ("5. Heat (1995)") is a heading or a sentence, never a stray line
    for reason, pattern in RULES:
        # A caption can run long after "Photo:"; anything else that long is a paragraph that happens to match.
        longest = LONGEST_CAPTION_WORDS if pattern in LONG_CAPTIONS else LONGEST_STRAY_WORDS
        if words <= longest and pattern.search(text):
            return reason
    return None


def running_heads(texts):
    """The positions of a printed page's running heads: a short line that comes back with only its page number
    changed ("SIGHT LINES · AUTUMN 2015 23", "SIGHT LINES · AUTUMN 2015 24"), not sequels ("Toy Story 2")."""
    by_head = {}
    for position, text in enumerate(texts):
        found = PAGE_NUMBER_AT_END.match(text)
        if found and len(text.split()) <= LONGEST_RUNNING_HEAD_WORDS:
            by_head.setdefault(found.group(1).casefold(), []).append((position, found.group(2)))
    return {position for pages in by_head.values() if len({page for _, page in pages}) > 1 for position, _ in pages}


def year_detail(text):
    """ "Release date: March 27, 1981" → 1981, for an entry whose heading gives no year."""
    for part in DETAIL_PARTS.split(text):
        found = YEAR_DETAIL.match(part.strip())
        if found:
            return int(found.group(1) or found.group(2))
    return None


def director_detail(text):
    """ "Director: Michael Mann" → "Michael Mann", also as one part of "Genre: Crime | Director: Michael Mann"."""
    for part in DETAIL_PARTS.split(text):
        found = DIRECTOR_DETAIL.match(part.strip())
        if found:
            name = found.group(1).split(",")[0].split(" and ")[0].strip()
            if name:
                return name
    return None
