"""
What base.html puts in each reader page's <head>: title, description, canonical link,
robots, Open Graph and Twitter tags, feed links and structured data.

One function per page kind, called from the page's view (PageMetaMixin) with the objects
the page already shows, so nothing here queries the database. base.html loops over the
dicts PageMeta gives; a page without page_meta (the 404, previews) gets the site defaults.
"""

import html
from dataclasses import dataclass, field
from urllib.parse import quote
from urllib.parse import urlencode as query_string

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.http import urlencode

from . import structured_data
from .markup import render_markdown

SITE_DESCRIPTION = "Countdowns of films like the ones you love, and why each one belongs."
HOME_TITLE = "Movies like the ones you love"
# About what search engines show under a result before cutting it off.
DESCRIPTION_LENGTH = 155
# Drawn by scripts/make_site_images.py; Open Graph's preferred 1.91:1 shape.
DEFAULT_IMAGE = {"path": "img/social.png", "width": 1200, "height": 630}
RSS = "application/rss+xml"
ATOM = "application/atom+xml"


class PageMetaMixin:
    """For views: gives base.html the page's title, description, canonical link, social tags and structured data
    from the view's get_page_meta(context)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["page_meta"] = self.get_page_meta(context)
        return context


@dataclass(frozen=True)
class Image:
    url: str
    width: int | None
    height: int | None
    alt: str

    @property
    def is_wide(self):
        return bool(self.width and self.height and self.width > self.height)


@dataclass(frozen=True)
class Feed:
    title: str
    url: str
    type: str


@dataclass(frozen=True)
class ShareLink:
    name: str
    url: str


# Each network's own address for sharing a page: plain links, so no script or image of theirs loads.
SHARE_ADDRESSES = [
    ("Email", "mailto:", lambda title, url: {"subject": title, "body": url}),
    ("Bluesky", "https://bsky.app/intent/compose", lambda title, url: {"text": f"{title} {url}"}),
    ("X", "https://x.com/intent/post", lambda title, url: {"text": title, "url": url}),
    ("Facebook", "https://www.facebook.com/sharer/sharer.php", lambda title, url: {"u": url}),
    ("LinkedIn", "https://www.linkedin.com/sharing/share-offsite/", lambda title, url: {"url": url}),
    ("Reddit", "https://www.reddit.com/submit", lambda title, url: {"url": url, "title": title}),
    ("WhatsApp", "https://wa.me/", lambda title, url: {"text": f"{title} {url}"}),
]


@dataclass(frozen=True)
class PageMeta:
    title: str
    description: str
    image: Image
    # Absolute; None for pages that are not to be indexed under their own address.
    canonical: str | None
    # og:type: website, article, video.movie or profile.
    kind: str = "website"
    robots: str = ""
    feeds: tuple[Feed, ...] = ()
    structured_data: dict | None = None
    more_open_graph: dict = field(default_factory=dict)

    @property
    def open_graph(self):
        tags = {
            "og:site_name": settings.SITE_NAME,
            "og:type": self.kind,
            "og:title": self.title,
            "og:description": self.description,
            "og:url": self.canonical,
            "og:image": self.image.url,
            "og:image:width": self.image.width,
            "og:image:height": self.image.height,
            "og:image:alt": self.image.alt,
            "og:locale": "en_US",
            **self.more_open_graph,
        }
        return {name: value for name, value in tags.items() if value}

    @property
    def twitter(self):
        return {
            # A poster is tall: the large card would crop it to a letterbox.
            "twitter:card": "summary_large_image" if self.image.is_wide else "summary",
            "twitter:title": self.title,
            "twitter:description": self.description,
            "twitter:image": self.image.url,
            "twitter:image:alt": self.image.alt,
        }

    @property
    def share_links(self):
        """Where readers can share the page: its title and canonical address in each network's share link."""
        if not self.canonical:
            return []
        return [
            ShareLink(name, f"{address}?{query_string(params(self.title, self.canonical), quote_via=quote)}")
            for name, address, params in SHARE_ADDRESSES
        ]

    @property
    def structured_data_json(self):
        if self.structured_data is None:
            return ""
        return structured_data.as_script(self.structured_data)


def home_page(request, page):
    description = SITE_DESCRIPTION
    return PageMeta(
        title=paged(HOME_TITLE, page),
        description=description,
        image=default_image(request),
        canonical=canonical(request, reverse("recommendations:home"), page),
        structured_data=structured_data.home_page(request.build_absolute_uri, description) if is_first(page) else None,
    )


def list_page(request, article, entries):
    image = poster_image(request, article.subject) or default_image(request)
    description = summary(plain_text(article.intro)) or f"Films like {article.subject}, counted down."
    return PageMeta(
        title=article.title,
        description=description,
        image=image,
        canonical=canonical(request, article.get_absolute_url()),
        kind="article",
        structured_data=structured_data.list_page(article, entries, request.build_absolute_uri, image.url),
        more_open_graph={
            "article:published_time": article.published_at.isoformat(),
            "article:modified_time": article.modified_at.isoformat(),
        },
    )


def film_page(request, film):
    synopsis = plain_text(film.synopsis)
    return PageMeta(
        title=str(film),
        description=summary(synopsis) or f"{film}: where to watch it, its cast, and films like it.",
        image=poster_image(request, film) or default_image(request),
        canonical=canonical(request, film.get_absolute_url()),
        kind="video.movie",
        structured_data=structured_data.film_page(film, request.build_absolute_uri, summary(synopsis)),
    )


