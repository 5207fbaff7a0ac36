"""
A request over Django's limits: a branded page that keeps the editor's text, never a bare 400.

Django refuses a POST with more fields than settings.DATA_UPLOAD_MAX_NUMBER_FIELDS or a body
over settings.DATA_UPLOAD_MAX_MEMORY_SIZE when something first reads its form (the CSRF check),
and answers with handler400. bad_request() answers those with templates/jinja2/413.html instead: what
happened, that nothing was saved, what to do, and what was sent, to copy.

The form is read once more for that page, up to READ_BACK_FACTOR times the body limit, and shown
only if Django's CSRF check passes on it: the text shown back is the editor's own, never
something another site posted in their browser. Other bad requests get Django's own 400.
"""

from urllib.parse import parse_qsl

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpResponse, QueryDict
from django.http.request import RawPostDataException
from django.middleware.csrf import CsrfViewMiddleware
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.utils.datastructures import MultiValueDict
from django.views import defaults

from .models import LONGEST_LIST, MOST_LINKS_PER_ENTRY
from .outages import submitted_text

LIMIT_ERRORS = (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)
# How much of a refused body is read back to show: more than this is not worth a worker's memory.
READ_BACK_FACTOR = 4


def bad_request(request, exception, template_name="400.html"):
    """handler400."""
    if isinstance(exception, LIMIT_ERRORS):
        return too_large(request)
    return defaults.bad_request(request, exception, template_name)


def too_large(request):
    kept_text = submitted_text(request) if read_back(request) and csrf_passes(request) else []
    limits = {
        "fields": f"{settings.DATA_UPLOAD_MAX_NUMBER_FIELDS:,}",
        "megabytes": settings.DATA_UPLOAD_MAX_MEMORY_SIZE // (1024 * 1024),
        "entries": LONGEST_LIST,
        "links": MOST_LINKS_PER_ENTRY,
    }
    # Rendered without the request, as the 503 page is: context processors would query the database.
    content = loader.render_to_string(
        "413.html", {"SITE_NAME": settings.SITE_NAME, "kept_text": kept_text, "limits": limits}
    )
    response = HttpResponse(content, status=413)
    add_never_cache_headers(response)
    return response


def read_back(request):
    """Read the refused form into request.POST, without Django's limits; False when it cannot be."""
    if request.content_type != "application/x-www-form-urlencoded":
        # A multipart body was read as a stream, and is gone.
        return False
    try:
        body = request.body  # kept when there were too many fields
    except RequestDataTooBig:
        length = int(request.headers.get("content-length") or 0)
        if length > READ_BACK_FACTOR * settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return False
        body = request.read(length)
    except RawPostDataException:
        return False
    form = QueryDict(mutable=True)
    for name, value in parse_qsl(body.decode(errors="replace"), keep_blank_values=True):
        form.appendlist(name, value)
    # What request.POST reads from: Django left it empty after the refusal.
    request._post, request._files = form, MultiValueDict()
    return True


def csrf_passes(request):
    """Django's own CSRF check, on the form as read back."""
    return CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {}) is None
