from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    """Integrity red flags (R001…): one module per indicator, results stored with their inputs."""

    name = "opentenge.indicators"
    label = "indicators"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Red flags"

    def ready(self) -> None:
        from opentenge.indicators.panel import organisation_panel
        from opentenge.web import panels

        panels.register("flags", "indicators/_organisation_panel.html", organisation_panel)
