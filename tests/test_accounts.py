"""Accounts: sign-up with a confirmation mail read back from a real SMTP server, sign-in with a
TOTP second step, throttling and lockout (local memory and Redis), CSRF, cookies, the CLI.

Runs on SQLite and PostgreSQL (``OPENTENGE_DATABASE_URL``). Redis is the one on 127.0.0.1:6379,
database 15, under a key prefix unique to the test; the test skips only when Redis is unreachable
outside CI.
"""
from __future__ import annotations

import io
import os
import re
import time
import uuid
from base64 import b32decode

import pytest

from conftest import clear_local_cache, redis_or_skip
from django.utils import translation
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from opentenge.accounts import throttle
from people import PASSWORD, person, signed_in, totp_now
from smtp_box import Mailbox, django_smtp, smtp_server

pytestmark = pytest.mark.django_db
User = get_user_model()
SIGNUP, LOGIN, CODE, HOME = "/en/account/signup/", "/en/account/login/", "/en/account/login/code/", "/en/account/"
GOOD_PASSWORD = "plover tundra quietly 42"


@pytest.fixture(autouse=True)
def _fresh_cache(settings):
    # django-otp's own throttle delays a retry by 1 s after a wrong code; these tests type a wrong
    # code and then the right one at once, and test *our* counting, so its factor is 0 here.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    clear_local_cache()
    yield
    clear_local_cache()  # after a Redis test the cache is still Redis here: never FLUSHDB a shared server


def sign_up(client, email="ainur@example.org", password=GOOD_PASSWORD, name="Ainur B."):
    return client.post(SIGNUP, {"email": email, "display_name": name, "password1": password, "password2": password})


def login(client, email, password, **extra):
    return client.post(LOGIN, {"email": email, "password": password, **extra})


# ---- sign-up, confirmation mail, sign-in ----

def test_sign_up_reads_the_mail_from_smtp_follows_the_link_and_signs_in(settings):
    client = Client()
    with smtp_server() as box, django_smtp(box, settings):
        response = sign_up(client, email="Ainur@Example.org")
        assert response.status_code == 302 and response["Location"] == "/en/account/signup/check-mail/"
        user = User.objects.get(username="ainur@example.org")
        assert not user.is_active and user.email == "ainur@example.org" and user.first_name == "Ainur B."
        assert "Check your mail" in client.get(response["Location"]).content.decode()
        message = box.wait_for(to="ainur@example.org", subject_contains="Confirm")
    body = Mailbox.body(message)
    assert str(message["Subject"]) == "Confirm your OpenTenge account"
    assert "Hello, Ainur B.!" in body
    link = re.search(r"http://testserver(/en/account/verify/\S+/)", body).group(1)
    # not active yet: the right password gets the "not confirmed" message, not a session
    page = login(client, "ainur@example.org", GOOD_PASSWORD).content.decode()
    assert 'data-testid="inactive"' in page and "_auth_user_id" not in client.session
    assert "Your e-mail is confirmed" in client.get(link).content.decode()
    assert User.objects.get(pk=user.pk).is_active
    response = login(client, "AINUR@example.org", GOOD_PASSWORD)
    assert response.status_code == 302 and response["Location"] == HOME
    home = client.get(HOME).content.decode()
    assert "ainur@example.org" in home and 'data-state="off"' in home


def test_verification_link_expired_or_tampered(settings):
    user = User.objects.create_user("late@example.org", "late@example.org", GOOD_PASSWORD, is_active=False)
    from opentenge.accounts.verification import make_token

    token = make_token(user)
    tampered = Client().get(f"/en/account/verify/{token[:-2]}xx/")
    assert tampered.status_code == 400 and 'data-testid="verify-problem"' in tampered.content.decode()
    settings.ACCOUNTS_VERIFY_MAX_AGE = -1
    expired = Client().get(f"/en/account/verify/{token}/").content.decode()
    assert "The link has expired" in expired
    assert not User.objects.get(pk=user.pk).is_active


def test_resend_sends_a_new_link_only_to_an_unconfirmed_account(settings):
    User.objects.create_user("waiting@example.org", "waiting@example.org", GOOD_PASSWORD, is_active=False)
    person("public", email="active@example.org")
    with smtp_server() as box, django_smtp(box, settings):
        for email in ("waiting@example.org", "active@example.org", "nobody@example.org"):
            response = Client().post("/en/account/verify/resend/", {"email": email})
            assert response.status_code == 302  # the same answer for all three
        box.wait_for(to="waiting@example.org", subject_contains="Confirm")
        # a second request within the minute sends nothing more
        Client().post("/en/account/verify/resend/", {"email": "waiting@example.org"})
    assert [m["To"] for m in box.messages] == ["waiting@example.org"]


