"""Pages of this app; included inside the site's language prefixes (see opentenge.web.urls)."""
from django.urls import include, path, re_path

from opentenge.legislation import feeds, views

urlpatterns = [
    path("legislation/", views.act_list, name="legislation"),
    path("legislation.json", views.act_list, {"format": "json"}, name="legislation-json"),
    path("legislation.csv", views.act_list, {"format": "csv"}, name="legislation-csv"),
    path("legislation/councils/", views.councils, name="legislation-councils"),
    path("legislation/councils.json", views.councils, {"format": "json"}, name="legislation-councils-json"),
    path("legislation/feed.atom", feeds.ListFeed(), name="legislation-feed"),
    re_path(r"^legislation/(?P<act_id>\d+)\.json$", views.act, {"format": "json"}, name="legislation-act-json"),
    re_path(r"^legislation/(?P<act_id>\d+)\.csv$", views.act, {"format": "csv"}, name="legislation-act-csv"),
    path("legislation/<int:act_id>/", views.act, name="legislation-act"),
    path("legislation/<int:act_id>/feed.atom", feeds.ActFeed(), name="legislation-act-feed"),
    path("learn/", views.learn, name="learn"),
    path("learn.json", views.learn, {"format": "json"}, name="learn-json"),
    path("learn/lobbying-or-bribery/", views.quiz, name="learn-quiz"),
    path("learn/lobbying-or-bribery.json", views.quiz, {"format": "json"}, name="learn-quiz-json"),
    path("learn/glossary/", views.glossary, name="learn-glossary"),
    path("learn/glossary.json", views.glossary, {"format": "json"}, name="learn-glossary-json"),
    re_path(r"^learn/(?P<slug>[a-z-]+)\.json$", views.learn_topic, {"format": "json"}, name="learn-topic-json"),
    re_path(r"^learn/(?P<slug>[a-z-]+)/$", views.learn_topic, name="learn-topic"),
    path("", include("opentenge.legislation.follow_urls")),
]
