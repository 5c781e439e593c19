from django.apps import AppConfig


class ScorecardsConfig(AppConfig):
    """Per-body scorecards; no tables of its own: every measure is a query over the other apps' data."""

    name = "opentenge.scorecards"
    label = "scorecards"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Scorecards"

    def ready(self) -> None:
        from opentenge.scorecards.panel import organisation_panel
        from opentenge.web import panels

        panels.register("scorecard", "scorecards/_organisation_panel.html", organisation_panel)
