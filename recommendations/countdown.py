"""
What a list's page shows around its entries, for readers and previews alike: the order it is
read in, the links to read it the other way, and a preview's notice.
"""

from dataclasses import dataclass

from django.utils import dateformat, timezone


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


def shared_preview(article):
    """The notice on a share link, which shows the list as last saved."""
    if article.is_live:
        return Preview("This list is live; this preview shows it as last saved. Please don't pass this link on.")
    if article.is_scheduled:
        when = dateformat.format(timezone.localtime(article.published_at), "j F Y, H:i")
        return Preview(f"Shared for review. Readers will see this list from {when}. Please don't pass this link on.")
    return Preview("A draft, shared for review. Readers can't see it yet. Please don't pass this link on.")


def countdown_context(request, article, preview=None):
    """The page's entries in reading order (?order=top reads top pick first), with the links to switch."""
    entries = list(article.entries.all())
    top_first = request.method == "GET" and request.GET.get("order") == "top"
    links = []
    if entries and top_first:
        entries.reverse()
        countdown_url = request.path if preview else article.get_absolute_url()
        links.append(Link(countdown_url, f"Read as a countdown, {len(entries)} to 1"))
    elif entries:
        links.append(Link(f"#{entries[-1].anchor}", "Skip to #1"))
        if preview is None or preview.can_link_to_itself:
            links.append(Link("?order=top", "Read top pick first"))
    return {"entries": entries, "top_first": top_first, "reading_links": links, "preview": preview}
