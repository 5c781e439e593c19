from django.apps import AppConfig


class CivilConfig(AppConfig):
    name = "opentenge.civil"
    label = "civil"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Civil-society money"
