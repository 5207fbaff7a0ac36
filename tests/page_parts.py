"""The parts of a page's HTML that readers, search engines and link previews read."""

import json
import re
from html import unescape
from html.parser import HTMLParser


class PageParts(HTMLParser):
    """Title, meta tags, <link>s, JSON-LD blocks and the <h1> count of one page."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.meta = {}
        self.links = []
        self.structured_data_blocks = []
        self.h1_count = 0
        self.lang = None
        self._in = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "meta" and "content" in attrs:
            key = attrs.get("name") or attrs.get("property")
            assert key not in self.meta, f"two <meta> tags for {key}"
            self.meta[key] = attrs["content"]
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "h1":
            self.h1_count += 1
        elif tag == "title" or (tag == "script" and attrs.get("type") == "application/ld+json"):
            self._in = tag
            if tag == "script":
                self.structured_data_blocks.append("")

    def handle_endtag(self, tag):
        if tag == self._in:
            self._in = None

    def handle_data(self, data):
        if self._in == "title":
            self.title += data
        elif self._in == "script":
            self.structured_data_blocks[-1] += data

    def links_with_rel(self, rel):
        return [link for link in self.links if rel in (link.get("rel") or "").split()]

    @property
    def canonicals(self):
        return [link["href"] for link in self.links_with_rel("canonical")]

    @property
    def structured_data(self):
        """The page's one JSON-LD block, parsed."""
        assert len(self.structured_data_blocks) == 1, f"{len(self.structured_data_blocks)} JSON-LD blocks"
        return json.loads(self.structured_data_blocks[0])


def page_parts(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, path
    return PageParts(response.content.decode())


BACKTRACE_COUNTDOWN = [
    "6. Escape Plan (2013)",
    "5. Dragged Across Concrete (2019)",
    "4. American Heist (2014)",
    "3. Out of Death (2021)",
    "2. 211 (2018)",
    "1. Memento (2000)",
]


def visible_text(html):
    """The page as a reader reads it: scripts and tags gone, entities decoded, white space folded."""
    without_scripts = re.sub(r"<script\b[^>]*>.*?</script>", " ", html, flags=re.S)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", without_scripts)).split())


def countdown_headings(html):
    headings = re.findall(r'<h2 class="entry-title"[^>]*>(.*?)</h2>', html, re.S)
    return [visible_text(heading) for heading in headings]


def preview_problems(html):
    """What a preview says the form cannot accept yet, as the preview panel's script reads it."""
    data = re.search(r'<script id="preview-problems" type="application/json">(.*?)</script>', html, re.S)
    assert data, "no preview problems on the page"
    return json.loads(unescape(data.group(1)))


def section_of(html, opening):
    """The HTML from `opening` (the start of a section's first tag) to the end of that section, or ""."""
    start = html.find(opening)
    if start < 0:
        return ""
    tag = re.match(r"<(\w+)", opening).group(1)
    end = html.find(f"</{tag}>", start)
    return html[start:end]


def card_titles(html):
    """The titles of the list cards in `html`, in page order."""
    return [visible_text(title) for title in re.findall(r'<article class="card">\s*<h3><a [^>]*>(.*?)</a></h3>', html)]


def similar_film_titles(html):
    """The film page's "Similar films", best first, as titles without their years."""
    similar = section_of(html, '<ul class="similar">')
    shown = [visible_text(name) for name in re.findall(r"<span>(.*?)</span></a>", similar, re.S)]
    return [re.sub(r" \(\d{4}\)$", "", name) for name in shown]


def film_grid_count(html):
    """How many films a page's poster grid shows."""
    return html.count('<span class="film-grid-title">')


def name_list_count(html):
    """How many people (or other names) a page's name list shows."""
    return section_of(html, '<ul class="name-list">').count("<li>")
