"""
An HTML article (a saved page, or a rich paste from the admin) as a Document of blocks.

h2–h4, bold-only paragraphs and the items of an <ol> are heading candidates; paragraphs,
cells and other items are text; figcaptions are captions. Scripts, styles, navigation,
headers, footers, asides, forms and comments are dropped. The page's <h1> (or <title>)
is the article's title. lxml (libxml2) parses: it takes malformed markup as browsers do,
in linear time, and gives the source line of every element. The walk below is iterative,
so deeply nested markup cannot exhaust Python's stack.
"""

import re

from lxml import etree

from .document import BARE_NUMBER_LINE, INVISIBLE, YEAR_ONLY, Block, Document, clean
from .results import MAX_HTML_BYTES, MAX_LINES, ArticleParseError

DROPPED = {
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "button", "select",
    "textarea", "iframe", "svg", "canvas", "object", "embed", "video", "audio", "map", "head", "menu", "dialog",
}  # fmt: skip
BLOCKS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ol", "ul", "dl", "dt", "dd",
    "blockquote", "pre", "figure", "figcaption", "table", "thead", "tbody", "tr", "hr", "br", "body",
    "center", "address", "details", "summary", "caption",
}  # fmt: skip
BOLD = {"b", "strong"}
ITALIC = {"em", "i", "cite"}
# Wrappers that sites put around sharing buttons, newsletters, related links, adverts and comments.
NOISE_CLASS = re.compile(
    r"(?:^|[-_])(?:sidebar|share|sharing|social|newsletter|related|breadcrumbs?|comments?|advert|ads?|ad-slot|promo|"
    r"subscribe|cookie|popup|modal|navbar|site-header|site-footer|site-nav|author-bio|byline-block|widget|trending|"
    r"popular|most-read|recommended|read-next|more-stories|outbrain|taboola)(?:$|[-_])",
    re.IGNORECASE,
)
CAPTION_CLASS = re.compile(r"(?:^|[-_])(?:caption|wp-caption-text|credit|image-credit|photo-credit)(?:$|[-_])", re.I)
NOISE_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog"}
TITLE_SUFFIX = re.compile(r"\s+[|–—·:-]\s+[^|–—·:-]{1,40}$")
# "CineFanatic :: Features :: Still Afraid to Go in the Water?": a breadcrumb, which ends on the page itself.
BREADCRUMB = re.compile(r"\s+(?:::|»|›)\s+")
LONGEST_BOLD_HEADING = 200
BLOCK_TAG = re.compile(r"<(?:p|div|h[1-6]|li|ol|ul|table|tr|br|section|article|blockquote|dl|dt|dd|main)\b", re.I)
CAPTION_OPEN = re.compile(r"\[(?:caption|wp_caption)\b[^\]]{0,500}\]", re.IGNORECASE)
CAPTION_CLOSE = re.compile(r"\[/(?:caption|wp_caption)\]", re.IGNORECASE)
SHORTCODE = re.compile(
    r"\[/?(?:embed|gallery|video|audio|youtube|vimeo|playlist|ad|adsense|related|newsletter|button|tweet)\b[^\]]{0,500}\]",
    re.IGNORECASE,
)


def html_document(html, newlines_break=None):
    """The blocks of an HTML page or fragment. `newlines_break` reads line breaks in text as WordPress does;
    by default it does so when the HTML has no block elements at all (a classic-editor post pasted as is)."""
    if isinstance(html, bytes):
        html = html.decode("utf-8", errors="replace")
    if len(html) > MAX_HTML_BYTES:
        raise ArticleParseError(f"The page is {len(html):,} characters long; at most {MAX_HTML_BYTES:,} can be read.")
    html = _without_shortcodes(INVISIBLE.sub("", html))
    if not html.strip():
        return Document(blocks=[])
    if newlines_break is None:
        newlines_break = "\n" in html.strip() and not BLOCK_TAG.search(html)
    parser = etree.HTMLParser(
        encoding="utf-8", remove_comments=True, remove_pis=True, no_network=True, huge_tree=False, recover=True
    )
    try:
        root = etree.fromstring(html.encode("utf-8"), parser)
    except (etree.LxmlError, ValueError) as error:
        raise ArticleParseError(f"The HTML could not be read: {error}") from None
    if root is None:
        return Document(blocks=[])
    walker = _Walker(newlines_break)
    walker.walk(root, _content_root(root))
    title = walker.page_title()
    others = [name for name in dict.fromkeys(walker.titles()) if name and name != title]
    return Document(blocks=_joined(walker.blocks), page_title=title, other_titles=others, images=walker.images)


