"""The forms of the admin's import page: what the editor gives, and the lines they correct in the dry run."""

import hashlib
import json

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect

from .importing import READABLE, ImportRefused, Source
from .models import Article, ArticleImport, Entry, Film

# Files the page reads at once; a bigger export goes through `manage.py import_list`, which has no such limit.
# Below the request limit (settings.DATA_UPLOAD_MAX_MEMORY_SIZE): the dry run carries the file's text on.
LARGEST_UPLOAD = 8 * 1024 * 1024


class ImportForm(forms.Form):
    text = forms.CharField(
        required=False,
        label="Article text",
        strip=False,
        widget=forms.Textarea(attrs={"rows": 20, "cols": 100}),
        help_text="Paste the whole article: its title, the intro, then one heading per film such as "
        "“6. Escape Plan (2013)” with its blurb. Pasted from a web page, its headings and lists are kept.",
    )
    # A rich paste's HTML, caught by import.js; a file's HTML or export between the dry run and the import.
    html = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    export = forms.CharField(required=False, strip=False, widget=forms.HiddenInput)
    source_name = forms.CharField(required=False, max_length=255, widget=forms.HiddenInput)
    # The lines corrected in an HTML source ({line: text}, as JSON), and which source the line fields were made
    # from: corrections made to another text are not applied to this one.
    corrections = forms.CharField(required=False, widget=forms.HiddenInput)
    source_digest = forms.CharField(required=False, widget=forms.HiddenInput)
    upload = forms.FileField(
        required=False,
        label="Or a file",
        help_text=f"{READABLE[0].upper()}{READABLE[1:]}: every post of an export that is a list becomes a draft.",
    )
    again = forms.BooleanField(
        required=False, label="Import again", help_text="Make another draft even if this article was imported before."
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
        self.order_fields(["text", "upload", "subject", "again"])

    def clean(self):
        data = super().clean()
        upload = data.get("upload")
        if upload:
            if upload.size > LARGEST_UPLOAD:
                self.add_error(
                    "upload",
                    f"The file is {upload.size / 1_048_576:.1f} MB; this page reads files of up to "
                    f"{LARGEST_UPLOAD // 1_048_576} MB. Import a larger export with “manage.py import_list FILE”.",
                )
                return data
            try:
                source = Source.from_file(upload.name, upload.read())
            except ImportRefused as refused:
                self.add_error("upload", str(refused))
                return data
            # The file's text goes where a dry run keeps it, so that checking again needs no second upload.
            data.update(html="", export="", corrections="", source_name=upload.name)
            field = {"text": "text", "html": "html", "wordpress": "export"}[source.kind]
            data[field] = (
                source.data.decode("utf-8", errors="replace") if isinstance(source.data, bytes) else source.data
            )
            if field != "text":
                data["text"] = ""
        if not (data.get("text", "").strip() or data.get("html") or data.get("export")):
            self.add_error("text", "Paste an article here, or choose a file.")
        return data

    def source(self):
        data = self.cleaned_data
        if data.get("export"):
            return Source(ArticleImport.Source.WORDPRESS, data["export"].encode("utf-8"), data["source_name"])
        if data.get("html"):
            return Source(ArticleImport.Source.HTML, data["html"], data["source_name"])
        return Source(ArticleImport.Source.TEXT, data["text"], data["source_name"])

    @property
    def error_field(self):
        """Where problems with the source are shown: next to the file it came from, or the text pasted."""
        return "upload" if self.cleaned_data.get("source_name") else "text"

    def saved_corrections(self):
        try:
            saved = json.loads(self.cleaned_data.get("corrections") or "{}")
            return {int(line): str(text) for line, text in saved.items()}
        except (ValueError, TypeError, AttributeError):
            return {}


def digest(source):
    """What the source's line fields were made from. Browsers send a text area back with CRLF line ends: the same
    text, the same lines."""
    data = source.data if isinstance(source.data, str) else source.data.decode("utf-8", errors="replace")
    return hashlib.sha256(data.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")).hexdigest()


def posted_lines(post, prefix):
    """{line number: value} for the POSTed fields named `prefix` + a number ("line_12", "film_12")."""
    found = {}
    for name, value in post.items():
        number = name.removeprefix(prefix)
        if name.startswith(prefix) and number.isdigit() and 0 < int(number) < 1_000_000:
            found[int(number)] = value
    return found


def line_field(line, text):
    return forms.CharField(
        required=False,
        initial=text,
        label=f"Text of line {line}",
        widget=forms.TextInput(attrs={"class": "import-line", "size": 40}),
    )


def film_field(line, admin_site, title):
    return forms.ModelChoiceField(
        queryset=Film.objects.all(),
        required=False,
        label=f"Film for line {line}",
        widget=AutocompleteSelect(
            Entry._meta.get_field("film"), admin_site, attrs={"aria-label": f"A different film for {title}"}
        ),
    )
