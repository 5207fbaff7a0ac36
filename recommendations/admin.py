from functools import partial

from django.contrib import admin, messages
from django.db import models
from django.db.models import Count, Max
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html

from .admin_entries import EntryInline, renumber_ranks
from .admin_import import import_article_view
from .admin_merge import MergeAdminMixin
from .admin_revisions import ListRevisionAdmin
from .autosaves import AutosaveAdminMixin
from .edits import record_edit
from .forms import ArticleAdminForm
from .models import Article, Availability, Credit, Entry, Film, Person, Service, Theme, entries_using
from .outages import SaveFailureAdminMixin
from .previews import PreviewAdminMixin
from .suggestions import suggest_entries


class ReviewedAdmin(admin.ModelAdmin):
    """Films, people and themes made on the fly wait for an Editor before readers see them (models.Reviewed)."""

    actions = ["confirm_for_readers"]

    def get_list_display(self, request):
        return [*super().get_list_display(request), "awaiting_review"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), "awaiting_review"]

    def has_publish_permission(self, request):
        return request.user.has_perm("recommendations.publish_article")

    @admin.action(description="Confirm for readers (show on the site)", permissions=["publish"])
    def confirm_for_readers(self, request, queryset):
        confirmed = queryset.confirm()
        name = self.opts.verbose_name if confirmed == 1 else self.opts.verbose_name_plural
        self.message_user(request, f"Readers can now see {confirmed} {name} that were waiting for review.")


class UsedByListsAdmin(ReviewedAdmin):
    """Refuses, with the reason shown, to delete a person or theme that list entries use."""

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        in_use = [f"Entry: {entry}" for obj in objs for entry in entries_using(obj)]
        return deleted, model_count, perms_needed, [*protected, *in_use]


@admin.register(Person)
class PersonAdmin(SaveFailureAdminMixin, UsedByListsAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Theme)
class ThemeAdmin(SaveFailureAdminMixin, UsedByListsAdmin):
    list_display = ["name", "film_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(film_count=Count("films"))

    @admin.display(description="Films", ordering="film_count")
    def film_count(self, theme):
        return theme.film_count


class CreditInline(admin.TabularInline):
    model = Credit
    autocomplete_fields = ["person"]
    fields = ["person", "role", "character_name", "billing_order"]
    extra = 1


# An address typed without a scheme ("netflix.com/title/…") is taken as https.
HTTPS_BY_DEFAULT = {models.URLField: {"assume_scheme": "https"}}


class AvailabilityInline(admin.TabularInline):
    model = Availability
    formfield_overrides = HTTPS_BY_DEFAULT
    autocomplete_fields = ["service"]
    fields = ["service", "region", "kind", "url", "last_checked"]
    extra = 1
    verbose_name = "where to watch"
    verbose_name_plural = "where to watch"


class StaleAvailabilityFilter(admin.SimpleListFilter):
    title = "where to watch"
    parameter_name = "availability"

    def lookups(self, request, model_admin):
        return [("stale", "Not checked lately"), ("none", "Nowhere known")]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.filter(availabilities__in=Availability.objects.stale()).distinct()
        if self.value() == "none":
            return queryset.filter(availabilities__isnull=True)
        return queryset


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    formfield_overrides = HTTPS_BY_DEFAULT
    list_display = ["name", "website", "film_count"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(film_count=Count("availabilities__film", distinct=True))

    @admin.display(description="Films", ordering="film_count")
    def film_count(self, service):
        return service.film_count


@admin.register(Film)
class FilmAdmin(SaveFailureAdminMixin, ReviewedAdmin):
    list_display = ["poster_thumbnail", "title", "year", "runtime", "tag_list"]
    list_display_links = ["poster_thumbnail", "title"]
    list_filter = [StaleAvailabilityFilter, "themes", "year"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title", "year"]}
    autocomplete_fields = ["themes"]
    readonly_fields = ["poster_preview"]
    fields = ["title", "year", "slug", "runtime", "synopsis", "poster", "poster_preview", "themes", "tags"]
    inlines = [CreditInline, AvailabilityInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description="Poster")
    def poster_thumbnail(self, film):
        if not film.poster:
            return ""
        return format_html('<img src="{}" alt="" width="40" loading="lazy">', film.poster.url)

    @admin.display(description="Current poster")
    def poster_preview(self, film):
        if not film.poster:
            return "No poster yet."
        return format_html('<img src="{}" alt="Poster of {}" width="160">', film.poster.url, film)

    @admin.display(description="Tags")
    def tag_list(self, film):
        return ", ".join(tag.name for tag in film.tags.all())


class StateFilter(admin.SimpleListFilter):
    title = "state"
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [("draft", "Draft"), ("scheduled", "Scheduled"), ("live", "Live")]

    def queryset(self, request, queryset):
        by_state = {"draft": queryset.drafts, "scheduled": queryset.scheduled, "live": queryset.live}
        return by_state[self.value()]() if self.value() in by_state else queryset


@admin.register(Article)
class ArticleAdmin(PreviewAdminMixin, AutosaveAdminMixin, MergeAdminMixin, SaveFailureAdminMixin, ListRevisionAdmin):
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
    actions = ["publish_now", "unpublish", renumber_ranks]
    change_list_template = "admin/recommendations/article/change_list.html"

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
        record_edit(article, request.user, f"Added {film} at #{rank} from the suggestions.")
        self.message_user(request, f"Your changes were saved and {film} was added at #{rank}: write its blurb below.")
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

    @admin.action(description="Publish selected lists now", permissions=["publish"])
    def publish_now(self, request, queryset):
        published = []
        for article in queryset.drafts():
            problems = article.publishing_problems()
            if problems:
                reasons = " ".join(problem.message for problem in problems)
                self.message_user(request, f"“{article}” was not published. {reasons}", messages.ERROR)
                continue
            article.status, article.published_at = Article.Status.PUBLISHED, timezone.now()
            record_edit(article, request.user, "Published.")
            published.append(article.title)
        if published:
            self.message_user(request, f"Published: {', '.join(published)}.", messages.SUCCESS)

    @admin.action(description="Unpublish selected lists (take them off the site)", permissions=["publish"])
    def unpublish(self, request, queryset):
        unpublished = []
        for article in queryset.filter(status=Article.Status.PUBLISHED):
            article.status = Article.Status.DRAFT
            record_edit(article, request.user, "Unpublished.")
            unpublished.append(article.title)
        if unpublished:
            self.message_user(request, f"Taken off the site: {', '.join(unpublished)}.", messages.SUCCESS)
