from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    """Integrity red flags (R001…): one module per indicator, results stored with their inputs."""

    name = "opentenge.indicators"
    label = "indicators"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Red flags"
