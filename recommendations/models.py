import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator, URLValidator
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.db.models.deletion import ProtectedError
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from taggit.managers import TaggableManager

from .text import search_key
from .uploads import GeneratedName, PictureField

FIRST_FILM_YEAR = 1878
LAST_FILM_YEAR = 2100
POSTER_STRIP_LENGTH = 6
LONGEST_COUNTDOWN = 9999
# Film, person and theme pages show the latest this many list entries that mention them.
MENTIONS_SHOWN = 20
# Links readers follow: URLField alone also takes ftp:// addresses.
WEB_ADDRESS = URLValidator(schemes=["http", "https"], message="Enter a web address starting with https:// or http://.")


class Searchable(models.Model):
    """A model the site search finds by a name, whatever its case, accents or punctuation."""

    search_text = models.CharField(max_length=255, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True

    def searchable_name(self):
        return str(self)


class PersonQuerySet(models.QuerySet):
    def for_person_page(self):
        return self.prefetch_related(
            Prefetch(
                "credits",
                queryset=Credit.objects.select_related("film").order_by("-film__year", "film__title"),
                to_attr="filmography",
            ),
            Prefetch("entries", queryset=Entry.objects.live().for_mentions()[:MENTIONS_SHOWN], to_attr="live_entries"),
        )


class Person(Searchable):
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True, help_text="Used in the person's web address.")
    bio = models.TextField(
        blank=True, help_text="Markdown: *italics*, [links](https://…), blank line between paragraphs."
    )
    photo = PictureField(
        upload_to=GeneratedName("people"), blank=True, help_text="A JPEG, PNG or WebP picture of at most 10 MB."
    )
    photo_renditions = models.JSONField(default=dict, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "people"

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("recommendations:person_detail", kwargs={"slug": self.slug})

    def filmography_by_role(self):
        """[("Director", credits), ("Writer", …), ("Actor", …)] from the prefetched filmography."""
        by_role = {}
        for credit in self.filmography:
            by_role.setdefault(credit.role, []).append(credit)
        roles = [Credit.Role.DIRECTOR, Credit.Role.WRITER, Credit.Role.ACTOR]
        return [(role.label, by_role[role]) for role in roles if role in by_role]


class ThemeQuerySet(models.QuerySet):
    def for_theme_page(self):
        return self.prefetch_related(
            Prefetch("entries", queryset=Entry.objects.live().for_mentions()[:MENTIONS_SHOWN], to_attr="live_entries"),
        )

    def with_film_counts(self):
        return self.annotate(film_count=Count("films", distinct=True))


class Theme(Searchable):
    name = models.CharField(max_length=100, unique=True, help_text="What makes films alike, e.g. “prison escape”.")
    slug = models.SlugField(max_length=100, unique=True, help_text="Used in the theme's web address.")
    description = models.TextField(blank=True, help_text="Markdown.")
    updated_at = models.DateTimeField(auto_now=True)

    objects = ThemeQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("recommendations:theme_detail", kwargs={"slug": self.slug})


class FilmQuerySet(models.QuerySet):
    def for_film_page(self):
        return self.prefetch_related(
            Prefetch("credits", queryset=Credit.objects.select_related("person")),
            "themes",
            "tags",
            Prefetch(
                "entries",
                queryset=Entry.objects.live().for_mentions()[:MENTIONS_SHOWN],
                to_attr="live_entries",
            ),
            Prefetch("articles_about", queryset=Article.objects.live(), to_attr="live_articles_about"),
            Prefetch("availabilities", queryset=Availability.objects.for_readers(), to_attr="watch_options"),
        )


class Film(Searchable):
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
    synopsis = models.TextField(blank=True, help_text="Markdown.")
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

    class Meta:
        ordering = ["title", "year"]
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
        return reverse("recommendations:film_detail", kwargs={"slug": self.slug})

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
    def in_region(self, region=None):
        return self.filter(region=region or settings.DEFAULT_REGION)

    def for_readers(self):
        return self.in_region().select_related("service")

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
        constraints = [
            models.UniqueConstraint(
                fields=["film", "service", "region", "kind"], name="unique_availability_per_film_service_region_kind"
            ),
        ]

    def __str__(self):
        return f"{self.film} on {self.service} ({self.get_kind_display().lower()}, {self.region})"


def unique_slug(model, text):
    """A slug for `text` that no `model` row has yet: "heat-1995", then "heat-1995-2"…"""
    base = slugify(text) or "untitled"
    candidate, number = base, 2
    while model.objects.filter(slug=candidate).exists():
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def missing_ranks(ranks):
    """The numbers a countdown of len(ranks) entries lacks: a published list runs 1..N."""
    present = set(ranks)
    return [rank for rank in range(1, len(ranks) + 1) if rank not in present]


def live_condition(prefix=""):
    """Published, with a publication time that has come: what readers may see."""
    return Q(**{f"{prefix}status": Article.Status.PUBLISHED, f"{prefix}published_at__lte": timezone.now()})


class ArticleQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live_condition())

    def for_listing(self):
        """Lists as cards: newest first, each with a strip of its top picks' posters."""
        top_picks = Entry.objects.select_related("film").order_by("rank")[:POSTER_STRIP_LENGTH]
        return (
            self.select_related("subject", "author")
            .prefetch_related(Prefetch("entries", queryset=top_picks, to_attr="poster_strip"))
            .order_by("-published_at", "-pk")
        )

    def for_countdown(self):
        return self.select_related("subject", "author").prefetch_related(
            Prefetch("entries", queryset=Entry.objects.for_countdown()),
            "tags",
        )


