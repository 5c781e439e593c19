"""Permission matrix: every register, account and follow view × every role, including anonymous.

The matrix below is the rule book: for each URL name the outcome each role must get on GET
(200, a redirect to sign-in or to 2FA enrolment, 403, 404), or, for POST-only endpoints, that GET
is refused with 405 and a POST without a CSRF token with 403. ``test_every_guarded_url_is_in_the_matrix``
fails when a URL whose name starts with ``lobbying``, ``account`` or ``legislation-(un)follow``
is added without a row here, so no new view escapes the matrix.

Roles: anonymous; a public user (signed in, no 2FA device); a public user with a verified second
factor; the filer of registrant X; the filer of registrant Y (the "other" organisation); a filer of
X whose session is not verified by the second factor; a moderator; an admin (all verified).
"""
from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from opentenge.legislation import models as lm
from opentenge.lobbying import models as lob
from opentenge.store import models as m
from opentenge.store.queries import org_slug
from people import person, signed_in

ROLES = ("anonymous", "public", "public_2fa", "filer_x", "filer_y", "filer_x_unverified", "moderator", "admin")
PREFIXES = ("lobbying-", "account-", "legislation-follow", "legislation-unfollow", "corrections-", "watch-")

LOGIN, SETUP, HOME = "→login", "→2fa-setup", "→account-home"
REDIRECTS = {LOGIN: "account-login", SETUP: "account-2fa-setup", HOME: "account-home"}


def row(anonymous, public, public_2fa, filer_x, filer_y, filer_x_unverified, moderator, admin) -> dict:
    return dict(zip(ROLES, (anonymous, public, public_2fa, filer_x, filer_y, filer_x_unverified, moderator, admin)))


EVERYONE = row(*[200] * 8)
SIGNED_IN = row(LOGIN, *[200] * 7)
FILING_HOME = row(LOGIN, SETUP, 200, 200, 200, LOGIN, 200, 200)
X_ONLY = row(LOGIN, SETUP, 404, 200, 404, LOGIN, 404, 404)  # a filer never sees another organisation's filings
MODERATION = row(LOGIN, SETUP, 403, 403, 403, LOGIN, 200, 200)
POST_ONLY = "post-only"

