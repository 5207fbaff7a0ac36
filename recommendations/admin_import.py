"""
The admin's import page, and what deleting an imported draft offers.

The page is a dry run first: the editor pastes an article (or chooses a file: text, HTML or
a WordPress export) and sees, before anything is created, which lines became entries, which
were left out and why, and the subject with how it was found. They can correct any of those
lines or pick another film for an entry, check again, and import when it reads right.
"""

import json
from dataclasses import dataclass, field

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse

from .admin_import_forms import ImportForm, digest, film_field, line_field, posted_lines
from .importing import Source, import_article, import_export
from .importing.sources import corrected_text
from .models import Article, ArticleImport, Film, Person

SOURCE_FIELDS = ["text", "html", "export", "source_name", "corrections", "source_digest"]


@dataclass
class LineRow:
    """One line of the dry run: an entry, a line left out, or the title, with its fields for correcting it."""

    line: int
    text_field: object
    problems: list = field(default_factory=list)
    entry: object = None  # a ParsedEntry
    film_field: object = None
    chosen: Film | None = None
    reason: str = ""  # why a skipped line was left out


def import_article_view(model_admin, request):
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None, admin_site=model_admin.admin_site)
    if request.method != "POST" or not form.is_valid():
        return _page(model_admin, request, form)
    source = form.source()
    commit = "_import" in request.POST
    if source.is_export:
        return _export(model_admin, request, form, source, commit)
    return _article(model_admin, request, form, source, commit)


def _article(model_admin, request, form, source, commit):
    data = form.cleaned_data
    edits, chosen = {}, {}
    # Corrections and picks name lines of the text they were shown for: after the text itself changed, its
    # lines may be other lines.
    if data["source_digest"] == digest(source):
        posted = posted_lines(request.POST, "line_")
        initial = posted_lines(request.POST, "initial-line_")
        edits = {line: text for line, text in posted.items() if text != initial.get(line, text)}
        chosen = _chosen_films(request.POST)
    corrections = form.saved_corrections() if source.kind == ArticleImport.Source.HTML else {}
    if source.kind == ArticleImport.Source.HTML:
        corrections.update(edits)
    elif edits:
        # In plain text the correction is made in the text itself, which the editor sees and can edit on.
        source = Source(source.kind, corrected_text(source.data, edits), source.name)
    outcome = import_article(
        source,
        author=request.user,
        subject=data["subject"],
        films=chosen,
        corrections=corrections,
        again=data["again"],
        commit=commit,
    )
    if commit and outcome.ok:
        article = outcome.report.article
        model_admin.log_addition(request, article, f"Imported from {ArticleImport.Source(source.kind).label}.")
        for line in outcome.report.summary().splitlines():
            messages.success(request, line)
        return redirect(reverse("admin:recommendations_article_change", args=[article.pk]))
    _carry(form, source, corrections)
    for problem in outcome.problems:
        form.add_error(form.error_field, str(problem))
    dry_run = _dry_run(model_admin, outcome, chosen, source) if outcome.parsed else None
    return _page(model_admin, request, form, dry_run=dry_run)


def _export(model_admin, request, form, source, commit):
    outcome = import_export(source, importer=request.user, again=form.cleaned_data["again"], commit=commit)
    if commit and not outcome.problems:
        for post in outcome.imported:
            model_admin.log_addition(request, post.report.article, "Imported from a WordPress export.")
        for line in outcome.summary().splitlines():
            messages.success(request, line.strip())
        return redirect(reverse("admin:recommendations_article_changelist") + "?state=draft")
    _carry(form, source, {})
    for problem in outcome.problems:
        form.add_error(form.error_field, str(problem))
    return _page(model_admin, request, form, export=outcome)


def _chosen_films(post):
    """Source line → the Film the editor picked for that entry; a value that is no film is left out."""
    picked = {line: value for line, value in posted_lines(post, "film_").items() if value.isdigit()}
    films = Film.objects.in_bulk([int(value) for value in picked.values()])
    return {line: films[int(value)] for line, value in picked.items() if int(value) in films}


def _carry(form, source, corrections):
    """The bound form shows what the next check reads: the corrected text, and a file's contents carried on."""
    form.data = form.data.copy()
    for name in SOURCE_FIELDS:
        form.data[name] = form.cleaned_data.get(name, "") or ""
    if source.kind == ArticleImport.Source.TEXT:
        form.data["text"] = source.data
    form.data["corrections"] = json.dumps(corrections) if corrections else ""
    form.data["source_digest"] = digest(source)


