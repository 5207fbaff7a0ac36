"""
The list changelist's bulk actions: publish, unpublish and renumber.

Each first shows a page listing what will change, and what will be left alone and why (already
published, already a draft, a rule that stops it, not yours to change), and acts only once the
editor confirms there, as Django's own delete does. Every list changed gets a revision of its own
(edits.record_edit), and the messages afterwards say what happened to each list.
"""

from dataclasses import dataclass, field

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.db import transaction
from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.utils import timezone

from .edits import record_edit
from .models import Article, Entry
from .ranking import renumber_entries, renumbering
from .text import editor_time

TEMPLATE = "admin/recommendations/article/action_confirmation.html"


@dataclass
class Plan:
    """What an action will do to the selected lists: [(list, what happens to it)], and what it leaves alone."""

    verb: str  # for the confirm button: “Yes, publish 2 lists”
    changes: list = field(default_factory=list)
    left_alone: list = field(default_factory=list)

    def change(self, article, says):
        self.changes.append((article, says))

    def leave(self, article, because):
        self.left_alone.append((article, because))

    @property
    def changing(self):
        return [article for article, _says in self.changes]

    @property
    def button(self):
        count = len(self.changes)
        return f"Yes, {self.verb} {count} list{'' if count == 1 else 's'}"


def confirmed(request):
    return request.POST.get("post") == "yes"


def confirmation_page(modeladmin, request, queryset, plan, title):
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "subtitle": None,
        "opts": modeladmin.opts,
        "queryset": queryset,
        "action": request.POST.get("action", ""),
        "plan": plan,
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
    }
    request.current_app = modeladmin.admin_site.name
    return TemplateResponse(request, TEMPLATE, context)


def selected(queryset):
    """The selected lists with their entries: one query for each, however many lists are selected."""
    # The changelist's own queryset counts entries (GROUP BY), which cannot be locked or re-filtered cleanly.
    with_films = Prefetch("entries", queryset=Entry.objects.select_related("film"))
    lists = Article.objects.filter(pk__in=queryset.values("pk")).prefetch_related(with_films)
    return list(lists.order_by("title", "pk"))


def lowered(text):
    return text[0].lower() + text[1:]


def entries(count):
    return f"{count} entr{'y' if count == 1 else 'ies'}"


def plan_publishing(lists):
    plan = Plan("publish")
    for article in lists:
        if not article.is_draft:
            plan.leave(article, f"already published: {lowered(article.state_description)}")
            continue
        stored = list(article.entries.all())
        problems = article.publishing_problems(stored)
        if problems:
            plan.leave(article, "not published. " + " ".join(problem.message for problem in problems).rstrip("."))
        else:
            plan.change(article, f"goes live now, with {entries(len(stored))}")
    return plan


def plan_unpublishing(lists):
    plan = Plan("unpublish")
    for article in lists:
        if article.is_draft:
            plan.leave(article, "already a draft")
        else:
            now = lowered(article.state_description)
            plan.change(article, f"is taken off the site and becomes a draft (now {now})")
    return plan


def plan_renumbering(modeladmin, request, lists):
    plan = Plan("renumber")
    for article in lists:
        if not modeladmin.has_change_permission(request, article):
            plan.leave(article, "left alone: you may not change it")
            continue
        numbers = renumbering(list(article.entries.all()))
        moves = [f"{entry.film} #{old} → #{new}" for entry, old, new in numbers if old != new]
        if moves:
            plan.change(article, f"is numbered 1 to {len(numbers)}: {', '.join(moves)}")
        elif numbers:
            plan.leave(article, f"already numbered 1 to {len(numbers)}")
        else:
            plan.leave(article, "has no entries to number")
    return plan


@admin.action(description="Publish selected lists now…", permissions=["publish"])
def publish_now(modeladmin, request, queryset):
    plan = plan_publishing(selected(queryset))
    if not confirmed(request):
        return confirmation_page(modeladmin, request, queryset, plan, "Publish these lists?")
    published = []
    for article in plan.changing:
        article.status, article.published_at = Article.Status.PUBLISHED, timezone.now()
        record_edit(article, request.user, "Published.")
        published.append(article)
    for article, because in plan.left_alone:
        level = messages.ERROR if because.startswith("not published") else messages.INFO
        modeladmin.message_user(request, f"“{article}” was {because}.", level)
    if published:
        when = editor_time(published[0].published_at, with_zone=True)
        names = ", ".join(str(article) for article in published)
        modeladmin.message_user(request, f"Published, live since {when}: {names}.", messages.SUCCESS)


@admin.action(description="Unpublish selected lists (take them off the site)…", permissions=["publish"])
def unpublish(modeladmin, request, queryset):
    plan = plan_unpublishing(selected(queryset))
    if not confirmed(request):
        return confirmation_page(modeladmin, request, queryset, plan, "Take these lists off the site?")
    taken_off = []
    for article in plan.changing:
        was = lowered(article.state_description)
        article.status = Article.Status.DRAFT
        record_edit(article, request.user, "Unpublished.")
        taken_off.append(f"{article} (was {was})")
    if taken_off:
        modeladmin.message_user(request, f"Taken off the site, drafts again: {'; '.join(taken_off)}.", messages.SUCCESS)
    drafts = [str(article) for article, _because in plan.left_alone]
    if drafts:
        modeladmin.message_user(request, f"Already drafts, left as they were: {', '.join(drafts)}.", messages.INFO)


@admin.action(description="Renumber ranks 1..N keeping order…", permissions=["change"])
def renumber_ranks(modeladmin, request, queryset):
    """Close the gaps in each selected list's ranks, in one transaction, and say what moved."""
    lists = selected(queryset)
    if not confirmed(request):
        plan = plan_renumbering(modeladmin, request, lists)
        return confirmation_page(modeladmin, request, queryset, plan, "Renumber these lists?")
    reports = []
    with transaction.atomic():
        # Locked as a save locks them (ArticleAdminForm.clean), so the two take turns.
        locked = Article.objects.select_for_update().filter(pk__in=[article.pk for article in lists])
        for article in locked.order_by("title"):
            if not modeladmin.has_change_permission(request, article):
                reports.append((messages.WARNING, f"“{article}” was left alone: you may not change it."))
                continue
            ranked = renumber_entries(article)
            moved = [(entry, old_rank) for entry, old_rank in ranked if entry.rank != old_rank]
            if not ranked:
                reports.append((messages.INFO, f"“{article}” has no entries to number."))
            elif not moved:
                reports.append((messages.INFO, f"“{article}” was already numbered 1 to {len(ranked)}."))
            else:
                changes = ", ".join(f"{entry.film} #{old_rank} → #{entry.rank}" for entry, old_rank in moved)
                message = f"Renumbered 1 to {len(ranked)}: {changes}."
                # Anyone with the list open now holds old ranks: their save must not undo this one.
                record_edit(article, request.user, message)
                modeladmin.log_change(request, article, message)
                reports.append((messages.SUCCESS, f"“{article}”: {message}"))
    for level, report in reports:
        modeladmin.message_user(request, report, level)
