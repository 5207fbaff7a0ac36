"""The catalogue: films, the people who make them, the themes that make films alike, and where to watch them."""

import datetime

from django.conf import settings
from django.core.validators import (
    MaxLengthValidator,
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import models
from django.db.models import Prefetch, Q
from django.dispatch import Signal
from django.utils import timezone
from django.utils.text import slugify
from taggit.managers import TaggableManager

from ..addresses import slug_path
from ..images import WithPicture
from ..uploads import GeneratedName, PictureField

FIRST_FILM_YEAR = 1878
LAST_FILM_YEAR = 2100
# Film, person and theme pages show the latest this many list entries that mention them.
MENTIONS_SHOWN = 20
# Links readers follow: URLField alone also takes ftp:// addresses.
WEB_ADDRESS = URLValidator(schemes=["http", "https"], message="Enter a web address starting with https:// or http://.")
# Bios, synopses and theme descriptions: a few pages at most. Long enough for any real one, short
# enough that every page showing it renders fast (markup.RENDER_LIMIT is the renderer's own ceiling).
LONGEST_DESCRIPTION = 10_000
# Sent with `pks` when rows awaiting review are confirmed in bulk (an update, which sends no post_save).
confirmed = Signal()
# Rows readers may see, as a condition of partial indexes.
PUBLIC = Q(awaiting_review=False)


def at_most(limit):
    """A text field's length limit, said next to the field; the form keeps the text."""
    return MaxLengthValidator(
        limit,
        message=f"At most {limit:,} characters fit here; this text has %(show_value)d. Shorten it and save again.",
    )


class Searchable(models.Model):
    """A model the site search finds by a name, whatever its case, accents or punctuation."""

    search_text = models.CharField(max_length=255, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True

    def searchable_name(self):
        return str(self)


def initial_of(search_text):
    """The letter an A–Z index files a name under: "a" to "z", or "#" for digits and other scripts."""
    first = search_text[:1]
    if not first:
        return ""
    return first if "a" <= first <= "z" else "#"


class Alphabetical(models.Model):
    """A model with an A–Z index page: its initial is kept beside the search key, both refreshed on save."""

    initial = models.CharField(max_length=1, blank=True, editable=False)

    class Meta:
        abstract = True


class Reviewed(models.Model):
    """A catalogue row that can wait for an Editor before readers see it.

    Rows an import or an editor's picker makes on the fly (a film typed into an entry) start
    awaiting review: every public page, search, sitemap, feed and "Similar films" leaves them
    out (public()) until an Editor confirms them, or publishes a list that uses them
    (Article.confirm_what_it_uses). Rows made in their own admin form are public at once.
    """

    awaiting_review = models.BooleanField(
        default=False,
        db_index=True,
        help_text="Made on the fly by an import or a picker: readers don't see it until an Editor confirms it "
        "or publishes a list that uses it.",
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )

    class Meta:
        abstract = True


class CatalogueQuerySet(models.QuerySet):
    def public(self):
        """What readers may see."""
        return self.filter(awaiting_review=False)

    def awaiting_review(self):
        return self.filter(awaiting_review=True)

    def confirm(self):
        """Readers see these from now on; returns how many were waiting."""
        waiting = list(self.awaiting_review().values_list("pk", flat=True))
        if not waiting:
            return 0
        count = self.model.objects.filter(pk__in=waiting).update(awaiting_review=False, updated_at=timezone.now())
        confirmed.send(sender=self.model, pks=waiting)
        return count


class PersonQuerySet(CatalogueQuerySet):
    def for_person_page(self):
        """The filmography; the page's "In our lists" is EntryQuerySet.featuring()."""
        return self.prefetch_related(
            Prefetch(
                "credits",
                queryset=Credit.objects.filter(film__awaiting_review=False)
                .select_related("film")
                .order_by("-film__year", "film__title"),
                to_attr="filmography",
            ),
        )


class Person(WithPicture, Reviewed, Alphabetical, Searchable):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in the person's web address.")
    bio = models.TextField(
        blank=True,
        validators=[at_most(LONGEST_DESCRIPTION)],
        help_text="Markdown: *italics*, [links](https://…), blank line between paragraphs.",
    )
    photo = PictureField(
        upload_to=GeneratedName("people"), blank=True, help_text="A JPEG, PNG or WebP picture of at most 10 MB."
    )
    photo_renditions = models.JSONField(default=dict, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()
    picture_fields = ("photo", "photo_renditions")

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"
        indexes = [
            models.Index(fields=["initial", "search_text"], name="person_a_to_z"),
            # Public rows only (partial indexes: SQLite cannot seek on "NOT awaiting_review"). A letter's names
            # in order, and their count, from the index alone; the sitemap's last change, one step down it.
            models.Index(fields=["initial", "search_text"], condition=PUBLIC, name="person_public_a_to_z"),
            models.Index(fields=["updated_at"], condition=PUBLIC, name="person_last_change"),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_path("recommendations:person_detail", self.slug)

    def filmography_by_role(self):
        """[("Director", credits), ("Writer", …), ("Actor", …)] from the prefetched filmography."""
        by_role = {}
        for credit in self.filmography:
            by_role.setdefault(credit.role, []).append(credit)
        roles = [Credit.Role.DIRECTOR, Credit.Role.WRITER, Credit.Role.ACTOR]
        return [(role.label, by_role[role]) for role in roles if role in by_role]


class ThemeQuerySet(CatalogueQuerySet):
    def with_film_counts(self):
        """Each theme's number of public films, counted by the entry-theme rule (models/counted_themes.py)."""
        from .counted_themes import film_count

        return self.annotate(film_count=film_count())


class Theme(Reviewed, Searchable):
    name = models.CharField(max_length=100, unique=True, help_text="What makes films alike, e.g. “prison escape”.")
    slug = models.SlugField(max_length=100, unique=True, help_text="Used in the theme's web address.")
    description = models.TextField(blank=True, validators=[at_most(LONGEST_DESCRIPTION)], help_text="Markdown.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_path("recommendations:theme_detail", self.slug)


class FilmQuerySet(CatalogueQuerySet):
    def for_film_page(self):
        from .lists import Article, Entry  # lists build on the catalogue, and this page shows both

        return self.prefetch_related(
            Prefetch("credits", queryset=Credit.objects.filter(person__awaiting_review=False).select_related("person")),
            Prefetch("themes", queryset=Theme.objects.public()),
            "tags",
            Prefetch(
                "entries",
                queryset=Entry.objects.live().for_mentions()[:MENTIONS_SHOWN],
                to_attr="live_entries",
            ),
            Prefetch("articles_about", queryset=Article.objects.live(), to_attr="live_articles_about"),
            # Where to watch it, every region: the page shows the reader's (watching.choose).
            Prefetch(
                "availabilities", queryset=Availability.objects.select_related("service"), to_attr="all_watch_options"
            ),
        )


class Film(WithPicture, Reviewed, Alphabetical, Searchable):
    title = models.CharField(max_length=200)
    year = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        validators=[MinValueValidator(FIRST_FILM_YEAR), MaxValueValidator(LAST_FILM_YEAR)],
        help_text="Year of first release. Leave empty if unknown.",
    )
    slug = models.SlugField(
        max_length=220,
        unique=True,
        help_text=(
            "Title and year, e.g. “memento-2000”: two films can share a title. Also the film's anchor in lists."
        ),
    )
    synopsis = models.TextField(blank=True, validators=[at_most(LONGEST_DESCRIPTION)], help_text="Markdown.")
    poster = PictureField(
        upload_to=GeneratedName("posters"), blank=True, help_text="A JPEG, PNG or WebP picture of at most 10 MB."
    )
    poster_renditions = models.JSONField(default=dict, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)
    runtime = models.PositiveSmallIntegerField(null=True, blank=True, help_text="In minutes.")
    themes = models.ManyToManyField(Theme, blank=True, related_name="films")
    people = models.ManyToManyField(Person, through="Credit", related_name="films")
    tags = TaggableManager(blank=True)

    objects = FilmQuerySet.as_manager()
    picture_fields = ("poster", "poster_renditions")

    class Meta:
        ordering = ["title", "year"]
        indexes = [
            models.Index(fields=["initial", "search_text"], name="film_a_to_z"),
            # Public rows only (partial indexes: SQLite cannot seek on "NOT awaiting_review"). A letter's names
            # in order, and their count, from the index alone; the sitemap's last change, one step down it.
            models.Index(fields=["initial", "search_text"], condition=PUBLIC, name="film_public_a_to_z"),
            models.Index(fields=["updated_at"], condition=PUBLIC, name="film_last_change"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=FIRST_FILM_YEAR, year__lte=LAST_FILM_YEAR),
                name="film_year_plausible",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.year})" if self.year else self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(f"{self.title} {self.year or ''}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_path("recommendations:film_detail", self.slug)

    def credits_as(self, role):
        """Credits in one role, in billing order, read from the prefetched credits."""
        return [credit for credit in self.credits.all() if credit.role == role]

    @property
    def directors(self):
        return self.credits_as(Credit.Role.DIRECTOR)

    @property
    def cast(self):
        return self.credits_as(Credit.Role.ACTOR)

    @property
    def writers(self):
        return self.credits_as(Credit.Role.WRITER)


class Credit(models.Model):
    class Role(models.TextChoices):
        DIRECTOR = "director", "Director"
        ACTOR = "actor", "Actor"
        WRITER = "writer", "Writer"

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="credits")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="credits")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.ACTOR)
    character_name = models.CharField(max_length=200, blank=True, help_text="For actors: who they play.")
    billing_order = models.PositiveSmallIntegerField(default=0, help_text="Lower numbers are billed first.")

    class Meta:
        ordering = ["role", "billing_order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "person", "role", "character_name"], name="unique_credit_per_film_role_character"
            ),
        ]

    def __str__(self):
        if self.character_name:
            return f"{self.person} as {self.character_name} in {self.film}"
        return f"{self.person}, {self.get_role_display().lower()} of {self.film}"


