"""Authors: the people behind the bylines, with a page of their own (/authors/<slug>/)."""

from django.conf import settings
from django.db import models

from ..addresses import slug_path
from ..images import WithPicture
from ..uploads import GeneratedName, PictureField


def display_name(user):
    """What a byline says: the author's pen name, else their full name, else their username."""
    if user is None:
        return ""
    profile = getattr(user, "author_profile", None)
    if profile is not None and profile.pen_name:
        return profile.pen_name
    return user.get_full_name() or user.get_username()


class AuthorProfile(WithPicture, models.Model):
    """An author's public face: the name bylines show, a bio and a photo. Made for every list's author."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="author_profile")
    pen_name = models.CharField(
        max_length=200, blank=True, help_text="Shown in bylines instead of the user's full name, if given."
    )
    slug = models.SlugField(max_length=200, unique=True, help_text="The author's web address: /authors/<slug>/.")
    bio = models.TextField(
        blank=True, help_text="Markdown: *italics*, [links](https://…), blank line between paragraphs."
    )
    photo = PictureField(
        upload_to=GeneratedName("authors"), blank=True, help_text="A JPEG, PNG or WebP picture of at most 10 MB."
    )
    photo_renditions = models.JSONField(default=dict, blank=True, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    picture_fields = ("photo", "photo_renditions")

    class Meta:
        ordering = ["slug"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_path("recommendations:author_detail", self.slug)

    @property
    def name(self):
        return display_name(self.user)
