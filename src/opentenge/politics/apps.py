from django.apps import AppConfig


class PoliticsConfig(AppConfig):
    name = "opentenge.politics"
    label = "politics"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Money in politics"

    def ready(self) -> None:
        from opentenge.politics.panel import build_organisation_panel
        from opentenge.web import panels

        panels.register("politics", "politics/_organisation_panel.html", build_organisation_panel)
