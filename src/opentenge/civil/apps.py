from django.apps import AppConfig


class CivilConfig(AppConfig):
    name = "opentenge.civil"
    label = "civil"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Civil-society money"

    def ready(self) -> None:
        """Show an organisation's civil-society income on its page (see opentenge.web.panels)."""
        from opentenge.civil.queries import organisation_panel
        from opentenge.web import panels

        panels.register("ngo_income", "civil/_organisation_panel.html", organisation_panel)
