from django.apps import AppConfig


class WatchConfig(AppConfig):
    """Watchlists (organisation, person, bill, search) with e-mail digests, and Atom feeds for anyone."""

    name = "opentenge.watch"
    label = "watch"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Watchlists"
