"""Small builders of test data: a film, a person, a theme, a whole list."""

import datetime
import itertools
from pathlib import Path

from django.utils import timezone

from recommendations.models import Article, Entry, Film, Person, Theme

# The site's first article as plain text, as its author wrote it.
SEED = Path(__file__).resolve().parents[1] / "fixtures" / "movies-like-backtrace.txt"

_numbers = itertools.count(1)


def make_film(title=None, year=2000, **fields):
    title = title or f"Film {next(_numbers)}"
    return Film.objects.create(title=title, year=year, **fields)


def make_person(name=None):
    name = name or f"Person {next(_numbers)}"
    return Person.objects.create(name=name, slug=name.lower().replace(" ", "-"))


def make_theme(name=None):
    name = name or f"theme {next(_numbers)}"
    return Theme.objects.create(name=name, slug=name.replace(" ", "-"))


def make_article(entries=3, status=Article.Status.PUBLISHED, subject=None, title=None, **fields):
    """A list with `entries` entries ranked N..1, each with a theme and a person."""
    title = title or f"Movies Like Film {next(_numbers)}"
    article = Article.objects.create(
        title=title,
        slug=title.lower().replace(" ", "-"),
        subject=subject or make_film(),
        intro=fields.pop("intro", "An intro."),
        status=status,
        published_at=fields.pop("published_at", timezone.now() - datetime.timedelta(days=1)),
        **fields,
    )
    for rank in range(entries, 0, -1):
        entry = Entry.objects.create(article=article, rank=rank, film=make_film(), blurb=f"Blurb for number {rank}.")
        entry.themes.add(make_theme())
        entry.people.add(make_person())
    return article