class Article(Searchable):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    title = models.CharField(max_length=200, help_text="e.g. “Movies Like Backtrace”.")
    slug = models.SlugField(
        max_length=200,
        unique=True,
        help_text="The list's web address: /lists/movies-like-heat/ for “movies-like-heat”.",
    )
    subject = models.ForeignKey(
        Film,
        on_delete=models.PROTECT,
        related_name="articles_about",
        help_text="The film X of “movies like X”.",
    )
    intro = models.TextField(
        blank=True, help_text="Markdown: *italics*, [links](https://…), blank line between paragraphs."
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        help_text="Shown as the byline.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When readers see it. A future time schedules the list; left empty, publishing sets it to now.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, editable=False, related_name="+"
    )
    # Bumped by every save; an editor whose form carries an older number saves over nobody.
    edit_version = models.PositiveIntegerField(default=1, editable=False)
    # Part of every share link's signature: changing it revokes all the links given out.
    preview_key = models.CharField(max_length=32, blank=True, editable=False)
    tags = TaggableManager(blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        # Editors and readers call an article a list.
        verbose_name = "list"
        permissions = [("publish_article", "Can publish, schedule and unpublish lists")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="draft") | Q(published_at__isnull=False),
                name="published_article_has_date",
                violation_error_message="A published list needs a publication date.",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.date_if_publishing()
        self.remember_former_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("recommendations:article_detail", kwargs={"slug": self.slug})

    def mark_edited_by(self, user):
        """Record who changed the list; forms opened before this change will be refused (edit_version)."""
        self.last_edited_by = user
        self.edit_version += 1

    def clean(self):
        self.date_if_publishing()

    def remember_former_slug(self):
        """A published list that changes address keeps its old one as a redirect."""
        if self.pk is None:
            return
        stored = Article.objects.filter(pk=self.pk).values("slug", "status").first()
        if stored and stored["slug"] != self.slug:
            FormerSlug.objects.filter(slug=self.slug).delete()
            if stored["status"] == self.Status.PUBLISHED:
                FormerSlug.objects.update_or_create(slug=stored["slug"], defaults={"article": self})

    def date_if_publishing(self):
        """A list published without a date goes out now."""
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()

    def publishing_problems(self):
        """What stops this list going live, as the stored entries stand, in words an editor can act on."""
        entries = list(self.entries.select_related("film"))
        problems = []
        if not self.intro.strip():
            problems.append("the intro is empty")
        if not entries:
            problems.append("it has no entries")
        problems += [f"#{entry.rank} {entry.film} has no blurb" for entry in entries if not entry.blurb.strip()]
        missing = missing_ranks([entry.rank for entry in entries])
        if missing:
            problems.append(f"ranks must run 1 to {len(entries)}; missing {', '.join(f'#{rank}' for rank in missing)}")
        return problems

    @property
    def state(self):
        """Draft, scheduled (published with a time still to come) or live."""
        if self.status == self.Status.DRAFT:
            return "draft"
        if self.published_at and self.published_at > timezone.now():
            return "scheduled"
        return "live"

    @property
    def byline(self):
        if self.author is None:
            return ""
        return self.author.get_full_name() or self.author.get_username()


class FormerSlug(models.Model):
    """An address a list used to have; it redirects to the list's current one."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="former_slugs")
    slug = models.SlugField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"/lists/{self.slug}/ → {self.article}"


class EntryQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live_condition("article__"))

    def for_countdown(self):
        return (
            self.select_related("film")
            .prefetch_related(
                "themes",
                "people",
                Prefetch("film__availabilities", queryset=Availability.objects.for_readers(), to_attr="watch_options"),
                Prefetch(
                    "film__credits",
                    queryset=Credit.objects.filter(role=Credit.Role.DIRECTOR).select_related("person"),
                    to_attr="director_credits",
                ),
            )
            .order_by("-rank")
        )

    def of_films_by(self, person):
        return self.filter(film__in=Film.objects.filter(credits__person=person))

    def for_mentions(self):
        """Entries shown as “#1 in Movies Like Backtrace” on film, person and theme pages."""
        return self.select_related("article", "film").order_by("-article__published_at", "rank")


class Entry(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="entries")
    rank = models.PositiveIntegerField(
        # The ceiling keeps editors' ranks far below where saves park moving entries (forms.RANK_PARKING_OFFSET).
        validators=[MinValueValidator(1), MaxValueValidator(LONGEST_COUNTDOWN)],
        help_text="Countdown number; 1 is the top pick.",
    )
    film = models.ForeignKey(Film, on_delete=models.PROTECT, related_name="entries")
    blurb = models.TextField(blank=True, help_text="Why it is like the subject. Markdown.")
    themes = models.ManyToManyField(
        Theme, blank=True, related_name="entries", help_text="What it shares with the subject."
    )
    people = models.ManyToManyField(
        Person, blank=True, related_name="entries", help_text="The people the blurb is about."
    )
    # Names an import found in the blurb ("Lucas (Ryan Guzman)") that the site does not know yet:
    # [{"name": "Ryan Guzman", "character": "Lucas"}]. An editor confirms them before they become people.
    proposed_people = models.JSONField(default=list, blank=True, editable=False)

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = ["article", "-rank"]
        verbose_name_plural = "entries"
        constraints = [
            models.CheckConstraint(condition=Q(rank__gte=1), name="entry_rank_at_least_1"),
            models.UniqueConstraint(fields=["article", "rank"], name="unique_rank_per_article"),
            models.UniqueConstraint(fields=["article", "film"], name="unique_film_per_article"),
        ]

    def __str__(self):
        return f"#{self.rank} {self.film} in {self.article}"

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self):
        # Built from the film, not the rank, so links keep working when a list is re-ranked.
        return self.film.slug

    def confirm_proposed_people(self, names):
        """Make the proposed people an editor ticked into people: credited on the film, linked to this entry."""
        confirmed = [proposal for proposal in self.proposed_people if proposal["name"] in names]
        for proposal in confirmed:
            person = Person.objects.filter(search_text=search_key(proposal["name"])).first()
            if person is None:
                person = Person.objects.create(name=proposal["name"], slug=unique_slug(Person, proposal["name"]))
            Credit.objects.get_or_create(
                film=self.film, person=person, role=Credit.Role.ACTOR, character_name=proposal.get("character", "")
            )
            self.people.add(person)
        self.proposed_people = [proposal for proposal in self.proposed_people if proposal not in confirmed]
        Entry.objects.filter(pk=self.pk).update(proposed_people=self.proposed_people)

    def clean(self):
        article = getattr(self, "article", None)
        if article is not None and self.film_id is not None and self.film_id == article.subject_id:
            raise ValidationError(
                {"film": f"A list can't recommend its own subject: this is the list of movies like {article.subject}."}
            )


@receiver(pre_delete, sender=Person)
@receiver(pre_delete, sender=Theme)
def refuse_to_delete_what_lists_use(sender, instance, **kwargs):
    # Entry.people and Entry.themes are plain many-to-many fields, which would
    # drop the link silently; a list losing its people or themes is lost work.
    entries = list(entries_using(instance))
    if entries:
        raise ProtectedError(
            f"Cannot delete {instance}: it is used by {len(entries)} list entries.",
            set(entries),
        )


def entries_using(person_or_theme):
    return person_or_theme.entries.select_related("article", "film").order_by("article__title", "-rank")


@receiver(pre_save)
def refresh_search_text(sender, instance, **kwargs):
    # pre_save also runs for fixtures, which bypass save().
    if isinstance(instance, Searchable):
        instance.search_text = search_key(instance.searchable_name())[:255]
