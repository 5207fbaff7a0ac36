from functools import partial

from django.contrib import admin, messages
from django.db.models import Count, Max
from django.shortcuts import redirect
from django.urls import path, reverse

# Registers the catalogue's admins beside the lists'.
from . import admin_catalogue  # noqa: F401
from .admin_actions import publish_now, renumber_ranks, unpublish
from .admin_entries import EntryInline
from .admin_import import ImportedDraftDeletion, import_article_view
from .admin_merge import MergeAdminMixin
from .admin_revisions import ListRevisionAdmin
from .autosaves import AutosaveAdminMixin
from .edits import record_edit
from .error_summary import error_summary
from .forms import ArticleAdminForm
from .models import Article, Entry, Film
from .outages import SaveFailureAdminMixin
from .previews import PreviewAdminMixin
from .save_report import SaveReportAdminMixin
from .suggestions import shared_with, suggest_entries
from .text import site_time_zone


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("draft", "Draft"), ("scheduled", "Scheduled"), ("live", "Live")]

    def queryset(self, request, queryset):
        by_state = {"draft": queryset.drafts, "scheduled": queryset.scheduled, "live": queryset.live}
        return by_state[self.value()]() if self.value() in by_state else queryset


@admin.register(Article)
class ArticleAdmin(
    ImportedDraftDeletion,
    PreviewAdminMixin,
    AutosaveAdminMixin,
    MergeAdminMixin,
    SaveReportAdminMixin,
    SaveFailureAdminMixin,
    ListRevisionAdmin,
):
    form = ArticleAdminForm
    list_display = ["title", "subject", "entry_count", "state", "published_at", "author"]
    list_filter = [StateFilter, "published_at", "tags"]
    list_select_related = ["subject", "author"]
    search_fields = ["title", "subject__title", "entries__film__title"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["subject", "author"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "subject", "intro", "tags", "loaded_version"]}),
        ("Publishing", {"fields": ["status", "published_at", "author"]}),
    ]
    inlines = [EntryInline]
    actions = [publish_now, unpublish, renumber_ranks]
    change_list_template = "admin/recommendations/article/change_list.html"

    class Media:
        # A script per job (see each file's opening comment); jquery.init.js first, for the pickers.
        js = [
            "admin/js/jquery.init.js",
            "recommendations/admin/list_status.js",
            "recommendations/admin/error_summary.js",
            "recommendations/admin/pickers.js",
        ]

    def get_urls(self):
        import_url = path(
            "import/",
            self.admin_site.admin_view(partial(import_article_view, self)),
            name=f"{self.opts.app_label}_{self.opts.model_name}_import",
        )
        # Ahead of the admin's catch-all "<path:object_id>/", which would otherwise take it.
        return [import_url, *super().get_urls()]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Here, not in change_view: only a form that is shown (a GET, or a save sent back with its
        # errors) needs them, and working them out costs a few queries over the catalogue.
        if obj is not None and obj.is_draft and self.has_change_permission(request, obj):
            context["suggestions"] = suggest_entries(obj)
        context["error_summary"] = error_summary(context["adminform"], context["inline_admin_formsets"])
        if context["error_summary"]:
            context["errors"] = None  # the summary says all the admin's “Please correct the errors below.” would
        context["list_standing"] = obj.state_description if obj else "New list: a draft until it is published."
        context["list_state"] = obj.state if obj else "draft"
        context["site_time_zone"] = site_time_zone()
        context["can_renumber"] = obj is not None
        return super().render_change_form(request, context, add, change, form_url, obj)

    def response_change(self, request, obj):
        if "_add_suggestion" in request.POST:
            return self.add_suggested_entry(request, obj)
        return super().response_change(request, obj)

    def add_suggested_entry(self, request, article):
        """The editor's changes are saved; the suggested film joins at the bottom of the countdown."""
        film = Film.objects.filter(pk=request.POST["_add_suggestion"]).first()
        change_page = reverse("admin:recommendations_article_change", args=[article.pk])
        rank = (article.entries.aggregate(Max("rank"))["rank__max"] or 0) + 1
        entry = Entry(article=article, film=film, rank=rank)
        stored = list(article.entries.select_related("film"))
        addable = (
            article.is_draft
            and film is not None
            and not article.entry_problems(entry)
            and not article.repeated_entries([*stored, entry])
        )
        if not addable:
            self.message_user(
                request, "Your changes were saved; that film cannot be added to this list.", messages.WARNING
            )
            return redirect(change_page)
        entry.save()
        themes, people = shared_with(article.subject, film)
        entry.themes.set(themes)
        entry.people.set(people)
        record_edit(article, request.user, f"Added {film} at #{rank} from the suggestions.")
        shares = ", ".join(str(shared) for shared in [*themes, *people])
        filled = f", with what it shares with {article.subject}: {shares}" if shares else ""
        self.message_user(
            request, f"Your changes were saved and {film} was added at #{rank}{filled}. Write its blurb below."
        )
        return redirect(f"{change_page}#entries-group")

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_count=Count("entries", distinct=True))

    def get_changeform_initial_data(self, request):
        return {"author": request.user.pk, **super().get_changeform_initial_data(request)}

    def has_publish_permission(self, request):
        return request.user.has_perm("recommendations.publish_article")

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        if obj is None or self.has_publish_permission(request):
            return True
        # Writers edit their own drafts only; the rest they may read.
        return obj.author_id == request.user.pk and obj.is_draft

    def get_readonly_fields(self, request, obj=None):
        if self.has_publish_permission(request):
            return self.readonly_fields
        # Read-only fields are left out of the form, so a forged POST cannot set them either.
        return [*self.readonly_fields, "status", "published_at", "author"]

    def save_model(self, request, obj, form, change):
        if not change and obj.author_id is None:
            obj.author = request.user
        obj.mark_edited_by(request.user)
        super().save_model(request, obj, form, change)

    @admin.display(description="Entries", ordering="entry_count")
    def entry_count(self, article):
        return article.entry_count

    @admin.display(description="State", ordering="status")
    def state(self, article):
        return article.state.capitalize()
