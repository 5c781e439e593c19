"""Pages of this app; included inside the site's language prefixes (see opentenge.web.urls)."""
urlpatterns: list = []
