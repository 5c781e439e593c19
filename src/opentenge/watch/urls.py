"""Watchlists and feeds; included inside the site's language prefixes (see opentenge.web.urls).

The names are a contract other pages link to: watch-organisation-feed, watch-person-feed,
watch-search-feed (``?q=``), watch-list (the signed-in user's watchlist), watch-add, watch-remove.
The feed paths sit beside the pages they follow; none of them is matched by an earlier pattern
(``org/<slug>/`` and ``^person/KEY/$`` both end at the slash).
"""
from django.urls import path, re_path

from opentenge.watch import feeds, views

urlpatterns = [
    re_path(r"^org/(?P<key>[\w-]+)/feed\.atom$", feeds.OrganisationFeed(), name="watch-organisation-feed"),
    re_path(r"^person/(?P<key>[\w:.-]+?)/feed\.atom$", feeds.PersonFeed(), name="watch-person-feed"),
    path("search/feed.atom", feeds.SearchFeed(), name="watch-search-feed"),
    path("account/watchlist/", views.watchlist, name="watch-list"),
    path("watch/", views.add, name="watch-add"),
    path("watch/<int:watch_id>/remove/", views.remove, name="watch-remove"),
]
