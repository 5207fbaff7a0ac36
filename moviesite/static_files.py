"""The headers static files carry beside whitenoise's own (settings.WHITENOISE_ADD_HEADERS_FUNCTION)."""

from django.conf import settings


def add_page_headers(headers, path, url):
    """The frame and content-security policies that pages get.

    Whitenoise answers before the middleware that adds them to pages (it sits right after
    SecurityMiddleware, which still adds nosniff, HSTS and the referrer policy on the way out),
    and works these headers out once per file when it starts, not on every request.
    """
    from csp.utils import build_policy  # reads the settings, which are loaded by the time files are scanned

    headers["X-Frame-Options"] = settings.X_FRAME_OPTIONS
    headers["Content-Security-Policy"] = build_policy()
