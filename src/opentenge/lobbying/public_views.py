"""Public pages of the register (placeholder until the register lands)."""
from django.http import HttpResponse


def register_home(request):
    return HttpResponse("lobbying register")
