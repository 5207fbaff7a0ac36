"""
The merge page: shown in place of the change form when a save is refused because someone else saved
the list after the form was opened (forms.ArticleAdminForm.refuse_saving_over_someone_else).

It lists, field by field and entry by entry, what they saved and what the editor typed
(merging.py decides which is which). Changes only one of them made are kept as they are; for those
both made, the editor picks one side or edits a text. "Save" then sends the merged list through the
ordinary change form, carrying the loaded_version of the list the page showed, so the conflict check
stays the one authority: if a third save came in meanwhile, that save is refused too, and the page
is shown again against the newer list, with the editor's picks kept.

The refused form is also kept as the editor's autosave (autosaves.py): leaving the page loses
nothing either.
"""

import json
from dataclasses import dataclass

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.forms.forms import NON_FIELD_ERRORS
from django.http import Http404, HttpResponseBadRequest, QueryDict
from django.template.response import TemplateResponse
from django.urls import reverse
from reversion.models import Version

from . import autosaves
from .merging import TEXT_FIELDS, as_id, from_form_data, from_state, merge, merged_form_data, settle
from .models import Article
from .revisions import live_state, names_of, stored_state
from .text import editor_time

FIELD_LABELS = {
    "title": "Title",
    "slug": "Address (slug)",
    "subject": "Subject",
    "intro": "Intro",
    "tags": "Tags",
    "status": "Status",
    "published_at": "Publication date",
    "author": "Author",
    "rank": "rank",
    "film": "film",
    "blurb": "blurb",
    "themes": "themes",
    "people": "people",
}


@dataclass(frozen=True)
class Conflict:
    """Everything the merge page needs about one refused save."""

    article: object
    mine_data: object  # the form as the editor sent it (a QueryDict)
    theirs: object
    mine: object
    decisions: list
    names: object
    base_known: bool


@dataclass(frozen=True)
class Row:
    """One decision as the page shows it."""

    decision: object
    label: str
    theirs: str
    mine: str
    is_text: bool
    pick: str = ""  # what the editor picked before the page came back
    edited: str = ""  # the text she was writing, when she picked "edited"


def version_saved_at(article, edit_version):
    """The stored version of `article` whose save left it at `edit_version`, or None (newest looked at first)."""
    if edit_version is None:
        return None
    candidates = Version.objects.get_for_object(article).filter(
        serialized_data__contains=f'"edit_version": {edit_version}'
    )
    return next(
        (version for version in candidates.order_by("-pk") if version.field_dict.get("edit_version") == edit_version),
        None,
    )


def find_conflict(article, mine_data):
    article = Article.objects.select_related("last_edited_by").get(pk=article.pk)
    mine, removed = from_form_data(mine_data)
    theirs = from_state(live_state(article), tags=article.tags.names(), edit_version=article.edit_version)
    stored = version_saved_at(article, as_id(mine_data.get("loaded_version")))
    base = from_state(stored_state(stored)) if stored is not None else None
    decisions = merge(base, theirs, mine, removed)
    return Conflict(article, mine_data, theirs, mine, decisions, names_for(theirs, mine), base is not None)


def names_for(*versions):
    ids = {"films": set(), "themes": set(), "people": set(), "users": set()}
    for version in versions:
        ids["films"].add(version.fields.get("subject"))
        ids["users"].add(version.fields.get("author"))
        for entry in version.entries.values():
            ids["films"].add(entry["film"])
            ids["themes"] |= entry["themes"]
            ids["people"] |= entry["people"]
    return names_of(ids["films"], ids["themes"], ids["people"], ids["users"])


def shown(name, value, names):
    """A value as the merge page words it."""
    if value is None or value == frozenset():
        return "(none)"
    if name in {"subject", "film"}:
        return names.film(value)
    if name == "author":
        return names.user(value)
    if name == "status":
        return names.status(value)
    if name == "rank":
        return f"#{value}"
    if name == "published_at":
        return " ".join(value) + " (not a date and time)" if isinstance(value, tuple) else editor_time(value)
    if name == "tags":
        return ", ".join(sorted(value))
    if name == "themes":
        return ", ".join(sorted(map(names.theme, value)))
    if name == "people":
        return ", ".join(sorted(map(names.person, value)))
    if name == "exists":
        return "In the list" if value else "Removed from the list"
    return str(value)


