from django.contrib import admin
from django.db.models import Count
from django.utils.html import format_html

from .forms import EntryForm, EntryFormSet
from .models import Article, Credit, Entry, Film, Person, Theme, entries_using


class UsedByListsAdmin(admin.ModelAdmin):
    """Refuses, with the reason shown, to delete a person or theme that list entries use."""

    def get_deleted_objects(self, objs, request):
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        in_use = [f"Entry: {entry}" for obj in objs for entry in entries_using(obj)]
        return deleted, model_count, perms_needed, [*protected, *in_use]


@admin.register(Person)
class PersonAdmin(UsedByListsAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Theme)
class ThemeAdmin(UsedByListsAdmin):
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


@admin.register(Film)
class FilmAdmin(admin.ModelAdmin):
    list_display = ["poster_thumbnail", "title", "year", "runtime", "tag_list"]
    list_display_links = ["poster_thumbnail", "title"]
    list_filter = ["themes", "year"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title", "year"]}
    autocomplete_fields = ["themes"]
    readonly_fields = ["poster_preview"]
    fields = ["title", "year", "slug", "runtime", "synopsis", "poster", "poster_preview", "themes", "tags"]
    inlines = [CreditInline]

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


class EntryInline(admin.StackedInline):
    model = Entry
    form = EntryForm
    formset = EntryFormSet
    autocomplete_fields = ["film", "themes", "people"]
    extra = 1
    ordering = ["-rank"]


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "subject", "entry_count", "status", "published_at", "author"]
    list_filter = ["status", "published_at", "tags"]
    list_select_related = ["subject", "author"]
    search_fields = ["title", "subject__title", "entries__film__title"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["subject", "author"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "subject", "intro", "tags"]}),
        ("Publishing", {"fields": ["status", "published_at", "author"]}),
    ]
    inlines = [EntryInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_count=Count("entries", distinct=True))

    def get_changeform_initial_data(self, request):
        return {"author": request.user.pk, **super().get_changeform_initial_data(request)}

    @admin.display(description="Entries", ordering="entry_count")
    def entry_count(self, article):
        return article.entry_count