# URL name -> (path arguments, query string, expected outcome per role, or POST_ONLY)
MATRIX = {
    # public pages of the register: everyone reads them
    "lobbying": ({}, "", EVERYONE),
    "lobbying-json": ({}, "", EVERYONE),
    "lobbying-feed": ({}, "", EVERYONE),
    "lobbying-feed-rss": ({}, "", EVERYONE),
    "lobbying-registrants-csv": ({}, "", EVERYONE),
    "lobbying-registrants-json": ({}, "", EVERYONE),
    "lobbying-reports-csv": ({}, "", EVERYONE),
    "lobbying-reports-json": ({}, "", EVERYONE),
    "lobbying-meetings-csv": ({}, "", EVERYONE),
    "lobbying-meetings-json": ({}, "", EVERYONE),
    "lobbying-meetings": ({}, "", EVERYONE),
    "lobbying-official": ({}, "name=official", EVERYONE),
    "lobbying-official-json": ({}, "name=official", EVERYONE),
    "lobbying-body": ({"slug": "body"}, "", EVERYONE),
    "lobbying-body-json": ({"slug": "body"}, "", EVERYONE),
    "lobbying-rankings": ({}, "", EVERYONE),
    "lobbying-rankings-json": ({}, "", EVERYONE),
    "lobbying-registrant": ({"registrant_id": "x"}, "", EVERYONE),
    "lobbying-registrant-json": ({"registrant_id": "x"}, "", EVERYONE),
    "lobbying-registrant-feed": ({"registrant_id": "x"}, "", EVERYONE),
    "lobbying-report": ({"report_id": "published"}, "", EVERYONE),
    "lobbying-report-json": ({"report_id": "published"}, "", EVERYONE),
    # filing: signed in with a verified second factor, and only for one's own organisation
    "lobbying-file": ({}, "", FILING_HOME),
    "lobbying-file-register": ({}, "", FILING_HOME),
    "lobbying-file-registrant": ({"pk": "x"}, "", X_ONLY),
    "lobbying-file-report-new": ({"registrant_id": "x"}, "", X_ONLY),
    "lobbying-file-version": ({"pk": "draft_version"}, "", X_ONLY),
    "lobbying-file-amend": ({"report_id": "published"}, "", POST_ONLY),
    "lobbying-file-withdraw": ({"report_id": "published"}, "", POST_ONLY),
    # moderation: verified moderators and admins
    "lobbying-moderation": ({}, "", MODERATION),
    "lobbying-moderation-version": ({"pk": "submitted_version"}, "", MODERATION),
    "lobbying-moderation-registrant": ({"pk": "pending"}, "", MODERATION),
    # accounts
    "account-home": ({}, "", SIGNED_IN),
    "account-signup": ({}, "", row(200, *[HOME] * 7)),
    "account-signup-done": ({}, "", EVERYONE),
    "account-verify-resend": ({}, "", EVERYONE),
    "account-verify": ({"token": "not-a-token"}, "", row(*[400] * 8)),
    "account-login": ({}, "", EVERYONE),
    "account-login-code": ({}, "", row(*[LOGIN] * 8)),  # no password step pending
    "account-logout": ({}, "", POST_ONLY),
    "account-2fa-setup": ({}, "", SIGNED_IN),
    "account-password-reset": ({}, "", EVERYONE),
    "account-password-reset-done": ({}, "", EVERYONE),
    "account-password-reset-confirm": ({"uidb64": "uid", "token": "not-a-token"}, "", EVERYONE),  # "link invalid"
    "account-password-reset-complete": ({}, "", EVERYONE),
    # follow a bill (plain sign-in is enough)
    "legislation-follow": ({"act_id": "bill"}, "", POST_ONLY),
    "legislation-unfollow": ({"act_id": "bill"}, "", POST_ONLY),
    # report an error (anyone) and its moderation queue (verified moderators)
    "corrections-report": ({"kind": "organisation", "key": "body"}, "", EVERYONE),
    "corrections-report-thanks": ({"kind": "organisation", "key": "body"}, "", EVERYONE),
    "corrections-moderation": ({}, "", MODERATION),
    "corrections-moderation-report": ({"pk": "error_report"}, "", MODERATION),
    "corrections-revoke": ({"pk": "correction"}, "", POST_ONLY),
    # watchlists (plain sign-in is enough, as for following a bill) and their Atom feeds (anyone)
    "watch-list": ({}, "", SIGNED_IN),
    "watch-add": ({}, "", POST_ONLY),
    "watch-remove": ({"watch_id": "x"}, "", POST_ONLY),  # any id: 405 on GET and 403 without a token come first
    "watch-organisation-feed": ({"key": "body"}, "", EVERYONE),
    "watch-person-feed": ({"key": "uid"}, "", row(*[404] * 8)),  # no such person in this world
    "watch-search-feed": ({}, "q=body", EVERYONE),
}


def guarded_url_names() -> set[str]:
    def walk(patterns):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns)
            elif isinstance(p, URLPattern) and p.name:
                yield p.name

    # Django admin's own pages are namespaced (admin:lobbying_…) and guarded by the admin site itself.
    top = [p for p in get_resolver().url_patterns if not (isinstance(p, URLResolver) and p.namespace == "admin")]
    return {name for name in walk(top) if name == "lobbying" or name.startswith(PREFIXES)}


