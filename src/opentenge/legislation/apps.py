from django.apps import AppConfig


class LegislationConfig(AppConfig):
    name = "opentenge.legislation"
    label = "legislation"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Legislation tracker"

    def ready(self) -> None:
        from opentenge.legislation.panel import organisation_panel
        from opentenge.web import panels

        panels.register("legislation", "legislation/_organisation_panel.html", organisation_panel)
