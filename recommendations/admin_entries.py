"""
A list's entries in the admin: the inline editors write and order them in, and the
action that renumbers whole lists 1..N.

The rank stays an ordinary input, so a clash is reported next to it and an editor
without JavaScript loses nothing. static/recommendations/admin/entry_order.js adds
Move up/Move down buttons that renumber those inputs, and keeps each blurb's word
count up to date as the editor types.
"""

import re
import unicodedata

from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.html import format_html

from .edits import record_edit
from .forms import EntryForm, EntryFormSet
from .models import Article, Entry
from .ranking import renumber_entries
from .templatetags.pictures import TEMPLATE as PICTURE_TEMPLATE
from .templatetags.pictures import poster

# A word is a run of letters or digits, held together by apostrophes and hyphens
# (“D’Onofrio”, “ride-along”); a Markdown link counts its text, not its address.
# entry_order.js counts the same way while the editor types.
LINK_TARGET = re.compile(r"\]\([^)]*\)")
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def word_count(text):
    text = LINK_TARGET.sub("] ", unicodedata.normalize("NFC", text or ""))
    return len(WORD.findall(text))


def words(count):
    return "1 word" if count == 1 else f"{count} words"


class KnownChoicesMixin:
    """An autocomplete that shows its selection from objects its form already holds.

    Django's autocomplete widgets look their selected objects up when they render:
    three queries per entry. The entry's own film, themes and people come with the
    inline's queryset, so while the selection is still theirs no query is needed.
    """

    known = ()

    def optgroups(self, name, value, attr=None):
        selected = {str(pk) for pk in value if str(pk) not in self.choices.field.empty_values}
        known = {str(obj.pk): obj for obj in self.known}
        if not selected <= known.keys():
            return super().optgroups(name, value, attr)
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        for pk, obj in known.items():
            if pk in selected:
                label = self.choices.field.label_from_instance(obj)
                options.append(self.create_option(name, obj.pk, label, True, len(options)))
        return [(None, options, 0)]


class KnownChoicesAutocompleteSelect(KnownChoicesMixin, AutocompleteSelect):
    pass


class KnownChoicesAutocompleteSelectMultiple(KnownChoicesMixin, AutocompleteSelectMultiple):
    pass


class EntryInlineForm(EntryForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.offer_known("film", [self.instance.film])
            self.offer_known("themes", self.instance.themes.all())
            self.offer_known("people", self.instance.people.all())

    def offer_known(self, name, objects):
        if name not in self.fields:
            return
        widget = self.fields[name].widget
        widget = getattr(widget, "widget", widget)  # inside the admin's add/change links
        if isinstance(widget, KnownChoicesMixin):
            widget.known = list(objects)


class EntryInlineFormSet(EntryFormSet):
    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # An entry's label (“#6 Escape Plan (2013) in Movies Like Backtrace”) and
        # its clean() read the list: this one, rather than a query per entry.
        form.instance.article = self.instance
        return form


class EntryInline(admin.StackedInline):
    model = Entry
    form = EntryInlineForm
    formset = EntryInlineFormSet
    autocomplete_fields = ["film", "themes", "people"]
    fields = ["rank", ("film", "poster_and_year"), "blurb", "blurb_length", "themes", "people", "confirm_people"]
    readonly_fields = ["poster_and_year", "blurb_length"]
    extra = 1
    ordering = ["-rank"]

    class Media:
        css = {"all": ["recommendations/admin/entry_order.css"]}
        js = ["recommendations/admin/entry_order.js"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("film").prefetch_related("themes", "people")

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.user = request.user  # a class made for this request
        return formset

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = KnownChoicesAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using"))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request) and "widget" not in kwargs:
            kwargs["widget"] = KnownChoicesAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    @admin.display(description="Poster and year")
    def poster_and_year(self, entry):
        if entry.film_id is None:
            return "Shown once a film is chosen and saved."
        film = entry.film
        return format_html(
            '<span class="entry-film">{}<span class="entry-film-year">{}</span></span>',
            render_to_string(PICTURE_TEMPLATE, poster(film, "thumb")),
            film.year or "Year unknown",
        )

    @admin.display(description="Blurb length")
    def blurb_length(self, entry):
        return format_html('<span class="entry-word-count">{}</span>', words(word_count(entry.blurb)))


@admin.action(description="Renumber ranks 1..N keeping order", permissions=["change"])
def renumber_ranks(modeladmin, request, queryset):
    """Close the gaps in each selected list's ranks, in one transaction, and say what moved."""
    reports = []
    # The changelist's queryset counts entries (GROUP BY), which cannot be locked.
    selected = list(queryset.values_list("pk", flat=True))
    with transaction.atomic():
        # Locked as a save locks them (ArticleAdminForm.clean), so the two take turns.
        for article in Article.objects.select_for_update().filter(pk__in=selected).order_by("title"):
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
