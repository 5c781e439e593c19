"""Politics pages: thin views over ``opentenge.politics.queries``, each with its JSON twin."""
from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse

from opentenge.politics import queries as q
from opentenge.store.queries import NotFound
from opentenge.web.language import page_language
from opentenge.web.views import respond


def index(request: HttpRequest, format: str | None = None) -> HttpResponse:
    return respond(request, "politics/index.html", q.overview(page_language()), format)


def person(request: HttpRequest, key: str, format: str | None = None) -> HttpResponse:
    try:
        data = q.person_detail(key, page_language())
    except NotFound:
        raise Http404(key)
    return respond(request, "politics/person.html", data, format)


def party(request: HttpRequest, key: str, format: str | None = None) -> HttpResponse:
    try:
        data = q.party_detail(key, page_language())
    except NotFound:
        raise Http404(key)
    return respond(request, "politics/party.html", data, format)


def _page(request: HttpRequest) -> int:
    try:
        return int(request.GET.get("page", 1))
    except ValueError:
        return 1


def _with_urls(data: dict) -> dict:
    """Each node's page address (in the current language) for clicks in the graph."""
    from django.urls import reverse

    names = {"organisation": ("organisation", "slug"), "person": ("politics-person", "key"),
             "party": ("politics-party", "key")}
    for node in data["nodes"]:
        if node.get("kind") in names and node.get("url_key"):
            name, arg = names[node["kind"]]
            node["url"] = reverse(name, kwargs={arg: node["url_key"]})
    return data


def organisation_network(request: HttpRequest, slug: str, format: str | None = None) -> HttpResponse:
    from opentenge.politics import network

    try:
        data = network.organisation_network(slug)
        data["table"] = network.neighbour_table(slug, _page(request))
    except NotFound:
        raise Http404(slug)
    return respond(request, "politics/network.html", _with_urls(data), format, kind="organisation", key=slug)


def person_network(request: HttpRequest, key: str, format: str | None = None) -> HttpResponse:
    from opentenge.politics import network

    try:
        data = network.person_network(key)
    except NotFound:
        raise Http404(key)
    return respond(request, "politics/network.html", _with_urls(data), format, kind="person", key=key)


def revolving_door(request: HttpRequest, format: str | None = None) -> HttpResponse:
    from opentenge.politics.revolving import revolving_door as build

    return respond(request, "politics/revolving.html", build(page_language()), format)


def election(request: HttpRequest, election: str, format: str | None = None) -> HttpResponse:
    try:
        data = q.election_detail(election, page_language())
    except NotFound:
        raise Http404(election)
    return respond(request, "politics/election.html", data, format)


def person_link_decision(request: HttpRequest, key: str) -> HttpResponse:
    """An editor confirms or rejects one possible link (POST from the person page; staff only).

    The decision is a linking judgment on the pair (``opentenge.linking.judgments``), with the
    editor's username and reason in the audit log; the page shows it as confirmed / rejected.
    """
    from django.core.exceptions import PermissionDenied
    from django.http import HttpResponseBadRequest, HttpResponseRedirect
    from django.urls import reverse

    from opentenge.linking.judgments import record_editor_decision
    from opentenge.politics.links import person_link_key, possible_links
    from opentenge.politics.models import Person

    if request.method != "POST":
        return HttpResponseBadRequest("POST a decision")
    if not (request.user.is_authenticated and request.user.is_staff):
        raise PermissionDenied("only editors decide possible links")
    try:
        person = Person.objects.get(key=key)
    except Person.DoesNotExist:
        raise Http404(key)
    role_key, decision = request.POST.get("role_key", ""), request.POST.get("decision", "")
    if decision not in ("accept", "reject") or role_key not in {link["role_key"] for link in possible_links(person)}:
        return HttpResponseBadRequest("decision must be accept or reject, for a role key listed on the page")
    record_editor_decision(decision, [(person_link_key(person.key), role_key)], user=request.user.get_username(),
                           reason=request.POST.get("reason", "")[:500])
    return HttpResponseRedirect(reverse("politics-person", kwargs={"key": key}) + "#possible-links")
