"""
On PostgreSQL, public requests' statements are cancelled after settings.PUBLIC_STATEMENT_TIMEOUT_MS.

A reader's page whose query is stuck behind a lock or has gone slow then answers the branded
503 (recommendations/outages.py) instead of holding a worker's thread until gunicorn kills it.
Editors' requests (the admin) and management commands keep the server's own setting: a long
save or an import may rightly take longer.

The setting is made on the connection each request uses (connections are kept between
requests), through the driver's own cursor, as Django makes its own connection settings (the
time zone): it is no query of the page's. Cached pages never reach this (PageCacheMiddleware
answers first). SQLite has no statement timeout; its busy timeout is in settings.
"""

from django.conf import settings
from django.db import connection

EDITORS_PREFIX = "/admin/"


class StatementTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if connection.vendor == "postgresql":
            editing = request.path.startswith(EDITORS_PREFIX)
            set_statement_timeout(None if editing else settings.PUBLIC_STATEMENT_TIMEOUT_MS)
        return self.get_response(request)


def set_statement_timeout(milliseconds):
    """Cancel this connection's statements after `milliseconds`; None for the server's own setting."""
    connection.ensure_connection()
    with connection.connection.cursor() as cursor:
        if milliseconds is None:
            cursor.execute("RESET statement_timeout")
        else:
            cursor.execute("SELECT set_config('statement_timeout', %s, false)", [f"{int(milliseconds)}ms"])
