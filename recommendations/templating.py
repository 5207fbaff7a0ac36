"""
The Jinja2 environment of the reader pages (templates/jinja2/).

Readers' pages are rendered by Jinja2, not Django's template language: a 100-entry countdown
renders in a twentieth of the time (bench/results.md). The admin keeps Django's templates.
What Django's tags and filters did for these templates is given here under the same names:
url() and static() for {% url %} and {% static %}, poster() and photo(), and the filters
markdown, web_address, date, pluralize, capfirst and json_script. Autoescaping is on, and text Django marks
safe (the sanitised Markdown, the picture markup) stays as it is.
"""

from django.templatetags.static import static
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import json_script
from django.utils.text import capfirst
from jinja2 import ChainableUndefined, Environment

from . import markup
from .templatetags.pictures import photo, poster


def url(name, *args, **kwargs):
    return reverse(name, args=args or None, kwargs=kwargs or None)


def date(value, format_string="j F Y"):
    """Django's date filter: a datetime shown in the site's time zone."""
    if not value:
        return ""
    if isinstance(value, timezone.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return dateformat.format(value, format_string)


def pluralize(count, suffixes="s"):
    """ "" for one, the plural ending otherwise; "y,ies" gives both endings, as Django's filter does."""
    singular, _, plural = suffixes.rpartition(",") if "," in suffixes else ("", "", suffixes)
    try:
        count = len(count) if hasattr(count, "__len__") else int(count)
    except (TypeError, ValueError):
        return ""
    return singular if count == 1 else plural


def environment(**options):
    # Forgiving like Django's templates, in development too: a missing value renders as nothing,
    # and so does an attribute of one (page_meta.title on a page without page_meta).
    options["undefined"] = ChainableUndefined
    env = Environment(**options)
    env.globals.update(url=url, static=static, poster=poster, photo=photo)
    env.filters.update(
        markdown=markup.render_markdown,
        web_address=markup.web_address,
        date=date,
        pluralize=pluralize,
        capfirst=capfirst,
        json_script=json_script,
    )
    return env
