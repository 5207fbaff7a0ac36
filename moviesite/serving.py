"""What every server start checks, runserver and gunicorn alike (wsgi.py and asgi.py call it)."""

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


def refuse_to_serve_on_the_development_key():
    """Management commands may run on the development key; serving readers on it is refused."""
    if not settings.DEBUG and settings.SECRET_KEY == settings.DEVELOPMENT_SECRET_KEY:
        raise ImproperlyConfigured("Set SECRET_KEY (or DEBUG=1 for local development).")
