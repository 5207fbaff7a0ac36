"""
What the parser asks of the site's catalogue, and an in-memory catalogue that answers.

The parser never reads the database: the caller passes something with `find`, `near`
and `is_person` (the `Catalogue` protocol), or None, and the parse must stand without it.
"""

import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from recommendations.text import search_key, title_key

# Below this difflib ratio two titles are different films, not a typo of one another.
NEAR_RATIO = 0.84
# How many titles sharing the most three-letter pieces get the (slower) difflib comparison.
NEAR_CANDIDATES = 30


@dataclass(frozen=True)
class FilmMatch:
    """A film (or show) the catalogue holds."""

    id: int | str
    title: str
    year: int | None = None

    def __str__(self):
        return f"{self.title} ({self.year})" if self.year else self.title


class Catalogue(Protocol):
    def find(self, title: str, year: int | None = None) -> FilmMatch | None:
        """The film with this title key (and this year, when one is given), or None."""

    def near(self, title: str, year: int | None = None) -> FilmMatch | None:
        """The closest film whose title is spelt a little differently ("Momento" → Memento), or None."""

    def is_person(self, name: str) -> bool:
        """Whether the catalogue knows someone of this name."""


class InMemoryCatalogue:
    """A `Catalogue` over films and names held in memory.

    `films` are FilmMatch objects, or (id, title, year) tuples, or dicts with those keys, which is
    what `Film.objects.values("id", "title", "year")` gives; `people` are names.
    """

    def __init__(self, films: Iterable = (), people: Iterable[str] = ()):
        self._by_key = defaultdict(list)
        self._pieces = None  # built on the first near(): an import that finds every film never needs it
        for film in films:
            film = _as_match(film)
            self._by_key[title_key(film.title)].append(film)
        for same_title in self._by_key.values():
            # Without a year the most recent film of a title is the one meant, as the importer does today.
            same_title.sort(key=lambda film: film.year or 0, reverse=True)
        self._people = {search_key(name) for name in people}

    def find(self, title, year=None):
        films = self._by_key.get(title_key(title), ())
        for film in films:
            if year is None or film.year == year:
                return film
        return None

    def near(self, title, year=None):
        key = title_key(title)
        if len(key) < 4:
            return None
        if self._pieces is None:
            self._pieces = defaultdict(set)
            for known in self._by_key:
                for piece in _pieces(known):
                    self._pieces[piece].add(known)
        shared = Counter()
        for piece in _pieces(key):
            shared.update(self._pieces.get(piece, ()))
        best, best_ratio = None, NEAR_RATIO
        for other, _ in shared.most_common(NEAR_CANDIDATES):
            if other == key:
                continue
            ratio = difflib.SequenceMatcher(None, key, other).ratio()
            if ratio > best_ratio:
                best, best_ratio = other, ratio
        if best is None:
            return None
        films = self._by_key[best]
        return next((film for film in films if year is not None and film.year == year), films[0])

    def is_person(self, name):
        return search_key(name) in self._people


def _as_match(film):
    if isinstance(film, FilmMatch):
        return film
    if isinstance(film, dict):
        return FilmMatch(id=film["id"], title=film["title"], year=film.get("year"))
    film_id, title, year = film
    return FilmMatch(id=film_id, title=title, year=year)


def _pieces(key):
    padded = f" {key} "
    return {padded[start : start + 3] for start in range(len(padded) - 2)}
