from django.apps import AppConfig


class PoliticsConfig(AppConfig):
    name = "opentenge.politics"
    label = "politics"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Money in politics"
