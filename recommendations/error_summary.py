"""
The summary at the top of a list's change form that names every error and links to its field.

Django's admin says only “Please correct the errors below.” and leaves the editor to scroll a long
form for them. This lists each one, where it is (“#3 Out of Death (2021), Rank”), with a link to its
field: static/recommendations/admin/error_summary.js opens a folded entry before moving there.
"""

from dataclasses import dataclass

from django.forms.forms import NON_FIELD_ERRORS


@dataclass(frozen=True)
class FormError:
    where: str
    message: str
    anchor: str = ""  # the id of the field to go to


def field_errors(form, where):
    """Each error of one form: `where(label)` says where it is."""
    found = []
    for name, messages in form.errors.items():
        if name == NON_FIELD_ERRORS or name not in form.fields:
            found += [FormError(where(None), message) for message in messages]
        else:
            field = form[name]
            found += [FormError(where(field.label), message, field.id_for_label or "") for message in messages]
    return found


def entry_name(form):
    """An entry as its row's heading names it: “#3 Out of Death (2021)”, or “New entry” before it has a film."""
    data = form.cleaned_data if hasattr(form, "cleaned_data") else {}
    film = data.get("film") or (form.instance.film if form.instance.film_id else None)
    rank = form["rank"].value()
    number = f"#{rank} " if rank not in (None, "") else ""
    return f"{number}{film}" if film else f"{number}New entry".strip()


def error_summary(adminform, inline_admin_formsets):
    """[FormError] for the list's own fields, then each entry's, top of the form first."""
    found = field_errors(adminform.form, lambda label: label or "The list")
    for inline in inline_admin_formsets:
        formset = inline.formset
        found += [FormError("Entries", message, f"{formset.prefix}-group") for message in formset.non_form_errors()]
        for form in formset.forms:
            if form.errors:
                name = entry_name(form)
                found += field_errors(form, lambda label, name=name: f"{name}, {label}" if label else name)
    return found
