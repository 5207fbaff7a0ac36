"""The lists: a "movies like X" article, its countdown of entries, and the rules a list keeps."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Exists, OuterRef, Prefetch, Q
from django.db.models.functions import Greatest
from django.utils import timezone
from taggit.managers import TaggableManager

from ..addresses import slug_path
from ..text import editor_time, search_key
from .authors import display_name
from .catalogue import Credit, Film, Person, Searchable, Theme, at_most, unique_slug

POSTER_STRIP_LENGTH = 6
LONGEST_COUNTDOWN = 9999
# The longest list the admin is built for: its change form saves it in one request within
# settings.DATA_UPLOAD_MAX_NUMBER_FIELDS and stays quick to open (tests/test_long_lists.py).
LONGEST_LIST = 300
MOST_LINKS_PER_ENTRY = 10
# An intro runs to a few screens, a blurb to one. The renderer's own ceiling (markup.RENDER_LIMIT)
# is the longest intro: no text a form accepts is ever too long to render.
LONGEST_INTRO = 20_000
LONGEST_BLURB = 10_000
# What the admin's start page calls recently published.
RECENT_DAYS = 14
PUBLISH_PERMISSION = "publish_article"


def live_condition(prefix=""):
    """Published, with a publication time that has come: what readers may see."""
    return Q(**{f"{prefix}status": Article.Status.PUBLISHED, f"{prefix}published_at__lte": timezone.now()})


class ArticleQuerySet(models.QuerySet):
    """Every public view, feed, sitemap and search starts from live(); editors' pages use the other states."""

    def live(self):
        return self.filter(live_condition())

    def drafts(self):
        return self.filter(status=Article.Status.DRAFT)

    def scheduled(self):
        """Published with a time still to come: they go live by themselves."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def next_publication(self):
        """When the next scheduled list goes live, or None."""
        return self.scheduled().order_by("published_at").values_list("published_at", flat=True).first()

    def recently_live(self, days=RECENT_DAYS):
        """Lists that went live in the last `days` days, latest first."""
        since = timezone.now() - datetime.timedelta(days=days)
        return self.live().filter(published_at__gte=since).order_by("-published_at", "-pk")

    def waiting_for_an_editor(self):
        """Drafts whose author cannot publish them (Writers', or nobody's): only an Editor can."""
        publishers = Q(author__is_superuser=True) | Q(
            author__in=get_user_model().objects.filter(
                Q(groups__permissions__codename=PUBLISH_PERMISSION) | Q(user_permissions__codename=PUBLISH_PERMISSION)
            )
        )
        return self.drafts().exclude(publishers & Q(author__is_active=True))

    def for_desk(self):
        """Lists as the admin's start page shows them: who wrote and last edited them, how many entries."""
        return self.select_related("subject", "author", "last_edited_by").annotate(entry_count=Count("entries"))

    def for_listing(self):
        """Lists as cards: newest first, each with a strip of its top picks' posters."""
        top_picks = Entry.objects.select_related("film").order_by("rank")[:POSTER_STRIP_LENGTH]
        return (
            self.select_related("subject", "author__author_profile")
            .prefetch_related(Prefetch("entries", queryset=top_picks, to_attr="poster_strip"))
            .order_by("-published_at", "-pk")
        )

    def for_countdown(self):
        return self.select_related("subject", "author__author_profile").prefetch_related(
            Prefetch("entries", queryset=Entry.objects.for_countdown()),
            "tags",
        )


@dataclass(frozen=True)
class ListProblem:
    """Something that breaks one of a list's rules, in words an editor can act on.

    `field` is where a form shows it: a field of the list ("intro"), or of `entry`
    ("rank", "film", "blurb"); None for the list as a whole.
    """

    message: str
    field: str | None = None
    entry: object = None


