"""Follow / Unfollow an act: the signed-in half of "follow a bill" (anyone can use the Atom feed).

Both are POST-only forms (CSRF-checked by the middleware) for any signed-in user: following a
bill gives no power over what others read, so plain sign-in is enough — no second factor. The
language of the page where the button was pressed becomes the language of the alerts.
"""
from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.http import require_POST

from opentenge.legislation import alerts
from opentenge.legislation import models as lm


def _back(request: HttpRequest, act_id: int) -> str:
    """Where to return: a same-site ``next`` (e.g. the account page), else the act's page."""
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return reverse("legislation-act", args=[act_id])


def _signed_in_or_login(request: HttpRequest, act_id: int) -> HttpResponse | None:
    if request.user.is_authenticated:
        return None
    return redirect_to_login(reverse("legislation-act", args=[act_id]))


@require_POST
def follow(request: HttpRequest, act_id: int) -> HttpResponse:
    if (to_login := _signed_in_or_login(request, act_id)) is not None:
        return to_login
    act = lm.LegislativeAct.objects.filter(pk=act_id).first()
    if act is None:
        raise Http404(act_id)
    alerts.follow(request.user, act, (get_language() or "")[:2])
    return redirect(_back(request, act_id))


@require_POST
def unfollow(request: HttpRequest, act_id: int) -> HttpResponse:
    if (to_login := _signed_in_or_login(request, act_id)) is not None:
        return to_login
    alerts.unfollow(request.user, act_id)
    return redirect(_back(request, act_id))
