"""
What a list's page shows around its entries, for readers and previews alike: the order it is
read in, the links to read it the other way, where to watch each film in the region and on the
service the reader chose, the lists like it, and a preview's notice.

The films' directors and where-to-watch rows (the subject's too, for its card) come in one query
each, for all of them at once.
"""

from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects
from django.utils import dateformat, timezone
from django.utils.http import urlencode

from . import watching
from .models import Credit
from .related_lists import related_lists
from .text import editor_time


@dataclass(frozen=True)
class Link:
    href: str
    text: str


@dataclass(frozen=True)
class Preview:
    """A list shown before readers can see it: the notice above it says whose view this is."""

    notice: str
    # An unsaved preview answers a POST: a link to the page would lose it.
    can_link_to_itself: bool = True
    # What the form cannot accept yet (preview_problems.FormProblem): the page shows the rest.
    problems: tuple = ()


def unsaved_preview(beside_the_form=False, problems=()):
    if beside_the_form:
        notice = "Your unsaved changes, as readers would see them. Nothing has been saved."
    else:
        notice = (
            "Your unsaved changes, as readers would see them. Nothing has been saved: "
            "close this tab to go back to editing."
        )
    return Preview(notice, can_link_to_itself=False, problems=tuple(problems))


def saved_preview(article):
    """The notice on the admin's “View on site” for a list readers can't see yet: as last saved."""
    if article.is_scheduled:
        when = editor_time(article.published_at, with_zone=True)
        return Preview(f"This list as last saved. It is scheduled: readers see it from {when}.")
    return Preview("This draft as last saved. Readers can't see it until it is published.")


def shared_preview(article):
    """The notice on a share link, which shows the list as last saved."""
    if article.is_live:
        return Preview("This list is live; this preview shows it as last saved. Please don't pass this link on.")
    if article.is_scheduled:
        when = dateformat.format(timezone.localtime(article.published_at), "j F Y, H:i")
        return Preview(f"Shared for review. Readers will see this list from {when}. Please don't pass this link on.")
    return Preview("A draft, shared for review. Readers can't see it yet. Please don't pass this link on.")


def with_query(path, params):
    return f"{path}?{urlencode(params)}" if params else path


def prefetch_films(films):
    """Each film's directors (`director_credits`) and where-to-watch rows in every region (watching.ALL_ROWS)."""
    directors = Credit.objects.filter(role=Credit.Role.DIRECTOR).select_related("person")
    prefetch_related_objects(
        films, Prefetch("credits", queryset=directors, to_attr="director_credits"), watching.all_rows_prefetch()
    )


def countdown_context(request, article, preview=None):
    """The page's entries in reading order (?order=top reads top pick first), with the links to switch,
    where to watch them (?region=, ?service=), and the lists like this one."""
    entries = list(article.entries.all())
    prefetch_films([article.subject, *(entry.film for entry in entries)])
    watch = watching.choose(request, [article.subject, *(entry.film for entry in entries)])
    top_first = request.method == "GET" and request.GET.get("order") == "top"
    # Switching the reading order keeps the reader's region and service.
    kept = watch.query()
    links = []
    if entries and top_first:
        entries.reverse()
        countdown_url = request.path if preview else article.get_absolute_url()
        links.append(Link(with_query(countdown_url, kept), f"Read as a countdown, {len(entries)} to 1"))
    elif entries:
        links.append(Link(f"#{entries[-1].anchor}", "Skip to #1"))
        if preview is None or preview.can_link_to_itself:
            links.append(Link(with_query("", {**kept, "order": "top"}), "Read top pick first"))
    return {
        "entries": entries,
        "top_first": top_first,
        "reading_links": links,
        "preview": preview,
        "watch": watch,
        "on_service": sum(entry.film.on_service for entry in entries),
        "related_lists": related_lists(article, entries) if preview is None else [],
    }
