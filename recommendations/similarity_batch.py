"""
"Similar films" for many films at once: the ranking of similarity.rank(), worked out in memory.

rank() asks the database once per film, reading every film that shares a theme or tag: 100,000
films would take over an hour. Here the links are read once, and each theme's and tag's films
are a set of bits (a Python int, one bit per film in id order), so "the films that share two of
these three themes and one of these tags, within five years" is a few operations on 12 KB
integers, and the lowest such ids are its lowest set bits. Per film:

1. Films sharing a person are few (each person's filmography): each is scored exactly.
   Sharing a person and a theme ranks first; if there are enough of those, that is the ranking.
2. Otherwise films that share only themes come next, mixed by score with films that share
   only people: for each score, from the highest possible down, the films of that score are
   found from bit sets of "shares exactly t themes", "exactly g tags" and "same era".
3. Films that share only tags come last, the same way.

The result is the same rows rank() gives (tests/test_similar_films_stored.py compares them film by
film). About 0.5 ms a film at 100,000 films, plus reading the links and writing the rows.
"""

from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from taggit.models import TaggedItem

from .models import Credit, Film, Theme
from .models.counted_themes import film_theme_pairs
from .models.derived import SimilarityChange, StoredSimilarFilms
from .similarity import ERA_YEARS, PERSON_WEIGHT, SAME_ERA_BONUS, STORED, TAG_WEIGHT, THEME_WEIGHT, Ranked
from .similarity_store import store

CHUNK = 2000


