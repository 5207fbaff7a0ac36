from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html

from . import ranking
from .models import Article, Entry
from .text import editor_time, site_time_zone


class ArticleAdminForm(forms.ModelForm):
    # The edit_version the editor's page was built from; see clean().
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = ["title", "slug", "subject", "intro", "tags", "status", "published_at", "author"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.edit_version
        if "published_at" in self.fields:
            self.fields["published_at"].help_text = (
                f"When readers see it, in {site_time_zone()}, the site's time zone. A future time schedules the list; "
                "left empty, publishing sets it to now."
            )
        if "slug" in self.fields:
            self.fields["slug"].help_text = format_html(
                "Its web address: readers will find the list at "
                '<span class="list-address" data-address="{}">{}</span>.',
                list_address("SLUG"),
                list_address(self.data.get(self.add_prefix("slug")) if self.is_bound else self.instance.slug)
                or "/lists/ and this slug",
            )

    def clean(self):
        # The list's own rules (a published list needs an intro…) are Article.clean()'s.
        cleaned_data = super().clean()
        self.refuse_saving_over_someone_else()
        return cleaned_data

    def refuse_saving_over_someone_else(self):
        if self.instance.pk is None:
            return
        # Locked until this save's transaction ends, so two saves cannot both pass. Only the list's
        # row: PostgreSQL refuses FOR UPDATE on the nullable side of the outer join to last_edited_by.
        stored = (
            Article.objects.select_for_update(of=("self",)).select_related("last_edited_by").get(pk=self.instance.pk)
        )
        loaded = self.cleaned_data.get("loaded_version")
        if loaded is None:
            # Without it, nothing tells whether someone saved since: refused as if they had.
            raise ValidationError(
                "This save did not say which version of the list it was made from, so it could overwrite "
                "someone else's changes. Nothing of yours was saved, and your changes are still in the form "
                "below: open the list in a new tab, bring your changes across, and save there.",
                code="edit_conflict",
            )
        if loaded != stored.edit_version:
            who = stored.last_edited_by.get_username() if stored.last_edited_by else "Someone"
            when = editor_time(stored.updated_at)
            raise ValidationError(
                f"{who} saved this list at {when}, after you opened it. Nothing of yours was saved, and "
                "nothing of yours is lost: the page shows their changes beside yours to keep both.",
                code="edit_conflict",
            )


def list_address(slug):
    """/lists/<slug>/, or "" when `slug` could not be a list's address."""
    try:
        return reverse("recommendations:article_detail", kwargs={"slug": slug}) if slug else ""
    except NoReverseMatch:
        return ""


class EntryForm(forms.ModelForm):
    confirm_people = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Proposed people",
        help_text="Names an import found in the blurb that the site does not know yet. Tick the real ones: "
        "saving adds them as people, credited on this film and linked to this entry.",
    )

    class Meta:
        model = Entry
        fields = ["rank", "film", "blurb", "themes", "people"]

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user  # who saves it: people they confirm wait for an Editor unless they are one
        proposals = self.instance.proposed_people
        field = self.fields["confirm_people"]
        field.choices = [
            (
                proposal["name"],
                f"{proposal['name']} (as {proposal['character']})" if proposal.get("character") else proposal["name"],
            )
            for proposal in proposals
        ]
        if not proposals:
            # A hidden input: the admin hides the whole row rather than show an empty choice.
            field.widget = forms.MultipleHiddenInput()
        # A new entry may leave its number to the save: it gets the next one free (EntryFormSet).
        self.fields["rank"].required = False

    def clean(self):
        cleaned_data = super().clean()
        if self.instance.pk is not None and cleaned_data.get("rank") is None and "rank" not in self.errors:
            self.add_error("rank", "Give this entry a number, or tick Delete to take it out of the list.")
        return cleaned_data

    def save(self, commit=True):
        entry = super().save(commit)
        if commit and self.cleaned_data.get("confirm_people"):
            entry.confirm_proposed_people(self.cleaned_data["confirm_people"], self.user)
        return entry

    def validate_unique(self):
        # Rank and film are unique within a list, but what counts is the list as
        # the editor submits it, not as it is stored: EntryFormSet checks that.
        exclude = self._get_validation_exclusions() | {"rank", "film"}
        try:
            self.instance.validate_unique(exclude=exclude)
            self.instance.validate_constraints(exclude=exclude)
        except ValidationError as error:
            self._update_errors(error)