class Article(Searchable):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    # When a list last changed for readers: its last edit, or its going live if that came later
    # (a list scheduled after its last edit changed when it went out). `modified_at` in Python.
    MODIFIED_AT = Greatest("updated_at", "published_at")

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
        blank=True,
        validators=[at_most(LONGEST_INTRO)],
        help_text="Markdown: *italics*, [links](https://…), blank line between paragraphs.",
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
    tags = TaggableManager(blank=True)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        # Editors and readers call an article a list.
        verbose_name = "list"
        permissions = [(PUBLISH_PERMISSION, "Can publish, schedule and unpublish lists")]
        # Live lists newest first, all of them (home, /lists/, feeds), about one film, or by one author: each read
        # in order from its index, and counted from it, never sorted.
        indexes = [
            models.Index(fields=["status", "published_at", "id"], name="article_by_publication"),
            models.Index(fields=["subject", "status", "published_at"], name="article_about_film"),
            models.Index(fields=["author", "status", "published_at", "id"], name="article_by_author"),
            # The sitemap's last edit of a live list: one step down this index.
            models.Index(fields=["status", "updated_at"], name="article_last_edit"),
        ]
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
        if self.published_at is not None:
            # To the second, as forms show and send it: a save that leaves the time alone keeps it equal.
            self.published_at = self.published_at.replace(microsecond=0)
        self.remember_former_slug()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_path("recommendations:article_detail", self.slug)

    def clean(self):
        self.date_if_publishing()
        if self.status == self.Status.PUBLISHED:
            problems = self.list_problems()
            if problems:
                raise ValidationError({problem.field: problem.message for problem in problems})

    def mark_edited_by(self, user):
        """Record who changed the list; forms opened before this change will be refused (edit_version)."""
        self.last_edited_by = user
        self.edit_version += 1

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

    # The lifecycle: draft, scheduled (published, with a time still to come) or live.

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_scheduled(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )

    @property
    def is_live(self):
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def state(self):
        """ "draft", "scheduled" or "live"."""
        if self.is_draft:
            return "draft"
        return "scheduled" if self.is_scheduled else "live"

    @property
    def state_description(self):
        """Where the list stands, in the site's time zone: “Draft”, “Scheduled for 14:00 on 3 Dec 2026
        (Europe/London)” or “Live since …”."""
        if self.is_draft:
            return "Draft"
        when = editor_time(self.published_at, with_zone=True)
        return f"Scheduled for {when}" if self.is_scheduled else f"Live since {when}"

    @property
    def modified_at(self):
        """When the list last changed for readers (MODIFIED_AT, as the database reckons it)."""
        return max(self.updated_at, self.published_at) if self.published_at else self.updated_at

    @property
    def byline(self):
        return display_name(self.author)

    @property
    def author_profile(self):
        """The author's profile, with their page; None for a list without an author."""
        return getattr(self.author, "author_profile", None) if self.author else None

    # The rules a list keeps. Forms, the publish action and the importer all ask these methods,
    # so every editor reads the same words wherever a rule stops them.

    def entry_problems(self, entry):
        """What breaks the rules for one entry of this list: it never recommends the list's own subject."""
        if entry.film_id is not None and entry.film_id == self.subject_id:
            message = f"A list can't recommend its own subject: this is the list of movies like {self.subject}."
            return [ListProblem(message, "film", entry)]
        return []

    def repeated_entries(self, entries):
        """Entries of `entries`, as they are to be saved, that repeat a rank or a film before them."""
        problems, ranks, films = [], {}, {}
        for entry in entries:
            film = entry.film if entry.film_id is not None else None
            if entry.rank is not None:
                if entry.rank in ranks:
                    message = f"#{entry.rank} is already taken by {ranks[entry.rank]} in this list."
                    problems.append(ListProblem(message, "rank", entry))
                else:
                    ranks[entry.rank] = film
            if film is not None:
                if film.pk in films:
                    message = f"{film} is already in this list at #{films[film.pk]}."
                    problems.append(ListProblem(message, "film", entry))
                else:
                    films[film.pk] = entry.rank
        return problems

    def list_problems(self):
        """What in the list's own fields stops it going live."""
        if not self.intro.strip():
            return [ListProblem("A published list needs an intro.", "intro")]
        return []

    def countdown_problems(self, entries):
        """What in `entries`, as they are to be saved, stops the list going live: it counts down 1..N,
        every entry with a blurb."""
        if not entries:
            return [ListProblem("A published list needs at least one entry.")]
        problems = [
            ListProblem(
                f"#{entry.rank} {entry.film} needs a blurb: a published list has one for every entry.", "blurb", entry
            )
            for entry in entries
            if not entry.blurb.strip() and entry.film_id is not None
        ]
        ranks = [entry.rank for entry in entries if entry.rank is not None]
        missing = missing_ranks(ranks)
        if missing:
            numbers = ", ".join(f"#{rank}" for rank in missing)
            message = f"A published list is numbered 1 to {len(ranks)} with no gaps or repeats. Missing: {numbers}."
            problems.append(ListProblem(message))
        return problems

    def confirm_what_it_uses(self):
        """A published list (only Editors publish) confirms what it shows readers: its subject, its films, the
        people credited on them, and its entries' people and themes (models.catalogue.Reviewed)."""
        films = Film.objects.filter(Q(pk=self.subject_id) | Q(entries__article=self)).values("pk")
        Film.objects.filter(pk__in=films).confirm()
        Person.objects.filter(Q(entries__article=self) | Q(credits__film__in=films)).confirm()
        Theme.objects.filter(entries__article=self).confirm()

    def publishing_problems(self, entries=None):
        """Everything that stops this list going live; `entries` as they are to be saved, else as stored."""
        if entries is None:
            entries = list(self.entries.select_related("film"))
        return self.list_problems() + self.countdown_problems(entries)


def missing_ranks(ranks):
    """The numbers a countdown of len(ranks) entries lacks: a published list runs 1..N."""
    present = set(ranks)
    return [rank for rank in range(1, len(ranks) + 1) if rank not in present]


