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
- The page cache is refreshed once an editorial change commits (recommendations/page_cache.py).
  Of users, only a change of name counts (bylines show it): signing in saves last_login, and
  no page shows that, their groups or their password.
"""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.db.models.deletion import ProtectedError
from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save, pre_delete, pre_save

from . import page_cache, previews, search_index
from .images import picture_models
from .models import (
    Alphabetical,
    Article,
    AuthorProfile,
    Autosave,
    Person,
    Searchable,
    Theme,
    display_name,
    entries_using,
    initial_of,
    unique_slug,
)
from .text import clean_text, search_key


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


def content_changed(sender, **kwargs):
    transaction.on_commit(page_cache.bump_content_version)


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
        content_changed(sender)


def content_models():
    """What readers' pages show, besides bylines: the app's rows and their tags. Not autosaves, which readers
    never see: an editor's typing must not empty the page cache every few seconds."""
    app_models = [model for model in apps.get_app_config("recommendations").get_models() if model is not Autosave]
    return [*app_models, *apps.get_app_config("taggit").get_models()]


def editorial_models():
    """Rows whose text editors type: the content, and users (whose names are bylines)."""
    return [*content_models(), get_user_model()]


def connect():
    post_migrate.connect(
        search_index.repair_after_migrate, sender=apps.get_app_config("recommendations"), dispatch_uid="search-index"
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
        for signal in (post_save, post_delete):
            signal.connect(content_changed, sender=model, dispatch_uid=f"page-cache-{signal}-{model._meta.label}")
        for field in model._meta.local_many_to_many:
            through = field.remote_field.through
            m2m_changed.connect(content_changed, sender=through, dispatch_uid=f"page-cache-m2m-{through._meta.label}")
    user = get_user_model()
    pre_save.connect(remember_byline, sender=user, dispatch_uid="page-cache-byline")
    post_save.connect(user_changed, sender=user, dispatch_uid="page-cache-user")
    post_delete.connect(content_changed, sender=user, dispatch_uid="page-cache-user-deleted")
