from django.core.management.base import BaseCommand

from recommendations.images import picture_models


class Command(BaseCommand):
    help = (
        "Makes the missing WebP and JPEG renditions of every film poster and person photo, and clears "
        "those of removed pictures; a picture whose file is missing gets the placeholder. Safe to run again: "
        "what is already made is left alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Remake every rendition file, even existing ones.")

    def handle(self, *args, force=False, **options):
        counts = {"made": 0, "up to date": 0, "cleared": 0, "failed": 0}
        for model in picture_models():
            for instance in model.objects.only(*model.picture_fields).order_by("pk").iterator():
                picture = instance.picture
                image = picture.file
                if not image and not picture.renditions:
                    continue
                # A picture whose file has gone (deleted, or lost in a move) is found here, and its
                # renditions say so: pages then show the placeholder rather than broken images.
                lost = bool(image) and not image.storage.exists(image.name)
                if not force and not lost and picture.is_current():
                    counts["up to date"] += 1
                    continue
                instance.update_renditions(force=force or lost)
                error = instance.picture.renditions.get("error")
                if not image:
                    counts["cleared"] += 1
                elif error:
                    counts["failed"] += 1
                    self.stderr.write(f"{model._meta.verbose_name} {instance.pk}: {image.name} is {error}.")
                else:
                    counts["made"] += 1
        self.stdout.write("Renditions: " + ", ".join(f"{count} {label}" for label, count in counts.items()) + ".")
