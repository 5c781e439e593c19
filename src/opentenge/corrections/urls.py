"""Report an error on any entity page, and the moderators' queue (under the language prefix)."""
from django.urls import path

from opentenge.corrections import views

urlpatterns = [
    path("report/<str:kind>/<str:key>/", views.report, name="corrections-report"),
    path("report/<str:kind>/<str:key>/thanks/", views.report_thanks, name="corrections-report-thanks"),
    path("corrections/moderation/", views.moderation, name="corrections-moderation"),
    path("corrections/moderation/<int:pk>/", views.review, name="corrections-moderation-report"),
    path("corrections/moderation/correction/<int:pk>/revoke/", views.revoke, name="corrections-revoke"),
]
