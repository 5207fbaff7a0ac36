"""
Rows derived from the editorial ones, kept so that reader pages read a few index entries at any
catalogue size (recommendations/derived.py keeps them in step; README, Performance).

Nothing here is typed by anyone: every row can be rebuilt from the links it is derived from
(`manage.py refresh_precomputed --all`), and none is in backups.
"""

from django.db import models
from django.db.models import Q

from .catalogue import Film, Theme
from .lists import Article


class CountedTheme(models.Model):
    """A theme that counts for a film by the entry-theme rule (models/counted_themes.py), from `counts_from` on.

    None: the film carries the theme itself. Otherwise the earliest publication time of a published list
    whose entry for the film carries it, so a scheduled list's themes count from its time on, and
    nothing has to change when that time comes. The film's title, year and review state are copied
    so that a theme's page reads its films in page order straight from one index.
    """

    # Indexed by the constraint and the indexes below, which start with them.
    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="+", db_index=False)
    theme = models.ForeignKey(Theme, on_delete=models.CASCADE, related_name="+", db_index=False)
    counts_from = models.DateTimeField(null=True)
    film_public = models.BooleanField()
    film_year = models.PositiveSmallIntegerField(null=True)
    film_title = models.CharField(max_length=200)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["film", "theme"], name="counted_theme_once_per_film")]
        indexes = [
            # A theme's page: its public films newest first, then by title, as Film orders them.
            models.Index(
                fields=["theme", "-film_year", "film_title", "film"],
                condition=Q(film_public=True),
                name="counted_theme_page",
            ),
            # Counting a theme's films, and "Similar films": the films of a few themes, read from the index alone.
            models.Index(fields=["theme", "film_public", "counts_from", "film"], name="counted_theme_films"),
        ]

    def __str__(self):
        return f"{self.theme} counts for {self.film}"

    @staticmethod
    def counting(now):
        """A filter for rows that count at `now`."""
        return Q(counts_from__isnull=True) | Q(counts_from__lte=now)


class ListFacet(models.Model):
    """Something a published list can be found by: on /lists/, a theme of its entries, a tag, the decade of
    its subject, or a service one of its films is on in a region; for "More lists like this"
    (related_lists.py), also its subject and the films it counts down. `published_at` is the list's,
    so the live lists with a facet are read newest first, and counted, from one index."""

    class Kind(models.TextChoices):
        THEME = "theme"
        TAG = "tag"
        DECADE = "decade"
        SERVICE = "service"
        SUBJECT = "subject"
        FILM = "film"

    # Not a database constraint: a list being deleted has its entries deleted first, and their signals
    # rebuild its facets before it goes; its own post_delete (signals.py) removes them after.
    article = models.ForeignKey(Article, on_delete=models.DO_NOTHING, db_constraint=False, related_name="facets")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # The theme's, tag's, service's or film's id, or the decade (1990).
    value = models.PositiveIntegerField()
    # Service facets only: the region the film is on the service in.
    region = models.CharField(max_length=2, blank=True)
    published_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "kind", "value", "region"], name="list_facet_once_per_list")
        ]
        indexes = [models.Index(fields=["kind", "value", "region", "published_at", "article"], name="list_facet_live")]

    def __str__(self):
        return f"{self.article}: {self.kind} {self.value} {self.region}".rstrip()


class Tally(models.Model):
    """A count a page shows that would otherwise read a whole table or many index entries: all public films,
    all public people, each theme's films (the themes index).

    `count` is None once something it counts changes; the next page that needs it counts again. It also
    holds only until `valid_until`, when a scheduled list's entry themes start to count.
    """

    name = models.CharField(max_length=50, unique=True)
    count = models.PositiveIntegerField(null=True)
    valid_until = models.DateTimeField(null=True)

    class Meta:
        verbose_name_plural = "tallies"

    def __str__(self):
        return f"{self.name}: {self.count}"


class StoredSimilarFilms(models.Model):
    """A film's "Similar films", worked out once (recommendations/similarity_store.py) and read until what they
    depend on changes.

    `ranked` holds the best few, best first: [film id, score, [shared theme ids], [shared person ids],
    [shared tag ids]], the people in the order the other film credits them. `features` is what the
    film itself had when they were worked out ({"themes": […], "people": […], "tags": […]}): a
    SimilarityChange to any of them, or to the film, since `computed_at` makes the row stale.
    `complete`: there were no more films with anything in common.
    """

    film = models.OneToOneField(Film, on_delete=models.CASCADE, primary_key=True, related_name="+")
    ranked = models.JSONField(default=list)
    features = models.JSONField(default=dict)
    complete = models.BooleanField(default=False)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "stored similar films"

    def __str__(self):
        return f"Similar films of {self.film_id}"


class SimilarityChange(models.Model):
    """Something films or lists are alike by changed at `at`. For films: a film's own links or dates, or what
    one theme, tag or person brings; for lists: the lists with a film (as subject or entry), an entry
    theme or a tag. Stored rankings that depend on it and are older are worked out again.

    `at` may be in the future: a scheduled list's entry themes count from its publication time.
    """

    class Kind(models.TextChoices):
        FILM = "film"
        THEME = "theme"
        TAG = "tag"
        PERSON = "person"
        LIST_FILM = "list_film"
        LIST_THEME = "list_theme"
        LIST_TAG = "list_tag"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    key = models.BigIntegerField()
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["kind", "key", "at"], name="similarity_change_lookup")]

    def __str__(self):
        return f"{self.kind} {self.key} changed at {self.at}"


class StoredRelatedLists(models.Model):
    """A live list's "More lists like this", worked out once (related_lists.py) and read until it is stale.

    `rows` are the best lists' scoring rows, best first: [list id, score, kind, object id]; `features`
    are what the list had then ({"subject", "films", "themes", "tags"}). Stale when the list itself
    has other features now, or when the lists with one of them changed since `computed_at`
    (SimilarityChange, kinds list_film, list_theme and list_tag).
    """

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="+")
    rows = models.JSONField(default=list)
    features = models.JSONField(default=dict)
    computed_at = models.DateTimeField()

    class Meta:
        verbose_name_plural = "stored related lists"

    def __str__(self):
        return f"Lists like {self.article_id}"


# Left out of backups, the page cache's and the text cleaner's signals: nobody edits these rows.
DERIVED_MODELS = (CountedTheme, ListFacet, Tally, StoredSimilarFilms, SimilarityChange, StoredRelatedLists)
