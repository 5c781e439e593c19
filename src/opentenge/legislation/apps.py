from django.apps import AppConfig


class LegislationConfig(AppConfig):
    name = "opentenge.legislation"
    label = "legislation"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Legislation tracker"
