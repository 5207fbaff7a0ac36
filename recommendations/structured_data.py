"""
Structured data (schema.org JSON-LD): one block on the list, film, person, author, lists index and home pages.

Each function builds plain Python data from the objects its page already shows, as the
page's queryset prefetched them, so it costs no query of its own. `as_script` turns the
data into JSON that is safe inside <script type="application/ld+json"> whatever an editor
typed; templates/jinja2/base.html is the one place it is written.

`absolute` is a function from a path on this site to an absolute URL (the request's
build_absolute_uri): search engines need whole URLs.
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe

CONTEXT = "https://schema.org"

# What Django's json_script escapes, for the same reason: "</script>" or "<!--" in a title
# stays a string inside the data instead of ending the script element.
SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def as_script(data):
    """JSON for a script element: after the escapes above, no text can end the element early."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(SCRIPT_ESCAPES))


def list_page(article, entries, absolute, image_url):
    """
    The list as an Article, its countdown as an ItemList and a BreadcrumbList.

    The ItemList is the summary-page shape search engines read for a carousel: each item is its
    position (the number the reader sees), a name and the address of the film's own page, whose
    JSON-LD describes the Movie in full (poster, director, cast). Repeating every Movie here
    made a 100-entry page's JSON-LD 30 KB. `entries` are in the order the page shows them.
    """
    url = absolute(article.get_absolute_url())
    countdown = {
        "@type": "ItemList",
        "@id": f"{url}#countdown",
        "name": article.title,
        "numberOfItems": len(entries),
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": entry.rank,
                "name": str(entry.film),
                "url": absolute(entry.film.get_absolute_url()),
            }
            for entry in entries
        ],
    }
    page = {
        "@type": "Article",
        "@id": f"{url}#article",
        "headline": article.title,
        "url": url,
        "mainEntityOfPage": url,
        "author": author(article, absolute),
        "publisher": organisation(absolute),
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.modified_at.isoformat(),
        "image": image_url,
        # The subject's directors came with the page's films (countdown.prefetch_films).
        "about": movie(article.subject, [credit.person for credit in article.subject.director_credits], absolute),
        "mainEntity": {"@id": countdown["@id"]},
    }
    breadcrumbs = {
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Home", "item": absolute(reverse("recommendations:home"))},
            {"@type": "ListItem", "position": 2, "name": article.title, "item": url},
        ],
    }
    return {"@context": CONTEXT, "@graph": [page, countdown, breadcrumbs]}


def film_page(film, absolute, description):
    """A Movie with its credits and themes, read from for_film_page()'s prefetches."""
    data = {"@context": CONTEXT, **movie(film, [credit.person for credit in film.directors], absolute)}
    if film.year:
        data["datePublished"] = str(film.year)
    actors = unique(credit.person for credit in film.cast)
    if actors:
        data["actor"] = [person_summary(person, absolute) for person in actors]
    genres = [theme.name for theme in film.themes.all()]
    if genres:
        data["genre"] = genres
    if film.runtime:
        data["duration"] = f"PT{film.runtime}M"
    if description:
        data["description"] = description
    # sameAs (IMDb, Wikidata…) waits for a field that records those addresses.
    return data


def person_page(person, absolute, description):
    data = {"@context": CONTEXT, **person_summary(person, absolute)}
    photo = person.picture.for_sharing()
    if photo:
        data["image"] = absolute(photo["url"])
    if description:
        data["description"] = description
    return data


def home_page(absolute, description):
    """The site's name and address, which search engines show beside its pages."""
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": settings.SITE_NAME,
        "url": absolute(reverse("recommendations:home")),
        "description": description,
    }


def movie(film, directors, absolute):
    data = {"@type": "Movie", "name": film.title, "url": absolute(film.get_absolute_url())}
    poster = film.picture.for_sharing()
    if poster:
        data["image"] = absolute(poster["url"])
    if film.year:
        data["dateCreated"] = str(film.year)
    if directors:
        data["director"] = [person_summary(person, absolute) for person in unique(directors)]
    return data


def person_summary(person, absolute):
    return {"@type": "Person", "name": person.name, "url": absolute(person.get_absolute_url())}


def author(article, absolute):
    """The list's author as a Person, by the name bylines show, with their page; else the magazine."""
    if not article.byline:
        return organisation(absolute)
    data = {"@type": "Person", "name": article.byline}
    if article.author_profile is not None:
        data["url"] = absolute(article.author_profile.get_absolute_url())
    return data


def author_page(author, url, image_url, description):
    """An author's page: a ProfilePage about them as a Person."""
    person = {"@type": "Person", "name": author.name, "url": url}
    if image_url:
        person["image"] = image_url
    if description:
        person["description"] = description
    return {"@context": CONTEXT, "@type": "ProfilePage", "url": url, "mainEntity": person}


def collection_page(title, url, articles, absolute):
    """A page of lists: a CollectionPage whose ItemList holds the lists shown, in order."""
    return {
        "@context": CONTEXT,
        "@type": "CollectionPage",
        "name": title,
        "url": url,
        "mainEntity": {
            "@type": "ItemList",
            "itemListElement": [
                {"@type": "ListItem", "position": number, "url": absolute(article.get_absolute_url())}
                for number, article in enumerate(articles, start=1)
            ],
        },
    }


def organisation(absolute):
    return {"@type": "Organization", "name": settings.SITE_NAME, "url": absolute(reverse("recommendations:home"))}


def unique(people):
    """People in order, each once: an actor playing two parts is one actor."""
    seen = {}
    for person in people:
        seen.setdefault(person.pk, person)
    return list(seen.values())
