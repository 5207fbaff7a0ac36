from django.apps import AppConfig


class RecommendationsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "recommendations"
    verbose_name = "Lists and films"

    def ready(self):
        from . import signals  # noqa: F401  (connects the receivers that keep picture renditions in step)
        from .page_cache import connect_signals

        connect_signals()
