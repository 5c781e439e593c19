"""Public pages of the register: anyone may read them. URL names are used by other apps and tests."""
from django.urls import path, re_path

from opentenge.lobbying import feeds
from opentenge.lobbying import public_views as views

urlpatterns = [
    path("lobbying/", views.register_home, name="lobbying"),
    path("lobbying.json", views.register_home, {"format": "json"}, name="lobbying-json"),
    path("lobbying/feed.atom", feeds.RegisterFeed(), name="lobbying-feed"),
    path("lobbying/feed.rss", feeds.RegisterRssFeed(), name="lobbying-feed-rss"),
    path("lobbying/registrants.csv", views.registrants_download, {"format": "csv"}, name="lobbying-registrants-csv"),
    path("lobbying/registrants.json", views.registrants_download, {"format": "json"}, name="lobbying-registrants-json"),
    path("lobbying/reports.csv", views.reports_download, {"format": "csv"}, name="lobbying-reports-csv"),
    path("lobbying/reports.json", views.reports_download, {"format": "json"}, name="lobbying-reports-json"),
    path("lobbying/meetings.csv", views.meetings_download, {"format": "csv"}, name="lobbying-meetings-csv"),
    path("lobbying/meetings.json", views.meetings_download, {"format": "json"}, name="lobbying-meetings-json"),
    path("lobbying/meetings/", views.meetings, name="lobbying-meetings"),
    path("lobbying/officials/", views.official, name="lobbying-official"),
    path("lobbying/officials.json", views.official, {"format": "json"}, name="lobbying-official-json"),
    re_path(r"^lobbying/bodies/(?P<slug>[A-Za-z0-9:_-]+)\.json$", views.body, {"format": "json"},
            name="lobbying-body-json"),
    path("lobbying/bodies/<str:slug>/", views.body, name="lobbying-body"),
    path("lobbying/rankings/", views.rankings, name="lobbying-rankings"),
    path("lobbying/rankings.json", views.rankings, {"format": "json"}, name="lobbying-rankings-json"),
    re_path(r"^lobbying/registrants/(?P<registrant_id>\d+)\.json$", views.registrant, {"format": "json"},
            name="lobbying-registrant-json"),
    path("lobbying/registrants/<int:registrant_id>/", views.registrant, name="lobbying-registrant"),
    path("lobbying/registrants/<int:registrant_id>/feed.atom", feeds.RegistrantFeed(), name="lobbying-registrant-feed"),
    re_path(r"^lobbying/reports/(?P<report_id>\d+)\.json$", views.report, {"format": "json"}, name="lobbying-report-json"),
    path("lobbying/reports/<int:report_id>/", views.report, name="lobbying-report"),
]
