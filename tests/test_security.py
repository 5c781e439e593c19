"""Security headers, the Content-Security-Policy in a real browser, and ``check --deploy``.

The CSP forbids inline scripts and inline styles everywhere except styles in /admin/
(``opentenge.web.security``). These tests prove three things: a production
configuration passes Django's deployment checks without a warning; every kind of public page
carries the headers, also when it comes out of the page cache; and the pages with charts draw
them in chromium without a single CSP violation.
"""
from __future__ import annotations

import os
import secrets
import subprocess
import sys
import urllib.request

import pytest
from django.urls import reverse
from django.utils import translation

from browsing import require_chromium, served
from conftest import FIXTURES, GOSZAKUP, REPO, TESTS, run_cli, scratch_database

STRICT = {"default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:",
          "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'"}


def _directives(header: str) -> set[str]:
    return {part.strip() for part in header.split(";")}


def _production_env(**extra: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("OPENTENGE_")}
    env.update({"OPENTENGE_SECRET_KEY": secrets.token_urlsafe(50), "OPENTENGE_ALLOWED_HOSTS": "example.kz",
                "DJANGO_SETTINGS_MODULE": "opentenge.web.settings"}, **extra)
    return env


def _django(env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "django", *args], env=env, cwd=REPO, capture_output=True,
                          text=True, timeout=120)


def test_production_settings_pass_check_deploy_without_warnings():
    result = _django(_production_env(), "check", "--deploy")
    assert result.returncode == 0, result.stderr
    assert "WARNINGS" not in result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_does_warn_about_a_development_configuration():
    # the same check must be able to fail: the development key and no HTTPS are reported
    env = _production_env(OPENTENGE_SECURE_COOKIES="0")
    del env["OPENTENGE_SECRET_KEY"]
    result = _django(env, "check", "--deploy")
    output = result.stdout + result.stderr
    assert "security.W009" in output and "security.W008" in output and "security.W004" in output


def test_https_settings_follow_the_deployment():
    show = ("import django; django.setup(); from django.conf import settings as s; "
            "print(s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS, getattr(s, 'SECURE_PROXY_SSL_HEADER', None))")
    production = _django_shell(_production_env(OPENTENGE_PROXY_SSL_HEADER="X-Forwarded-Proto"), show)
    assert production == "True 31536000 ('HTTP_X_FORWARDED_PROTO', 'https')"
    # `opentenge serve` on loopback sets OPENTENGE_SECURE_COOKIES=0: the demo stays on plain http
    demo = _production_env(OPENTENGE_SECURE_COOKIES="0")
    assert _django_shell(demo, show) == "False 0 None"
    loopback_only = _production_env()
    del loopback_only["OPENTENGE_ALLOWED_HOSTS"]
    assert _django_shell(loopback_only, show) == "False 0 None"


def _django_shell(env: dict, code: str) -> str:
    result = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_relaxed_paths_relax_styles_only():
    from opentenge.web.security import policy_for

    directives = _directives(policy_for("/admin/linking/"))
    assert "style-src 'self' 'unsafe-inline'" in directives
    assert "script-src 'self'" in directives and "frame-ancestors 'none'" in directives
    for path in ("/en/", "/api/v1/docs", "/kk/admin-guide/"):
        assert STRICT <= _directives(policy_for(path)), path


@pytest.fixture
def public_pages(ingest_fixtures):
    from opentenge.ingest.runner import run_ingest
    from opentenge.store.models import Contract, Organisation

    run_ingest("mazhilis", [FIXTURES / "parliament" / "mazhilis_api_synthetic"])
    org = Organisation.objects.exclude(bin="").order_by("pk").first()
    contract = Contract.objects.order_by("pk").first()
    with translation.override("en"):
        pages = [reverse(name) for name in ("home", "search", "flags", "budget-explorer", "civil-grants",
                                            "politics", "legislation", "lobbying", "learn", "downloads",
                                            "account-login")]
        pages += [reverse("organisation", args=[org.bin]), reverse("contract", args=[contract.gz_id]),
                  reverse("politics-person", args=["mazhilis:8"]), reverse("search") + "?q=" + org.bin]
    return pages + ["/api/v1/docs"]