def test_the_mail_follows_the_language_of_the_page(mailoutbox):
    sign_up(Client(), email="en@example.org")
    Client().post("/ru/account/signup/", {"email": "ru@example.org", "display_name": "Ru", "password1": GOOD_PASSWORD,
                                          "password2": GOOD_PASSWORD})
    by_address = {m.to[0]: m for m in mailoutbox}
    assert "http://testserver/en/account/verify/" in by_address["en@example.org"].body
    assert "http://testserver/ru/account/verify/" in by_address["ru@example.org"].body


def test_sign_ups_from_one_address_are_limited(monkeypatch):
    from opentenge.accounts import views

    monkeypatch.setattr(views, "SIGNUPS_PER_ADDRESS", 2)
    assert [sign_up(Client(), email=f"s{i}@example.org").status_code for i in range(3)] == [302, 302, 429]
    assert "Too many new accounts from your network" in sign_up(Client(), email="s9@example.org").content.decode()
    assert User.objects.filter(username__startswith="s").count() == 2


def test_weak_and_mismatched_passwords_are_refused_with_the_validators_messages():
    client = Client()
    page = sign_up(client, email="weak@example.org", password="12345678901").content.decode()
    assert "This password is entirely numeric." in page
    page = sign_up(client, email="weak@example.org", password="short").content.decode()
    assert "This password is too short. It must contain at least 10 characters." in page
    page = sign_up(client, email="weak@example.org", password="weak@example.org").content.decode()
    assert "The password is too similar to the" in page
    page = client.post(SIGNUP, {"email": "weak@example.org", "display_name": "W", "password1": GOOD_PASSWORD,
                                "password2": GOOD_PASSWORD + "x"}).content.decode()
    assert "The two passwords differ." in page
    assert not User.objects.filter(username="weak@example.org").exists()


def test_sign_up_refuses_a_registered_email_neutrally_and_bad_fields_by_name():
    person("public", email="taken@example.org")
    page = sign_up(Client(), email="TAKEN@example.org").content.decode()
    assert "This e-mail cannot be used to sign up." in page
    page = sign_up(Client(), email="not-an-address", name="x" * 151).content.decode()
    assert "Enter a valid email address." in page
    assert "Ensure this value has at most 150 characters (it has 151)." in page
    assert User.objects.count() == 1


def test_wrong_password_and_unknown_email_get_the_same_message():
    person("public", email="known@example.org")
    wrong = login(Client(), "known@example.org", "not the password").content.decode()
    unknown = login(Client(), "nobody@example.org", "not the password").content.decode()
    for page in (wrong, unknown):
        assert "The e-mail or the password is wrong." in page and 'data-testid="inactive"' not in page
    # an unconfirmed account with a wrong password reveals nothing either
    User.objects.create_user("pending@example.org", "pending@example.org", GOOD_PASSWORD, is_active=False)
    page = login(Client(), "pending@example.org", "not the password").content.decode()
    assert "The e-mail or the password is wrong." in page and 'data-testid="inactive"' not in page


def test_next_redirects_only_within_the_site():
    user = person("public", device=False)
    assert login(Client(), user.email, PASSWORD, next="/en/legislation/")["Location"] == "/en/legislation/"
    assert login(Client(), user.email, PASSWORD, next="https://evil.example/steal")["Location"] == HOME
    assert login(Client(), user.email, PASSWORD, next="//evil.example/")["Location"] == HOME


def test_account_page_lists_roles_and_links_by_role():
    from django.urls import reverse

    with translation.override("en"):
        moderation = reverse("lobbying-moderation")
    page = signed_in(Client(), person("moderator")).get(HOME).content.decode()
    assert re.findall(r'data-role="(\w+)"', page) == ["public", "moderator"]
    assert f'href="{moderation}"' in page
    page = signed_in(Client(), person("public")).get(HOME).content.decode()
    assert re.findall(r'data-role="(\w+)"', page) == ["public"]
    assert f'href="{moderation}"' not in page
    assert Client().get(HOME)["Location"] == f"{LOGIN}?next={HOME}"


def test_logout_is_post_only():
    client = signed_in(Client(), person("public"))
    assert client.get("/en/account/logout/").status_code == 405
    assert client.get(HOME).status_code == 200
    assert client.post("/en/account/logout/")["Location"] == "/en/"
    assert client.get(HOME)["Location"].startswith(LOGIN)


