"""Pages of this app; included inside the site's language prefixes (see opentenge.web.urls).

The names are a contract other apps link to: account-signup, account-verify, account-login,
account-login-code, account-logout (POST only), account-home, account-2fa-setup.
"""
from django.urls import path

from opentenge.accounts import password_reset, views

urlpatterns = [
    path("account/", views.home, name="account-home"),
    path("account/signup/", views.signup, name="account-signup"),
    path("account/signup/check-mail/", views.signup_done, name="account-signup-done"),
    path("account/verify/resend/", views.resend, name="account-verify-resend"),
    path("account/verify/<str:token>/", views.verify, name="account-verify"),
    path("account/login/", views.login, name="account-login"),
    path("account/login/code/", views.login_code, name="account-login-code"),
    path("account/logout/", views.logout, name="account-logout"),
    path("account/two-factor/", views.two_factor_setup, name="account-2fa-setup"),
    path("account/password/reset/", password_reset.request_reset, name="account-password-reset"),
    path("account/password/reset/sent/", password_reset.reset_requested, name="account-password-reset-done"),
    path("account/password/reset/<uidb64>/<token>/", password_reset.choose_password,
         name="account-password-reset-confirm"),
    path("account/password/reset/done/", password_reset.password_changed, name="account-password-reset-complete"),
]
