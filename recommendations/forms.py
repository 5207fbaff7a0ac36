from django import forms
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet

from . import ranking
from .models import Article, Entry
from .text import editor_time


class ArticleAdminForm(forms.ModelForm):
    # The edit_version the editor's page was built from; see clean().
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = ["title", "slug", "subject", "intro", "tags", "status", "published_at", "author"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["loaded_version"].initial = self.instance.edit_version

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
        if loaded is not None and loaded != stored.edit_version:
            who = stored.last_edited_by.get_username() if stored.last_edited_by else "Someone"
            when = editor_time(stored.updated_at)
            raise ValidationError(
                f"{who} saved this list at {when}, after you opened it. Nothing of yours was saved, and "
                "nothing of yours is lost: the page shows their changes beside yours to keep both.",
                code="edit_conflict",
            )


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
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

    def save(self, commit=True):
        entry = super().save(commit)
        if commit and self.cleaned_data.get("confirm_people"):
            entry.confirm_proposed_people(self.cleaned_data["confirm_people"])
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
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.shifted = {}  # entry pk: new rank, for entries moved down by an insertion

    def kept_forms(self):
        """Forms holding an entry that will exist after the save."""
        return [form for form in self.forms if form.cleaned_data and not self._should_delete_form(form)]

    def clean(self):
        self.make_room_for_insertions()
        super().clean()
        if self.instance.status == Article.Status.PUBLISHED:
            self.check_publishable()

    def make_room_for_insertions(self):
        """A new entry given a rank that an untouched entry holds goes in there: #2 onwards move down one."""
        kept = self.kept_forms()
        untouched = [form for form in kept if form in self.initial_forms and "rank" not in form.changed_data]
        new_forms = [form for form in kept if form not in self.initial_forms]
        new_ranks = sorted(form.cleaned_data["rank"] for form in new_forms if form.cleaned_data.get("rank"))
        for inserted_at in new_ranks:
            if any(form.cleaned_data.get("rank") == inserted_at for form in untouched):
                for form in untouched:
                    if form.cleaned_data.get("rank", 0) >= inserted_at:
                        form.cleaned_data["rank"] += 1
                        form.instance.rank = form.cleaned_data["rank"]
                        self.shifted[form.instance.pk] = form.instance.rank

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
