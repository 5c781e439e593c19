from django.apps import AppConfig


class LobbyingConfig(AppConfig):
    """The voluntary lobbying disclosure register: registrants, quarterly reports, meetings."""

    name = "opentenge.lobbying"
    label = "lobbying"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Lobbying register"
