from django.apps import AppConfig


class BudgetConfig(AppConfig):
    name = "opentenge.budget"
    label = "budget"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Budget execution"
