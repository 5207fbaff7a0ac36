"""
When the database is down or locked: a branded 503 for readers, the editor's text kept, /healthz.

Django closes a connection that failed at the end of the request (and checks a kept one
before reusing it, CONN_MAX_AGE with health checks), so nothing here reconnects: the
first request after the database is back is served as usual.

- A view that meets django.db.OperationalError or InterfaceError answers 503 with
  templates/jinja2/503.html and Retry-After, through DatabaseUnavailableMiddleware.
- The same error in a middleware (sessions, sign-in limits, the page cache storing a page)
  reaches Django's 500 handler instead; server_error (handler500) answers those with the
  same 503.
- An editor's save in the admin that fails this way comes back as the same form, bound to
  what they sent, with a message that nothing was saved (SaveFailureAdminMixin): a database
  that was only busy or locked can still be read. When it cannot even be read, they get
  the 503 page saying that nothing was saved, with their text shown back to copy, as well
  as kept by the browser's Back button.
- /healthz answers load balancers: 200 {"status": "ok", "database": "ok"}, or 503 with
  "database": "unavailable" when the database cannot be reached or has no lists table (a
  missing or empty SQLite file, a schema never migrated). Never cached, and answered before the host check and HTTPS
  redirect (SECURE_REDIRECT_EXEMPT), since balancers probe over http by address.
"""

import logging
import sys

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError, JsonResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.deprecation import MiddlewareMixin

from .models import Article

logger = logging.getLogger(__name__)

UNAVAILABLE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30
HEALTH_PATH = "/healthz"
# Form fields never shown back: secrets, and the admin's own bookkeeping.
HIDDEN_FIELDS = ("password", "csrfmiddlewaretoken", "loaded_version", "TOTAL_FORMS", "INITIAL_FORMS", "_FORMS")


def unavailable_response(request=None, *, kept_text=()):
    """The 503 page. Rendered without the request: context processors would query the database."""
    content = loader.render_to_string(
        "503.html",
        {
            "SITE_NAME": settings.SITE_NAME,
            "retry_after": RETRY_AFTER_SECONDS,
            "unsaved": request is not None and request.method == "POST",
            "kept_text": kept_text,
        },
    )
    response = HttpResponse(content, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def submitted_text(request):
    """What an editor typed into the form that could not be saved: (field name, value), non-empty text only."""
    if request.method != "POST" or not request.path.startswith("/admin/"):
        return []
    kept = []
    for name, values in request.POST.lists():
        if any(hidden in name for hidden in HIDDEN_FIELDS) or name.startswith("_"):
            continue
        for value in values:
            # Long enough to be writing, not a choice or an id.
            if len(value.strip()) >= 20 or " " in value.strip():
                kept.append((name, value))
    return kept


UNSAVED_MESSAGE = (
    "Nothing was saved: the database did not answer. Your changes are still in this form. Press Save again "
    "in a moment; if this message comes back, keep this tab open and try again later."
)


class SaveFailureAdminMixin:
    """A ModelAdmin whose form, after a save the database refused, comes back bound to the editor's changes."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not getattr(request, "unsaved_because_of_database", False):
            return form

        class NotSavedForm(form):
            def clean(self):
                super().clean()
                # Invalid whatever was sent: the admin shows the form again and saves nothing.
                raise ValidationError(UNSAVED_MESSAGE, code="database_unavailable")

        return NotSavedForm


def form_again(request):
    """The admin's add or change form, shown again after its save failed; None when it cannot be."""
    match = request.resolver_match
    if (
        request.method != "POST"
        or match is None
        or match.namespace != "admin"
        or not (match.url_name or "").endswith(("_add", "_change"))
        or getattr(request, "unsaved_because_of_database", False)
    ):
        return None
    request.unsaved_because_of_database = True
    try:
        response = match.func(request, *match.args, **match.kwargs)
        if hasattr(response, "render"):
            response.render()
    except UNAVAILABLE_ERRORS:
        return None
    if response.status_code != 200 or UNSAVED_MESSAGE not in response.content.decode():
        return None
    response.status_code = 503
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


class DatabaseUnavailableMiddleware(MiddlewareMixin):
    def process_exception(self, request, exception):
        if not isinstance(exception, UNAVAILABLE_ERRORS):
            return None
        logger.error("Database unavailable during %s %s: %s", request.method, request.path, exception)
        again = form_again(request)
        if again is not None:
            return again
        # Only here, after the view was reached, has the CSRF check passed: the text shown back
        # is the editor's own.
        return unavailable_response(request, kept_text=submitted_text(request))


def server_error(request, template_name="500.html"):
    """handler500: the 503 page when the error was the database's, the 500 page otherwise.

    Like Django's own handler, it renders without the request: whatever failed may fail again.
    """
    error = sys.exc_info()[1]
    if isinstance(error, UNAVAILABLE_ERRORS):
        return unavailable_response(request)
    return HttpResponseServerError(loader.render_to_string(template_name, {"SITE_NAME": settings.SITE_NAME}))


def database_status():
    # A real table of the app, not SELECT 1: SQLite answers that on an empty file (it makes one
    # where the database should be), and PostgreSQL on a database nobody has migrated.
    try:
        Article.objects.exists()
    except DatabaseError as error:
        logger.error("Health check: database unavailable: %s", error)
        return "unavailable"
    return "ok"


class HealthCheckMiddleware:
    """Answers /healthz before the page cache, sessions and the host check."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != HEALTH_PATH or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        database = database_status()
        healthy = database == "ok"
        response = JsonResponse(
            {"status": "ok" if healthy else "unavailable", "database": database}, status=200 if healthy else 503
        )
        add_never_cache_headers(response)
        return response
