"""Pages of this app; included inside the site's language prefixes (see opentenge.web.urls).

Public pages (anyone reads) and filing/moderation pages (signed-in roles) live in separate
modules so the two audiences' views never mix.
"""
from django.urls import include, path

urlpatterns = [
    path("", include("opentenge.lobbying.public_urls")),
    path("", include("opentenge.lobbying.filing_urls")),
]
