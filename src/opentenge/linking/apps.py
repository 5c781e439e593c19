from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkingConfig(AppConfig):
    name = "opentenge.linking"
    label = "linking"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = _("Linking and review")

    def ready(self) -> None:
        from opentenge.linking.panel import build_panel
        from opentenge.web import panels

        panels.register("links", "linking/_organisation_panel.html", build_panel)
