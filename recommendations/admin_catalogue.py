"""The catalogue in the admin: films, people, themes and services, and the review they wait for."""

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IS_POPUP_VAR
from django.db import models
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.urls import reverse
from django.utils.html import format_html

from .models import AuthorProfile, Availability, Credit, Film, Person, Service, Theme, entries_using, unique_slug
from .outages import SaveFailureAdminMixin
from .text import search_key


class ReviewedAdmin(admin.ModelAdmin):
    """Films, people and themes made on the fly wait for an Editor before readers see them (models.Reviewed).

    Every row made here records who made it. It waits when a Writer made it, or when it was made
    in the "+" popup of a picker (made on the fly, as a picker's "Create" makes it): only an
    Editor working in the film's, person's or theme's own form makes a row readers see at once.
    """

    actions = ["confirm_for_readers"]
    # The field a picker's typed text fills in the "+" popup, and what the row's slug is made from.
    name_field = "name"

    def get_list_display(self, request):
        return [*super().get_list_display(request), "awaiting_review"]

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), "awaiting_review"]

    def has_publish_permission(self, request):
        return request.user.has_perm("recommendations.publish_article")

    def get_search_results(self, request, queryset, search_term):
        """Also what the site search matches: “vincent d'onofrio” finds D’Onofrio, “Heat (1995)” Heat of 1995."""
        found, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        key = search_key(search_term)
        if not key:
            return found, may_have_duplicates
        return found | queryset.filter(search_text__contains=key), may_have_duplicates

    def get_changeform_initial_data(self, request):
        """A popup opened from a picker carries what was typed there (?name=…); its slug follows."""
        initial = super().get_changeform_initial_data(request)
        if initial.get(self.name_field) and not initial.get("slug"):
            initial["slug"] = unique_slug(self.model, " ".join(str(value) for value in self.slug_source(initial)))
        return initial

    def slug_source(self, initial):
        return [initial[self.name_field]]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.added_by = request.user
            made_on_the_fly = IS_POPUP_VAR in request.POST or IS_POPUP_VAR in request.GET
            obj.awaiting_review = made_on_the_fly or not self.has_publish_permission(request)
        super().save_model(request, obj, form, change)

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
        # Ordered again: a grouped query drops Meta.ordering, and the autocomplete pages through it.
        # The same count readers see on the themes index: films that carry it, and films an entry counts it for.
        return super().get_queryset(request).with_film_counts().order_by("name")

    @admin.display(description="Films", ordering="film_count")
    def film_count(self, theme):
        return theme.film_count


class TableRowForm(forms.ModelForm):
    """A row of an inline table, whose inputs have no <label> of their own: each is named by its column."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = getattr(field.widget, "widget", field.widget)  # inside the admin's add/change links
            widget.attrs.setdefault("aria-label", field.label)


class TableFormSet(BaseInlineFormSet):
    """An inline table whose rows are TableRowForms, their Delete boxes named too."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].widget.attrs["aria-label"] = (
                f"Delete {form.instance}" if form.instance.pk else "Delete"
            )


class CreditInline(admin.TabularInline):
    model = Credit
    form = TableRowForm
    formset = TableFormSet
    autocomplete_fields = ["person"]
    fields = ["person", "role", "character_name", "billing_order"]
    extra = 1


# An address typed without a scheme ("netflix.com/title/…") is taken as https.
HTTPS_BY_DEFAULT = {models.URLField: {"assume_scheme": "https"}}


class AvailabilityInline(admin.TabularInline):
    model = Availability
    form = TableRowForm
    formset = TableFormSet
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


@admin.register(AuthorProfile)
class AuthorProfileAdmin(SaveFailureAdminMixin, admin.ModelAdmin):
    """Bylines and author pages. Writers change their own profile; Editors everyone's."""

    list_display = ["__str__", "user", "slug"]
    list_select_related = ["user"]
    search_fields = ["pen_name", "user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]
    prepopulated_fields = {"slug": ["pen_name"]}
    fields = ["user", "pen_name", "slug", "bio", "photo"]

    def has_change_permission(self, request, obj=None):
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or obj.user_id == request.user.pk or request.user.has_perm("recommendations.publish_article")

    def get_readonly_fields(self, request, obj=None):
        # Whose profile it is is the Editors' to set.
        return [] if request.user.has_perm("recommendations.publish_article") else ["user"]


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


class FilmAdminForm(forms.ModelForm):
    class Meta:
        model = Film
        fields = ["title", "year", "slug", "runtime", "synopsis", "poster", "themes", "tags"]

    def clean_slug(self):
        """Two films with one address: say which film has it, with a link, and an address that is free."""
        slug = self.cleaned_data["slug"]
        existing = Film.objects.filter(slug=slug).exclude(pk=self.instance.pk).first()
        if existing is not None:
            raise forms.ValidationError(
                format_html(
                    '{} is already in the catalogue at this address: <a href="{}">open {}</a>. If this is a '
                    "different film, give it an address of its own, such as “{}”.",
                    existing,
                    reverse("admin:recommendations_film_change", args=[existing.pk]),
                    existing,
                    unique_slug(Film, slug),
                ),
                code="unique",
            )
        return slug


@admin.register(Film)
class FilmAdmin(SaveFailureAdminMixin, ReviewedAdmin):
    form = FilmAdminForm
    list_display = ["poster_thumbnail", "title", "year", "runtime", "tag_list"]
    list_display_links = ["poster_thumbnail", "title"]
    list_filter = [StaleAvailabilityFilter, "themes", "year"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title", "year"]}
    autocomplete_fields = ["themes"]
    readonly_fields = ["poster_preview"]
    fields = ["title", "year", "slug", "runtime", "synopsis", "poster", "poster_preview", "themes", "tags"]
    inlines = [CreditInline, AvailabilityInline]
    name_field = "title"

    class Media:
        css = {"all": ["recommendations/admin/film_form.css"]}
        # The credits' person picker and the themes picker create what they lack, as the list's do.
        js = ["admin/js/jquery.init.js", "recommendations/admin/pickers.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    def slug_source(self, initial):
        return [initial["title"], initial.get("year", "")]

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