@dataclass
class Catalogue:
    """Every film's links, read once: ids in order, and a bit per film in each theme's, tag's and era's set."""

    ids: list
    index: dict
    years: list
    public: int
    is_public: list
    themes: list  # per film: set of public theme ids
    tags: list
    people: list  # per film: {person id: (role, billing order, credit id)} of public people
    theme_bits: dict = field(default_factory=dict)
    tag_bits: dict = field(default_factory=dict)
    era_bits: dict = field(default_factory=dict)
    filmography: dict = field(default_factory=dict)  # person id -> [film index]

    @classmethod
    def read(cls, now=None):
        films = list(Film.objects.order_by("pk").values_list("pk", "year", "awaiting_review"))
        ids = [pk for pk, _year, _waiting in films]
        index = {pk: position for position, pk in enumerate(ids)}
        catalogue = cls(
            ids=ids,
            index=index,
            years=[year for _pk, year, _waiting in films],
            public=bits(position for position, (_pk, _year, waiting) in enumerate(films) if not waiting),
            is_public=[not waiting for _pk, _year, waiting in films],
            themes=[set() for _ in ids],
            tags=[set() for _ in ids],
            people=[{} for _ in ids],
        )
        public_themes = Theme.objects.public().values("pk")
        for film_id, theme_id in film_theme_pairs().filter(theme__in=public_themes).order_by().iterator(10_000):
            catalogue.themes[index[film_id]].add(theme_id)
        film_type = ContentType.objects.get_for_model(Film)
        tagged = TaggedItem.objects.filter(content_type=film_type).values_list("object_id", "tag_id")
        for film_id, tag_id in tagged.order_by().iterator(10_000):
            if film_id in index:
                catalogue.tags[index[film_id]].add(tag_id)
        credits = Credit.objects.filter(person__awaiting_review=False).values_list(
            "film_id", "person_id", "role", "billing_order", "pk"
        )
        for film_id, person_id, role, billing, pk in credits.order_by().iterator(10_000):
            billed = catalogue.people[index[film_id]]
            if person_id not in billed or (role, billing, pk) < billed[person_id]:
                billed[person_id] = (role, billing, pk)
        catalogue.make_bits()
        return catalogue

    def make_bits(self):
        by_theme, by_tag, by_year = {}, {}, {}
        for position in range(len(self.ids)):
            for theme_id in self.themes[position]:
                by_theme.setdefault(theme_id, []).append(position)
            for tag_id in self.tags[position]:
                by_tag.setdefault(tag_id, []).append(position)
            for person_id in self.people[position]:
                self.filmography.setdefault(person_id, []).append(position)
            if self.years[position] is not None:
                by_year.setdefault(self.years[position], []).append(position)
        self.theme_bits = {key: bits(positions) for key, positions in by_theme.items()}
        self.tag_bits = {key: bits(positions) for key, positions in by_tag.items()}
        year_bits = {year: bits(positions) for year, positions in by_year.items()}
        for year in year_bits:
            self.era_bits[year] = 0
            for other in range(year - ERA_YEARS, year + ERA_YEARS + 1):
                self.era_bits[year] |= year_bits.get(other, 0)

    def rank(self, film_id, limit=STORED):
        """[Ranked] for the film: what similarity.rank() gives, from memory."""
        film = self.index[film_id]
        themes, tags, people = self.themes[film], self.tags[film], self.people[film]
        if not (themes or tags or people):
            return []
        year = self.years[film]
        era = self.era_bits.get(year, 0) if year is not None else 0
        candidates = self.public & ~(1 << film)

        # 1. Films sharing a person, scored exactly.
        shared_people = {}
        for person_id in people:
            for other in self.filmography[person_id]:
                shared_people[other] = shared_people.get(other, 0) + 1
        strong, people_only, sharing = [], {}, []
        for other, count in shared_people.items():
            if other == film or not self.is_public[other]:
                continue
            sharing.append(other)
            theme_count = len(themes & self.themes[other])
            score = PERSON_WEIGHT * count + THEME_WEIGHT * theme_count + self.tag_score(tags, other, year)
            if theme_count:
                strong.append((-score, other))
            else:
                people_only.setdefault(score, []).append(other)
        chosen = [other for _score, other in sorted(strong)[:limit]]
        if len(chosen) < limit:
            candidates &= ~bits(sharing)
            theme_counts = counts(themes, self.theme_bits, candidates)
            tag_counts = counts(tags, self.tag_bits, candidates)
            no_theme = candidates & ~theme_counts[1] if len(theme_counts) > 1 else candidates
            # 2. Sharing people only or themes only, by score; 3. sharing tags only.
            chosen += self.by_score(limit - len(chosen), theme_counts, tag_counts, era, people_only, themes_only=True)
            if len(chosen) < limit:
                chosen += self.by_score(limit - len(chosen), [no_theme], tag_counts, era, {}, themes_only=False)
        return [self.ranked(other, themes, tags, people, year) for other in chosen]

    def tag_score(self, tags, other, year):
        return TAG_WEIGHT * len(tags & self.tags[other]) + self.era_bonus(year, other)

    def era_bonus(self, year, other):
        other_year = self.years[other]
        same_era = year is not None and other_year is not None and abs(other_year - year) <= ERA_YEARS
        return SAME_ERA_BONUS if same_era else 0

    def by_score(self, wanted, theme_counts, tag_counts, era, people_only, themes_only):
        """Up to `wanted` film positions, best score first, then lowest id: films with exactly t themes
        (t ≥ 1 when `themes_only`, else t = 0), g tags and the era bonus or not, and `people_only`."""
        levels = {}
        first_theme = 1 if themes_only else 0
        for theme_count in range(first_theme, len(theme_counts)):
            with_themes = exactly(theme_counts, theme_count)
            for tag_count in range(len(tag_counts)):
                with_both = with_themes & exactly(tag_counts, tag_count)
                if not with_both:
                    continue
                base = THEME_WEIGHT * theme_count + TAG_WEIGHT * tag_count
                if not themes_only and base == 0:
                    continue
                levels.setdefault(base + SAME_ERA_BONUS, []).append(with_both & era)
                levels.setdefault(base, []).append(with_both & ~era)
        for score, others in people_only.items():
            levels.setdefault(score, []).append(bits(others))
        chosen = []
        for score in sorted(levels, reverse=True):
            level = 0
            for part in levels[score]:
                level |= part
            chosen += lowest(level, wanted - len(chosen))
            if len(chosen) >= wanted:
                break
        return chosen

    def ranked(self, other, themes, tags, people, year):
        shared_themes = sorted(themes & self.themes[other])
        shared_tags = sorted(tags & self.tags[other])
        billed = self.people[other]
        shared_people = sorted((person for person in people if person in billed), key=billed.get)
        score = (
            PERSON_WEIGHT * len(shared_people)
            + THEME_WEIGHT * len(shared_themes)
            + TAG_WEIGHT * len(shared_tags)
            + self.era_bonus(year, other)
        )
        return Ranked(self.ids[other], score, tuple(shared_themes), tuple(shared_people), tuple(shared_tags))


