from django import forms
from django.core.exceptions import ValidationError
from django.db.models import F
from django.forms.models import BaseInlineFormSet

from .models import Article, Entry

# Re-ranked entries step aside to ranks this high while a save is under way, so
# that swapping #2 and #5 never meets the unique (article, rank) constraint
# half-way, whatever the database.
RANK_PARKING_OFFSET = 1_000_000


class EntryForm(forms.ModelForm):
    class Meta:
        model = Entry
        fields = ["rank", "film", "blurb", "themes", "people"]

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
    def kept_forms(self):
        """Forms holding an entry that will exist after the save."""
        return [form for form in self.forms if form.cleaned_data and not self._should_delete_form(form)]

    def validate_unique(self):
        ranks, films = {}, {}
        for form in self.kept_forms():
            rank, film = form.cleaned_data.get("rank"), form.cleaned_data.get("film")
            if rank is not None:
                if rank in ranks:
                    form.add_error("rank", f"#{rank} is already taken by {ranks[rank]} in this list.")
                else:
                    ranks[rank] = film
            if film is not None:
                if film in films:
                    form.add_error("film", f"{film} is already in this list at #{films[film]}.")
                else:
                    films[film] = rank
        self.refuse_film_swaps()

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

    def clean(self):
        super().clean()
        if self.instance.status == Article.Status.PUBLISHED:
            self.check_publishable_ranks()

    def check_publishable_ranks(self):
        ranks = sorted(form.cleaned_data["rank"] for form in self.kept_forms() if form.cleaned_data.get("rank"))
        if not ranks:
            raise ValidationError("A published list needs at least one entry.")
        expected = list(range(1, len(ranks) + 1))
        if ranks != expected:
            missing = ", ".join(f"#{rank}" for rank in expected if rank not in ranks)
            raise ValidationError(
                f"A published list is numbered 1 to {len(ranks)} with no gaps or repeats. Missing: {missing}."
            )

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
        self.deleted_objects = deleted
        return saved

    def park_moving_ranks(self):
        moving = [form.instance.pk for form in self.initial_forms if "rank" in form.changed_data]
        Entry.objects.filter(pk__in=moving).update(rank=F("rank") + RANK_PARKING_OFFSET)