class EntryFormSet(BaseInlineFormSet):
    user = None  # set per request by the admin (EntryInline.get_formset)

    # The button that renumbers the countdown 1..N in the order it has, as part of the save.
    RENUMBER = ("_continue", "renumber")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shifted = {}  # entry pk: new rank, for saved entries whose number the save itself changes

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "user": self.user}

    def kept_forms(self):
        """Forms holding an entry that will exist after the save."""
        return [form for form in self.forms if form.cleaned_data and not self._should_delete_form(form)]

    def clean(self):
        if any(form.errors for form in self.forms):
            # Numbers are only moved about once every entry is valid: a half-read list would move wrongly.
            super().clean()
            return
        self.number_new_entries()
        self.make_room()
        if self.data.get(self.RENUMBER[0]) == self.RENUMBER[1]:
            self.renumber()
        super().clean()
        if self.instance.status == Article.Status.PUBLISHED:
            self.check_publishable()

    def set_rank(self, form, rank):
        form.cleaned_data["rank"] = form.instance.rank = rank
        if form in self.initial_forms and "rank" not in form.changed_data:
            self.shifted[form.instance.pk] = rank

    def number_new_entries(self):
        """A new entry given a film but no number takes the next one free: the start of the countdown."""
        kept = self.kept_forms()
        highest = max((form.cleaned_data["rank"] for form in kept if form.cleaned_data.get("rank")), default=0)
        for form in kept:
            if form not in self.initial_forms and not form.cleaned_data.get("rank") and form.cleaned_data.get("film"):
                highest += 1
                self.set_rank(form, highest)
                form.numbered_by_the_save = True

    def make_room(self):
        """An entry put on a number another holds takes it; the others move along (ranking.make_room)."""
        kept = [form for form in self.kept_forms() if form.cleaned_data.get("rank")]
        placed, untouched = [], {}
        for index, form in enumerate(kept):
            if form not in self.initial_forms and not getattr(form, "numbered_by_the_save", False):
                placed.append((index, None, form.cleaned_data["rank"]))
            elif form in self.initial_forms and "rank" in form.changed_data:
                placed.append((index, form.initial.get("rank"), form.cleaned_data["rank"]))
            else:
                untouched[index] = form.cleaned_data["rank"]
        for index, rank in ranking.make_room(placed, untouched).items():
            self.set_rank(kept[index], rank)

    def renumber(self):
        """The countdown numbered 1..N in the order its numbers put it, as the Renumber button asks."""
        kept = sorted(
            (form for form in self.kept_forms() if form.cleaned_data.get("rank")),
            key=lambda form: form.cleaned_data["rank"],
        )
        for rank, form in enumerate(kept, start=1):
            if form.cleaned_data["rank"] != rank:
                self.set_rank(form, rank)

    def validate_unique(self):
        kept = self.kept_forms()
        self.place(self.instance.repeated_entries([form.instance for form in kept]), kept)
        self.refuse_film_swaps()

    def place(self, problems, forms):
        """Show each of the list's problems next to its field, in the form of its entry."""
        form_of = {id(form.instance): form for form in forms}
        for problem in problems:
            if problem.entry is None:
                raise ValidationError(problem.message)
            form = form_of[id(problem.entry)]
            if problem.field in form.fields:
                form.add_error(problem.field, problem.message)

    def refuse_film_swaps(self):
        # Ranks can step aside during a save (see save()); films cannot, so two
        # kept entries trading films would collide on unique (article, film).
        changing = [form for form in self.kept_forms() if form in self.initial_forms and "film" in form.changed_data]
        released = {form.initial.get("film") for form in changing}
        for form in changing:
            film = form.cleaned_data.get("film")
            if film is not None and film.pk in released:
                form.add_error(
                    "film",
                    f"{film} is moving out of another entry in this same save. "
                    "Swap the two entries' ranks instead, or save one change at a time.",
                )

    def check_publishable(self):
        kept = self.kept_forms()
        self.place(self.instance.countdown_problems([form.instance for form in kept]), kept)

    def save(self, commit=True):
        if not commit:
            return super().save(commit=False)
        # Deleted entries go first and re-ranked ones step aside, so that a rank
        # or film freed in this save can be taken by another entry in it.
        deleted = [form.instance for form in self.deleted_forms if form.instance.pk is not None]
        for entry in deleted:
            self.delete_existing(entry)
        self.park_moving_ranks()
        saved = super().save()
        for pk, rank in self.shifted.items():
            Entry.objects.filter(pk=pk).update(rank=rank)
        self.deleted_objects = deleted
        return saved

    def park_moving_ranks(self):
        moving = [form.instance.pk for form in self.initial_forms if "rank" in form.changed_data]
        ranking.park(Entry.objects.filter(pk__in=[*moving, *self.shifted]))
