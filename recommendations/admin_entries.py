"""
A list's entries in the admin: the inline editors write and order them in.

The rank stays an ordinary input, so a clash is reported next to it and an editor
without JavaScript loses nothing. The inline's template (entries_inline.html) lays the
entries out as the countdown reads, each with a one-line summary; its scripts order and
number them (entry_rows.js), fold them (entry_fold.js), add several films at once
(add_films.js) and add a missing credit (entry_credits.js).
"""

import re
import unicodedata

from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.utils.functional import cached_property
from django.utils.html import format_html

from .entry_credits import credited_pairs, may_add_credits, uncredited
from .forms import EntryForm, EntryFormSet
from .models import Entry
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
    entry_formset = None  # the formset it is in (EntryInlineFormSet), which reads every entry's credits at once

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.offer_known("film", [self.instance.film])
            self.offer_known("themes", self.instance.themes.all())
            self.offer_known("people", self.instance.people.all())

    def chosen(self, name):
        """The film, themes or people of the entry as the form stands: as sent, once valid, else as stored."""
        if self.is_bound and hasattr(self, "cleaned_data") and name in self.cleaned_data:
            return self.cleaned_data[name]
        if self.instance.pk is None:
            return None if name == "film" else []
        return self.instance.film if name == "film" else list(getattr(self.instance, name).all())

    @property
    def summary(self):
        """The entry's line when folded: “#3 · Out of Death (2021) · 87 words · 2 themes · 1 person”."""
        film, rank = self.chosen("film"), self["rank"].value()
        if film is None:
            return "New entry"
        themes, people = len(self.chosen("themes")), len(self.chosen("people"))
        parts = [
            f"#{rank}" if rank not in (None, "") else "",
            str(film),
            words(word_count(self["blurb"].value())),
            f"{themes} theme{'' if themes == 1 else 's'}",
            f"{people} {'person' if people == 1 else 'people'}",
        ]
        return " · ".join(part for part in parts if part)

    @property
    def film_chosen(self):
        return self.chosen("film")

    @property
    def uncredited_people(self):
        """The entry's people with no credit on its film: a warning, never an error (entry_credits.py)."""
        if self.entry_formset is None:  # the template for new rows
            return []
        return uncredited(self.chosen("film"), self.chosen("people"), self.entry_formset.credited)

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
        form.entry_formset = self
        return form

    @cached_property
    def credited(self):
        return credited_pairs([(form.chosen("film"), form.chosen("people")) for form in self.forms])

    @property
    def may_add_credits(self):
        return may_add_credits(self.user)


class EntryInline(admin.StackedInline):
    model = Entry
    form = EntryInlineForm
    formset = EntryInlineFormSet
    autocomplete_fields = ["film", "themes", "people"]
    fields = ["rank", ("film", "poster_and_year"), "blurb", "blurb_length", "themes", "people", "confirm_people"]
    readonly_fields = ["poster_and_year", "blurb_length"]
    extra = 1
    ordering = ["-rank"]
    template = "admin/recommendations/article/entries_inline.html"
    # An entry's address is its list's, which a draft does not have yet: the list's own “View on site” is enough.
    view_on_site = False

    class Media:
        css = {"all": ["recommendations/admin/entries.css"]}
        # A script per job, each described at its top; jquery.init.js first, as they set up on jQuery's ready.
        js = [
            "admin/js/jquery.init.js",
            "admin/js/inlines.js",
            "recommendations/admin/entry_rows.js",
            "recommendations/admin/entry_fold.js",
            "recommendations/admin/add_films.js",
            "recommendations/admin/entry_credits.js",
        ]

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
            poster(film, "thumb"),
            film.year or "Year unknown",
        )

    @admin.display(description="Blurb length")
    def blurb_length(self, entry):
        return format_html('<span class="entry-word-count">{}</span>', words(word_count(entry.blurb)))
