from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "opentenge.budget"
    label = "budget"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Budget execution"

    def ready(self) -> None:
        """Show an administrator's budget on its organisation page (see opentenge.web.panels)."""
        from opentenge.budget.explore import organisation_panel
        from opentenge.web import panels

        panels.register("budget", "budget/_organisation_panel.html", organisation_panel)