class Service(models.Model):
    """Somewhere to watch films: Netflix, Hulu, Amazon Prime Video…"""

    name = models.CharField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    website = models.URLField(blank=True, validators=[WEB_ADDRESS], help_text="The service's home page.")

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class AvailabilityQuerySet(models.QuerySet):
    def stale(self, days=None):
        """Availability nobody has checked for a while, to check again."""
        cutoff = timezone.localdate() - datetime.timedelta(days=days or settings.AVAILABILITY_STALE_AFTER_DAYS)
        return self.filter(last_checked__lt=cutoff)


class Availability(models.Model):
    class Kind(models.TextChoices):
        SUBSCRIPTION = "subscription", "Stream"
        FREE = "free", "Free"
        RENT = "rent", "Rent"
        BUY = "buy", "Buy"

    film = models.ForeignKey(Film, on_delete=models.CASCADE, related_name="availabilities")
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="availabilities")
    region = models.CharField(
        max_length=2,
        default="US",
        validators=[RegexValidator(r"^[A-Z]{2}$", "Use a two-letter country code in capitals, e.g. US.")],
        help_text="Two-letter country code (ISO 3166), e.g. US, GB, DE.",
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SUBSCRIPTION)
    url = models.URLField(max_length=500, validators=[WEB_ADDRESS], help_text="The film's page on the service.")
    last_checked = models.DateField(
        default=datetime.date.today, help_text="When someone last saw the film there. Old dates get checked again."
    )

    objects = AvailabilityQuerySet.as_manager()

    class Meta:
        ordering = ["service__name", "kind"]
        verbose_name_plural = "availability"
        # The regions any row names, one index step each (list_filters.regions_named), and the films on a
        # service in a region.
        indexes = [models.Index(fields=["region", "service", "film"], name="availability_by_region")]
        constraints = [
            models.UniqueConstraint(
                fields=["film", "service", "region", "kind"], name="unique_availability_per_film_service_region_kind"
            ),
        ]

    def __str__(self):
        return f"{self.film} on {self.service} ({self.get_kind_display().lower()}, {self.region})"

    @property
    def may_have_changed(self):
        """Checked longer ago than settings.AVAILABILITY_STALE_AFTER_DAYS: readers are told it may be out of date."""
        age = datetime.timedelta(days=settings.AVAILABILITY_STALE_AFTER_DAYS)
        return self.last_checked < timezone.localdate() - age


def unique_slug(model, text):
    """A slug for `text` that no `model` row has yet: "heat-1995", then "heat-1995-2"…"""
    base = slugify(text) or "untitled"
    candidate, number = base, 2
    while model.objects.filter(slug=candidate).exists():
        candidate, number = f"{base}-{number}", number + 1
    return candidate
