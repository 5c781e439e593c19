"""Watch / unwatch (POST, CSRF-checked by the middleware) and the "My watchlist" page.

Plain sign-in is enough, as for following a bill: a watch gives no power over what others read.
Someone who is not signed in is sent to the sign-in page and back to the thing they wanted to
watch. A user can only remove their own watches: another user's watch id answers 404.
"""
from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_POST

from opentenge.legislation import models as lm
from opentenge.store.queries import NotFound
from opentenge.watch import events as ev
from opentenge.watch import watching
from opentenge.watch.models import Watch


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()},
                                                  require_https=request.is_secure()):
        return target
    return ""


@require_POST
def add(request: HttpRequest) -> HttpResponse:
    kind, key = request.POST.get("kind", ""), request.POST.get("key", "")
    back = _safe_next(request) or (ev.page_path(kind, key) if kind in ev.KINDS and key else reverse("watch-list"))
    if not request.user.is_authenticated:
        return redirect_to_login(back)
    try:
        watching.watch(request.user, kind, key, get_language())
    except NotFound:
        raise Http404(f"{kind}:{key}") from None
    return redirect(back)


@require_POST
def remove(request: HttpRequest, watch_id: int) -> HttpResponse:
    back = _safe_next(request) or reverse("watch-list")
    if not request.user.is_authenticated:
        return redirect_to_login(reverse("watch-list"))
    if not watching.unwatch(request.user, watch_id):
        raise Http404(watch_id)
    return redirect(back)


@require_GET
def watchlist(request: HttpRequest) -> HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    watches = list(Watch.objects.filter(user=request.user))
    for w in watches:
        w.page_url = ev.page_path(w.kind, w.key)
        w.feed_url = feed_url(w.kind, w.key)
    follows = lm.BillFollow.objects.filter(user=request.user).select_related("act").order_by("-created_at")
    return render(request, "watch/watchlist.html", {"watches": watches, "follows": follows})


def feed_url(kind: str, key) -> str:
    """The Atom feed of a watchable thing (bills: the act's own feed)."""
    if kind == "search":
        from urllib.parse import urlencode

        return reverse("watch-search-feed") + "?" + urlencode({"q": key})
    if kind == "bill":
        return reverse("legislation-act-feed", args=[key])
    return reverse(f"watch-{kind}-feed", args=[key])
