"""
The site's catalogue as the article parser asks for it (recommendations.parsing.Catalogue), read from the database.

Every question is an indexed lookup, so an import costs the same at 100 films as at 100,000:
a title's films by the start of their search key (the B-tree index on `search_text`), near
matches by shared trigrams (the search indexes of search_index.py), people by their exact
key. The parser asks about each line several times, so answers are kept for one import.
"""

import difflib

from django.db.models import Q

from recommendations.parsing import FilmMatch
from recommendations.parsing.catalogue import NEAR_RATIO

from ..models import Film, Person
from ..search_index import names_close_to, names_starting_with
from ..text import search_key, title_key

# A title key leaves these out ("The Matrix" → "matrix"); a stored title may start with any of them.
LEADING_ARTICLES = ("", "the ", "a ", "an ")
# Years run from 1878 to 2100: a stored "Title (Year)" key goes on with " 1" or " 2".
YEAR_STARTS = ("1", "2")
SHORTEST_NEAR_KEY = 4


class DatabaseCatalogue:
    """find, near and is_person over the Film and Person tables. `deadline` (limits.Deadline) is checked
    before every query: the parser's time is the import's time."""

    def __init__(self, deadline=None):
        self.deadline = deadline
        self._titled = {}
        self._near = {}
        self._people = {}

    def find(self, title, year=None):
        for film in self.titled(title):
            if year is None or film.year == year:
                return film
        return None

    def near(self, title, year=None):
        """The film a title is most likely a misspelling of ("Momento" → Memento (2000)); the same title with
        another year ("Heat (1996)" → Heat (1995)) first."""
        key = title_key(title)
        if (key, year) not in self._near:
            same_title = [film for film in self.titled(title) if year is not None and film.year != year]
            self._near[key, year] = same_title[0] if same_title else self._spelt_nearly(title, key, year)
        return self._near[key, year]

    def is_person(self, name):
        key = search_key(name)
        if key not in self._people:
            self._tick()
            self._people[key] = bool(key) and Person.objects.filter(search_text=key).exists()
        return self._people[key]

    def titled(self, title):
        """Every film whose title has this title's key, the most recent first (the one meant when no year is)."""
        key = title_key(title)
        if key not in self._titled:
            self._titled[key] = self._films_titled(key) if key else []
        return self._titled[key]

    def _films_titled(self, key):
        self._tick()
        # search_text is search_key("Title (Year)"): the stored title's key, then its year, if it has one.
        heads = sorted({article + form for article in LEADING_ARTICLES for form in {key, key.replace(" and ", " ")}})
        condition = Q(search_text__in=heads)
        for head in heads:
            for start in YEAR_STARTS:
                condition |= names_starting_with(f"{head} {start}")
        rows = Film.objects.filter(condition).values_list("pk", "title", "year")
        films = [FilmMatch(pk, title, year) for pk, title, year in rows if title_key(title) == key]
        return sorted(films, key=lambda film: (film.year or 0, film.id), reverse=True)

    def _spelt_nearly(self, title, key, year):
        if len(key) < SHORTEST_NEAR_KEY:
            return None
        self._tick()
        words = search_key(title).split()
        rows = Film.objects.filter(names_close_to(Film, words)).values_list("pk", "title", "year")
        best, best_ratio = [], NEAR_RATIO
        for pk, other_title, other_year in rows:
            other = title_key(other_title)
            if other == key:
                continue
            ratio = difflib.SequenceMatcher(None, key, other).ratio()
            film = FilmMatch(pk, other_title, other_year)
            if ratio > best_ratio:
                best, best_ratio = [film], ratio
            elif ratio == best_ratio and best:
                best.append(film)
        return next((film for film in best if year is not None and film.year == year), best[0] if best else None)

    def _tick(self):
        if self.deadline is not None:
            self.deadline.check()