class FormerSlug(models.Model):
    """An address a list used to have; it redirects to the list's current one."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="former_slugs")
    slug = models.SlugField(max_length=200, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"/lists/{self.slug}/ → {self.article}"


class ShareLinkKey(models.Model):
    """The secret every share link of a list is signed with; a new one revokes the links made before.

    A row of its own, not a column on Article, so that no save of the list ever writes it back:
    only recommendations/previews.py makes and changes it.
    """

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="share_link_key")
    key = models.CharField(max_length=32)
    made_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Share-link key of {self.article}"


class EntryQuerySet(models.QuerySet):
    def live(self):
        return self.filter(live_condition("article__"))

    def for_countdown(self):
        """A list's entries with their themes and people; countdown.py adds the films' directors and where to
        watch them, with the subject's, in one query each."""
        return self.select_related("film").prefetch_related("themes", "people").order_by("-rank")

    def featuring(self, person):
        """Entries that name `person`, or count down one of their films; each says which (`names_them`)."""
        names_them = Entry.people.through.objects.filter(entry=OuterRef("pk"), person=person)
        # One list of entry ids, both ways in: planners read a person's few entries from it, where an OR of the
        # two took every live list, newest first, and looked for the person in each.
        named = Entry.people.through.objects.filter(person=person).order_by().values("entry")
        of_their_films = Entry.objects.filter(film__in=Credit.objects.filter(person=person).values("film"))
        entries = named.union(of_their_films.order_by().values("pk"))
        return self.filter(pk__in=entries).annotate(names_them=Exists(names_them))

    def carrying(self, theme, now=None):
        """Live entries that carry `theme`, newest list first: the lists are read from their theme facets
        (models/derived.ListFacet) newest first, and only their entries are asked, so the first few cost
        the same however many lists use the theme."""
        now = now or timezone.now()
        return (
            self.filter(live_condition("article__"), themes=theme)
            .filter(
                article__facets__kind="theme",
                article__facets__value=getattr(theme, "pk", theme),
                article__facets__region="",
                article__facets__published_at__lte=now,
            )
            .select_related("article", "film")
            .order_by("-article__facets__published_at", "-article__facets__article", "rank")
        )

    def for_mentions(self):
        """Entries shown as “#1 in Movies Like Backtrace” on film, person and theme pages."""
        return self.select_related("article", "film").order_by("-article__published_at", "rank")


class Entry(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="entries")
    rank = models.PositiveIntegerField(
        # The ceiling keeps editors' ranks far below where saves park moving entries (ranking.park).
        validators=[MinValueValidator(1), MaxValueValidator(LONGEST_COUNTDOWN)],
        help_text="Countdown number; 1 is the top pick.",
    )
    film = models.ForeignKey(Film, on_delete=models.PROTECT, related_name="entries")
    blurb = models.TextField(
        blank=True, validators=[at_most(LONGEST_BLURB)], help_text="Why it is like the subject. Markdown."
    )
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

    def clean(self):
        article = getattr(self, "article", None)
        problems = article.entry_problems(self) if article is not None else []
        if problems:
            raise ValidationError({problem.field: problem.message for problem in problems})

    def confirm_proposed_people(self, names, user):
        """Make the proposed people `user` ticked into people: credited on the film, linked to this entry.

        A person new to the site is public at once when an Editor ticked it; a Writer's waits for one.
        """
        confirmed = [proposal for proposal in self.proposed_people if proposal["name"] in names]
        waits = not user.has_perm(f"recommendations.{PUBLISH_PERMISSION}")
        for proposal in confirmed:
            person = Person.objects.filter(search_text=search_key(proposal["name"])).first()
            if person is None:
                person = Person.objects.create(
                    name=proposal["name"],
                    slug=unique_slug(Person, proposal["name"]),
                    awaiting_review=waits,
                    added_by=user,
                )
            Credit.objects.get_or_create(
                film=self.film, person=person, role=Credit.Role.ACTOR, character_name=proposal.get("character", "")
            )
            self.people.add(person)
        self.proposed_people = [proposal for proposal in self.proposed_people if proposal not in confirmed]
        Entry.objects.filter(pk=self.pk).update(proposed_people=self.proposed_people)


def entries_using(person_or_theme):
    return person_or_theme.entries.select_related("article", "film").order_by("article__title", "-rank")


def name_links(field, name, plural, describe):
    """Give a many-to-many field's link rows names editors know, for the admin's lists of what a deletion takes.

    Django makes these rows' model itself, and names each row “Entry_people object (19)”.
    """
    through = field.remote_field.through
    through.__str__ = describe
    through._meta.verbose_name, through._meta.verbose_name_plural = name, plural


name_links(Entry.themes.field, "theme of an entry", "themes of entries", lambda link: f"{link.theme}, on {link.entry}")
name_links(Entry.people.field, "person of an entry", "people of entries", lambda link: f"{link.person}, {link.entry}")
name_links(Film.themes.field, "theme of a film", "themes of films", lambda link: f"{link.theme}, of {link.film}")