def _joined(blocks):
    """A number in an element of its own ("<span>10</span><h2>Thief</h2>") and a year below a heading
    ("<h2>Thief</h2><p>1981</p>") belong to the heading."""
    joined = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if previous and len(previous.lines) == 1 and BARE_NUMBER_LINE.match(previous.text) and block.kind == "heading":
            number = previous.text if previous.text[-1] in ".):–—-" else previous.text + "."
            joined[-1] = Block(lines=[(previous.line, f"{number} {block.text}")], kind="heading", level=block.level)
        elif (
            previous
            and previous.kind == "heading"
            and YEAR_ONLY.match(block.text)
            and not YEAR_ONLY.match(previous.text)
        ):
            year = block.text.strip("()[]")
            joined[-1] = Block(
                lines=[(previous.line, f"{previous.text} ({year})")], kind="heading", level=previous.level
            )
        else:
            joined.append(block)
    return joined


def _without_shortcodes(html):
    """WordPress's [caption]…[/caption] is a figure with its caption; [embed], [gallery] and the like are dropped."""
    if "[" not in html:
        return html
    html = CAPTION_OPEN.sub("<figure><figcaption>", html)
    html = CAPTION_CLOSE.sub("</figcaption></figure>", html)
    return SHORTCODE.sub("", html)


def _content_root(root):
    """The one <article> (or <main>) of a page, which leaves out sidebars and "popular lists" boxes."""
    for tag in ("article", "main"):
        found = root.findall(f".//{tag}")
        if len(found) == 1:
            return found[0]
    return root


class _Walker:
    def __init__(self, newlines_break):
        self.newlines_break = newlines_break
        self.blocks = []
        self.images = []
        self.h1 = None
        self.title = None
        self.og_title = None
        self.parts = []  # (text, bold) of the block being read
        self.line = None
        self.contexts = [{"kind": "paragraph", "level": None, "rank": None}]
        self.lists = []  # per open <ol>: [next number, step]
        self.bold = 0
        self.italic = 0
        self.italic_parts = []  # (position in parts, text) of what is in italics

    def walk(self, root, content):
        inside, dropped = content is root, 0
        for event, element in etree.iterwalk(root, events=("start", "end")):
            tag = element.tag.lower() if isinstance(element.tag, str) else ""
            if event == "start":
                self._notice(tag, element)
                if dropped:
                    dropped += 1
                    continue
                inside = inside or element is content
                if not inside:
                    continue
                if self._is_noise(tag, element):
                    dropped = 1
                    continue
                self._start(tag, element)
                self._text(element.text, element)
                continue
            if dropped:
                dropped -= 1
                if dropped == 0:
                    self._text(element.tail, element)
                continue
            if not inside:
                continue
            self._end(tag)
            if element is content:
                inside = False
                continue
            self._text(element.tail, element)
        self._flush()

    def _notice(self, tag, element):
        """The title and images count even where the text is dropped (an <h1> in a <header>)."""
        if tag == "h1" and self.h1 is None:
            self.h1 = clean("".join(element.itertext()))[:300] or None
        elif tag == "meta" and element.get("property", element.get("name", "")).lower() == "og:title":
            self.og_title = self.og_title or clean(element.get("content", ""))[:300] or None
        elif tag == "title" and self.title is None:
            self.title = clean("".join(element.itertext()))[:300] or None
        elif tag == "img":
            source = element.get("src") or element.get("data-src") or ""
            if source and not source.startswith("data:") and source not in self.images:
                self.images.append(source)

    def _is_noise(self, tag, element):
        if tag in DROPPED or element.get("role", "").lower() in NOISE_ROLES or element.get("aria-hidden") == "true":
            return True
        names = f"{element.get('class', '')} {element.get('id', '')}".split()
        return any(NOISE_CLASS.search(name) for name in names)

    def _start(self, tag, element):
        if tag == "b" or tag == "strong":
            self.bold += 1
        if tag in ITALIC:
            self.italic += 1
        if tag in ("td", "th") and any(piece.strip() for piece, _ in self.parts):
            # A table row is one line: "1 – Thief – 1981".
            self.parts.append((" – ", False))
        if tag not in BLOCKS:
            return
        self._flush()
        if tag in ("br", "hr"):
            return
        context = {"kind": "paragraph", "level": None, "rank": None}
        classes = f"{element.get('class', '')}".split()
        if tag == "h1":
            context["kind"] = "title"
        elif tag in ("h2", "h3", "h4"):
            context.update(kind="heading", level=int(tag[1]))
        elif tag == "figcaption" or tag == "caption" or any(CAPTION_CLASS.search(name) for name in classes):
            context["kind"] = "caption"
        elif tag == "li":
            parent = element.getparent()
            if parent is not None and parent.tag == "ol" and self.lists:
                counter = self.lists[-1]
                context.update(kind="item", rank=counter[0])
                counter[0] += counter[1]
            else:
                context["kind"] = "bullet"
        elif tag == "ol":
            self.lists.append(_counter(element))
        if self.contexts[-1]["kind"] == "caption":
            context["kind"] = "caption"
        self.contexts.append(context)

    def _end(self, tag):
        if tag in BOLD:
            self.bold = max(0, self.bold - 1)
        if tag in ITALIC:
            self.italic = max(0, self.italic - 1)
        if tag not in BLOCKS or tag in ("br", "hr"):
            return
        self._flush()
        if tag == "ol" and self.lists:
            self.lists.pop()
        if len(self.contexts) > 1:
            self.contexts.pop()

    def _text(self, text, element):
        if not text:
            return
        pieces = re.split(r"\n", text) if self.newlines_break else [text]
        for position, piece in enumerate(pieces):
            if position:
                self._flush()
            if piece.strip():
                if self.line is None:
                    self.line = element.sourceline or 0
                if self.italic:
                    self.italic_parts.append((len(self.parts), piece))
                self.parts.append((piece, self.bold > 0))
            elif piece:
                self.parts.append((piece, self.bold > 0))

    def _flush(self):
        parts, line, italic_parts = self.parts, self.line, self.italic_parts
        self.parts, self.line, self.italic_parts = [], None, []
        text = clean("".join(piece for piece, _ in parts))
        if not text:
            return
        context = self.contexts[-1]
        kind, lead = context["kind"], None
        bold_text = clean("".join(piece for piece, bold in parts if bold))
        leading = _bold_lead(parts)
        if leading and leading != text and text.startswith(leading) and YEAR_ONLY.match(text[len(leading) :].strip()):
            # "<strong>Dynasty</strong> <span>1981–1989</span>": a year the markup sets apart is the title's year.
            text = f"{leading} ({text[len(leading) :].strip().strip('()[]')})"
        if kind in ("paragraph", "bullet") and bold_text == text and len(text) <= LONGEST_BOLD_HEADING:
            kind = "heading"
        elif leading and leading != text:
            rest = text[len(leading) :].strip()
            # "<b>1. Heat</b> (1995)": a short remainder is part of the heading, not a blurb.
            if kind in ("paragraph", "bullet") and len(rest) <= 40 and "." not in rest.rstrip("."):
                kind = "heading"
            else:
                lead = leading
        if len(self.blocks) >= MAX_LINES:
            raise ArticleParseError(f"The page has over {MAX_LINES:,} paragraphs; an article can have at most that.")
        rank = context["rank"]
        context["rank"] = None
        spans = _bold_spans(parts)
        inner = spans[0] if len(spans) == 1 and kind == "paragraph" and not lead and spans[0] != text else None
        block = Block(lines=[(line or 0, text)], kind=kind, level=context["level"], lead=lead, list_rank=rank)
        block.bold = inner
        block.italics = _spans(italic_parts)
        self.blocks.append(block)

    def titles(self):
        """Every name the page gives itself: og:title, the <h1>, the <title> without the site's name."""
        return [self.og_title, self.h1, _without_site_name(self.title) if self.title else None]

    def page_title(self):
        """og:title, else the <h1> unless it is only the site's name, else <title> without the site's name."""
        title = _without_site_name(self.title) if self.title else None
        if self.og_title:
            return self.og_title
        site = self.title.replace(title, " ", 1) if title and self.title else ""
        if self.h1 and not (site and self.h1.lower() in site.lower()):
            return self.h1
        return title or self.h1


