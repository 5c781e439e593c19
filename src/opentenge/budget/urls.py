"""Pages of this app; included inside the site's language prefixes (see opentenge.web.urls).

Every page has a ``.json`` twin and a ``.csv`` download (``?table=`` picks the table).
"""
from django.urls import path, re_path

from opentenge.budget import local_views, views

urlpatterns = [
    path("budget/", views.explorer, name="budget-explorer"),
    path("budget.json", views.explorer, {"format": "json"}, name="budget-explorer-json"),
    path("budget.csv", views.explorer, {"format": "csv"}, name="budget-explorer-csv"),
    path("budget/quality/", views.quality, name="budget-quality"),
    path("budget/quality.json", views.quality, {"format": "json"}, name="budget-quality-json"),
    path("budget/quality.csv", views.quality, {"format": "csv"}, name="budget-quality-csv"),
    re_path(r"^budget/abp/(?P<code>[\w.]+?)\.json$", views.administrator, {"format": "json"},
            name="budget-administrator-json"),
    re_path(r"^budget/abp/(?P<code>[\w.]+?)\.csv$", views.administrator, {"format": "csv"},
            name="budget-administrator-csv"),
    path("budget/abp/<str:code>/", views.administrator, name="budget-administrator"),
    path("budget/local/", local_views.local_index, name="budget-local-index"),
    path("budget/local.json", local_views.local_index, {"format": "json"}, name="budget-local-index-json"),
    re_path(r"^budget/local/(?P<level>regional|district|rural)/(?P<kato>\d{9})/(?P<year>\d{4})\.json$",
            local_views.local_budget, {"format": "json"}, name="budget-local-json"),
    re_path(r"^budget/local/(?P<level>regional|district|rural)/(?P<kato>\d{9})/(?P<year>\d{4})\.csv$",
            local_views.local_budget, {"format": "csv"}, name="budget-local-csv"),
    re_path(r"^budget/local/(?P<level>regional|district|rural)/(?P<kato>\d{9})/(?P<year>\d{4})/$",
            local_views.local_budget, name="budget-local"),
]
