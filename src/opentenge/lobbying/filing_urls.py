"""Filing (filers) and moderation (moderators) pages: signed in, with a verified second factor."""
from django.urls import path

from opentenge.lobbying import filing_views as filing
from opentenge.lobbying import moderation_views as moderation

urlpatterns = [
    path("lobbying/file/", filing.home, name="lobbying-file"),
    path("lobbying/file/register/", filing.register, name="lobbying-file-register"),
    path("lobbying/file/<int:pk>/", filing.registrant, name="lobbying-file-registrant"),
    path("lobbying/file/<int:registrant_id>/report/new/", filing.report_new, name="lobbying-file-report-new"),
    path("lobbying/file/version/<int:pk>/", filing.version, name="lobbying-file-version"),
    path("lobbying/file/report/<int:report_id>/amend/", filing.amend, name="lobbying-file-amend"),
    path("lobbying/file/report/<int:report_id>/withdraw/", filing.withdraw, name="lobbying-file-withdraw"),
    path("lobbying/moderation/", moderation.home, name="lobbying-moderation"),
    path("lobbying/moderation/version/<int:pk>/", moderation.version, name="lobbying-moderation-version"),
    path("lobbying/moderation/registrant/<int:pk>/", moderation.registrant, name="lobbying-moderation-registrant"),
]
