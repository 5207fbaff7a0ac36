"""
Films an editor might add to a "movies like X" list, with what earlier lists said about them.

The ranking is the similarity module's, the one readers see as "Similar films",
so the admin and the site agree about what is like what.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch

from .models import Credit, Entry, Film, Person, Theme
from .similarity import SimilarFilm, similar_films

EARLIER_BLURBS_PER_FILM = 3


@dataclass
class Suggestion:
    similar: SimilarFilm
    earlier_entries: list = field(default_factory=list)

    @property
    def film(self):
        return self.similar.film


def suggest_entries(article, limit=10):
    """Candidates for `article`, best first: never its subject, never a film it already has."""
    subject = Film.objects.prefetch_related(
        "tags", Prefetch("credits", queryset=Credit.objects.select_related("person"))
    ).get(pk=article.subject_id)
    in_list = list(article.entries.values_list("film_id", flat=True))
    suggestions = [Suggestion(similar) for similar in similar_films(subject, limit=limit, exclude=in_list)]
    _attach_earlier_entries(suggestions, article)
    return suggestions


def _attach_earlier_entries(suggestions, article):
    """What other lists already wrote about each candidate, so editors don't repeat themselves."""
    by_film = {suggestion.film.pk: suggestion for suggestion in suggestions}
    earlier = (
        Entry.objects.filter(film__in=by_film)
        .exclude(article=article)
        .exclude(blurb="")
        .select_related("article")
        .order_by("film_id", "-article__updated_at")
    )
    for entry in earlier:
        suggestion = by_film[entry.film_id]
        if len(suggestion.earlier_entries) < EARLIER_BLURBS_PER_FILM:
            suggestion.earlier_entries.append(entry)


def shared_with(subject, film):
    """What two films have in common that an entry names: (themes, people), only what readers may see."""
    themes = Theme.objects.public().filter(films=subject).filter(films=film).order_by("name")
    people = Person.objects.public().filter(credits__film=subject).filter(credits__film=film).distinct()
    return list(themes), list(people.order_by("name"))
