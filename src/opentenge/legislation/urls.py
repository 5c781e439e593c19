"""Pages of this app; included inside the site's language prefixes (see opentenge.web.urls)."""
from django.urls import path  # noqa: F401

urlpatterns: list = []
