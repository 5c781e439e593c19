"""URLs: every page under a language prefix (/kk/, /ru/, /en/), each with a ``.json`` twin."""
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path

from opentenge.api.routes import api
from opentenge.web import views

app_name = None

urlpatterns = [
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("healthz", views.healthz, name="healthz"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("index.json", views.home, {"format": "json"}, name="home-json"),
    path("search/", views.search, name="search"),
    path("search.json", views.search, {"format": "json"}, name="search-json"),
    re_path(r"^org/(?P<slug>[\w-]+)\.json$", views.organisation, {"format": "json"}, name="organisation-json"),
    path("org/<str:slug>/", views.organisation, name="organisation"),
    path("org/<str:slug>/contracts/<str:role>/", views.organisation_contracts, name="organisation-contracts"),
    path("contract/<int:gz_id>.json", views.contract, {"format": "json"}, name="contract-json"),
    path("contract/<int:gz_id>/", views.contract, name="contract"),
    path("quarantine/", views.quarantine, name="quarantine"),
    path("quarantine.json", views.quarantine, {"format": "json"}, name="quarantine-json"),
    path("about/", views.about, name="about"),
    path("", include("opentenge.budget.urls")),
    path("", include("opentenge.linking.urls")),
    path("", include("opentenge.civil.urls")),
    path("", include("opentenge.politics.urls")),
    path("", include("opentenge.legislation.urls")),
    path("", include("opentenge.lobbying.urls")),
    path("", include("opentenge.accounts.urls")),
    path("", include("opentenge.indicators.urls")),
    path("", include("opentenge.export.urls")),
    path("", include("opentenge.watch.urls")),
    path("", include("opentenge.corrections.urls")),
    path("", include("opentenge.scorecards.urls")),
    prefix_default_language=True,
)

handler404 = "opentenge.web.views.not_found"