def test_every_guarded_url_is_in_the_matrix():
    names = guarded_url_names()
    assert sorted(names - set(MATRIX)) == [], "add these views to the permission matrix"
    assert sorted(set(MATRIX) - names) == [], "these matrix rows name no URL any more"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """The matrix builds nine users per cell; the production hasher would take minutes."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def world(db):
    """Two registrants (X, Y), X's published, submitted and draft reports, a pending registrant, a bill."""
    def org(key, bin_, name):
        return m.Organisation.objects.create(key=f"BIN:{bin_}", bin=bin_, name_ru=name)

    people = {
        "public": person("public", device=False), "public_2fa": person("public"),
        "filer_x": person("filer"), "filer_y": person("filer"), "filer_x_unverified": person("filer"),
        "moderator": person("moderator"), "admin": person("admin"),
        "moderator_of_x": person("moderator"), "someone": person("filer"),
    }
    body = org("body", "990240000011", "Министерство юстиции")
    bill = lm.LegislativeAct.objects.create(key="bill:7", kind="bill", title_ru="О лоббизме", status="submitted",
                                            source_url="https://example.org/bill/7")
    now = dt.datetime(2026, 1, 20, 10, tzinfo=dt.timezone.utc)

    def registrant(bin_, name, creator, status):
        r = lob.Registrant.objects.create(bin=bin_, organisation=org(name, bin_, name), name=name, kind="ngo",
                                          budget_band="lt1m", status=status, created_by=creator,
                                          registered_at=now if status == "active" else None)
        lob.RegistrantMember.objects.create(registrant=r, user=creator)
        return r

    x = registrant("010140000012", "Registrant X", people["filer_x"], "active")
    for extra in ("filer_x_unverified", "moderator_of_x"):
        lob.RegistrantMember.objects.create(registrant=x, user=people[extra])
    y = registrant("020240000023", "Registrant Y", people["filer_y"], "active")
    pending = registrant("030340000034", "Registrant Pending", people["someone"], "pending")

    def report(quarter, state, version_state, year=2025):
        rep = lob.Report.objects.create(registrant=x, year=year, quarter=quarter, state=state,
                                        due=dt.date(year, 12, 20) if quarter == 4 else dt.date(year, 4, 20),
                                        published_at=now if state == "published" else None)
        v = lob.ReportVersion.objects.create(report=rep, number=1, state=version_state, issues=f"issues {quarter}",
                                             created_by=people["filer_x"],
                                             submitted_by=people["filer_x"] if version_state != "draft" else None,
                                             submitted_at=now if version_state != "draft" else None,
                                             published_at=now if version_state == "published" else None)
        v.bills.add(bill)
        return rep, v

    published, published_v = report(4, "published", "published")
    lob.Meeting.objects.create(version=published_v, date=dt.date(2025, 11, 5), official_name="official",
                               official_position="Vice-minister", body_name=body.name_ru, body=body,
                               subject="the bill", bill=bill)
    lob.ContactedBody.objects.create(version=published_v, name=body.name_ru, organisation=body)
    _, submitted_v = report(1, "submitted", "submitted", year=2026)
    _, draft_v = report(2, "draft", "draft", year=2026)
    objects = {"x": x.pk, "y": y.pk, "pending": pending.pk, "published": published.pk,
               "submitted_version": submitted_v.pk, "draft_version": draft_v.pk, "bill": bill.pk,
               "body": org_slug(body), "not-a-token": "not-a-token", "uid": "MQ", "organisation": "organisation",
               **error_report_and_correction(org_slug(body), people["admin"])}
    return {"people": people, "objects": objects, "y": y}


def error_report_and_correction(key: str, admin) -> dict:
    """An open error report and a published correction (a note) about the organisation ``key``."""
    from opentenge.corrections import services as corrections

    def report():
        return corrections.submit_report(kind="organisation", key=key, field="other", explanation="wrong",
                                         evidence="https://example.org/source")

    open_report = report()
    correction = corrections.accept(admin, report(), note="noted")
    return {"error_report": open_report.pk, "correction": correction.pk}


