"""Sign-up, e-mail confirmation, 2FA enrolment and sign-in, and lockout in a real browser.

``opentenge serve`` (gunicorn, two workers) runs on a scratch database with its mail going to an
aiosmtpd server in this test process and its cache in Redis (database 15, a key prefix unique to
the run), as in production: the lockout must hold across workers. The test reads the confirmation
mail from the SMTP server, reads the TOTP secret from the page and computes codes itself, as an
authenticator app would. Screenshots: ``test-results/accounts-*.png``.
"""
from __future__ import annotations

import re
import time
import uuid
from base64 import b32decode

import pytest
from playwright.sync_api import expect

from browsing import require_chromium, served, shot
from conftest import redis_or_skip, run_cli, scratch_database
from smtp_box import Mailbox, smtp_server

pytestmark = pytest.mark.browser
REDIS = "redis://127.0.0.1:6379/15"
EMAIL, PASSWORD = "dana.filer@example.org", "steppe falcon 1991 kite"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    require_chromium()
    r = redis_or_skip(REDIS)
    prefix = f"ot-browser-{uuid.uuid4().hex[:10]}"
    with scratch_database(tmp_path_factory.mktemp("accounts-browser-db")) as url, smtp_server() as box:
        run_cli("init", database_url=url, check=True)
        env = {"OPENTENGE_SMTP_URL": box.url, "OPENTENGE_REDIS_URL": REDIS, "OPENTENGE_CACHE_PREFIX": prefix}
        try:
            with served(url, env) as base:
                yield base, box
        finally:
            keys = r.keys(f"{prefix}*")
            if keys:
                r.delete(*keys)


def code_for(secret: str, steps_ahead: int = 0) -> str:
    """What an authenticator app shows for ``secret`` now (or ``steps_ahead`` 30-second steps later)."""
    from django_otp.oath import TOTP

    totp = TOTP(b32decode(secret))
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def submit(page, control):
    """Click a control that loads a new page and wait for that page.

    A bare click returns once the click is dispatched; reading the page right after could read the
    old one while the server answers (seen in CI with both suites running on two cores)."""
    with page.expect_navigation():
        control.click()


def sign_in(page, base, email, password):
    page.goto(f"{base}/en/account/login/")
    page.get_by_label("E-mail").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    submit(page, page.get_by_test_id("login-form").get_by_role("button", name="Sign in"))


def test_sign_up_confirm_enrol_and_sign_in_with_a_code(site, browser):
    base, box = site
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    page.goto(f"{base}/en/account/signup/")
    page.get_by_label("E-mail").fill(EMAIL)
    page.get_by_label("Display name").fill("Dana <b>Filer</b>")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    shot(page, "accounts-signup")
    submit(page, page.get_by_role("button", name="Create account"))
    assert page.get_by_test_id("check-mail").is_visible()
    shot(page, "accounts-check-mail")

    message = box.wait_for(to=EMAIL, subject_contains="Confirm")
    link = re.search(r"http://\S+/en/account/verify/\S+/", Mailbox.body(message)).group(0)
    assert link.startswith(base)
    sign_in(page, base, EMAIL, PASSWORD)  # before confirming: told so, not signed in
    assert page.get_by_test_id("inactive").is_visible()
    page.goto(link)
    assert page.get_by_test_id("verified").is_visible()

    sign_in(page, base, EMAIL, PASSWORD)
    assert page.url == f"{base}/en/account/"
    assert page.get_by_test_id("2fa-state").locator("[data-state=off]").is_visible()
    assert "Dana <b>Filer</b>" in page.get_by_test_id("account-facts").inner_text()  # escaped, shown as typed

    submit(page, page.get_by_role("link", name="turn it on"))
    secret = page.get_by_test_id("totp-secret").inner_text().strip()
    assert page.get_by_test_id("totp-qr").locator("svg").is_visible()
    shot(page, "accounts-2fa-setup")
    page.get_by_label("6-digit code from your authenticator app").fill(code_for(secret))
    submit(page, page.get_by_role("button", name="Turn on two-factor sign-in"))
    assert page.url == f"{base}/en/account/"
    assert page.get_by_test_id("2fa-state").locator("[data-state=on]").is_visible()

    submit(page, page.get_by_test_id("sign-out"))
    expect(page.get_by_role("link", name="Sign in").first).to_be_visible()
    sign_in(page, base, EMAIL, PASSWORD)
    assert page.url == f"{base}/en/account/login/code/"
    shot(page, "accounts-code")
    # the enrolment used the current step's code and a code is accepted once: type the next one,
    # which the server accepts within its one-step tolerance
    page.get_by_label("6-digit code from your authenticator app").fill(code_for(secret, steps_ahead=1))
    submit(page, page.get_by_role("button", name="Confirm"))
    assert page.url == f"{base}/en/account/"
    state = page.get_by_test_id("2fa-state")
    assert state.locator("[data-state=on]").is_visible()
    assert "this session is confirmed with a code" in state.inner_text()
    shot(page, "accounts-home-2fa")
    assert not errors
    page.close()


def test_lockout_message_after_five_wrong_passwords(site, browser):
    base, _ = site
    context = browser.new_context()
    page = context.new_page()
    for i in range(5):
        sign_in(page, base, EMAIL, f"wrong password {i}")
    locked = page.get_by_test_id("locked")
    assert locked.is_visible() and re.search(r"try again after \d\d:\d\d", locked.inner_text())
    sign_in(page, base, EMAIL, PASSWORD)  # the right password is refused while locked
    assert page.get_by_test_id("locked").is_visible() and page.url == f"{base}/en/account/login/"
    shot(page, "accounts-locked")
    context.close()
