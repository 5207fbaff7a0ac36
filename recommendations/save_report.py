"""
What a save of a list in its admin form did, said in words (the admin's message after the save).

Where the list stands now, and how it got there: saved as a draft, live since a time, scheduled
for a time (named in the site's time zone), or taken off the site. Then which numbers the save
gave or changed: entries added, moved by the editor, or moved along to make room for one put
on a taken number (forms.EntryFormSet), so no entry moves without the editor being told.
"""

from contextlib import contextmanager
from dataclasses import dataclass, field

from django.contrib import messages

from .entry_credits import credited_pairs, uncredited
from .text import editor_time

# Longer reports of moved numbers end with “and N more”: History has every one of them.
NUMBERS_NAMED = 8


@dataclass
class ListSave:
    """A save under way: the list as stored before it (None for a new list), and what the save numbered."""

    article: object
    before: object = None
    numbers: list = field(default_factory=list)
    moved_along: list = field(default_factory=list)
    removed: list = field(default_factory=list)
    uncredited: list = field(default_factory=list)

    def note_entries(self, formset):
        """What the entries formset saved: new numbers, changed numbers, entries taken out."""
        for form in formset.forms:
            entry = form.instance
            if not form.cleaned_data:
                continue
            if form in formset.deleted_forms:
                if form in formset.initial_forms:
                    self.removed.append(f"{entry.film} (#{form.initial.get('rank')})")
            elif form not in formset.initial_forms:
                self.numbers.append((entry.rank, f"{entry.film} new at #{entry.rank}"))
            elif form.initial.get("rank") != entry.rank:
                moved = self.moved_along if entry.pk in formset.shifted else self.numbers
                moved.append((entry.rank, f"{entry.film} #{form.initial['rank']} → #{entry.rank}"))
        for report in (self.numbers, self.moved_along):
            report.sort(key=lambda number: -number[0])
        kept = [form for form in formset.forms if form.cleaned_data and form not in formset.deleted_forms]
        named = [(form.instance.film, form.cleaned_data.get("people", [])) for form in kept]
        credited = credited_pairs(named)
        for film, people in named:
            self.uncredited += [(person, film) for person in uncredited(film, people, credited)]

    def messages(self, request):
        """[(level, text)]: where the list stands, then what moved."""
        said = [(messages.SUCCESS, self.standing(request, self.article))]
        if self.numbers:
            said.append((messages.INFO, f"Numbers: {named(self.numbers)}."))
        if self.moved_along:
            said.append((messages.INFO, f"Moved along to make room: {named(self.moved_along)}."))
        if self.removed:
            said.append((messages.INFO, f"Taken out of the list: {', '.join(self.removed)}."))
        for person, film in self.uncredited:
            said.append((messages.WARNING, f"{person} is not credited on {film}: check the entry, or add the credit."))
        return said

    def standing(self, request, article):
        was = self.before.state if self.before is not None else None
        name = f"“{article}”"
        address = request.build_absolute_uri(article.get_absolute_url())
        if article.is_draft:
            if was == "live":
                return f"{name} was taken off the site: it is a draft again, and readers get “not found” at {address}."
            if was == "scheduled":
                when = editor_time(self.before.published_at, with_zone=True)
                return f"{name} is no longer scheduled for {when}: it is a draft again."
            return f"{name} is saved as a draft: readers can't see it yet."
        when = editor_time(article.published_at, with_zone=True)
        if article.is_scheduled:
            if was == "scheduled" and self.before.published_at == article.published_at:
                return f"{name} is saved, and still scheduled: readers see it from {when}, at {address}."
            return f"{name} is scheduled: readers see it from {when}, at {address}."
        if was == "live":
            return f"{name} is saved, and the changes are live at {address}."
        return f"{name} is published: live since {when}, at {address}."


def named(numbers):
    shown = "; ".join(text for _rank, text in numbers[:NUMBERS_NAMED])
    more = len(numbers) - NUMBERS_NAMED
    return f"{shown}; and {more} more" if more > 0 else shown


class SaveReportAdminMixin:
    """The list admin's messages after a save say what the save did (ListSave), not “was changed successfully”."""

    def save_model(self, request, obj, form, change):
        before = type(obj).objects.filter(pk=obj.pk).first() if change else None
        request.list_save = ListSave(article=obj, before=before)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        for formset in formsets:
            if formset.model is form.instance.entries.model:
                request.list_save.note_entries(formset)

    def response_add(self, request, obj, post_url_continue=None):
        with self.reporting(request):
            return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        with self.reporting(request):
            return super().response_change(request, obj)

    @contextmanager
    def reporting(self, request):
        # The admin's own “The list … was added/changed successfully” is the one success message these
        # responses send: it is replaced by the report, once.
        request.replace_success_message = hasattr(request, "list_save")
        try:
            yield
        finally:
            request.replace_success_message = False

    def message_user(self, request, message, level=messages.INFO, extra_tags="", fail_silently=False):
        if level == messages.SUCCESS and getattr(request, "replace_success_message", False):
            request.replace_success_message = False
            for said_level, said in request.list_save.messages(request):
                super().message_user(request, said, said_level, extra_tags, fail_silently)
            return
        super().message_user(request, message, level, extra_tags, fail_silently)