def person_page(request, person):
    bio = plain_text(person.bio)
    photo = person.picture.for_sharing()
    image = shared(request, photo, f"Photo of {person}") if photo else default_image(request)
    return PageMeta(
        title=person.name,
        description=summary(bio) or f"{person.name}: their films, and the lists that feature them.",
        image=image,
        canonical=canonical(request, person.get_absolute_url()),
        kind="profile",
        feeds=feeds_for(f"Lists featuring {person.name}", "person_feed", "person_feed_atom", person.slug),
        structured_data=structured_data.person_page(person, request.build_absolute_uri, summary(bio)),
    )


def theme_index_page(request):
    return PageMeta(
        title="Themes",
        description="Browse films by what they are about: heists, prison escapes, corrupt cops, memory loss and more.",
        image=default_image(request),
        canonical=canonical(request, reverse("recommendations:theme_list")),
    )


def theme_page(request, theme, films):
    return PageMeta(
        title=paged(f"Films about {theme.name}", films),
        description=summary(plain_text(theme.description)) or f"Films about {theme.name}, and the lists that use them.",
        image=default_image(request),
        canonical=canonical(request, theme.get_absolute_url(), films),
        feeds=feeds_for(f"Lists about {theme.name}", "theme_feed", "theme_feed_atom", theme.slug),
    )


def tag_page(request, tag, films):
    return PageMeta(
        title=paged(f"Tagged “{tag.name}”", films),
        description=f"Lists and films tagged {tag.name}.",
        image=default_image(request),
        canonical=canonical(request, reverse("recommendations:tag_detail", kwargs={"slug": tag.slug}), films),
    )


def list_index_page(request, filters, page):
    described = filters.describe()
    title = f"Lists {described}" if described else "Every list"
    description = (
        f"Our “movies like” lists {described}, newest first."
        if described
        else "Every “movies like” list we have published, newest first: filter them by theme, tag, decade or service."
    )
    url = canonical(request, reverse("recommendations:article_list"), page, filters.values())
    return PageMeta(
        title=paged(title, page),
        description=description,
        image=default_image(request),
        canonical=url,
        feeds=(Feed(f"{settings.SITE_NAME}: new lists (RSS)", reverse("recommendations:feed"), RSS),),
        structured_data=structured_data.collection_page(title, url, page.object_list, request.build_absolute_uri),
    )


def name_index_page(request, title, url_name, letter, page):
    """Films or people A to Z, all or under one letter."""
    under = f" under {letter.upper()}" if letter else ""
    return PageMeta(
        title=paged(f"{title}{under}, A to Z", page),
        description=f"{title} in the magazine{under}, A to Z: each with its page, and the lists that feature it.",
        image=default_image(request),
        canonical=canonical(
            request, reverse(f"recommendations:{url_name}"), page, {"letter": letter} if letter else None
        ),
    )


def tag_index_page(request, page):
    return PageMeta(
        title=paged("Tags", page),
        description="Every tag on our lists and films, A to Z, with how many lists carry it.",
        image=default_image(request),
        canonical=canonical(request, reverse("recommendations:tag_list"), page),
    )


def author_page(request, author, page):
    bio = plain_text(author.bio)
    photo = author.picture.for_sharing()
    image = shared(request, photo, f"Photo of {author.name}") if photo else default_image(request)
    url = canonical(request, author.get_absolute_url(), page)
    return PageMeta(
        title=paged(author.name, page),
        description=summary(bio) or f"Every “movies like” list by {author.name}, newest first.",
        image=image,
        canonical=url,
        kind="profile",
        structured_data=structured_data.author_page(author, url, image.url if photo else None, summary(bio))
        if is_first(page)
        else None,
    )


def search_page(request, results):
    return PageMeta(
        title=f"Search: {results.query}" if results.query else "Search",
        description=f"Lists, films, people and themes that match “{results.query}”."
        if results.query
        else "Search the magazine's lists, films, people and themes.",
        image=default_image(request),
        # Every search, whatever was typed, is one page to search engines, and not one to list.
        canonical=canonical(request, reverse("recommendations:search")),
        robots="noindex",
    )


def plain_text(markdown_text):
    """Editor Markdown as a reader would read it aloud: no markup, no entities, single spaces."""
    return " ".join(html.unescape(strip_tags(render_markdown(markdown_text))).split())


def summary(text, length=DESCRIPTION_LENGTH):
    """`text` cut to at most `length` characters at a word boundary, with an ellipsis when cut."""
    if len(text) <= length:
        return text
    cut = text[: length - 1]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.–—-") + "…"


def is_first(page):
    return page is None or page.number == 1


def paged(title, page):
    return title if is_first(page) else f"{title}, page {page.number}"


def canonical(request, path, page=None, params=None):
    """The page's one address: no reading order, tracking or unknown parameters; the filters in `params`
    (in their order), and a page number past the first."""
    params = dict(params or {})
    if not is_first(page):
        params["page"] = page.number
    if params:
        path = f"{path}?{urlencode(params)}"
    return request.build_absolute_uri(path)


def default_image(request):
    return Image(
        url=request.build_absolute_uri(static(DEFAULT_IMAGE["path"])),
        width=DEFAULT_IMAGE["width"],
        height=DEFAULT_IMAGE["height"],
        alt=f"{settings.SITE_NAME}: {HOME_TITLE.lower()}",
    )


def poster_image(request, film):
    poster = film.picture.for_sharing()
    return shared(request, poster, f"Poster of {film}") if poster else None


def shared(request, picture, alt):
    return Image(request.build_absolute_uri(picture["url"]), picture["width"], picture["height"], alt)


def feeds_for(title, rss_url_name, atom_url_name, slug):
    """A theme's or person's own feeds, beside the site's (which base.html links on every page)."""
    return (
        Feed(f"{title} (RSS)", reverse(f"recommendations:{rss_url_name}", kwargs={"slug": slug}), RSS),
        Feed(f"{title} (Atom)", reverse(f"recommendations:{atom_url_name}", kwargs={"slug": slug}), ATOM),
    )
