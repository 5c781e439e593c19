from django.apps import AppConfig


class LinkingConfig(AppConfig):
    name = "opentenge.linking"
    label = "linking"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Linking and review"