def _dry_run(model_admin, outcome, chosen, source):
    parsed, reading = outcome.parsed, outcome.reading
    by_line = {}
    for problem in outcome.problems:
        by_line.setdefault(problem.line, []).append(problem.message)
    fields = {}
    rows = []
    for entry in parsed.entries:
        fields[f"line_{entry.line}"] = line_field(entry.line, reading.line_text(entry.line))
        fields[f"film_{entry.line}"] = film_field(entry.line, model_admin.admin_site, entry.title)
        rows.append(LineRow(entry.line, None, by_line.pop(entry.line, []), entry, chosen=chosen.get(entry.line)))
    skipped = []
    for item in parsed.skipped:
        fields[f"line_{item.line}"] = line_field(item.line, reading.line_text(item.line) or item.text)
        skipped.append(LineRow(item.line, None, by_line.pop(item.line, []), reason=item.reason))
    title = None
    if parsed.title_line and f"line_{parsed.title_line}" not in fields:
        fields[f"line_{parsed.title_line}"] = line_field(parsed.title_line, reading.line_text(parsed.title_line))
        title = LineRow(parsed.title_line, None, by_line.pop(parsed.title_line, []))
    lines = forms.Form(initial={f"film_{line}": film.pk for line, film in chosen.items()})
    for name, form_field in fields.items():
        form_field.show_hidden_initial = True
        lines.fields[name] = form_field
    for row in [*rows, *skipped, *([title] if title else [])]:
        row.text_field = lines[f"line_{row.line}"]
        if row.entry is not None:
            row.film_field = lines[f"film_{row.line}"]
    return {
        "parsed": parsed,
        "source": source,
        "entries": rows,
        "skipped": skipped,
        "title": title,
        "other_problems": sorted(by_line.items(), key=lambda item: item[0] or 0),
        "report": outcome.report,
        "media": lines.media,
    }


def _page(model_admin, request, form, dry_run=None, export=None):
    media = (
        model_admin.media
        + form.media
        + forms.Media(css={"all": ["recommendations/admin/import.css"]}, js=["recommendations/admin/import.js"])
    )
    if dry_run:
        media += dry_run["media"]
    context = {
        **model_admin.admin_site.each_context(request),
        "title": "Import articles",
        "opts": Article._meta,
        "form": form,
        "media": media,
        "dry_run": dry_run,
        "export": export,
        "adminform": admin.helpers.AdminForm(form, [(None, {"fields": ["text", "upload", "subject", "again"]})], {}),
    }
    return TemplateResponse(request, "admin/recommendations/article/import_article.html", context)


class ImportedDraftDeletion:
    """An ArticleAdmin mixin: deleting an imported draft offers to delete the films and people its import created
    that are still waiting for review and that nothing else uses."""

    delete_confirmation_template = "admin/recommendations/article/delete_confirmation.html"

    def render_delete_form(self, request, context):
        context["import_creations"] = self._deletable_creations(request, context.get("object"))
        return super().render_delete_form(request, context)

    def delete_model(self, request, obj):
        films, people = self._deletable_creations(request, obj) or ([], [])
        films = [film for film in films if str(film.pk) in request.POST.getlist("delete_films")]
        people = [person for person in people if str(person.pk) in request.POST.getlist("delete_people")]
        super().delete_model(request, obj)
        for model, rows in ((Film, films), (Person, people)):
            if rows:
                chosen = model.objects.filter(pk__in=[row.pk for row in rows])
                self.log_deletions(request, chosen)
                chosen.delete()
        if films or people:
            gone = ", ".join(str(row) for row in [*films, *people])
            self.message_user(request, f"Also deleted, made by its import and used by nothing else: {gone}.")

    def _deletable_creations(self, request, article):
        """(films, people) the user may delete along with `article`, or None for a list no import made."""
        record = ArticleImport.objects.filter(article=article).first() if article is not None else None
        if record is None:
            return None
        films, people = record.unused_creations()
        may_delete = request.user.has_perm
        return (
            films if may_delete(f"{Film._meta.app_label}.delete_film") else [],
            people if may_delete(f"{Person._meta.app_label}.delete_person") else [],
        )
