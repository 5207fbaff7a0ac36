"""
Every signal receiver of the app, each connected for the senders it is about (connect(), from apps.py).

- Clean text: every text an editorial row stores goes through text.clean_text() first: typed
  in the admin, imported, or loaded from a backup or fixture.
- Search text: films, people, themes and lists keep a normalised copy of their name for the site
  search, refreshed before each save (fixtures too, which bypass save()).
- Renditions follow their picture: made once a poster or photo is saved or changed, cleared when it goes.
- People and themes that list entries use cannot be deleted: their links would vanish silently.
- A new list gets the key its share links are signed with (recommendations/previews.py).
- A list's author gets an author profile (their page, /authors/<slug>/) the first time a list is saved.
- SQLite's search indexes get back the triggers a migration that rebuilt their table dropped (search_index.py).
- Derived rows (counted themes, list facets, tallies: recommendations/derived.py, upkeep.py) are rebuilt for
  the films and lists each change touches, in the change's own transaction.
- Cached pages that show what an editorial change changed are refreshed once it commits
  (recommendations/page_dependencies.py, page_cache.py). Of users, only a change of name counts
  (bylines show it): signing in saves last_login, and no page shows that, their groups or their password.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.deletion import ProtectedError
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete, pre_save
from taggit.models import TaggedItem

from . import derived, page_dependencies, previews, search_index, similarity_store
from .images import picture_models
from .models import (
    DERIVED_MODELS,
    Alphabetical,
    Article,
    AuthorProfile,
    Autosave,
    Availability,
    Credit,
    Entry,
    Film,
    ListFacet,
    Person,
    Searchable,
    SimilarityChange,
    Theme,
    display_name,
    entries_using,
    initial_of,
    unique_slug,
)
from .models.catalogue import confirmed
from .text import clean_text, search_key
from .upkeep import counted_themes_of, facets_of, refresh_cached_pages


def clean_stored_text(sender, instance, **kwargs):
    for field in instance._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname)
            if isinstance(value, str):
                setattr(instance, field.attname, clean_text(value, multiline=isinstance(field, models.TextField)))


def refresh_search_text(sender, instance, **kwargs):
    instance.search_text = search_key(instance.searchable_name())[:255]
    if isinstance(instance, Alphabetical):
        instance.initial = initial_of(instance.search_text)


def refresh_renditions(sender, instance, raw=False, **kwargs):
    # After the save, so an upload is already stored under its final name. Fixtures (raw) are
    # left to the make_renditions command: their files may not be in place yet.
    if not raw:
        instance.update_renditions()


def refuse_to_delete_what_lists_use(sender, instance, **kwargs):
    # Entry.people and Entry.themes are plain many-to-many fields, which would drop the link
    # silently; a list losing its people or themes is lost work.
    entries = list(entries_using(instance))
    if entries:
        raise ProtectedError(f"Cannot delete {instance}: it is used by {len(entries)} list entries.", set(entries))


def give_author_a_profile(sender, instance, raw=False, **kwargs):
    # Every byline links an author page. Fixtures and backups (raw) bring the profiles they have.
    if not raw and instance.author_id is not None:
        author = instance.author
        if not AuthorProfile.objects.filter(user=author).exists():
            AuthorProfile.objects.create(user=author, slug=unique_slug(AuthorProfile, display_name(author)))


def make_share_link_key(sender, instance, created, raw=False, **kwargs):
    # With the list, so that showing its first share link never has to write (previews.py).
    # Fixtures (raw) may bring their own; a list without one gets it when a link is asked for.
    if created and not raw:
        previews.make_key(instance)


def content_saved(sender, instance, raw=False, **kwargs):
    if raw:  # a fixture or backup loading: everything at once
        refresh_cached_pages({page_dependencies.EVERYTHING})
        return
    # An entry that changed film, a credit or a list that changed subject leave the pages of what they pointed
    # at (pre_save: remember_what_it_points_at).
    before = (getattr(instance, "_before", None) or {}) if type(instance) in POINTERS else {}
    left = page_dependencies.tags_of(Film, [before.get("film_id"), before.get("subject_id")])
    left |= page_dependencies.tags_of(Person, [before.get("person_id")])
    refresh_cached_pages(left, showing=instance)


def content_going(sender, instance, **kwargs):
    # Before the delete, while the rows that show it are still there to be found.
    refresh_cached_pages(page_dependencies.shown_by(instance))


def content_linked(sender, instance, action, model, pk_set, **kwargs):
    if action in ("post_add", "post_remove", "pre_clear"):
        refresh_cached_pages(page_dependencies.linked(model, pk_set), showing=instance)


def content_confirmed(sender, pks, **kwargs):
    # Films, people and themes that waited for review now show on the pages that link them (a bulk update:
    # no post_save).
    for row in sender._default_manager.filter(pk__in=pks):
        refresh_cached_pages(set(), showing=row)


# What a list's byline is made of (Article.byline).
BYLINE_FIELDS = ("first_name", "last_name", "username")


def byline_of(user):
    return tuple(getattr(user, name) for name in BYLINE_FIELDS)


def remember_byline(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and not set(BYLINE_FIELDS) & set(update_fields):
        # A save of other fields only (a sign-in saves last_login): the byline stays as it is.
        instance._byline_before = byline_of(instance)
    else:
        instance._byline_before = sender._default_manager.filter(pk=instance.pk).values_list(*BYLINE_FIELDS).first()


def user_changed(sender, instance, created, **kwargs):
    # A new user's name is in no byline yet.
    if not created and getattr(instance, "_byline_before", None) != byline_of(instance):
        refresh_cached_pages({page_dependencies.EVERYTHING})


def user_deleted(sender, **kwargs):
    refresh_cached_pages({page_dependencies.EVERYTHING})


# Derived rows (derived.py) and what "Similar films" are worked out from (similarity_store.py)


def similarity_changed(*changes):
    if not derived.upkeep_suspended():
        similarity_store.record(changes)


def remember_review_state(sender, instance, **kwargs):
    # A film's year and review state change what it is like and who may see it (similarity.py).
    fields = ("year", "awaiting_review") if sender is Film else ("awaiting_review",)
    instance._before = sender._default_manager.filter(pk=instance.pk).values(*fields).first()


def changed_since_remembered(instance, *fields):
    before = getattr(instance, "_before", None)
    return before is None or any(before[name] != getattr(instance, name) for name in fields)


def film_saved(sender, instance, created=False, **kwargs):
    counted_themes_of([instance.pk])
    # Its year is the decade of the lists about it.
    facets_of(Article.objects.filter(subject=instance))
    derived.counted_changed("films")
    if not created and changed_since_remembered(instance, "year", "awaiting_review"):
        similarity_films_changed([instance.pk])


def similarity_films_changed(film_ids):
    if not derived.upkeep_suspended():
        similarity_store.films_changed_entirely(film_ids)


def film_going(sender, instance, **kwargs):
    similarity_films_changed([instance.pk])


def film_deleted(sender, instance, **kwargs):
    derived.counted_changed("films")


def person_saved(sender, instance, created=False, **kwargs):
    derived.counted_changed("people")
    if not created and changed_since_remembered(instance, "awaiting_review"):
        similarity_changed((SimilarityChange.Kind.PERSON, instance.pk))


def person_deleted(sender, instance, **kwargs):
    derived.counted_changed("people")


def theme_saved(sender, instance, created=False, **kwargs):
    if not created and changed_since_remembered(instance, "awaiting_review"):
        similarity_changed((SimilarityChange.Kind.THEME, instance.pk))


def theme_going(sender, instance, **kwargs):
    similarity_changed((SimilarityChange.Kind.THEME, instance.pk))


def catalogue_confirmed(sender, pks, **kwargs):
    if sender is Film:
        counted_themes_of(pks)
        derived.counted_changed("films")
        similarity_films_changed(pks)
    elif sender is Person:
        derived.counted_changed("people")
        similarity_changed(*((SimilarityChange.Kind.PERSON, pk) for pk in pks))
    elif sender is Theme:
        similarity_changed(*((SimilarityChange.Kind.THEME, pk) for pk in pks))


def linked(instance, action, reverse, pk_set, related):
    """The rows on `related`'s side of an m2m change: (instance's pk, pk_set) as (forward, reverse) ids.

    A reverse clear names nothing: what it clears is remembered at pre_clear.
    """
    if action == "pre_clear" and reverse:
        instance._cleared = list(getattr(instance, related).values_list("pk", flat=True))
    if action not in ("post_add", "post_remove", "post_clear"):
        return None
    if not reverse:
        return [instance.pk]
    return getattr(instance, "_cleared", []) if action == "post_clear" else list(pk_set)


def film_themes_changed(sender, instance, action, reverse, pk_set, **kwargs):
    films = linked(instance, action, reverse, pk_set, "films")
    if films is not None:
        counted_themes_of(films)


def entry_themes_changed(sender, instance, action, reverse, pk_set, **kwargs):
    entries = linked(instance, action, reverse, pk_set, "entries")
    if entries is None:
        return
    if reverse:
        entries = Entry.objects.filter(pk__in=entries)
        counted_themes_of(entries.values("film"))
        facets_of(entries.values("article"))
    else:  # an entry's own themes: it knows its film and list
        counted_themes_of([instance.film_id])
        facets_of([instance.article_id])


# What a row points at, remembered before its save: an entry that changes film takes its themes away from the
# film it had; a credit, its person; a list that changes subject leaves its old subject's page.
POINTERS = {Entry: ("film_id",), Credit: ("film_id", "person_id"), Article: ("subject_id",)}


def remember_what_it_points_at(sender, instance, **kwargs):
    instance._before = sender._default_manager.filter(pk=instance.pk).values(*POINTERS[sender]).first()


def entry_changed(sender, instance, **kwargs):
    before = getattr(instance, "_before", None) or {}
    counted_themes_of({instance.film_id, before.get("film_id")} - {None})
    facets_of([instance.article_id])


def credit_changed(sender, instance, **kwargs):
    before = getattr(instance, "_before", None) or {}
    Kind = SimilarityChange.Kind
    similarity_changed(
        (Kind.FILM, instance.film_id),
        (Kind.PERSON, instance.person_id),
        (Kind.FILM, before.get("film_id")),
        (Kind.PERSON, before.get("person_id")),
    )


def article_saved(sender, instance, **kwargs):
    # Publishing, scheduling and unpublishing change whose entry themes count, and when.
    facets_of([instance.pk])
    counted_themes_of(derived.films_of_lists([instance.pk]))


def article_deleted(sender, instance, **kwargs):
    # Its entries went first, and their films' counted themes with them (entry_changed).
    facets = ListFacet.objects.filter(article_id=instance.pk)
    gone = set(facets.values_list("article_id", "kind", "value", "published_at"))
    facets.delete()
    similarity_store.list_facets_changed(gone, set())


def tagged_item_changed(sender, instance, **kwargs):
    article_type, film_type = ContentType.objects.get_for_models(Article, Film).values()
    if instance.content_type_id == article_type.pk:
        facets_of([instance.object_id])
    elif instance.content_type_id == film_type.pk:
        similarity_changed(
            (SimilarityChange.Kind.FILM, instance.object_id), (SimilarityChange.Kind.TAG, instance.tag_id)
        )


def availability_changed(sender, instance, **kwargs):
    facets_of(derived.lists_showing_films([instance.film_id]))


def connect_derived():
    connections = [
        (pre_save, remember_review_state, Film),
        (post_save, film_saved, Film),
        (pre_delete, film_going, Film),
        (post_delete, film_deleted, Film),
        (pre_save, remember_review_state, Person),
        (post_save, person_saved, Person),
        (post_delete, person_deleted, Person),
        (pre_save, remember_review_state, Theme),
        (post_save, theme_saved, Theme),
        (pre_delete, theme_going, Theme),
        (pre_save, remember_what_it_points_at, Entry),
        (post_save, entry_changed, Entry),
        (post_delete, entry_changed, Entry),
        (pre_save, remember_what_it_points_at, Credit),
        (post_save, credit_changed, Credit),
        (post_delete, credit_changed, Credit),
        (pre_save, remember_what_it_points_at, Article),
        (post_save, article_saved, Article),
        (post_delete, article_deleted, Article),
        (post_save, tagged_item_changed, TaggedItem),
        (post_delete, tagged_item_changed, TaggedItem),
        (post_save, availability_changed, Availability),
        (post_delete, availability_changed, Availability),
        (m2m_changed, film_themes_changed, Film.themes.through),
        (m2m_changed, entry_themes_changed, Entry.themes.through),
        (confirmed, catalogue_confirmed, None),
    ]
    for signal, receiver, sender in connections:
        uid = f"derived-{receiver.__name__}-{sender._meta.label if sender else 'any'}"
        signal.connect(receiver, sender=sender, dispatch_uid=uid)


def content_models():
    """What readers' pages show, besides bylines: the app's rows and their tags. Not the rows derived from
    them, and not autosaves, which readers never see: an editor's typing must not empty the page cache
    every few seconds."""
    left_out = {*DERIVED_MODELS, Autosave}
    app_models = [model for model in apps.get_app_config("recommendations").get_models() if model not in left_out]
    return [*app_models, *apps.get_app_config("taggit").get_models()]


def editorial_models():
    """Rows whose text editors type: the content, and users (whose names are bylines)."""
    return [*content_models(), get_user_model()]


def connect():
    post_migrate.connect(
        search_index.repair_after_migrate, sender=apps.get_app_config("recommendations"), dispatch_uid="search-index"
    )
    post_migrate.connect(
        derived.rebuild_if_missing, sender=apps.get_app_config("recommendations"), dispatch_uid="derived-rows"
    )
    for model in editorial_models():
        pre_save.connect(clean_stored_text, sender=model, dispatch_uid=f"clean-text-{model._meta.label}")
    app_models = apps.get_app_config("recommendations").get_models()
    for model in (model for model in app_models if issubclass(model, Searchable)):
        pre_save.connect(refresh_search_text, sender=model, dispatch_uid=f"search-text-{model._meta.label}")
    for model in picture_models():
        post_save.connect(refresh_renditions, sender=model, dispatch_uid=f"renditions-{model._meta.label}")
    post_save.connect(make_share_link_key, sender=Article, dispatch_uid="share-link-key")
    post_save.connect(give_author_a_profile, sender=Article, dispatch_uid="author-profile")
    for model in (Person, Theme):
        pre_delete.connect(refuse_to_delete_what_lists_use, sender=model, dispatch_uid=f"in-use-{model._meta.label}")
    for model in content_models():
        post_save.connect(content_saved, sender=model, dispatch_uid=f"page-cache-saved-{model._meta.label}")
        pre_delete.connect(content_going, sender=model, dispatch_uid=f"page-cache-going-{model._meta.label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(content_linked, sender=through, dispatch_uid=f"page-cache-m2m-{through._meta.label}")
    confirmed.connect(content_confirmed, dispatch_uid="page-cache-confirmed")
    user = get_user_model()
    pre_save.connect(remember_byline, sender=user, dispatch_uid="page-cache-byline")
    post_save.connect(user_changed, sender=user, dispatch_uid="page-cache-user")
    post_delete.connect(user_deleted, sender=user, dispatch_uid="page-cache-user-deleted")
    connect_derived()