def client_for(world, role: str, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    if role == "anonymous":
        return client
    return signed_in(client, world["people"][role], verified=role != "filer_x_unverified")


def url_of(world, name: str) -> str:
    kwargs, query, _ = MATRIX[name]
    with translation.override("en"):
        path = reverse(name, kwargs={k: world["objects"][v] for k, v in kwargs.items()})
    return f"{path}?{query}" if query else path


def outcome(response) -> object:
    if response.status_code == 302:
        location = response["Location"]
        with translation.override("en"):
            for label, name in REDIRECTS.items():
                if location.split("?")[0] == reverse(name):
                    return label
        return f"→{location}"
    return response.status_code


GET_CELLS = [(name, role) for name, (_, _, expected) in MATRIX.items() if expected != POST_ONLY for role in ROLES]
POST_ONLY_CELLS = [(name, role) for name, (_, _, expected) in MATRIX.items() if expected == POST_ONLY
                   for role in ROLES]


@pytest.mark.parametrize(("name", "role"), GET_CELLS, ids=[f"{n}-{r}" for n, r in GET_CELLS])
def test_get(world, name, role):
    expected = MATRIX[name][2][role]
    response = client_for(world, role).get(url_of(world, name))
    assert outcome(response) == expected, f"{role} GET {name}"


@pytest.mark.parametrize(("name", "role"), POST_ONLY_CELLS, ids=[f"{n}-{r}" for n, r in POST_ONLY_CELLS])
def test_post_only(world, name, role):
    client = client_for(world, role, csrf=True)
    url = url_of(world, name)
    assert client.get(url).status_code == 405, f"{role} GET {name}"
    assert client.post(url).status_code == 403, f"{role} POST {name} without a CSRF token"
    assert lob.Report.objects.get(pk=world["objects"]["published"]).state == "published"
    assert lob.ReportVersion.objects.filter(report_id=world["objects"]["published"]).count() == 1
    assert not lm.BillFollow.objects.exists()


@pytest.mark.parametrize("role", ["public_2fa", "filer_y", "moderator"])
def test_other_organisations_cannot_amend_withdraw_or_edit(world, role):
    client = client_for(world, role)
    objects = world["objects"]
    with translation.override("en"):
        amend = reverse("lobbying-file-amend", args=[objects["published"]])
        withdraw = reverse("lobbying-file-withdraw", args=[objects["published"]])
        version = reverse("lobbying-file-version", args=[objects["draft_version"]])
    assert client.post(amend).status_code == 404
    assert client.post(withdraw, {"reason": "not mine"}).status_code == 404
    assert client.post(version, {"issues": "hijacked", "action": "save"}).status_code == 404
    report = lob.Report.objects.get(pk=objects["published"])
    assert report.state == "published" and report.versions.count() == 1 and not report.withdrawal_reason
    assert lob.ReportVersion.objects.get(pk=objects["draft_version"]).issues == "issues 2"


def test_moderator_cannot_publish_their_own_filing(world):
    objects = world["objects"]
    with translation.override("en"):
        url = reverse("lobbying-moderation-version", args=[objects["submitted_version"]])
    own = signed_in(Client(), world["people"]["moderator_of_x"])
    response = own.post(url, {"action": "publish"})
    assert response.status_code in (403, 200)  # refused, with the reason on the page
    assert "own filing" in response.content.decode()
    assert lob.ReportVersion.objects.get(pk=objects["submitted_version"]).state == "submitted"

    filer = signed_in(Client(), world["people"]["filer_x"])
    assert filer.post(url, {"action": "publish"}).status_code == 403
    assert lob.ReportVersion.objects.get(pk=objects["submitted_version"]).state == "submitted"

    other = signed_in(Client(), world["people"]["moderator"])
    assert other.post(url, {"action": "publish"}).status_code == 302
    assert lob.ReportVersion.objects.get(pk=objects["submitted_version"]).state == "published"


def test_unverified_filer_is_asked_for_the_code_before_filing(world):
    objects = world["objects"]
    client = client_for(world, "filer_x_unverified")
    with translation.override("en"):
        url = reverse("lobbying-file-version", args=[objects["draft_version"]])
    response = client.post(url, {"issues": "changed without the second factor", "action": "save"})
    assert outcome(response) == LOGIN
    assert lob.ReportVersion.objects.get(pk=objects["draft_version"]).issues == "issues 2"


def admin_lobbying_changelists() -> list[str]:
    def walk(patterns):
        for p in patterns:
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns)
            elif p.name:
                yield p.name

    admin = next(p for p in get_resolver().url_patterns if isinstance(p, URLResolver) and p.namespace == "admin")
    return sorted(f"admin:{n}" for n in walk(admin.url_patterns) if n.startswith("lobbying_") and n.endswith("_changelist"))


@pytest.mark.parametrize("role", ROLES)
def test_register_admin_is_for_staff_only(world, role):
    """Django admin's register pages (namespaced ``admin:lobbying_…``): staff only, read-only for admins."""
    names = admin_lobbying_changelists()
    assert names, "the register's models should be in the admin"
    client = client_for(world, role)
    for name in names:
        response = client.get(reverse(name))
        if role == "admin":
            assert response.status_code == 200, name
        else:
            assert response.status_code == 302 and "/admin/login/" in response["Location"], (role, name)