def bits(positions):
    """An int with a bit set at each position."""
    data = bytearray()
    for position in positions:
        byte = position >> 3
        if byte >= len(data):
            data.extend(bytes(byte - len(data) + 1))
        data[byte] |= 1 << (position & 7)
    return int.from_bytes(data, "little")


def counts(keys, key_bits, within):
    """[films with at least 0, 1, 2, … of `keys`] among `within`, as bit sets (a bit-sliced count)."""
    at_least = [within]
    for key in keys:
        films = key_bits.get(key, 0) & within
        at_least.append(0)
        for count in range(len(at_least) - 1, 0, -1):
            at_least[count] |= at_least[count - 1] & films
    return at_least


def exactly(at_least, count):
    above = at_least[count + 1] if count + 1 < len(at_least) else 0
    return at_least[count] & ~above


def lowest(bit_set, wanted):
    """The positions of the lowest `wanted` bits set."""
    found = []
    while bit_set and len(found) < wanted:
        low = bit_set & -bit_set
        found.append(low.bit_length() - 1)
        bit_set ^= low
    return found


# Whole rebuilds and stale rankings (manage.py refresh_precomputed, the demo generator, backups)


def rebuild(film_ids=None, progress=None):
    """Work out and store the rankings of `film_ids` (default: every film); returns how many."""
    started = timezone.now()
    catalogue = Catalogue.read()
    film_ids = catalogue.ids if film_ids is None else [pk for pk in film_ids if pk in catalogue.index]
    for start in range(0, len(film_ids), CHUNK):
        chunk = film_ids[start : start + CHUNK]
        rankings = {}
        for film_id in chunk:
            ranked = catalogue.rank(film_id)
            rankings[film_id] = (ranked, len(ranked) < STORED)
        with transaction.atomic():
            store(rankings, started)
        if progress:
            progress(len(chunk))
    return len(film_ids)


def stale_films(now=None):
    """The films whose stored ranking is missing, or older than a change to the film or to something it had."""
    now = now or timezone.now()
    latest = {}
    for kind, key, at in SimilarityChange.objects.filter(at__lte=now).values_list("kind", "key", "at").iterator():
        if (kind, key) not in latest or at > latest[kind, key]:
            latest[kind, key] = at
    stale = set(Film.objects.values_list("pk", flat=True))
    for film_id, features, computed_at in StoredSimilarFilms.objects.values_list("film", "features", "computed_at"):
        depends_on = [(SimilarityChange.Kind.FILM, film_id)]
        for kind, name in KINDS:
            depends_on += [(kind, key) for key in features.get(name, ())]
        if not any(latest[change] >= computed_at for change in depends_on if change in latest):
            stale.discard(film_id)
    return sorted(stale)


KINDS = (
    (SimilarityChange.Kind.THEME, "themes"),
    (SimilarityChange.Kind.PERSON, "people"),
    (SimilarityChange.Kind.TAG, "tags"),
)


def refresh_stale(progress=None):
    """Work out every missing or stale ranking again, then forget the changes nothing depends on any more."""
    started = timezone.now()
    count = rebuild(stale_films(started), progress)
    SimilarityChange.objects.filter(at__lt=started).delete()
    return count
