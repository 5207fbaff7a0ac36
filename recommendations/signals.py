"""Renditions follow their picture: made once when a poster or photo is saved or changed, cleared when it goes."""

import logging

from django.db.models.signals import post_save
from django.dispatch import receiver

from .images import is_current, make_renditions
from .models import Film, Person

logger = logging.getLogger(__name__)

# Each model with a picture: (its image field, the JSON field holding that image's renditions).
PICTURE_FIELDS = {Film: ("poster", "poster_renditions"), Person: ("photo", "photo_renditions")}


@receiver(post_save, sender=Film)
@receiver(post_save, sender=Person)
def refresh_renditions(sender, instance, raw=False, **kwargs):
    # After the save, so an upload is already stored under its final name. Fixtures
    # (raw) are left to the make_renditions command: their files may not be in place yet.
    if raw:
        return
    update_renditions(instance)


def update_renditions(instance, *, force=False):
    """Bring an instance's renditions in line with its picture; True when they changed."""
    image_field, renditions_field = PICTURE_FIELDS[type(instance)]
    image = getattr(instance, image_field)
    renditions = getattr(instance, renditions_field)
    if not force and is_current(image, renditions):
        return False
    new = make_renditions(image, force=force) if image else {}
    if new == renditions and not force:
        return False
    setattr(instance, renditions_field, new)
    # update(), not save(): no second round of signals, and nothing else on the row is touched.
    type(instance).objects.filter(pk=instance.pk).update(**{renditions_field: new})
    return True
