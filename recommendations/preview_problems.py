"""
A preview of a form that has errors: the list page as far as it can be shown, and what the form
cannot accept yet listed above it, never a second copy of the form.

It runs inside the preview's transaction (PreviewAdminMixin.undone_if_preview), which is rolled
back whatever happens, so what it writes here is only ever read by the preview it renders:

- the list's own fields as the editor typed them, except those with an error, which stay as last
  saved (a new list needs a valid title, address and subject before there is a page to show);
- each entry as typed, except one whose form has an error, which is shown as last saved (or left
  out, when it is new), and one that would repeat a rank or film shown before it.
"""

from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.forms.forms import NON_FIELD_ERRORS

from .models import Article, Entry

# What a new list must have before it has a page.
NEEDED_FOR_A_PAGE = ("title", "slug", "subject")


@dataclass(frozen=True)
class FormProblem:
    """One error of the form, said where it belongs: `prefix` names the entry's form ("entries-2"), `field` the
    field ("rank"); both empty for the list as a whole."""

    label: str
    message: str
    prefix: str = ""
    field: str = ""

    def as_data(self):
        return {"label": self.label, "message": self.message, "prefix": self.prefix, "field": self.field}


def form_problems(form, formsets):
    """Every error the form and its entries' forms hold, in the order the page shows them."""
    problems = list(errors_of(form, "", "The list"))
    for formset in formsets:
        problems += [FormProblem("Entries", message) for message in formset.non_form_errors()]
        for number, entry_form in enumerate(formset.forms, start=1):
            # The film typed, unless it is what the error is about.
            film = getattr(entry_form, "cleaned_data", {}).get("film") if "film" not in entry_form.errors else None
            about = f"Entry {number}" + (f" ({film})" if film else "")
            problems += errors_of(entry_form, entry_form.prefix, about)
    return problems


def errors_of(form, prefix, about):
    for name, messages in form.errors.items():
        if name == NON_FIELD_ERRORS:
            yield from (FormProblem(about, message, prefix) for message in messages)
            continue
        field = form.fields.get(name)
        label = field.label if field is not None and field.label else name.replace("_", " ").capitalize()
        name_in_page = f"{about}, {label.lower()}" if prefix else label
        yield from (FormProblem(name_in_page, message, prefix, name) for message in messages)


def write_what_can_be_shown(form, formsets):
    """Write the list as far as the form allows (see the module's docstring); the saved list, or None when a new
    list has nothing to show yet."""
    article = form.instance
    stored = Article.objects.filter(pk=article.pk).first() if article.pk else None
    if stored is None and any(name in form.errors or not form.cleaned_data.get(name) for name in NEEDED_FOR_A_PAGE):
        return None
    for name in form.errors:
        try:
            field = Article._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if field.concrete:
            setattr(article, field.attname, getattr(stored, field.attname) if stored else field.get_default())
    stored_entries = {
        entry.pk: entry for entry in Entry.objects.filter(article=article.pk).prefetch_related("themes", "people")
    }
    article.save()
    if "tags" in form.cleaned_data:
        article.tags.set(form.cleaned_data["tags"])
    shown = entries_to_show(article, formsets, stored_entries)
    Entry.objects.filter(article=article).delete()
    for entry, _themes, _people in shown:
        entry.pk, entry.article = None, article
    # In bulk, links too: this runs each time the preview panel follows a pause in typing.
    made = Entry.objects.bulk_create([entry for entry, _themes, _people in shown])
    Entry.themes.through.objects.bulk_create(
        Entry.themes.through(entry_id=entry.pk, theme_id=theme.pk)
        for entry, (_, themes, _) in zip(made, shown, strict=True)
        for theme in themes
    )
    Entry.people.through.objects.bulk_create(
        Entry.people.through(entry_id=entry.pk, person_id=person.pk)
        for entry, (_, _, people) in zip(made, shown, strict=True)
        for person in people
    )
    return article


def entries_to_show(article, formsets, stored):
    """(entry, themes, people) for each entry the preview can show, unsaved."""
    candidates = []
    for formset in formsets:
        for entry_form in formset.forms:
            if formset.can_delete and formset._should_delete_form(entry_form):
                continue
            if entry_form.errors or not entry_form.has_changed() and entry_form.instance.pk is None:
                if entry_form.instance.pk in stored:
                    entry = stored[entry_form.instance.pk]
                    candidates.append((entry, list(entry.themes.all()), list(entry.people.all())))
                continue
            data = entry_form.cleaned_data
            if data.get("film") is None or data.get("rank") is None:
                continue
            entry = Entry(rank=data["rank"], film=data["film"], blurb=data.get("blurb", ""))
            candidates.append((entry, list(data.get("themes", ())), list(data.get("people", ()))))
    entries = [entry for entry, _themes, _people in candidates]
    left_out = {id(problem.entry) for problem in article.repeated_entries(entries)}
    left_out |= {id(entry) for entry in entries if article.entry_problems(entry)}
    return [candidate for candidate in candidates if id(candidate[0]) not in left_out]
