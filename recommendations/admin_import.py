"""The admin's "Import from text" page: paste an old article, get a draft list to polish."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from .importer import ArticleImportError, parse_article, save_draft
from .models import Article, Film


class ImportArticleForm(forms.Form):
    text = forms.CharField(
        label="Article text",
        widget=forms.Textarea(attrs={"rows": 20, "cols": 100}),
        help_text="Paste the whole article: title or intro, then one heading per film such as "
        "“6. Escape Plan (2013)” followed by its blurb.",
    )
    again = forms.BooleanField(
        required=False,
        label="Import again",
        help_text="Make another draft even if this article was imported before.",
    )

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        # Built here: the autocomplete widget needs the admin site, and a catalogue is too big for a <select>.
        self.fields["subject"] = forms.ModelChoiceField(
            queryset=Film.objects.all(),
            required=False,
            widget=AutocompleteSelect(Article._meta.get_field("subject"), admin_site),
            help_text="The film X. Leave empty to take it from the text (“movies like X”, “if you liked X”).",
        )
        self.order_fields(["text", "subject", "again"])

    def clean_text(self):
        try:
            self.parsed = parse_article(self.cleaned_data["text"])
        except ArticleImportError as error:
            raise forms.ValidationError(str(error)) from error
        return self.cleaned_data["text"]


def import_article_view(model_admin, request):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = ImportArticleForm(request.POST or None, admin_site=model_admin.admin_site)
    if request.method == "POST" and form.is_valid():
        try:
            report = save_draft(
                form.parsed,
                subject=form.cleaned_data["subject"],
                author=request.user,
                again=form.cleaned_data["again"],
            )
        except ArticleImportError as error:
            form.add_error("text", str(error))
        else:
            model_admin.log_addition(request, report.article, "Imported from text.")
            for line in report.summary().splitlines():
                messages.success(request, line)
            return redirect(reverse("admin:recommendations_article_change", args=[report.article.pk]))

    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Import a list from text",
        "opts": Article._meta,
        "form": form,
        "media": model_admin.media + form.media,
        "adminform": admin.helpers.AdminForm(form, [(None, {"fields": ["text", "subject", "again"]})], {}),
    }
    return TemplateResponse(request, "admin/recommendations/article/import_article.html", context)
