"""
The admin's start page: what an editor has on their desk.

Their own drafts; for Editors, the drafts that wait for one (a Writer's list goes live only when an
Editor publishes it); the lists scheduled to go live, with their times; the lists that went live
lately; and the films, people and themes made on the fly that wait for an Editor's confirmation,
with a button that confirms them. Each part is one query, whatever the size of the site.
"""

from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse

from .models import PUBLISH_PERMISSION, Article, Film, Person, Theme

SHOWN = 10


@dataclass
class Waiting:
    """Catalogue rows of one kind that wait for an Editor."""

    opts: object
    rows: list
    more: bool
    changelist_url: str
    site_name: str

    @property
    def ids(self):
        return [row.pk for row in self.rows]

    @property
    def links(self):
        name = f"{self.site_name}:{self.opts.app_label}_{self.opts.model_name}_change"
        return [(row, reverse(name, args=[row.pk])) for row in self.rows]


class Desk:
    def __init__(self, request, admin_site):
        self.request = request
        self.user = request.user
        self.admin_site = admin_site
        self.is_editor = self.user.has_perm(f"recommendations.{PUBLISH_PERMISSION}")

    def first(self, queryset):
        return list(queryset[:SHOWN])

    @cached_property
    def my_drafts(self):
        return self.first(Article.objects.for_desk().drafts().filter(author=self.user).order_by("-updated_at", "-pk"))

    @cached_property
    def drafts_waiting(self):
        """For Editors: drafts only an Editor can publish, longest waiting first; for Writers, nothing."""
        if not self.is_editor:
            return []
        waiting = Article.objects.for_desk().waiting_for_an_editor().exclude(author=self.user)
        return self.first(waiting.order_by("updated_at", "pk"))

    @cached_property
    def scheduled(self):
        return self.first(Article.objects.for_desk().scheduled().order_by("published_at", "pk"))

    @cached_property
    def recently_published(self):
        return self.first(Article.objects.for_desk().recently_live())

    @cached_property
    def waiting_rows(self):
        """Films, people and themes waiting for confirmation, those the user may see, oldest first."""
        kinds = []
        for model in (Film, Person, Theme):
            model_admin = self.admin_site.get_model_admin(model)
            if not model_admin.has_view_permission(self.request):
                continue
            waiting = model.objects.awaiting_review().select_related("added_by").order_by("updated_at", "pk")
            rows = list(waiting[: SHOWN + 1])
            if rows:
                changelist = reverse(f"{self.admin_site.name}:recommendations_{model._meta.model_name}_changelist")
                kinds.append(Waiting(model._meta, rows[:SHOWN], len(rows) > SHOWN, changelist, self.admin_site.name))
        return kinds

    @property
    def may_confirm(self):
        return self.is_editor
