from django.apps import AppConfig


class LobbyingConfig(AppConfig):
    """The voluntary lobbying disclosure register: registrants, quarterly reports, meetings."""

    name = "opentenge.lobbying"
    label = "lobbying"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Lobbying register"

    def ready(self) -> None:
        from opentenge.lobbying.panel import organisation_panel
        from opentenge.web import panels

        panels.register("lobbying", "lobbying/_organisation_panel.html", organisation_panel)