def _assert_secure_headers(response, path: str) -> None:
    assert response.status_code == 200, path
    assert STRICT <= _directives(response["Content-Security-Policy"]), path
    assert "camera=()" in response["Permissions-Policy"], path
    assert response["X-Frame-Options"] == "DENY", path
    assert response["X-Content-Type-Options"] == "nosniff", path
    assert response["Referrer-Policy"] == "same-origin", path
    assert response["Cross-Origin-Opener-Policy"] == "same-origin", path


@pytest.mark.page_cache
def test_every_public_page_kind_carries_the_headers_also_from_the_page_cache(public_pages, client):
    not_from_cache = set()
    for path in public_pages:
        first = client.get(path)
        _assert_secure_headers(first, path)
        second = client.get(path)
        _assert_secure_headers(second, path)
        if second.get("X-Page-Cache") != "hit":
            not_from_cache.add(path)
        assert "<script>" not in first.content.decode(), path  # no inline script in any page
    with translation.override("en"):
        # the sign-in form holds a CSRF token and /api/ has its own ETags: never cached
        assert not_from_cache == {reverse("account-login"), "/api/v1/docs"}
    admin = client.get("/admin/login/")
    assert "style-src 'self' 'unsafe-inline'" in _directives(admin["Content-Security-Policy"])


def test_no_public_template_has_an_inline_style_attribute():
    # a style="…" attribute would be refused by the browser under the CSP (the admin is relaxed)
    offenders = [str(p.relative_to(REPO)) for p in (REPO / "src" / "opentenge").rglob("*.html")
                 if "/admin/" not in str(p) and 'style="' in p.read_text(encoding="utf-8")]
    assert offenders == []


# ---- in chromium -------------------------------------------------------------------------------

SEED_LOBBYING = f"""
import os, sys, django
sys.path.insert(0, {str(TESTS)!r})
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opentenge.web.settings")
django.setup()
from test_lobbying_public import build_register
build_register()
"""
BUDGET_FILES = ["rb_vedomstv_klassifikatsiya_2023_head.csv", "rb_ekon_klassifikatsiya.csv",
                "rb_prioritetnye_investitsii_2023-01_head.csv", "respublikanskiy_byudzhet_2023-01_head.csv"]


@pytest.fixture(scope="module")
def chart_site(tmp_path_factory):
    require_chromium()
    with scratch_database(tmp_path_factory.mktemp("security-db")) as url:
        run_cli("init", database_url=url, check=True)
        run_cli("ingest", "goszakup", str(GOSZAKUP), database_url=url, check=True)
        run_cli("ingest", "budget_egov", *[str(FIXTURES / "budget_egov" / n) for n in BUDGET_FILES],
                database_url=url, check=True)
        run_cli("ingest", "mazhilis", str(FIXTURES / "parliament" / "mazhilis_api_synthetic"), database_url=url,
                check=True)
        run_cli("ingest", "company_roles", str(FIXTURES / "politics" / "company_roles_synthetic.csv"),
                database_url=url, check=True)
        seeded = subprocess.run([sys.executable, "-c", SEED_LOBBYING], env={**os.environ, "OPENTENGE_DATABASE_URL": url},
                                cwd=REPO, capture_output=True, text=True, timeout=120)
        assert seeded.returncode == 0, seeded.stderr
        with served(url) as base:
            yield base


def _top_supplier(base: str) -> str:
    import json

    return json.loads(urllib.request.urlopen(f"{base}/api/v1/overview").read())["top_suppliers"][0]["id"]


