"""Follow / Unfollow buttons (POST only); included from ``legislation/urls.py``."""
from django.urls import path

from opentenge.legislation import follow_views

urlpatterns = [
    path("legislation/<int:act_id>/follow/", follow_views.follow, name="legislation-follow"),
    path("legislation/<int:act_id>/unfollow/", follow_views.unfollow, name="legislation-unfollow"),
]