def _without_site_name(title):
    """ "Movies Like Heat | 7 Similar Films - Reel Talk" → "Movies Like Heat": short trailing segments go;
    of a breadcrumb, the last part stays."""
    crumbs = BREADCRUMB.split(title)
    if len(crumbs) > 1 and len(crumbs[-1].split()) >= 2:
        title = crumbs[-1]
    for _ in range(2):
        shorter = TITLE_SUFFIX.sub("", title).strip()
        if shorter == title or len(shorter.split()) < 2 or len(title[len(shorter) :].split()) > 6:
            break
        title = shorter
    return title


def _spans(marked):
    """The runs of consecutive marked pieces, as texts: [(0, "Heat")] → ("Heat",)."""
    spans, current, last = [], [], None
    for position, piece in marked:
        if current and position != last + 1:
            spans.append(clean("".join(current)))
            current = []
        current.append(piece)
        last = position
    if current:
        spans.append(clean("".join(current)))
    return tuple(span for span in spans if span and len(span) <= 100)


def _bold_spans(parts):
    spans, current = [], []
    for piece, bold in parts:
        if bold:
            current.append(piece)
        elif current and piece.strip():
            spans.append(clean("".join(current)))
            current = []
    if current:
        spans.append(clean("".join(current)))
    return [span for span in spans if span]


def _bold_lead(parts):
    """The bold text a block starts with ("<strong>Heat (1995)</strong> Mann's…"), or None."""
    lead = []
    for piece, bold in parts:
        if not bold:
            if piece.strip():
                break
            lead.append(piece)
            continue
        lead.append(piece)
    text = clean("".join(lead))
    return text if len(text) >= 2 else None


def _counter(element):
    """[first number, step] for an <ol>, with its start and reversed attributes."""
    items = sum(1 for child in element if isinstance(child.tag, str) and child.tag == "li")
    reversed_list = element.get("reversed") is not None
    try:
        start = int(element.get("start", ""))
    except ValueError:
        start = items if reversed_list else 1
    return [start, -1 if reversed_list else 1]