@pytest.mark.browser
def test_chart_pages_draw_with_zero_csp_violations(chart_site, browser):
    pages = [
        ("/en/", "#chart-by-year[data-rendered=true] svg"),
        (f"/en/org/{_top_supplier(chart_site)}/", ".chart[data-rendered=true] svg"),
        ("/en/budget/", "#budget-treemap[data-rendered=true] canvas"),
        ("/en/lobbying/rankings/", "#chart-registrants[data-rendered=true] svg"),
        ("/en/network/person/mazhilis:8/", "#network-chart[data-rendered=true] svg"),
        ("/api/v1/docs", "#swagger-ui .swagger-ui"),
    ]
    for path, drawn in pages:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        violations = []
        page.on("console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text))
        page.on("pageerror", lambda exc: violations.append(f"page error: {exc}"))
        response = page.goto(f"{chart_site}{path}")
        assert "script-src 'self'" in response.headers["content-security-policy"], path
        page.wait_for_selector(drawn, timeout=15000)
        page.wait_for_timeout(300)  # late tooltips and resize handlers
        assert violations == [], (path, violations)
        page.close()


@pytest.mark.browser
def test_chart_tooltips_raise_no_csp_violation(chart_site, browser):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    violations = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text))
    page.goto(f"{chart_site}/en/")
    page.wait_for_selector("#chart-by-year[data-rendered=true] svg")
    box = page.locator("#chart-by-year").bounding_box()
    for fraction in (0.3, 0.5, 0.7):
        page.mouse.move(box["x"] + box["width"] * fraction, box["y"] + box["height"] * 0.6)
        page.wait_for_timeout(300)
    assert violations == []


@pytest.mark.browser
def test_an_injected_inline_script_and_style_are_refused(chart_site, browser):
    # the policy must be able to fail: the browser reports a violation for inline code
    page = browser.new_page()
    violations = []
    page.on("console", lambda msg: "Content Security Policy" in msg.text and violations.append(msg.text))
    page.goto(f"{chart_site}/en/")
    page.evaluate("""() => {
        const s = document.createElement('script'); s.textContent = 'window.__ran = 1'; document.body.append(s);
        const d = document.createElement('div'); d.setAttribute('style', 'color: red'); document.body.append(d);
    }""")
    page.wait_for_timeout(200)
    assert page.evaluate("() => window.__ran") is None
    assert len(violations) >= 2, violations


# ---- dependency audit (scripts/audit_dependencies.sh) ---------------------------------------------

FAKE_PIP_AUDIT = """#!{python}
import json, sys
args = sys.argv[1:]
if {unreachable}:
    sys.exit("requests.exceptions.ConnectionError: no route to the vulnerability service")
ignored = {{args[i + 1] for i, a in enumerate(args) if a == "--ignore-vuln"}}
vulns = [v for v in [{{"id": "PYSEC-2099-1", "fix_versions": ["9.9.9"]}}] if v["id"] not in ignored]
report = {{"dependencies": [{{"name": "django", "version": "5.2.19", "vulns": vulns}},
                           {{"name": "rich", "version": "15.0.0", "vulns": []}}], "fixes": []}}
json.dump(report, open(args[args.index("--output") + 1], "w"))
sys.exit(1 if vulns else 0)
"""


def _audit(tmp_path, accepted: str = "", unreachable: bool = False) -> subprocess.CompletedProcess:
    fake = tmp_path / "pip-audit"
    fake.write_text(FAKE_PIP_AUDIT.format(python=sys.executable, unreachable=unreachable))
    fake.chmod(0o755)
    (tmp_path / "accepted.txt").write_text(accepted)
    env = {**os.environ, "PIP_AUDIT": str(fake), "AUDIT_ACCEPTED": str(tmp_path / "accepted.txt")}
    return subprocess.run(["bash", str(REPO / "scripts" / "audit_dependencies.sh")], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=60)


def test_audit_fails_on_a_known_vulnerability(tmp_path):
    result = _audit(tmp_path)
    assert result.returncode == 1
    assert "VULNERABLE django 5.2.19: PYSEC-2099-1 (fixed in: 9.9.9)" in result.stderr


def test_audit_passes_a_vulnerability_accepted_with_a_reason_only(tmp_path):
    accepted = _audit(tmp_path, "# comment\nPYSEC-2099-1  only in the admin's unused XML export; until 2099-12\n")
    assert accepted.returncode == 0, accepted.stdout + accepted.stderr
    assert "audited 2 vulnerable 0" in accepted.stdout
    assert _audit(tmp_path, "PYSEC-2099-1\n").returncode == 1  # no reason given


def test_audit_says_loudly_when_no_service_answers_and_does_not_fail(tmp_path):
    result = _audit(tmp_path, unreachable=True)
    assert result.returncode == 0
    assert "DEPENDENCY AUDIT NOT DONE" in result.stdout
