"""
Property: whatever path or query string a reader (or a scanner) sends to a public URL, the site never answers 500.

Hypothesis fills each public route's parameters with real slugs, slug-shaped and arbitrary
text (percent-encoded, as a browser sends it), and adds arbitrary query strings: known
parameters with odd values, unknown ones, broken percent escapes.
"""

import functools
import re
from urllib.parse import quote, urlencode

import hypothesis
import pytest
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import RoutePattern
from hypothesis import HealthCheck, given
from hypothesis import strategies as st

from recommendations import previews
from recommendations.models import Article, FormerSlug
from recommendations.sitemaps import SITEMAPS

from .factories import make_article

ANSWERS = {200, 301, 302, 304, 400, 404, 410}
PARAMETER = re.compile(r"<(?:\w+:)?\w+>")


@functools.cache
def public_routes():
    """Every route outside the admin, as written in the URLconfs: "lists/<slug:slug>/", "sitemap-<section>.xml"…

    Called while tests run, never at import: the URLconf read then is the one readers get (DEBUG off).
    """
    routes = []

    def walk(patterns, prefix):
        for entry in patterns:
            if isinstance(entry, URLResolver):
                if str(entry.pattern) != "admin/":
                    walk(entry.url_patterns, prefix + str(entry.pattern))
            elif isinstance(entry.pattern, RoutePattern):
                routes.append(prefix + str(entry.pattern))
            # Else the local-only media route, a regular expression (DEBUG or SERVE_MEDIA).

    walk(get_resolver().url_patterns, "")
    return routes


@pytest.fixture
def site(db):
    """A live list and a draft, with everything a route can name: the values Hypothesis mixes with made-up ones."""
    article = make_article(entries=3)
    article.tags.add("heist")
    draft = make_article(entries=2, status=Article.Status.DRAFT, published_at=None)
    FormerSlug.objects.create(article=article, slug="an-old-address")
    entry = article.entries.first()
    person, theme = entry.people.get(), entry.themes.get()
    slugs = [article.slug, draft.slug, "an-old-address", entry.film.slug, person.slug, theme.slug, "heist", *SITEMAPS]
    return [*slugs, previews.make_token(article), previews.make_token(draft)]


def any_text(max_size):
    # Lone surrogates cannot be sent at all, so they are no test of the site.
    return st.text(st.characters(exclude_categories=("Cs",)), max_size=max_size)


def parameter_values(known):
    return st.one_of(
        st.sampled_from(known),
        st.from_regex(r"[-a-zA-Z0-9_]{1,300}", fullmatch=True),
        any_text(60).filter(bool),
        st.sampled_from(["..", "%00", "-", "_", "0", "9" * 30, "a" * 10_000, "/", "\x00", "é" * 50]),
    )


QUERY_KEYS = ["q", "page", "order", "p", "token", "format", "utm_source"]
QUERY_VALUES = ["", "0", "-1", "1", "2", "99999999999999999999", "1e9", "top", "nan", "\x00", "%", "%zz"]


def query_strings():
    pairs = st.lists(
        st.tuples(
            st.one_of(st.sampled_from(QUERY_KEYS), any_text(20)),
            st.one_of(st.sampled_from(QUERY_VALUES), any_text(100)),
        ),
        max_size=4,
    )
    raw = any_text(200).map(lambda text: quote(text, safe="=&%+;"))
    return st.one_of(st.just(""), pairs.map(urlencode), raw)


@st.composite
def requests(draw, known):
    route = draw(st.sampled_from(public_routes()))
    path = "/" + PARAMETER.sub(lambda _: quote(draw(parameter_values(known)), safe=""), route)
    query = draw(query_strings())
    return f"{path}?{query}" if query else path


def test_every_public_route_is_covered():
    routes = public_routes()

    assert {"", "lists/<slug:slug>/", "preview/<str:token>/", "sitemap-<section>.xml", "robots.txt"} <= set(routes)
    assert len(routes) >= 18
    assert not [route for route in routes if route.startswith(("admin", "media", "static"))]


# Readers get pages through the page cache; tests otherwise turn it off (conftest.py).
@pytest.mark.parametrize("page_cache_seconds", [0, 600], ids=["uncached", "cached"])
@hypothesis.settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.data())
def test_no_path_or_query_string_makes_a_server_error(client, site, settings, page_cache_seconds, data):
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    url = data.draw(requests(site), label="url")

    response = client.get(url)

    assert response.status_code in ANSWERS, url
