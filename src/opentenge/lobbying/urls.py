"""Pages of this app; included inside the site's language prefixes (see opentenge.web.urls)."""
from django.urls import path

from opentenge.lobbying import views

urlpatterns = [
    path("lobbying/", views.register_home, name="lobbying"),
]
