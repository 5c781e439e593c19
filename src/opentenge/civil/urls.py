"""Pages of this app; included inside the site's language prefixes (see opentenge.web.urls).

Every page has a ``.json`` twin and a ``.csv`` download (``?table=`` picks the table).
"""
from django.urls import path, re_path

from opentenge.civil import views

urlpatterns = [
    path("civil/grants/", views.grants, name="civil-grants"),
    path("civil/grants.json", views.grants, {"format": "json"}, name="civil-grants-json"),
    path("civil/grants.csv", views.grants, {"format": "csv"}, name="civil-grants-csv"),
    path("civil/transparency/", views.transparency_page, name="civil-transparency"),
    path("civil/transparency.json", views.transparency_page, {"format": "json"}, name="civil-transparency-json"),
    path("civil/transparency.csv", views.transparency_page, {"format": "csv"}, name="civil-transparency-csv"),
    re_path(r"^civil/ngo/(?P<slug>[\w-]+)\.json$", views.ngo, {"format": "json"}, name="civil-ngo-json"),
    re_path(r"^civil/ngo/(?P<slug>[\w-]+)\.csv$", views.ngo, {"format": "csv"}, name="civil-ngo-csv"),
    path("civil/ngo/<str:slug>/", views.ngo, name="civil-ngo"),
]
