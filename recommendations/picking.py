"""
Create where you type: what the admin's film, person and theme pickers find, and what they make.

Every autocomplete in the admin asks PickerJsonView (the editors' site routes its autocomplete
there). When what was typed names nothing in the catalogue, the answer ends with an offer,
“Create “Heat” (1995)”, which static/recommendations/admin/pickers.js turns into a POST to
create_view; the "Add films" box of a list's entries posts its lines to films_view. Either way
a row made here records who made it and waits for an Editor (models.catalogue.Reviewed), as
an import's rows do, and the editor never leaves the form.

“Heat 1995” and “Heat (1995)” both read as the title Heat and the year 1995. A trailing number
is a year only if films could have come out in it, so “Blade Runner 2049” stays a title.
"""

import re
from dataclasses import dataclass

from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .models import FIRST_FILM_YEAR, Film, Person, Theme, unique_slug
from .text import clean_text, search_key

CREATE_PREFIX = "create:"
# A year this far ahead of today is more likely part of a title ("Blade Runner 2049").
YEARS_AHEAD = 5
TRAILING_YEAR = re.compile(r"^(?P<title>.*?\S)\s*(?:\((?P<in_brackets>\d{4})\)|(?P<bare>\d{4}))$")
# The "Add films" box takes this many lines at a time.
MOST_FILMS_AT_ONCE = 50


class PickError(Exception):
    """What was typed cannot become a film, person or theme; the message says why."""


@dataclass(frozen=True)
class FilmName:
    title: str
    year: int | None = None

    def __str__(self):
        return f"“{self.title}” ({self.year})" if self.year else f"“{self.title}”"


def read_film(text):
    """“Heat 1995” or “Heat (1995)” → FilmName("Heat", 1995); “Heat” → FilmName("Heat")."""
    text = " ".join(clean_text(text or "", multiline=False).split())
    match = TRAILING_YEAR.match(text)
    if match:
        year = int(match.group("in_brackets") or match.group("bare"))
        if FIRST_FILM_YEAR <= year <= timezone.now().year + YEARS_AHEAD:
            return FilmName(match.group("title").strip(), year)
    return FilmName(text)


def read_name(text):
    return " ".join(clean_text(text or "", multiline=False).split())


def films_named(name):
    """Films of this title (whatever its case, accents and punctuation), of its year when it has one."""
    key = search_key(name.title)
    films = Film.objects.filter(search_text__startswith=key).order_by("-year", "pk")
    return [film for film in films if search_key(film.title) == key and (name.year is None or film.year == name.year)]


def existing(model, text):
    """The row `text` names exactly, or None. A film title without a year names a film only if one has it."""
    if model is Film:
        matches = films_named(read_film(text))
        if len(matches) > 1:
            choices = ", ".join(str(film) for film in matches)
            raise PickError(f"Which one? The catalogue has {choices}: add the year.")
        return matches[0] if matches else None
    return model.objects.filter(search_text=search_key(read_name(text))).first()


def creation_label(model, text):
    """What the offer to make a new row says: Create “Heat” (1995)."""
    if model is Film:
        return f"Create {read_film(text)}"
    return f"Create “{read_name(text)}”"


def make(model, text, user):
    """A new row for `text`, waiting for an Editor, recording who made it."""
    if model is Film:
        name = read_film(text)
        fields = {"title": name.title, "year": name.year}
        slug_from = f"{name.title} {name.year or ''}"
    else:
        fields = {"name": read_name(text)}
        slug_from = fields["name"]
    label = fields.get("title", fields.get("name"))
    longest = model._meta.get_field("title" if model is Film else "name").max_length
    if not search_key(label):
        raise PickError("Type a name with at least one letter or number.")
    if len(label) > longest:
        raise PickError(f"That is {len(label)} characters long; a name here has at most {longest}.")
    return model.objects.create(**fields, slug=unique_slug(model, slug_from), awaiting_review=True, added_by=user)


def find_or_make(model, text, user):
    """(row, made): the row `text` names exactly, or a new one."""
    found = existing(model, text)
    if found is not None:
        return found, False
    return make(model, text, user), True


def as_choice(obj, made):
    note = "new: it waits for an Editor before readers see it" if obj.awaiting_review else ""
    return {"id": str(obj.pk), "text": str(obj), "created": made, "note": note}


class PickerJsonView(AutocompleteJsonView):
    """The admin's autocomplete, with an offer to create what it does not find."""

    CREATABLE = (Film, Person, Theme)

    def get(self, request, *args, **kwargs):
        self.term, self.model_admin, self.source_field, to_field_name = self.process_request(request)
        if not self.has_perm(request):
            raise PermissionDenied
        self.object_list = self.get_queryset()
        context = self.get_context_data()
        results = [self.serialize_result(obj, to_field_name) for obj in context["object_list"]]
        if not context["page_obj"].has_previous() and self.may_create(request):
            model = self.model_admin.model
            results.append({"id": f"{CREATE_PREFIX}{self.term}", "text": creation_label(model, self.term)})
        return JsonResponse({"results": results, "pagination": {"more": context["page_obj"].has_next()}})

    def may_create(self, request):
        model = self.model_admin.model
        if model not in self.CREATABLE or not search_key(self.term):
            return False
        if not self.model_admin.has_add_permission(request):
            return False
        try:
            return existing(model, self.term) is None
        except PickError:
            return False  # several films of that title: the editor picks one of them

    def post(self, request, *args, **kwargs):
        """Make (or find) what the POST's `term` names, for the picker named in the query string."""
        _term, self.model_admin, self.source_field, _to_field = self.process_request(request)
        if self.model_admin.model not in self.CREATABLE or not self.has_perm(request):
            raise PermissionDenied
        model = self.model_admin.model
        try:
            found = existing(model, request.POST.get("term", ""))
            if found is None and not self.model_admin.has_add_permission(request):
                raise PermissionDenied
            obj, made = (found, False) if found is not None else (make(model, request.POST["term"], request.user), True)
        except PickError as error:
            return JsonResponse({"error": str(error)}, status=400)
        return JsonResponse(as_choice(obj, made), status=201 if made else 200)


def create_view(request, admin_site):
    return PickerJsonView.as_view(admin_site=admin_site)(request)


@require_POST
def films_view(request, admin_site):
    """The "Add films" box: one film per line, each found in the catalogue or made, all or none."""
    film_admin = admin_site.get_model_admin(Film)
    if not film_admin.has_view_permission(request):
        raise PermissionDenied
    lines = [line.strip() for line in request.POST.get("lines", "").splitlines() if line.strip()]
    if len(lines) > MOST_FILMS_AT_ONCE:
        message = f"That is {len(lines)} films; add at most {MOST_FILMS_AT_ONCE} at a time."
        return JsonResponse({"error": message}, status=400)
    may_add = film_admin.has_add_permission(request)
    answers = []
    with transaction.atomic():
        for line in lines:
            try:
                found = existing(Film, line)
                if found is None and not may_add:
                    raise PickError(f"{read_film(line)} is not in the catalogue, and you may not add films.")
                film, made = (found, False) if found is not None else (make(Film, line, request.user), True)
            except PickError as error:
                answers.append({"line": line, "error": str(error)})
            else:
                answers.append({"line": line, **as_choice(film, made)})
    return JsonResponse({"films": answers})