def test_password_reset_by_mail_sets_a_password_and_lifts_a_lockout(settings):
    user = User.objects.create_user("nopass@example.org", "nopass@example.org", None, first_name="Erlan")
    assert not user.has_usable_password()  # as `opentenge accounts create` without a password
    lock_out(user.email)
    with smtp_server() as box, django_smtp(box, settings):
        for email in ("NoPass@example.org", "stranger@example.org"):
            response = Client().post("/en/account/password/reset/", {"email": email})
            assert response["Location"] == "/en/account/password/reset/sent/"  # the same for both
        message = box.wait_for(to="nopass@example.org", subject_contains="new OpenTenge password")
        Client().post("/en/account/password/reset/", {"email": "nopass@example.org"})  # within a minute
    assert len(box.messages) == 1
    link = re.search(r"http://testserver(/en/account/password/reset/\S+/)", Mailbox.body(message)).group(1)
    client = Client()
    form_page = client.get(link, follow=True)
    assert form_page.context["validlink"]
    set_password = form_page.redirect_chain[-1][0]
    weak = client.post(set_password, {"new_password1": "1234567890", "new_password2": "1234567890"})
    assert "This password is entirely numeric." in weak.content.decode()
    done = client.post(set_password, {"new_password1": GOOD_PASSWORD, "new_password2": GOOD_PASSWORD})
    assert done["Location"] == "/en/account/password/reset/done/"
    assert login(Client(), user.email, GOOD_PASSWORD)["Location"] == HOME  # lockout lifted
    assert not Client().get(link, follow=True).context["validlink"]  # the link works once


# ---- throttling and lockout ----

def lock_out(email: str, client=None) -> list:
    client = client or Client()
    return [login(client, email, f"wrong {i}") for i in range(5)]


def test_five_failures_lock_the_account_even_for_the_right_password():
    user = person("public", device=False)
    responses = lock_out(user.email)
    assert [r.status_code for r in responses] == [200, 200, 200, 200, 429]
    assert 'data-testid="locked"' in responses[-1].content.decode()
    sixth = login(Client(), user.email, PASSWORD)
    assert sixth.status_code == 429 and "_auth_user_id" not in sixth.client.session
    page = sixth.content.decode()
    assert "Too many failed attempts." in page and re.search(r"try again after \d\d:\d\d", page)
    # the lock expires (simulated by deleting its key): the right password works again
    cache.delete(throttle.lock_key(throttle.account_key(user.email)))
    assert login(Client(), user.email, PASSWORD).status_code == 302


def test_failures_outside_the_window_do_not_add_up():
    user = person("public", device=False)
    for i in range(4):
        login(Client(), user.email, "wrong")
    cache.delete(throttle.failures_key(throttle.account_key(user.email)))  # as if the window passed
    assert [r.status_code for r in lock_out(user.email)][:4] == [200, 200, 200, 200]


def test_success_clears_the_account_counter_and_unknown_emails_lock_alike():
    user = person("public", device=False)
    for _ in range(4):
        login(Client(), user.email, "wrong")
    assert login(Client(), user.email, PASSWORD).status_code == 302
    assert cache.get(throttle.failures_key(throttle.account_key(user.email))) is None
    assert login(Client(), user.email, "wrong").status_code == 200  # counting starts again
    # an address nobody registered locks after five failures exactly like a real account
    assert lock_out("ghost@example.org")[-1].status_code == 429


def test_many_accounts_from_one_address_lock_the_address(settings):
    settings.ACCOUNTS_ADDRESS_FAILURES = 6
    user = person("public", device=False)
    for i in range(6):
        login(Client(), f"spray{i}@example.org", "password1")
    # a different, unlocked account is refused from this address now
    response = login(Client(), user.email, PASSWORD)
    assert response.status_code == 429
    assert login(Client(REMOTE_ADDR="10.9.8.7"), user.email, PASSWORD).status_code == 302


def redis_client():
    return redis_or_skip("redis://127.0.0.1:6379/15")


