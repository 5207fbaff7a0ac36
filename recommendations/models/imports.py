"""What an import made: the draft list, where its text came from, and what it added to the catalogue."""

from django.db import models

from .catalogue import Credit, Film, Person
from .lists import Article, Entry


class ArticleImport(models.Model):
    """The record an import keeps beside the draft it saved (recommendations/importing/).

    It knows which films and people the import itself created, so that deleting the draft can
    offer to delete those that nothing else uses, and which images the source carried: the
    importer records their addresses and never downloads them.
    """

    class Source(models.TextChoices):
        TEXT = "text", "Plain text"
        HTML = "html", "HTML"
        WORDPRESS = "wordpress", "WordPress export"

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="import_record")
    source = models.CharField(max_length=20, choices=Source.choices)
    source_name = models.CharField(
        max_length=255, blank=True, help_text="The file the article came from, or the post's title in an export."
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    created_films = models.ManyToManyField(Film, blank=True, related_name="+")
    created_people = models.ManyToManyField(Person, blank=True, related_name="+")
    image_urls = models.JSONField(
        default=list, blank=True, help_text="Addresses of the images the source carried; not downloaded."
    )

    class Meta:
        ordering = ["-imported_at"]

    def __str__(self):
        return f"Import of {self.article}"

    def unused_creations(self):
        """(films, people) this import created that are still waiting for review and that nothing but its own
        list uses: what deleting the list may take with it. Rows an Editor confirmed belong to the catalogue."""
        films = (
            self.created_films.awaiting_review()
            .exclude(pk__in=Entry.objects.exclude(article=self.article_id).values("film"))
            .exclude(pk__in=Article.objects.exclude(pk=self.article_id).values("subject"))
        )
        # Link rows, never a nullable column: NOT IN a list holding NULL would keep nobody.
        named_elsewhere = Entry.people.through.objects.exclude(entry__article=self.article_id).values("person")
        credited_elsewhere = Credit.objects.exclude(film__in=films.values("pk")).values("person")
        people = (
            self.created_people.awaiting_review().exclude(pk__in=named_elsewhere).exclude(pk__in=credited_elsewhere)
        )
        return list(films), list(people)
