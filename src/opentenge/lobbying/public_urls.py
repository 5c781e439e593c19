"""Public pages of the register: anyone may read them."""
from django.urls import path

from opentenge.lobbying import public_views as views

urlpatterns = [
    path("lobbying/", views.register_home, name="lobbying"),
]
