from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Sign-up, e-mail verification, sign-in with TOTP two-factor, throttling and roles."""

    name = "opentenge.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Accounts"
