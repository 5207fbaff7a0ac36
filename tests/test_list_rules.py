"""The rules a list obeys whoever writes to the database, not only through the admin."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models.deletion import ProtectedError

from recommendations.models import Article, Entry, Film, Person, Theme

from .factories import make_article, make_film


@pytest.fixture
def article(db):
    return make_article(entries=2)


def test_rank_must_be_at_least_one(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(article=article, rank=0, film=make_film())


def test_a_rank_is_used_once_per_list(article):
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(article=article, rank=1, film=make_film())


def test_a_film_is_used_once_per_list(article):
    film = article.entries.get(rank=1).film
    with pytest.raises(IntegrityError), transaction.atomic():
        Entry.objects.create(article=article, rank=3, film=film)


def test_the_same_rank_and_film_are_fine_in_another_list(article):
    other = make_article(entries=0)
    film = article.entries.get(rank=1).film

    Entry.objects.create(article=other, rank=1, film=film)

    assert film.entries.count() == 2


def test_a_list_cannot_recommend_its_own_subject(article):
    entry = Entry(article=article, rank=3, film=article.subject)

    with pytest.raises(ValidationError) as error:
        entry.full_clean()

    assert error.value.message_dict["film"] == [
        f"A list can't recommend its own subject: this is the list of movies like {article.subject}."
    ]


def test_a_published_list_always_has_a_date(db):
    article = make_article(entries=1, status=Article.Status.DRAFT, published_at=None)

    article.status = Article.Status.PUBLISHED
    article.save()

    assert article.published_at is not None
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(published_at=None)


def test_film_year_must_be_plausible(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Film.objects.create(title="Far Future", year=3000, slug="far-future")


def test_deleting_a_film_a_list_uses_is_refused(article):
    with pytest.raises(ProtectedError):
        article.entries.get(rank=1).film.delete()
    with pytest.raises(ProtectedError):
        article.subject.delete()
    assert article.entries.count() == 2


@pytest.mark.parametrize("model", [Person, Theme])
def test_deleting_a_person_or_theme_a_list_uses_is_refused(article, model):
    used = model.objects.filter(entries__article=article)

    with pytest.raises(ProtectedError), transaction.atomic():
        used.delete()

    assert used.count() == 2
    assert all(entry.themes.exists() and entry.people.exists() for entry in article.entries.all())


def test_live_lists_are_published_with_a_date_that_has_come(db):
    live = make_article(entries=1, title="Movies Like Live")
    make_article(entries=1, status=Article.Status.DRAFT, title="Movies Like Draft")

    assert list(Article.objects.live()) == [live]
