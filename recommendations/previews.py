"""
Previews: a list as readers would see it, before they can.

Two ways in, both through the public list template with a "Preview — not
published" banner:

- the admin's Preview button (PreviewAdminMixin), which shows the list with the
  editor's unsaved changes;
- a share link for a reviewer without an account: a signed token carrying the
  list's pk and its ShareLinkKey, good for settings.PREVIEW_LINK_MAX_AGE. It shows the
  list as last saved. Giving the list a new key revokes every link made before.

The key is a row of its own (models.ShareLinkKey), which only this module writes: saving,
restoring or previewing the list never touches it, so a revoked link stays revoked.
"""

import secrets
from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.db import router, transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_POST

from .countdown import countdown_context, saved_preview, unsaved_preview
from .models import Article, ShareLinkKey
from .preview_problems import form_problems, write_what_can_be_shown
from .upkeep import batched_upkeep

# Keeps these tokens apart from anything else the site signs with the same SECRET_KEY.
SALT = "recommendations.previews.share-link"
LIST_TEMPLATE = "recommendations/article_detail.html"
NOTHING_TO_SHOW_TEMPLATE = "recommendations/preview_pending.html"


class UnusableLink(Exception):
    """A share link the site made, which no longer opens its list."""

    headline = ""
    expired = False


class ExpiredLink(UnusableLink):
    headline = "This preview link has expired"
    expired = True


class RevokedLink(UnusableLink):
    headline = "This preview link has been revoked"


@dataclass(frozen=True)
class ShareLink:
    url: str
    expires_at: datetime


def new_key():
    return secrets.token_urlsafe(16)


def make_key(article):
    """A list's first key: made with the list (signals.py), or when a link is first asked for."""
    # get_or_create: two editors opening the list at once get the same key.
    return ShareLinkKey.objects.get_or_create(article=article, defaults={"key": new_key()})[0].key


def current_key(article):
    key = ShareLinkKey.objects.filter(article=article).values_list("key", flat=True).first()
    return key or make_key(article)


def make_token(article):
    return signing.dumps({"pk": article.pk, "key": current_key(article)}, salt=SALT)


def share_link(request, article):
    token = make_token(article)
    url = request.build_absolute_uri(reverse("recommendations:article_preview", kwargs={"token": token}))
    return ShareLink(url=url, expires_at=timezone.now() + settings.PREVIEW_LINK_MAX_AGE)


def shared_article(token, queryset):
    """The list a share link opens. A token the site never made is 404; an expired or revoked one says so."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=settings.PREVIEW_LINK_MAX_AGE)
    except signing.SignatureExpired:
        raise ExpiredLink from None
    except signing.BadSignature:
        raise Http404("No such preview link.") from None
    article = get_object_or_404(queryset.select_related("share_link_key"), pk=payload.get("pk"))
    key = getattr(article, "share_link_key", None)
    if key is None or key.key != payload.get("key"):
        raise RevokedLink
    return article


def revoke_links(article):
    """A new key: every link made with the old one stops working. The list itself is not saved, so an
    editor with it open saves as usual, without an edit conflict."""
    ShareLinkKey.objects.update_or_create(article=article, defaults={"key": new_key()})


def keep_private(response):
    """Never indexed, never cached where another reader could get it, never leaked in a Referer."""
    response.headers["X-Robots-Tag"] = "noindex, nofollow"
    response.headers["Referrer-Policy"] = "no-referrer"
    patch_cache_control(response, private=True, no_store=True)
    return response


def is_preview(request):
    return request.method == "POST" and "_preview" in request.POST


def is_beside_the_form(request):
    """The preview panel's requests (static/recommendations/admin/preview_panel.js) say so."""
    return "_preview_panel" in request.POST


