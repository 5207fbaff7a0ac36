"""
Whole public pages kept in the shared cache, served without touching the database.

Invalidation: every page is stored under the site's content version, a number
in the cache that any editorial change bumps once its transaction commits.
A change therefore refreshes every page that shows it at once, on every app
server, and a page rendered from data older than the change can never be
stored under the new version. The ripple of one edit is wide (a film's themes
move it in other films' "Similar films"), so versioning the whole content is
what keeps the rule "never stale" simple; edits are rare next to reads.

Scheduled lists: a page expires no later than the next scheduled publication,
so a list appears at its time on cached pages too.

One entry per page: the key is the host, the path and only the query parameters some public
page reads (PUBLIC_QUERY_PARAMETERS), in a fixed order. A link shared with ?utm_source=… or
?fbclid=… is served the page's own entry, and ?order=top&page=2 is ?page=2&order=top.

Never cached: anything but GET/HEAD, requests carrying a session cookie
(editors), the admin and preview links, responses that set cookies or say
private/no-store, and anything but 200.
"""

import hashlib
import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.utils.http import http_date, quote_etag

from .models import Article

try:
    from redis import RedisError
except ImportError:  # the cache is local memory or files
    RedisError = OSError

logger = logging.getLogger(__name__)
# A shared cache that is down costs speed, not pages: requests are rendered as if uncached.
CACHE_ERRORS = (RedisError, OSError)

# Every query parameter a public page reads: the page of a paginated page ("page"), a list's
# reading order ("order"), the search words ("q"), a sitemap's page ("p", Django's sitemap
# views), where to watch ("region", "service": list and film pages, /lists/), the list index's
# filters ("theme", "tag", "decade") and the A–Z of /films/ and /people/ ("letter"). A page that
# starts reading another one must add it here, or it is served the entry of whichever version
# of the page was stored first.
PUBLIC_QUERY_PARAMETERS = ("decade", "letter", "order", "p", "page", "q", "region", "service", "tag", "theme")
VERSION_KEY = "page-cache:content-version"
NEXT_PUBLICATION_KEY = "page-cache:next-publication"
BYPASSED_PREFIXES = ("/admin/", "/preview/")
# Headers that belong to one response, not to the page: everything else is replayed on a hit,
# including what middleware inside this one added (frame and content security policies).
HEADERS_DROPPED = {"set-cookie", "date", "content-length", "etag", "last-modified", "cache-control"}


def content_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        # Unknown (cold or evicted cache): start a fresh series no stored page can match.
        version = time.time_ns()
        cache.add(VERSION_KEY, version, timeout=None)
        version = cache.get(VERSION_KEY, version)
    return version


def bump_content_version():
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, time.time_ns(), timeout=None)
        cache.delete(NEXT_PUBLICATION_KEY)
    except CACHE_ERRORS:
        # Pages stored before the outage expire by themselves (PAGE_CACHE_SECONDS); say so loudly.
        logger.exception("Could not refresh the page cache after an edit: cached pages may be stale until they expire.")


class PageCacheMiddleware:
    """Serves and stores whole public pages; placed before sessions so a hit costs no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        try:
            key = self.key(request, content_version())
            stored = cache.get(key)
        except CACHE_ERRORS:
            logger.warning("Page cache unavailable: rendering %s uncached.", request.path, exc_info=True)
            return self.get_response(request)
        if stored is not None:
            return self.replay(request, stored)

        response = self.get_response(request)
        if self.is_cacheable_response(response):
            try:
                return self.replay(request, self.store(key, response))
            except CACHE_ERRORS:
                logger.warning("Page cache unavailable: %s not stored.", request.path, exc_info=True)
        return response

    def is_cacheable_request(self, request):
        return (
            getattr(settings, "PAGE_CACHE_SECONDS", 0) > 0
            and request.method in ("GET", "HEAD")
            and settings.SESSION_COOKIE_NAME not in request.COOKIES
            and not request.path.startswith(BYPASSED_PREFIXES)
        )

    def is_cacheable_response(self, response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and "private" not in cache_control
            and "no-store" not in cache_control
        )

    def key(self, request, version):
        # The host too: pages carry absolute canonical, feed and share-image URLs.
        read = [(name, value) for name in PUBLIC_QUERY_PARAMETERS for value in request.GET.getlist(name)]
        address = f"{request.build_absolute_uri(request.path)}?{urlencode(read)}"
        return f"page-cache:{version}:{hashlib.sha256(address.encode()).hexdigest()}"

    def store(self, key, response):
        stored = {
            "content": response.content,
            "headers": {name: value for name, value in response.items() if name.lower() not in HEADERS_DROPPED},
            "etag": quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest()),
            "last_modified": http_date(),
        }
        cache.set(key, stored, timeout=self.timeout())
        return stored

    def timeout(self):
        """Seconds a page may be kept: never past the next scheduled publication."""
        limit = settings.PAGE_CACHE_SECONDS
        next_publication = cache.get(NEXT_PUBLICATION_KEY)
        if next_publication is None:
            first = Article.objects.next_publication()
            next_publication = first.timestamp() if first else 0
            cache.set(NEXT_PUBLICATION_KEY, next_publication, timeout=limit)
        if next_publication:
            limit = min(limit, max(1, int(next_publication - time.time()) + 1))
        return limit

    def replay(self, request, stored):
        if request.headers.get("If-None-Match") == stored["etag"]:
            response = HttpResponseNotModified()
        else:
            response = HttpResponse(stored["content"])
        for name, value in stored["headers"].items():
            response[name] = value
        response["ETag"] = stored["etag"]
        response["Last-Modified"] = stored["last_modified"]
        # Browsers and CDNs may keep the page but must ask again; the ETag makes asking cheap.
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return response
