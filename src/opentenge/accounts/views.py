"""Account pages (placeholder until the accounts work lands)."""
from django.http import HttpResponse


def home(request):
    return HttpResponse("account")


login = logout = two_factor_setup = home
