"""
A WordPress export (WXR) imported: each post that is a "movies like X" list becomes a draft.

Each draft keeps the post's date, its author as the byline when a user of that name exists
(else the importing editor's, and the report says so), its categories and tags as tags, and
the addresses of its images, which are recorded and never downloaded. The report lists every
post, imported or skipped, with the reason.
"""

import contextlib
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, Value
from django.db.models.functions import Concat

from recommendations.parsing import ArticleParseError, read_wxr

from ..models import ArticleImport, display_name
from .catalogue import DatabaseCatalogue
from .drafts import Origin, save_draft
from .problems import Deadline, ImportProblem, ImportRefused, TookTooLong


@dataclass
class PostOutcome:
    post: object  # recommendations.parsing.WxrPost
    report: object = None  # drafts.ImportReport, when the post became (or would become) a draft
    problems: list = field(default_factory=list)
    byline: str = ""

    @property
    def imported(self):
        return self.report is not None

    @property
    def reason(self):
        """Why the post is not imported."""
        if self.post.skipped:
            return self.post.skipped
        return "; ".join(str(problem) for problem in self.problems)


@dataclass
class ExportOutcome:
    posts: list = field(default_factory=list)
    problems: list = field(default_factory=list)  # what refused the whole export

    @property
    def imported(self):
        return [outcome for outcome in self.posts if outcome.imported]

    def summary(self, done=True):
        if self.problems:
            return "\n".join(str(problem) for problem in self.problems)
        verb = "Imported" if done else "Would import"
        lines = [f"{verb} {len(self.imported)} of {len(self.posts)} posts as drafts."]
        for outcome in self.posts:
            if outcome.imported:
                lines.append(f"{verb}: “{outcome.post.title}” ({_described(outcome)})")
                lines += [f"  {note}" for note in outcome.report.notes]
            else:
                lines.append(f"Skipped: “{outcome.post.title}”: {outcome.reason}")
        return "\n".join(lines)


def import_export(source, *, importer=None, again=False, commit=True, per_post=False):
    """Every post of the export at `source` (sources.Source) as a draft, or skipped with its reason.

    By default the whole export is one import: one time budget, and nothing saved if it runs out
    (the admin's upload). With `per_post` (the command), each post has its own budget and is saved
    on its own, so a long archive goes in whole and one refused post leaves the others saved.
    """
    outcome = ExportOutcome()
    deadline = None if per_post else Deadline()
    try:
        # One transaction for the whole export, or none around the posts' own: a long archive must not hold
        # the database's write lock for all the minutes it takes.
        with contextlib.nullcontext() if per_post else transaction.atomic():
            report = read_wxr(source.data, DatabaseCatalogue(deadline))
            for post in report.posts:
                outcome.posts.append(_import_post(post, source, importer, again, commit, deadline))
    except ArticleParseError as error:
        outcome.problems = [ImportProblem(error.message, error.line)]
    except TookTooLong as late:
        outcome.posts, outcome.problems = [], [ImportProblem(str(late))]
    return outcome


def _import_post(post, source, importer, again, commit, deadline):
    """One post's outcome. With the export's own `deadline`, running out of time stops the whole export."""
    if post.article is None:
        return PostOutcome(post)
    author, notes = byline(post.author, importer)
    # The parse carries the day; the draft keeps the moment the post went out.
    post.article.date = post.date or post.article.date
    name = f"{source.name}: {post.title}" if source.name else post.title
    try:
        report = save_draft(
            post.article,
            author=author,
            again=again,
            origin=Origin(ArticleImport.Source.WORDPRESS, name),
            deadline=deadline or Deadline(),
            commit=commit,
        )
    except ImportRefused as refused:
        return PostOutcome(post, problems=refused.problems)
    except TookTooLong as late:
        if deadline is not None:
            raise
        return PostOutcome(post, problems=[ImportProblem(str(late))])
    report.notes += notes
    return PostOutcome(post, report, byline=display_name(author))


def byline(name, importer):
    """(the user whose name the post's author has, or else `importer`; notes saying which)."""
    if name:
        user = (
            get_user_model()
            .objects.annotate(full_name=Concat("first_name", Value(" "), "last_name"))
            .filter(Q(username__iexact=name) | Q(full_name__iexact=name) | Q(author_profile__pen_name__iexact=name))
            .order_by("pk")
            .first()
        )
        if user is not None:
            return user, []
    who = f"the byline is {display_name(importer)}’s until you change it" if importer else "it has no byline yet"
    return importer, [f"No user is called “{name or 'nobody'}”, the post's author: {who}."]


def _described(outcome):
    parsed = outcome.post.article
    parts = [f"{len(parsed.entries)} entries", f"about {parsed.subject.title}"]
    if outcome.byline:
        parts.append(f"byline {outcome.byline}")
    if parsed.images:
        parts.append(f"{len(parsed.images)} images recorded, not downloaded")
    return ", ".join(parts)
