"""
Unsaved work on a list is kept: autosaved server-side while the editor types, offered back when she opens
the list again (after a closed tab, a crash, or a session that ended and a new sign-in), cleared when
she saves.

- static/recommendations/admin/autosave.js posts the form to `<id>/autosave/` (or `add/autosave/`
  for a new list) after a few seconds of idle typing, and once more as the page goes away; the
  admin's own sign-in and CSRF checks guard it. unsaved_guard.js asks before a changed form is left.
- An Autosave row (models.Autosave) is per editor and per list. It is never the list: nothing here
  saves the list or touches its edit_version, so the edit-conflict check never counts it, and
  restoring it only fills the form, whose Save then meets that check like any other.
- Restoring (`?autosave=restore`) shows the change form bound to the kept data, errors and all;
  discarding deletes it.
"""

from django import forms
from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponseRedirect, JsonResponse, QueryDict
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from .models import Autosave

RESTORE_PARAMETER = "autosave"


def kept_form_data(post):
    """What of a submitted form is the editor's: every field, without the CSRF token or the buttons."""
    return {name: post.getlist(name) for name in post if name != "csrfmiddlewaretoken" and not name.startswith("_")}


def as_query_dict(form_data):
    data = QueryDict(mutable=True)
    for name, values in form_data.items():
        data.setlist(name, [str(value) for value in values])
    return data


def keep(user, article, post):
    """Keep `post` as the editor's unsaved work on `article` (None: a new list)."""
    autosave, _made = Autosave.objects.update_or_create(
        user=user, article=article, defaults={"form_data": kept_form_data(post)}
    )
    return autosave


def clear(user, article):
    Autosave.objects.filter(user=user, article=article).delete()


class AutosaveAdminMixin:
    """Autosave's endpoints and its offer on the list's add and change pages (template: autosave_offer.html)."""

    @property
    def media(self):
        return super().media + forms.Media(
            js=["recommendations/admin/unsaved_guard.js", "recommendations/admin/autosave.js"]
        )

    def get_urls(self):
        name = f"{self.opts.app_label}_{self.opts.model_name}"
        view = self.admin_site.admin_view
        return [
            path("add/autosave/", view(require_POST(self.autosave_view)), name=f"{name}_autosave_new"),
            path("add/autosave/discard/", view(require_POST(self.discard_view)), name=f"{name}_discard_new"),
            path("<path:object_id>/autosave/", view(require_POST(self.autosave_view)), name=f"{name}_autosave"),
            path("<path:object_id>/autosave/discard/", view(require_POST(self.discard_view)), name=f"{name}_discard"),
            *super().get_urls(),
        ]

    def url_for(self, action, article):
        name = f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}"
        if article is None:
            return reverse(f"{name}_{action}_new")
        return reverse(f"{name}_{action}", args=[article.pk])

    def list_it_is_for(self, request, object_id):
        """The list an autosave is for (None: a new one), if the editor may change it."""
        if object_id is None:
            if not self.has_add_permission(request):
                raise PermissionDenied
            return None
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such list.")
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def autosave_view(self, request, object_id=None):
        autosave = keep(request.user, self.list_it_is_for(request, object_id), request.POST)
        when = timezone.localtime(autosave.saved_at)
        return JsonResponse({"saved_at": when.isoformat(), "time": when.strftime("%H:%M:%S")})

    def discard_view(self, request, object_id=None):
        article = self.list_it_is_for(request, object_id)
        clear(request.user, article)
        self.message_user(request, "Your unsaved changes were discarded.", messages.SUCCESS)
        name = f"{self.admin_site.name}:{self.opts.app_label}_{self.opts.model_name}"
        if article is None:
            return HttpResponseRedirect(reverse(f"{name}_add"))
        return HttpResponseRedirect(reverse(f"{name}_change", args=[article.pk]))

    def kept_for(self, request, obj):
        """The editor's autosave for the list on this GET of its form, looked up once per request."""
        if not hasattr(request, "list_autosave"):
            page = self.admin_page(request)
            kept = None
            if request.method == "GET" and page in {"add", "change"}:
                kept = Autosave.objects.filter(user=request.user, article=obj if page == "change" else None).first()
            request.list_autosave = kept
        return request.list_autosave

    def restoring(self, request, obj):
        return request.GET.get(RESTORE_PARAMETER) == "restore" and self.kept_for(request, obj) is not None

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if not self.restoring(request, obj):
            return form
        data = as_query_dict(self.kept_for(request, obj).form_data)

        class RestoredForm(form):
            def __init__(self, *args, **kwargs):
                kwargs.setdefault("data", data)
                super().__init__(*args, **kwargs)

        return RestoredForm

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        article = obj if obj.pk is not None else None
        if self.restoring(request, article):
            kwargs["data"] = as_query_dict(self.kept_for(request, article).form_data)
        return kwargs

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        page = self.admin_page(request)
        if page in {"add", "change"}:
            article = obj if page == "change" else None
            context["autosave_url"] = self.url_for("autosave", article)
            kept = self.kept_for(request, article)
            if kept is not None:
                context["autosave"] = kept
                context["autosave_restored"] = self.restoring(request, article)
                context["autosave_restore_url"] = f"{request.path}?{RESTORE_PARAMETER}=restore"
                context["autosave_discard_url"] = self.url_for("discard", article)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Saved: the unsaved work is the list now. (Inside a preview this is rolled back with the rest.)
        clear(request.user, form.instance if change else None)
