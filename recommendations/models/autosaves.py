"""An editor's unsaved work on a list, kept server-side while she types (recommendations/autosaves.py)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse

from .lists import Article


class Autosave(models.Model):
    """One editor's unsaved form for one list, or for a new list not yet saved.

    Written every few seconds of idle typing, offered back when she opens the list again, and
    removed when she saves it. It is hers alone, and it is never part of the list: readers never see
    it, publishing never reads it, and it never changes the list's edit version, so the edit-conflict
    check does not count it as a save.
    """

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="autosaves")
    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="autosaves",
        help_text="Empty for a new list.",
    )
    # {field name: [values]}, as the change form sends them; restoring binds the form to it again.
    form_data = models.JSONField(default=dict)
    saved_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "article"], name="one_autosave_per_editor_and_list"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(article__isnull=True), name="one_autosave_per_editor_for_a_new_list"
            ),
        ]

    def __str__(self):
        return f"{self.user}'s unsaved changes to {self.article or 'a new list'}"

    def get_absolute_url(self):
        if self.article_id is None:
            return reverse("admin:recommendations_article_add")
        return reverse("admin:recommendations_article_change", args=[self.article_id])

    @property
    def title(self):
        """The list's title as she had typed it."""
        return (self.form_data.get("title") or [""])[0]
