"""Pages of this app; included inside the site's language prefixes (see opentenge.web.urls)."""
from django.urls import path, re_path

from opentenge.scorecards import views

urlpatterns = [
    path("scorecards/", views.comparison, name="scorecards"),
    path("scorecards.json", views.comparison, {"format": "json"}, name="scorecards-json"),
    path("scorecards.csv", views.comparison, {"format": "csv"}, name="scorecards-csv"),
    re_path(r"^scorecards/(?P<slug>[\w-]+)\.json$", views.scorecard, {"format": "json"}, name="scorecard-json"),
    re_path(r"^scorecards/(?P<slug>[\w-]+)\.csv$", views.scorecard, {"format": "csv"}, name="scorecard-csv"),
    path("scorecards/<str:slug>/", views.scorecard, name="scorecard"),
]
