"""Pages of this app; included inside the site's language prefixes (see opentenge.web.urls)."""
from django.urls import path, re_path

from opentenge.indicators import views

urlpatterns = [
    path("flags/", views.flags, name="flags"),
    path("flags.json", views.flags, {"format": "json"}, name="flags-json"),
    re_path(r"^flags/(?P<code>[Rr]\d{3})\.json$", views.flag_method, {"format": "json"}, name="flag-method-json"),
    re_path(r"^flags/(?P<code>[Rr]\d{3})/$", views.flag_method, name="flag-method"),
]
