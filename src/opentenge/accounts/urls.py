"""Pages of this app; included inside the site's language prefixes (see opentenge.web.urls)."""
from django.urls import path

from opentenge.accounts import views

urlpatterns = [
    path("account/", views.home, name="account-home"),
    path("account/login/", views.login, name="account-login"),
    path("account/logout/", views.logout, name="account-logout"),
    path("account/two-factor/", views.two_factor_setup, name="account-2fa-setup"),
]
