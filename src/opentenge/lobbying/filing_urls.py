"""Filing (filers) and moderation (moderators) pages: signed in, with a verified second factor."""
from django.urls import path

urlpatterns: list = []
