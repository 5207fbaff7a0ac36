"""
Whole public pages kept in the shared cache, served without touching the database.

Invalidation by dependency: each stored page carries the tags it depends on
(page_dependencies.py: its own object's, or the listings', and "everything") with the
version each tag had when the page was rendered. A version is the time of the tag's last
bump. An edit bumps the tags of the pages that show what it changed, once its transaction
commits, on every app server at once; a hit whose tags have moved on is rendered again. A page
whose rendering started before one of its tags was bumped is served but never stored, so a
page rendered from data older than an edit cannot outlive it.

Scheduled lists: a page expires no later than the next scheduled publication,
so a list appears at its time on cached pages too.

One entry per page: the key is the host, the path and only the query parameters some public
page reads (PUBLIC_QUERY_PARAMETERS), in a fixed order. A link shared with ?utm_source=… or
?fbclid=… is served the page's own entry, and ?order=top&page=2 is ?page=2&order=top.

Cached pages are stored gzipped and sent so to clients that accept it. Only these: a page
that carries a secret (a CSRF token, an editor's session) is never cached, so compression
cannot leak one (BREACH).

Never cached: anything but GET/HEAD, requests carrying a session cookie
(editors), the admin and preview links, responses that set cookies or say
private/no-store, and anything but 200.
"""

import gzip
import hashlib
import logging
import re
import threading
import time
from collections import OrderedDict
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import http_date, quote_etag

from .models import Article
from .page_dependencies import EVERYTHING, LISTINGS, tag_of

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
TAG_KEY = "page-cache:tag:{}"
NEXT_PUBLICATION_KEY = "page-cache:next-publication"
BYPASSED_PREFIXES = ("/admin/", "/preview/")
# Headers that belong to one response, not to the page: everything else is replayed on a hit,
# including what middleware inside this one added (frame and content security policies).
ACCEPTS_GZIP = re.compile(r"\bgzip\b")
HEADERS_DROPPED = {"set-cookie", "date", "content-length", "etag", "last-modified", "cache-control"}


def bump(tags):
    """The pages that depend on `tags` are out of date: the next request for each renders it again."""
    now = time.time_ns()
    try:
        cache.set_many({TAG_KEY.format(tag): now for tag in tags}, timeout=None)
        cache.delete(NEXT_PUBLICATION_KEY)
    except CACHE_ERRORS:
        # Pages stored before the outage expire by themselves (PAGE_CACHE_SECONDS); say so loudly.
        logger.exception("Could not refresh the page cache after an edit: cached pages may be stale until they expire.")


def bump_everything():
    bump([EVERYTHING])


def versions_of(tags, start_missing_at=None):
    """{tag: version} now. A tag the cache does not have (never bumped, evicted, or the cache was emptied) is
    left out, so no stored page matches it; with `start_missing_at`, it starts at that version."""
    keys = {TAG_KEY.format(tag): tag for tag in tags}
    found = cache.get_many(keys)
    if start_missing_at is not None:
        for key in keys.keys() - found.keys():
            cache.add(key, start_missing_at, timeout=None)
            found[key] = cache.get(key, start_missing_at)
    return {keys[key]: version for key, version in found.items()}


class MemoryTier:
    """The pages this process stored or served lately, kept in front of the shared cache.

    A hit here skips fetching and unpickling the page; its tags are still checked against the
    shared cache on every request, so an edit made through any app server refreshes it.
    """

    def __init__(self, most_bytes):
        self.most_bytes = most_bytes
        self.pages = OrderedDict()
        self.size = 0
        self.lock = threading.Lock()

    def get(self, key):
        with self.lock:
            stored = self.pages.get(key)
            if stored is not None:
                self.pages.move_to_end(key)
            return stored

    def put(self, key, stored):
        weight = len(stored["gzipped"])
        with self.lock:
            if key in self.pages:
                self.size -= len(self.pages.pop(key)["gzipped"])
            self.pages[key] = stored
            self.size += weight
            while self.size > self.most_bytes and self.pages:
                self.size -= len(self.pages.popitem(last=False)[1]["gzipped"])


memory = MemoryTier(most_bytes=settings.PAGE_CACHE_MEMORY_BYTES)


def shows(request, obj):
    """`request`'s page is the page of `obj`: only edits that show on it refresh it (page_dependencies)."""
    request.page_cache_tags = {tag_of(type(obj), obj.pk), EVERYTHING}


class PageOfItsObject:
    """A detail view whose cached page is refreshed by the edits that show on it, not by every edit."""

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        shows(self.request, obj)
        return obj


class PageCacheMiddleware:
    """Serves and stores whole public pages; placed before sessions so a hit costs no query."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        try:
            key = self.key(request)
            stored = memory.get(key)
            if stored is None:
                stored = cache.get(key)
                if stored is not None:
                    memory.put(key, stored)
            if stored is not None and self.is_current(stored):
                return self.replay(request, stored)
        except CACHE_ERRORS:
            logger.warning("Page cache unavailable: rendering %s uncached.", request.path, exc_info=True)
            return self.get_response(request)

        started = time.time_ns()
        response = self.get_response(request)
        if self.is_cacheable_response(response):
            try:
                tags = versions_of(getattr(request, "page_cache_tags", {LISTINGS, EVERYTHING}), started - 1)
                if max(tags.values()) < started:
                    return self.replay(request, self.store(key, response, tags))
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

    def is_current(self, stored):
        # The expiry is checked here too: a scheduled list goes live by this server's clock, not the cache's.
        return stored["expires"] > time.time() and versions_of(stored["tags"]) == stored["tags"]

    def key(self, request):
        # The host too: pages carry absolute canonical, feed and share-image URLs.
        read = [(name, value) for name in PUBLIC_QUERY_PARAMETERS for value in request.GET.getlist(name)]
        address = f"{request.build_absolute_uri(request.path)}?{urlencode(read)}"
        return f"page-cache:page:{hashlib.sha256(address.encode()).hexdigest()}"

    def store(self, key, response, tags):
        stored = {
            "tags": tags,
            # Compressed once here, not per request: most readers' browsers take it as it is.
            "gzipped": gzip.compress(response.content, compresslevel=6, mtime=0),
            "headers": {name: value for name, value in response.items() if name.lower() not in HEADERS_DROPPED},
            "etag": quote_etag(hashlib.md5(response.content, usedforsecurity=False).hexdigest()),
            "last_modified": http_date(),
        }
        timeout = self.timeout()
        stored["expires"] = time.time() + timeout
        cache.set(key, stored, timeout=timeout)
        memory.put(key, stored)
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
        gzipped = ACCEPTS_GZIP.search(request.headers.get("Accept-Encoding", "")) is not None
        # Each encoding is its own representation, with its own ETag (RFC 9110, 8.8.3).
        etag = f'{stored["etag"][:-1]}-gzip"' if gzipped else stored["etag"]
        if request.headers.get("If-None-Match") == etag:
            response = HttpResponseNotModified()
        elif gzipped:
            response = HttpResponse(stored["gzipped"])
            response["Content-Encoding"] = "gzip"
        else:
            response = HttpResponse(gzip.decompress(stored["gzipped"]))
        for name, value in stored["headers"].items():
            response[name] = value
        patch_vary_headers(response, ["Accept-Encoding"])
        response["ETag"] = etag
        response["Last-Modified"] = stored["last_modified"]
        # Browsers and CDNs may keep the page but must ask again; the ETag makes asking cheap.
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
        return response