def rows_of(conflict, picks, edits):
    rows = {"theirs": [], "mine": [], "conflict": []}
    for decision in conflict.decisions:
        if decision.outcome == "same":
            continue
        rows[decision.outcome].append(
            Row(
                decision,
                label_of(decision, conflict),
                shown(decision.name, decision.theirs, conflict.names),
                shown(decision.name, decision.mine, conflict.names),
                decision.name in TEXT_FIELDS,
                picks.get(decision.key, ""),
                edits.get(decision.key, shown(decision.name, decision.mine, conflict.names)),
            )
        )
    return rows


def label_of(decision, conflict):
    if decision.entry is None:
        return FIELD_LABELS[decision.name]
    entry = conflict.theirs.entries.get(decision.entry) or conflict.mine.entries.get(decision.entry)
    film = conflict.names.film(entry["film"])
    if decision.name == "exists":
        return f"{film} (#{entry['rank']})"
    return f"{film}: {FIELD_LABELS[decision.name]}"


class MergeAdminMixin:
    merge_template = "admin/recommendations/article/merge.html"

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        form = context["adminform"].form
        refused = request.method == "POST" and form.has_error(NON_FIELD_ERRORS, "edit_conflict")
        if refused and change and self.admin_page(request) == "change":
            autosaves.keep(request.user, obj, request.POST)
            return self.merge_response(request, find_conflict(obj, request.POST), context)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "POST" and "_merge" in request.POST:
            return self.merged_save(request, object_id, form_url, extra_context)
        return super().change_view(request, object_id, form_url, extra_context)

    def merged_save(self, request, object_id, form_url, extra_context):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such list.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        try:
            mine = json.loads(request.POST.get("_merge_mine", ""))
            shown_version = int(request.POST.get("_merge_theirs", ""))
        except ValueError:
            return HttpResponseBadRequest("This merge form is incomplete: open the list again.")
        mine_data = QueryDict(mutable=True)
        for name, values in mine.items() if isinstance(mine, dict) else ():
            mine_data.setlist(name, [str(value) for value in values] if isinstance(values, list) else [str(values)])
        conflict = find_conflict(article, mine_data)
        picks = {
            name.removeprefix("_pick-"): value for name, value in request.POST.items() if name.startswith("_pick-")
        }
        edits = {
            name.removeprefix("_edit-"): value for name, value in request.POST.items() if name.startswith("_edit-")
        }
        if conflict.theirs.edit_version != shown_version:
            notice = (
                "The list was saved again while you were choosing: here is how it stands now. Your choices are kept."
            )
            return self.merge_response(request, conflict, picks=picks, edits=edits, notice=notice)
        settled, unpicked = settle(conflict.decisions, picks, edits)
        if unpicked:
            notice = "Choose one version for each of the fields you both changed."
            return self.merge_response(request, conflict, picks=picks, edits=edits, notice=notice)
        merged = QueryDict(mutable=True)
        for name, value in merged_form_data(settled, conflict.theirs, conflict.mine, mine_data, article.pk).items():
            merged.setlist(name, value if isinstance(value, list) else [value])
        merged["csrfmiddlewaretoken"] = request.POST.get("csrfmiddlewaretoken", "")
        merged["_continue"] = "1"
        request.POST = merged
        return super().change_view(request, object_id, form_url, extra_context)

    def merge_response(self, request, conflict, context=None, picks=None, edits=None, notice=""):
        article = conflict.article
        who = article.last_edited_by.get_username() if article.last_edited_by else "Someone"
        mine_json = json.dumps(
            {name: conflict.mine_data.getlist(name) for name in autosaves.kept_form_data(conflict.mine_data)}
        )
        context = {
            **(context or self.admin_site.each_context(request)),
            **self.admin_site.each_context(request),
            "title": f"Keep both: “{article}” was saved while you were editing it",
            "subtitle": None,
            "opts": self.opts,
            "original": article,
            "who": who,
            "when": editor_time(article.updated_at),
            "rows": rows_of(conflict, picks or {}, edits or {}),
            "base_known": conflict.base_known,
            "notice": notice,
            "mine_json": mine_json,
            "theirs_version": conflict.theirs.edit_version,
            "change_url": reverse(
                f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_change", args=[article.pk]
            ),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.merge_template, context)
