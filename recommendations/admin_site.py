"""The editors' admin site: a start page with their work on it, and pickers that create what they lack.

It is Django's admin with three changes: the index opens with the desk (recommendations/desk.py)
and lists the site's own models before users, groups and sign-in records; every autocomplete goes
through recommendations/picking.py; and the list form's scripts post to pick/: the pickers'
"Create" to pick/create/, the "Add films" box to pick/films/, and an entry's "Credit" button
(recommendations/entry_credits.py) to pick/credit/.
"""

from functools import partial

from django.conf import settings
from django.contrib import admin
from django.urls import path

# The editors' work first, people and sign-in records after; anything else comes last.
APP_ORDER = ["recommendations", "taggit", "auth", "axes"]
MODEL_ORDER = ["Article", "Film", "Person", "Theme", "Service"]


def place(order, name):
    return order.index(name) if name in order else len(order)


class EditorialAdminSite(admin.AdminSite):
    site_header = f"{settings.SITE_NAME} editors"
    site_title = f"{settings.SITE_NAME} admin"
    index_title = "Your desk"

    def get_app_list(self, request, app_label=None):
        apps = sorted(self._build_app_dict(request, app_label).values(), key=lambda app: app["name"].lower())
        apps.sort(key=lambda app: place(APP_ORDER, app["app_label"]))
        for app in apps:
            app["models"].sort(key=lambda model: (place(MODEL_ORDER, model["object_name"]), model["name"]))
        return apps

    def index(self, request, extra_context=None):
        from .desk import Desk

        return super().index(request, {"desk": Desk(request, self), **(extra_context or {})})

    def autocomplete_view(self, request):
        from .picking import PickerJsonView

        return PickerJsonView.as_view(admin_site=self)(request)

    def get_urls(self):
        from . import entry_credits, picking

        picker_urls = [
            path("pick/create/", self.admin_view(partial(picking.create_view, admin_site=self)), name="pick_create"),
            path("pick/films/", self.admin_view(partial(picking.films_view, admin_site=self)), name="pick_films"),
            path(
                "pick/credit/",
                self.admin_view(partial(entry_credits.add_credit_view, admin_site=self)),
                name="pick_credit",
            ),
        ]
        return [*picker_urls, *super().get_urls()]
