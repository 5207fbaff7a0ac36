"""
The addresses of public pages named by a slug (/films/<slug>/, /people/<slug>/, …), without a reverse() per link.

A list page links each of its films, people and themes more than once, and reverse() matched each link against
the URLconf anew: about a seventh of the page's render. Each pattern is reversed once (per script prefix and
URLconf) around a marker, and a slug is put in the marker's place. Slugs hold only letters, digits, hyphens and
underscores, which an address takes as they are; anything else goes through reverse(), which refuses it as before.
"""

import re
from functools import lru_cache

from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

SLUG = re.compile(r"[-a-zA-Z0-9_]+")
MARKER = "slug-of-the-page"


def slug_path(name, slug):
    """reverse(name, kwargs={"slug": slug}), for a URL pattern whose only argument is a <slug:slug>."""
    if not SLUG.fullmatch(slug or ""):
        return reverse(name, kwargs={"slug": slug})
    before, after = around_the_slug(name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)
    return f"{before}{slug}{after}"


@lru_cache(maxsize=128)
def around_the_slug(name, script_prefix, urlconf):
    before, _marker, after = reverse(name, kwargs={"slug": MARKER}, urlconf=urlconf).partition(MARKER)
    return before, after
