"""The list admin's revisions: every save keeps one, entries included; editors compare and restore them.

django-reversion does the keeping and the restoring. What this adds for lists:
restores that survive ranks moved since, keep the list's bookkeeping (edit version,
share-link key, old addresses) moving forward, and are checked against the list as
it stands; and a page comparing two revisions in words.
"""

import contextlib
from dataclasses import dataclass

import reversion
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from reversion.admin import VersionAdmin
from reversion.models import Version

from . import ranking
from .revisions import changes_back_to, compare, list_versions
from .upkeep import batched_upkeep


@dataclass
class Restore:
    """A restore under way in this request: the list as it stood before, and whether the restored list got saved."""

    before: object
    saved: bool = False


@dataclass(frozen=True)
class RevisionToRestore:
    """What the restore page says about the revision it shows: which one, and what saving it changes back."""

    number: int
    revision: object
    changes: list


class ListRevisionAdmin(VersionAdmin):
    object_history_template = "admin/recommendations/article/object_history.html"
    compare_revisions_template = "admin/recommendations/article/compare_revisions.html"
    revision_form_template = "admin/recommendations/article/revision_form.html"

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}_compare_revisions"
        compare_url = path(
            "<path:object_id>/history/compare/", self.admin_site.admin_view(self.compare_revisions_view), name=name
        )
        # Ahead of the admin's catch-all "<path:object_id>/", which would otherwise take it.
        return [compare_url, *super().get_urls()]

    def add_view(self, request, form_url="", extra_context=None):
        # Skips VersionAdmin's revision around the whole view: changeform_view makes it.
        return super(VersionAdmin, self).add_view(request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            self.keep_a_first_revision(request, object_id)
        return super(VersionAdmin, self).change_view(request, object_id, form_url, extra_context)

    def keep_a_first_revision(self, request, object_id):
        """A list made outside the change form (imported, generated, restored from a backup) has no revision until
        someone saves it. The first time its form is opened it gets one, as it stands: History can restore it, and
        a refused save can be merged against the version its form was opened at (admin_merge.py)."""
        article = self.model.objects.filter(pk=unquote(object_id)).first() if str(object_id).isdigit() else None
        if article is None or not self.has_change_permission(request, article):
            return  # only for editors who can save it: it is the version their form starts from
        if Version.objects.get_for_object(article).exists():
            return
        with reversion.create_revision():
            # The entries first, each with what it stores and how it is named (“#6 Escape Plan (2013) in …”)
            # fetched with it: the list's own follows then find them already kept, in a query or two in all.
            for entry in article.entries.select_related("film", "article").prefetch_related("themes", "people"):
                reversion.add_to_revision(entry)
            reversion.add_to_revision(article)
            reversion.set_comment("As it stood when first opened here.")

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The revision is made in here, inside anything that wraps the change form and then
        # rolls it back (the Preview button saves for real and undoes it): it goes with the rest.
        with self.create_revision(request):
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        # Written in save_related, which Django calls next with the entries' formsets: only there can
        # it tell a save that changes something from one that changes nothing.
        pass

    def save_related(self, request, form, formsets, change):
        restore = getattr(request, "list_restore", None)
        if (
            change
            and restore is None
            and not form.has_changed()
            and not any(formset.has_changed() for formset in formsets)
        ):
            # Nothing to keep: no revision, no log entry, and no new edit version, so that nobody with the
            # list open is refused for a save that changed nothing.
            request.list_unchanged = True
            return
        if restore is not None:
            self.keep_bookkeeping_through_restore(form.instance, restore.before)
        recording = reversion.is_active()
        # A long list saves hundreds of entries and links, and each save and link change would record
        # its row again and rebuild what it derives: both are done once, after them all.
        kept_by_hand = reversion.create_revision(manage_manually=True) if recording else contextlib.nullcontext()
        with batched_upkeep(), kept_by_hand:
            super().save_model(request, form.instance, form, change)
            if restore is not None:
                restore.saved = True
            super().save_related(request, form, formsets, change)
            if form.instance.status == form.instance.Status.PUBLISHED:
                form.instance.confirm_what_it_uses()
            if recording:
                # Every entry as it now stands (an insertion moves those below it with a queryset
                # update, which sends no signal), read with its links at once; then the list, whose
                # follow of its entries finds them kept.
                for entry in form.instance.entries.select_related("film").prefetch_related("themes", "people"):
                    reversion.add_to_revision(entry)
                reversion.add_to_revision(form.instance)

    def construct_change_message(self, request, form, formsets, add=False):
        if getattr(request, "list_unchanged", False):
            return []  # the formsets were never saved, so there is nothing to word
        return super().construct_change_message(request, form, formsets, add)

    def log_change(self, request, obj, message):
        if getattr(request, "list_unchanged", False):
            return None
        return super().log_change(request, obj, message)

    def response_change(self, request, obj):
        if not getattr(request, "list_unchanged", False):
            return super().response_change(request, obj)
        self.message_user(request, f"Nothing in “{obj}” had changed, so nothing was saved.", messages.INFO)
        if "_continue" in request.POST:
            return HttpResponseRedirect(request.path)
        if "_addanother" in request.POST:
            return HttpResponseRedirect(
                reverse(f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_add")
            )
        return self.response_post_save_change(request, obj)

    def changelist_view(self, request, extra_context=None):
        # VersionAdmin records a whole changelist request as one revision. An action on
        # several lists would then tie them together, and restoring one would restore all;
        # the actions keep a revision per list instead (edits.record_edit).
        context = {"has_change_permission": self.has_change_permission(request), **(extra_context or {})}
        return super(VersionAdmin, self).changelist_view(request, context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        """Shows a past revision as a form (GET) and restores it (POST), entries included."""
        with transaction.atomic():
            current = get_object_or_404(self.model.objects.select_for_update(), pk=unquote(object_id))
            # Judged on the list as it stands, not as the revision had it: a writer may not
            # restore a list that is no longer theirs, or a draft of one now published.
            allowed = self.has_change_permission if request.method == "POST" else self.has_view_or_change_permission
            if not allowed(request, current):
                raise PermissionDenied
            versions = list_versions(current)
            version = next((version for version in versions if str(version.pk) == str(version_id)), None)
            if version is None:
                raise Http404("No such revision of this list.")
            restoring = RevisionToRestore(
                number=versions.index(version) + 1, revision=version.revision, changes=changes_back_to(current, version)
            )
            extra_context = {
                "title": f"Restore revision {restoring.number} of “{current}”",
                "restoring": restoring,
                **(extra_context or {}),
            }
            request.list_restore = Restore(before=current)
            # The revision's ranks may be held by other entries now (two swapped since), and
            # the unique rank is checked row by row: every entry steps aside first, as in a
            # save, and takes its rank back from the revision.
            # django-reversion writes every entry back row by row: what they derive is worked out once.
            with batched_upkeep():
                ranking.park(current.entries.all())
                response = super().revision_view(request, object_id, version_id, extra_context)
            if not request.list_restore.saved:
                # Only shown, refused, or the revision could not be put back: nothing changes.
                transaction.set_rollback(True)
        return response

    def keep_bookkeeping_through_restore(self, obj, before):
        """The revision brought back the list's content; what tracks the list's life carries on from now."""
        # Open forms built from the list as it was before the restore are refused.
        obj.edit_version = max(obj.edit_version, before.edit_version + 1)
        if obj.slug != before.slug:
            # The revision was written straight to the table, past Article.save(). With the
            # address the list had until now back in place, save() keeps it as a redirect.
            type(obj).objects.filter(pk=obj.pk).update(slug=before.slug, status=before.status)

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if isinstance(response, TemplateResponse):
            revisions = sorted((action["revision"] for action in response.context_data["action_list"]), key=pk_of)
            response.context_data["compare"] = default_pair(revisions)
        return response

    def compare_revisions_view(self, request, object_id):
        article = self.get_object(request, unquote(object_id))
        if article is None:
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = list_versions(article)
        by_revision = {version.revision_id: version for version in versions}
        pair = default_pair([version.revision for version in versions])
        for side in ("older", "newer"):
            picked = request.GET.get(side)
            if picked is not None:
                pair[side] = revision_id(picked, by_revision)
        older, newer = sorted((by_revision.get(pair["older"]), by_revision.get(pair["newer"])), key=pk_of)
        # Numbered from 1, oldest first, as the history page numbers them.
        shown = [
            {"revision": version.revision, "url": self.restore_url(version), "number": number}
            for number, version in enumerate(versions, start=1)
        ]
        shown_by_revision = {row["revision"].pk: row for row in shown}
        context = {
            **self.admin_site.each_context(request),
            "title": f"Compare revisions: {article}",
            "subtitle": None,
            "object": article,
            "opts": self.opts,
            "module_name": self.opts.verbose_name_plural.capitalize(),
            "action_list": shown,
            "compare": pair,
            "older": older and shown_by_revision[older.revision_id],
            "newer": newer and shown_by_revision[newer.revision_id],
            "changes": compare(older, newer) if older and newer else [],
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.compare_revisions_template, context)

    def restore_url(self, version):
        return reverse(
            f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_revision",
            args=[quote(version.object_id), version.pk],
        )


def pk_of(obj):
    return obj.pk if obj is not None else 0


def default_pair(revisions):
    """The latest revision against the one before it: what an editor most often wants to see."""
    ids = [revision.pk for revision in revisions]
    return {"older": ids[-2] if len(ids) > 1 else None, "newer": ids[-1] if ids else None}


def revision_id(picked, by_revision):
    try:
        pk = int(picked)
    except ValueError:
        raise Http404("No such revision of this list.") from None
    if pk not in by_revision:
        raise Http404("No such revision of this list.")
    return pk
