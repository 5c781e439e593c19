"""Pages of this app; included inside the site's language prefixes (see opentenge.web.urls)."""
from django.urls import path, re_path

from opentenge.politics import views

KEY = r"(?P<key>[\w:.-]+?)"

urlpatterns = [
    path("politics/", views.index, name="politics"),
    path("politics.json", views.index, {"format": "json"}, name="politics-json"),
    path("politics/revolving-door/", views.revolving_door, name="politics-revolving"),
    path("politics/revolving-door.json", views.revolving_door, {"format": "json"}, name="politics-revolving-json"),
    re_path(rf"^person/{KEY}\.json$", views.person, {"format": "json"}, name="politics-person-json"),
    re_path(rf"^person/{KEY}/$", views.person, name="politics-person"),
    re_path(rf"^person/{KEY}/links/decide/$", views.person_link_decision, name="politics-person-link-decision"),
    re_path(rf"^party/{KEY}\.json$", views.party, {"format": "json"}, name="politics-party-json"),
    re_path(rf"^party/{KEY}/$", views.party, name="politics-party"),
    re_path(r"^election/(?P<election>[\w-]+)\.json$", views.election, {"format": "json"}, name="politics-election-json"),
    re_path(r"^election/(?P<election>[\w-]+)/$", views.election, name="politics-election"),
    re_path(r"^network/org/(?P<slug>[\w-]+)\.json$", views.organisation_network, {"format": "json"},
            name="politics-org-network-json"),
    re_path(r"^network/org/(?P<slug>[\w-]+)/$", views.organisation_network, name="politics-org-network"),
    re_path(rf"^network/person/{KEY}\.json$", views.person_network, {"format": "json"},
            name="politics-person-network-json"),
    re_path(rf"^network/person/{KEY}/$", views.person_network, name="politics-person-network"),
]
