from django.apps import AppConfig


class CorrectionsConfig(AppConfig):
    """"Report an error": reports, a moderation queue, and accepted corrections applied as overrides."""

    name = "opentenge.corrections"
    label = "corrections"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Corrections"
