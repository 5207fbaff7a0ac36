import shutil
from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.management import call_command

from recommendations.management.commands.setup_local_site import copy_fixture_media
from recommendations.models import Article

from .factories import SEED


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def page_cache_off(settings):
    """Tests see pages as rendered; tests/test_page_cache.py turns the cache on where it is the subject."""
    settings.PAGE_CACHE_SECONDS = 0
    cache.clear()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploads and renditions go to the test's own folder, never into the repository's media/."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture(scope="session")
def backtrace_media(tmp_path_factory):
    """The fixture posters and their renditions, made by the first test that needs them and copied for the others."""
    return tmp_path_factory.mktemp("backtrace-media")


@pytest.fixture
def backtrace(db, media_root, backtrace_media):
    """The site's first article, loaded from fixtures/ as `make run` loads it, posters and renditions included."""
    made = any(backtrace_media.iterdir())
    if made:
        shutil.copytree(backtrace_media, media_root, dirs_exist_ok=True)
    copy_fixture_media()
    call_command("loaddata", "backtrace", verbosity=0)
    call_command("make_renditions", stdout=StringIO())
    if not made:
        shutil.copytree(media_root, backtrace_media, dirs_exist_ok=True)
    return Article.objects.get(slug="movies-like-backtrace")


@pytest.fixture
def seed_text():
    """The Backtrace article as it was first published, word for word (the project's own copy)."""
    return SEED.read_text(encoding="utf-8")


@pytest.fixture
def editor(django_user_model):
    return django_user_model.objects.create_superuser("editor-in-chief", "chief@example.com", "correct horse")


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture
def writer(django_user_model):
    """A staff member in the Writers group: drafts their own lists, cannot publish."""
    user = django_user_model.objects.create_user("wendy", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Writers"))
    return user


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


@pytest.fixture
def desk_editor(django_user_model):
    """A staff member in the Editors group: everything on lists and the catalogue, publishing included."""
    user = django_user_model.objects.create_user("eddie", password="pw", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def pytest_collection_modifyitems(config, items):
    """Tests about one database's own behaviour are left out, not skipped, on the other."""
    from django.db import connection

    other = {"sqlite": "postgresql", "postgresql": "sqlite"}.get(connection.vendor)
    left_out = [item for item in items if other and item.get_closest_marker(other)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if item not in left_out]
