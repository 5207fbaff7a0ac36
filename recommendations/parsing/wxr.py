"""
WordPress exports (WXR, what Tools → Export writes): one parse per post that is a "movies like X" list.

The XML is read with defusedxml, which refuses entity declarations (the "billion laughs"),
external entities and DTDs, so a hostile export is refused rather than expanded. Each
published post becomes a parse carrying its date, author's display name, categories and
tags, and images (its attachments and the <img> in its content); every other post is
reported with the reason it was skipped.
"""

import datetime
import email.utils
from dataclasses import dataclass, field

import defusedxml.ElementTree
from defusedxml import DefusedXmlException

from .article import parse_document
from .html import html_document
from .results import MAX_WXR_BYTES, ArticleParseError, ParsedArticle

CONTENT = "{http://purl.org/rss/1.0/modules/content/}encoded"
CREATOR = "{http://purl.org/dc/elements/1.1/}creator"
# Fewer film headings than this is a review or a news post that names a film, not a countdown.
FEWEST_ENTRIES = 3


@dataclass
class WxrPost:
    title: str
    post_id: str | None
    status: str
    date: str | None  # ISO 8601 in UTC, "2019-03-01T10:00:00+00:00"
    author: str | None
    categories: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    article: ParsedArticle | None = None
    skipped: str | None = None  # why it is not imported

    def as_json(self):
        return {
            "title": self.title,
            "post_id": self.post_id,
            "status": self.status,
            "date": self.date,
            "author": self.author,
            "categories": self.categories,
            "tags": self.tags,
            "images": self.images,
            "imported": self.article is not None,
            "skipped": self.skipped,
            "article": self.article.as_json() if self.article else None,
        }


@dataclass
class WxrReport:
    posts: list[WxrPost]

    @property
    def imported(self):
        return [post for post in self.posts if post.article is not None]

    def summary(self):
        lines = [f"{len(self.imported)} of {len(self.posts)} posts look like “movies like X” lists."]
        for post in self.posts:
            if post.article:
                subject = post.article.subject.title if post.article.subject else "?"
                lines.append(f"Imported: “{post.title}” (about {subject}, {len(post.article.entries)} entries)")
            else:
                lines.append(f"Skipped: “{post.title}”: {post.skipped}")
        return "\n".join(lines)


def read_wxr(data, catalogue=None):
    """Every post of a WordPress export, parsed or skipped with a reason. Raises ArticleParseError for a bad file."""
    if isinstance(data, str):
        data = data.encode("utf-8")
    if len(data) > MAX_WXR_BYTES:
        raise ArticleParseError(f"The export is {len(data):,} bytes; at most {MAX_WXR_BYTES:,} can be read at once.")
    try:
        root = defusedxml.ElementTree.fromstring(data, forbid_dtd=True)
    except DefusedXmlException:
        raise ArticleParseError(
            "The export declares a DTD or entities, which WordPress exports never do; it was not read."
        ) from None
    except defusedxml.ElementTree.ParseError as error:
        raise ArticleParseError(f"The export is not well-formed XML: {error}") from None
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        raise ArticleParseError("This is not a WordPress export: it has no <rss><channel>.")
    authors = _authors(channel)
    items = channel.findall("item")
    images = _attachments(items)
    posts = []
    for item in items:
        if _wp(item, "post_type") != "post":
            continue
        posts.append(_post(item, authors, images, catalogue))
    return WxrReport(posts=posts)


def _post(item, authors, attachments, catalogue):
    login = _text(item, CREATOR)
    post = WxrPost(
        title=_text(item, "title"),
        post_id=_wp(item, "post_id") or None,
        status=_wp(item, "status") or "",
        date=_date(item),
        author=authors.get(login, login) or None,
        categories=_terms(item, "category"),
        tags=_terms(item, "post_tag"),
    )
    post.images = list(attachments.get(post.post_id, []))
    if post.status != "publish":
        post.skipped = f"not a published post (status “{post.status or 'none'}”)"
        return post
    try:
        document = html_document(_text(item, CONTENT), newlines_break=True)
        for source in document.images:
            if source not in post.images:
                post.images.append(source)
        document.page_title = post.title or document.page_title
        article = parse_document(document, catalogue)
    except ArticleParseError as error:
        post.skipped = f"no countdown of films found ({error.message})"
        return post
    if len(article.entries) < FEWEST_ENTRIES:
        post.skipped = f"no countdown of films found (only {len(article.entries)} film heading(s))"
    elif article.subject is None or article.subject.confidence == "low":
        # A guess from the names in the prose is for an editor pasting one article, not for a bulk import.
        guess = f" (only a guess: {article.subject.title})" if article.subject else ""
        post.skipped = f"no subject found: no “movies like X” or similar phrase in the title or intro{guess}"
    else:
        article.date = post.date[:10] if post.date else None
        article.author = post.author
        article.tags = list(dict.fromkeys(post.categories + post.tags))
        article.images = post.images
        post.article = article
    return post


def _wp(item, name):
    for child in item:
        if (
            isinstance(child.tag, str)
            and child.tag.startswith("{http://wordpress.org/export/")
            and child.tag.endswith("}" + name)
        ):
            return (child.text or "").strip()
    return ""


def _text(item, tag):
    found = item.find(tag)
    return (found.text or "").strip() if found is not None else ""


def _terms(item, domain):
    terms = []
    for category in item.findall("category"):
        name = (category.text or "").strip()
        if category.get("domain") == domain and name and name not in terms:
            terms.append(name)
    return terms


def _authors(channel):
    """Author login → display name, from the channel's <wp:author> list."""
    names = {}
    for child in channel:
        if isinstance(child.tag, str) and child.tag.endswith("}author") and "wordpress.org/export" in child.tag:
            login, display = _wp(child, "author_login"), _wp(child, "author_display_name")
            if login:
                names[login] = display or login
    return names


def _attachments(items):
    """Post id → URLs of the attachments whose parent it is."""
    found = {}
    for item in items:
        if _wp(item, "post_type") != "attachment":
            continue
        url = _wp(item, "attachment_url") or _text(item, "guid")
        parent = _wp(item, "post_parent")
        if url and parent and parent != "0":
            found.setdefault(parent, []).append(url)
    return found


def _date(item):
    gmt = _wp(item, "post_date_gmt")
    if gmt and not gmt.startswith("0000"):
        return gmt.replace(" ", "T") + "+00:00"
    published = _text(item, "pubDate")
    if published:
        try:
            moment = email.utils.parsedate_to_datetime(published)
        except (TypeError, ValueError):
            return None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=datetime.UTC)
        return moment.astimezone(datetime.UTC).isoformat()
    return None
