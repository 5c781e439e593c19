"""Pages of this app; included inside the site's language prefixes (see opentenge.web.urls)."""
from django.urls import path

from opentenge.export import views

urlpatterns = [
    path("downloads/", views.downloads, name="downloads"),
    path("downloads.json", views.downloads, {"format": "json"}, name="downloads-json"),
    path("downloads/files/<path:path>", views.download_file, name="downloads-file"),
]