def test_lockout_on_redis(settings):
    r = redis_client()
    prefix = f"ot-test-{uuid.uuid4().hex[:10]}"
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                                   "LOCATION": "redis://127.0.0.1:6379/15", "KEY_PREFIX": prefix}}
    try:
        from django.core.cache import cache as redis_cache, caches

        assert type(caches["default"]).__name__ == "RedisCache"
        user = person("public", device=False)
        login(Client(), user.email, "wrong")
        counter = redis_cache.make_key(throttle.failures_key(throttle.account_key(user.email)))
        assert counter.startswith(prefix) and r.exists(counter)
        assert int(r.get(counter)) == 1 and 0 < r.ttl(counter) <= 15 * 60
        assert user.email.encode() not in b"".join(r.keys(f"{prefix}*"))  # no address in clear
        for _ in range(4):
            login(Client(), user.email, "wrong")
        lock = redis_cache.make_key(throttle.lock_key(throttle.account_key(user.email)))
        assert r.exists(lock) and 0 < r.ttl(lock) <= 15 * 60
        assert login(Client(), user.email, PASSWORD).status_code == 429
        r.delete(lock)
        assert login(Client(), user.email, PASSWORD).status_code == 302
    finally:
        keys = r.keys(f"{prefix}*")
        if keys:
            r.delete(*keys)


# ---- the TOTP second step ----

def test_second_step_refuses_a_wrong_code_counts_it_and_accepts_the_right_one():
    user = person("filer")
    device = TOTPDevice.objects.get(user=user)
    client = Client()
    response = login(client, user.email, PASSWORD, next="/en/legislation/")
    assert response["Location"] == CODE
    assert "_auth_user_id" not in client.session  # not signed in before the code
    assert client.get(HOME)["Location"].startswith(LOGIN)
    wrong = f"{(int(totp_now(device)) + 1) % 1_000_000:06d}"
    page = client.post(CODE, {"code": wrong}).content.decode()
    assert 'data-testid="code-error"' in page and "_auth_user_id" not in client.session
    assert cache.get(throttle.failures_key(throttle.account_key(user.email))) == 1
    response = client.post(CODE, {"code": totp_now(device)})
    assert response["Location"] == "/en/legislation/"
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    home = client.get(HOME)
    assert home.context["verified"] and 'data-state="on"' in home.content.decode()
    assert cache.get(throttle.failures_key(throttle.account_key(user.email))) is None


def test_five_wrong_codes_lock_the_account():
    user = person("moderator")
    device = TOTPDevice.objects.get(user=user)
    client = Client()
    login(client, user.email, PASSWORD)
    statuses = [client.post(CODE, {"code": "000000" if totp_now(device) != "000000" else "111111"}).status_code
                for _ in range(5)]
    assert statuses == [200, 200, 200, 200, 429]
    assert client.get(CODE)["Location"] == LOGIN  # the pending sign-in is dropped
    assert login(Client(), user.email, PASSWORD).status_code == 429


def test_the_code_step_expires_after_five_minutes():
    user = person("filer")
    client = Client()
    login(client, user.email, PASSWORD)
    session = client.session
    session["accounts.pending"]["at"] = time.time() - 301
    session.save()
    response = client.post(CODE, {"code": totp_now(TOTPDevice.objects.get(user=user))})
    assert response["Location"] == LOGIN and "_auth_user_id" not in client.session


def test_enrolment_shows_qr_and_secret_and_confirms_with_a_code():
    user = person("moderator", device=False)
    client = signed_in(Client(), user)
    page = client.get("/en/account/two-factor/").content.decode()
    secret = re.search(r'data-testid="totp-secret">([A-Z2-7]+)<', page).group(1)
    qr = re.search(r'data-testid="totp-qr">(.*?)</div>', page, re.S).group(1)
    assert qr.startswith("<svg ") and qr.endswith("</svg>") and "<script" not in qr
    assert client.get("/en/account/two-factor/").context["secret"] == secret  # a reload keeps the key
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    assert client.post("/en/account/two-factor/", {"code": "12345"}).context["form"].errors
    totp = TOTP(b32decode(secret), device.step, device.t0, device.digits)
    totp.time = time.time()
    response = client.post("/en/account/two-factor/", {"code": f"{totp.token():06d}", "next": "/en/lobbying/"})
    assert response["Location"] == "/en/lobbying/"
    device.refresh_from_db()
    assert device.confirmed and client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert 'data-testid="2fa-on"' in client.get("/en/account/two-factor/").content.decode()


def test_two_factor_required_sends_a_user_without_device_to_enrol():
    from django.http import HttpResponse
    from django.test import RequestFactory

    from opentenge.accounts.roles import two_factor_required

    view = two_factor_required(lambda request: HttpResponse("inside"))
    translation.activate("en")  # what LocaleMiddleware does for /en/ (RequestFactory skips middleware)
    request = RequestFactory().get("/en/lobbying/file/")
    request.user = person("filer", device=False)
    assert view(request)["Location"].startswith("/en/account/two-factor/?next=")
    request.user = person("moderator")  # a device, but a session not verified with it
    request.user.is_verified = lambda: False
    assert view(request)["Location"].startswith("/en/account/login/?next=")
    request.user.is_verified = lambda: True
    assert view(request).content == b"inside"


