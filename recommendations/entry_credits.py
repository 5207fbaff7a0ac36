"""
The people an entry names who are not credited on its film.

An entry's people are who its blurb is about, so they are most often in the film's cast or
crew. One who is not is likely a slip (Al Pacino on Ronin): the editor is warned, never stopped,
and an Editor can add the credit in one click without leaving the list (add_credit_view, from
static/recommendations/admin/entry_credits.js), as an actor, whose role the film's page can change.
"""

from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_POST

from .models import Credit, Film, Person


def credited_pairs(entries_people):
    """{(film id, person id)} among `entries_people`, [(film, [people])], that have a credit: one query."""
    films = {film.pk for film, _people in entries_people if film is not None}
    people = {person.pk for _film, chosen in entries_people for person in chosen}
    if not films or not people:
        return set()
    return set(Credit.objects.filter(film__in=films, person__in=people).values_list("film_id", "person_id"))


def uncredited(film, people, credited):
    """The people of `people` with no credit on `film`, in `credited` (credited_pairs)."""
    if film is None:
        return []
    return [person for person in people if (film.pk, person.pk) not in credited]


def may_add_credits(user):
    return user.has_perm("recommendations.add_credit")


@require_POST
def add_credit_view(request, admin_site):
    """Credit a person on a film, as an actor; answers with what was done, in words."""
    if not may_add_credits(request.user):
        raise PermissionDenied
    try:
        film = get_object_or_404(Film, pk=int(request.POST.get("film", "")))
        person = get_object_or_404(Person, pk=int(request.POST.get("person", "")))
    except ValueError:
        return JsonResponse({"error": "Which film and person? The request named none."}, status=400)
    credit, made = Credit.objects.get_or_create(
        film=film, person=person, role=Credit.Role.ACTOR, character_name="", defaults={"billing_order": 99}
    )
    said = f"{person} is now credited on {film}, as an actor" if made else f"{person} was already credited on {film}"
    return JsonResponse({"text": f"{said}: the film's page can change the role."}, status=201 if made else 200)