class PreviewAdminMixin:
    """The Preview button, the preview panel beside the form, the share link and the revoke button on a list's
    admin page.

    Templates: admin/recommendations/article/submit_line.html, and editing_tools.html (included by
    change_form.html) with preview_panel.html and share_link.html.
    """

    @property
    def media(self):
        return super().media + forms.Media(
            js=["recommendations/admin/preview_panel.js", "recommendations/admin/copy_link.js"],
            css={"all": ["recommendations/admin/admin_readability.css", "recommendations/admin/editing_tools.css"]},
        )

    # Put this mixin first among ArticleAdmin's bases: its add_view and change_view must enclose
    # everything the others wrap around a save, such as django-reversion's revision.

    def add_view(self, request, form_url="", extra_context=None):
        return self.undone_if_preview(request, super().add_view, request, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        return self.undone_if_preview(request, super().change_view, request, object_id, form_url, extra_context)

    def undone_if_preview(self, request, view, *args):
        """A preview runs the real save, with its validation and hooks, then undoes all of it.

        The log entry, any revision and the edit_version bump go with the rest.
        """
        if not self.previewing(request):
            return view(*args)
        with transaction.atomic(using=router.db_for_write(self.model)):
            response = view(*args)
            if hasattr(response, "render"):
                response.render()  # while the unsaved state is still there to read
            transaction.set_rollback(True)
        return response

    def previewing(self, request):
        # Only on the add and change pages: add_view and change_view undo the save. Other pages
        # that show the change form, such as a revision's, are left as they are.
        return is_preview(request) and self.admin_page(request) in {"add", "change"}

    def admin_page(self, request):
        """ "add", "change", "history"…: which of this model's admin pages the request is for."""
        url_name = request.resolver_match.url_name if request.resolver_match else ""
        prefix = f"{self.opts.app_label}_{self.opts.model_name}_"
        return url_name.removeprefix(prefix) if url_name.startswith(prefix) else None

    def response_add(self, request, obj, post_url_continue=None):
        if self.previewing(request):
            return self.preview_response(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if self.previewing(request):
            return self.preview_response(request, obj)
        return super().response_change(request, obj)

    def preview_response(self, request, obj, problems=()):
        preview = unsaved_preview(is_beside_the_form(request), problems)
        if obj is None:
            context = {"preview": preview, "problems_data": [problem.as_data() for problem in problems]}
            return keep_private(TemplateResponse(request, NOTHING_TO_SHOW_TEMPLATE, context))
        article = Article.objects.for_countdown().get(pk=obj.pk)
        context = {
            "article": article,
            "problems_data": [problem.as_data() for problem in problems],
            **countdown_context(request, article, preview),
        }
        return keep_private(TemplateResponse(request, LIST_TEMPLATE, context))

    def saved_preview_view(self, request, object_id):
        """The list as last saved, in the real page: what “View on site” opens while readers can't see it."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise Http404("No such list.")
        article = Article.objects.for_countdown().get(pk=obj.pk)
        context = {"article": article, **countdown_context(request, article, saved_preview(article))}
        return keep_private(TemplateResponse(request, LIST_TEMPLATE, context))

    def get_view_on_site_url(self, obj=None):
        if obj is not None and not obj.is_live:
            return reverse(self.url_name("saved_preview"), args=[obj.pk])
        return super().get_view_on_site_url(obj)

    def url_name(self, page):
        return f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}_{page}"

    def preview_of_a_form_with_errors(self, request, context):
        """The page as far as the form allows, with what it cannot accept yet listed; never the form again."""
        form = context["adminform"].form
        formsets = [inline.formset for inline in context["inline_admin_formsets"]]
        problems = form_problems(form, formsets)
        # It deletes and writes every entry again (then rolls back): what they derive is worked out once.
        with batched_upkeep():
            shown = write_what_can_be_shown(form, formsets)
        return self.preview_response(request, shown, problems)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if self.previewing(request):
            # Only a preview whose form has errors comes here: a valid one answers from response_change.
            return self.preview_of_a_form_with_errors(request, context)
        page = self.admin_page(request)
        context["can_preview"] = page in {"add", "change"}
        if page == "change" and obj is not None:
            context["share_link"] = share_link(request, obj)
            if self.has_change_permission(request, obj):
                context["revoke_previews_url"] = reverse(self.revoke_url_name(), args=[obj.pk])
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_urls(self):
        revoke = self.admin_site.admin_view(require_POST(self.revoke_previews_view))
        saved_preview = self.admin_site.admin_view(self.saved_preview_view)
        prefix = f"{self.admin_site.name}:"
        return [
            path("<path:object_id>/revoke-previews/", revoke, name=self.revoke_url_name().removeprefix(prefix)),
            path("<path:object_id>/preview/", saved_preview, name=self.url_name("saved_preview").removeprefix(prefix)),
            *super().get_urls(),
        ]

    def revoke_url_name(self):
        return self.url_name("revoke_previews")

    def revoke_previews_view(self, request, object_id):
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404("No such list.")
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        revoke_links(obj)
        self.message_user(
            request,
            f"Every preview link to “{obj}” given out so far has stopped working. The link below is a new one.",
            messages.SUCCESS,
        )
        return redirect(f"{reverse(self.url_name('change'), args=[obj.pk])}#share-preview")