# ---- CSRF, cookies, mail settings ----

def test_post_without_csrf_token_is_refused():
    user = person("public", device=False)
    client = Client(enforce_csrf_checks=True)
    assert client.post(LOGIN, {"email": user.email, "password": PASSWORD}).status_code == 403
    assert client.post(SIGNUP, {"email": "x@example.org"}).status_code == 403
    page = client.get(LOGIN).content.decode()
    assert 'name="csrfmiddlewaretoken"' in page


def test_session_cookie_flags(settings):
    assert settings.SESSION_COOKIE_SECURE is (os.environ.get("OPENTENGE_SECURE_COOKIES", "1") != "0")
    settings.SESSION_COOKIE_SECURE = True  # the production default
    user = person("public", device=False)
    response = login(Client(), user.email, PASSWORD)
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"] is True and cookie["samesite"] == "Lax" and cookie["secure"] is True


def test_email_settings_from_url(tmp_path):
    from opentenge.web.mailconfig import MailConfigError, email_settings

    assert email_settings("", tmp_path) == {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
                                            "EMAIL_FILE_PATH": str(tmp_path)}
    smtp = email_settings("smtp://mail%40ngo.kz:p%3Ass@mail.ngo.kz:2525?starttls=1", tmp_path)
    assert (smtp["EMAIL_HOST"], smtp["EMAIL_PORT"], smtp["EMAIL_HOST_USER"], smtp["EMAIL_HOST_PASSWORD"]) == \
        ("mail.ngo.kz", 2525, "mail@ngo.kz", "p:ss")
    assert smtp["EMAIL_USE_TLS"] and not smtp["EMAIL_USE_SSL"]
    smtps = email_settings("smtps://relay.example", tmp_path)
    assert smtps["EMAIL_PORT"] == 465 and smtps["EMAIL_USE_SSL"] and not smtps["EMAIL_USE_TLS"]
    assert email_settings("smtp://127.0.0.1", tmp_path)["EMAIL_PORT"] == 25
    with pytest.raises(MailConfigError, match="must start with smtp:// or smtps://, not 'http'"):
        email_settings("http://mail.example", tmp_path)
    with pytest.raises(MailConfigError, match="names no host"):
        email_settings("smtp://", tmp_path)


# ---- the operators' CLI ----

def cli(*argv, stdin: str = ""):
    import sys

    from opentenge.cli import main

    old, sys.stdin = sys.stdin, io.StringIO(stdin)
    try:
        return main(list(argv))
    finally:
        sys.stdin = old


def test_cli_create_grant_revoke(capsys):
    from opentenge.accounts.roles import roles_of

    assert cli("accounts", "create", "Operator@Example.org", "--role", "moderator", "--password-stdin",
               stdin=GOOD_PASSWORD + "\n") == 0
    user = User.objects.get(username="operator@example.org")
    assert user.is_active and user.check_password(GOOD_PASSWORD) and roles_of(user) == {"public", "moderator"}
    assert cli("accounts", "create", "operator@example.org") == 1
    assert "already exists" in capsys.readouterr().err
    assert cli("accounts", "create", "weak@example.org", "--password-stdin", stdin="1234567890\n") == 1
    assert "This password is entirely numeric." in capsys.readouterr().err
    assert not User.objects.filter(username="weak@example.org").exists()
    assert cli("accounts", "create", "nopassword@example.org") == 0
    assert not User.objects.get(username="nopassword@example.org").has_usable_password()

    assert cli("accounts", "grant", "OPERATOR@example.org", "admin") == 0
    assert roles_of(User.objects.get(pk=user.pk)) == {"public", "moderator", "admin"}
    assert cli("accounts", "revoke", "operator@example.org", "moderator") == 0
    assert cli("accounts", "revoke", "operator@example.org", "admin") == 0
    assert roles_of(User.objects.get(pk=user.pk)) == {"public"}

    capsys.readouterr()
    assert cli("accounts", "grant", "stranger@example.org", "moderator") == 1
    assert "no account with the e-mail 'stranger@example.org'" in capsys.readouterr().err
    assert cli("accounts", "revoke", "stranger@example.org", "admin") == 1
    assert cli("accounts", "grant", "operator@example.org", "filer") == 2  # not grantable here
