"""This app's sub-commands of ``opentenge`` (registered by opentenge.cli.build_parser).

    opentenge accounts create EMAIL [--name NAME] [--role moderator|admin] [--password-stdin]
    opentenge accounts grant EMAIL moderator|admin
    opentenge accounts revoke EMAIL moderator|admin
    opentenge accounts unlock EMAIL

Roles are granted from the command line, on the server, and not from a web page: whoever can give
themselves the moderator role through the site would own the register. ``filer`` is not granted
here: an organisation's registrant adds its filers (``lobbying.RegistrantMember``).

Exit codes: 0 done; 1 the e-mail is unknown (or already taken, for ``create``), or the password is
refused by the validators; 2 the command could not run (bad arguments, database not usable).
"""
from __future__ import annotations

import argparse
import sys

GRANTABLE = ("moderator", "admin")


def register(sub: argparse._SubParsersAction) -> None:
    """Add this app's sub-commands to the ``opentenge`` parser."""
    accounts = sub.add_parser("accounts", help="user accounts: create operators, grant and revoke roles")
    commands = accounts.add_subparsers(dest="accounts_command", required=True, metavar="COMMAND")

    p = commands.add_parser("create", help="create an active (already confirmed) account")
    p.add_argument("email")
    p.add_argument("--name", default="", help="display name (default: the part of the e-mail before @)")
    p.add_argument("--role", choices=GRANTABLE, help="grant this role at once")
    p.add_argument("--password-stdin", action="store_true",
                   help="read the password from the first line of standard input (otherwise the account "
                        "has no usable password until one is set)")
    p.set_defaults(func=cmd_create)

    for name, verb in (("grant", "give"), ("revoke", "take away")):
        p = commands.add_parser(name, help=f"{verb} the moderator or admin role")
        p.add_argument("email")
        p.add_argument("role", choices=GRANTABLE)
        p.set_defaults(func=cmd_grant if name == "grant" else cmd_revoke)

    p = commands.add_parser("unlock", help="lift a sign-in lockout for an e-mail address")
    p.add_argument("email")
    p.set_defaults(func=cmd_unlock)


def _setup():
    from opentenge.cli import _setup_django

    _setup_django()


def _find(email: str):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(username__iexact=email.strip()).first()


def _unknown(email: str) -> int:
    from opentenge.cli import EXIT_CHECK_FAILED, err

    err.print(f"[bold red]error:[/] no account with the e-mail {email!r}")
    return EXIT_CHECK_FAILED


def _set_role(user, role: str, on: bool) -> None:
    from django.contrib.auth.models import Group

    from opentenge.accounts.roles import MODERATOR

    if role == "admin":
        user.is_superuser = user.is_staff = on
        user.save(update_fields=["is_superuser", "is_staff"])
    elif on:
        user.groups.add(Group.objects.get_or_create(name=MODERATOR)[0])
    else:
        user.groups.remove(*user.groups.filter(name=MODERATOR))


def _guarded(command):
    """Run ``command`` with Django set up; a database that is not usable exits 2 with the reason."""
    def run(args: argparse.Namespace) -> int:
        from opentenge.cli import _database_problem

        _setup()
        from django.db.utils import OperationalError, ProgrammingError

        try:
            return command(args)
        except (OperationalError, ProgrammingError) as exc:
            return _database_problem(exc)

    return run


@_guarded
def cmd_create(args: argparse.Namespace) -> int:
    from django.contrib.auth import get_user_model, password_validation
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email
    from django.db import transaction

    from opentenge.accounts.forms import EMAIL_MAX, normalise_email
    from opentenge.cli import EXIT_CHECK_FAILED, EXIT_OK, _fail, err

    email = normalise_email(args.email)
    try:
        validate_email(email)
    except ValidationError:
        return _fail(f"{args.email!r} is not an e-mail address")
    if len(email) > EMAIL_MAX:
        return _fail(f"the e-mail is longer than {EMAIL_MAX} characters")
    if _find(email) is not None:
        err.print(f"[bold red]error:[/] an account with the e-mail {email!r} already exists")
        return EXIT_CHECK_FAILED
    name = " ".join(args.name.split()) or email.split("@")[0]
    password = sys.stdin.readline().rstrip("\r\n") if args.password_stdin else None
    User = get_user_model()
    if password is not None:
        try:
            password_validation.validate_password(password, User(username=email, email=email, first_name=name))
        except ValidationError as exc:
            err.print("[bold red]error:[/] password refused: " + " ".join(exc.messages))
            return EXIT_CHECK_FAILED
    with transaction.atomic():
        user = User.objects.create_user(username=email, email=email, password=password, first_name=name[:150])
        if args.role:
            _set_role(user, args.role, True)
    err.print(f"created {email}" + (f" ({args.role})" if args.role else "")
              + ("" if password is not None else "; no password set yet"))
    return EXIT_OK


@_guarded
def cmd_grant(args: argparse.Namespace) -> int:
    from opentenge.cli import EXIT_OK, err

    user = _find(args.email)
    if user is None:
        return _unknown(args.email)
    _set_role(user, args.role, True)
    err.print(f"{user.email} is now {args.role}; they need two-factor sign-in to use the role")
    return EXIT_OK


@_guarded
def cmd_revoke(args: argparse.Namespace) -> int:
    from opentenge.cli import EXIT_OK, err

    user = _find(args.email)
    if user is None:
        return _unknown(args.email)
    _set_role(user, args.role, False)
    err.print(f"{user.email} is no longer {args.role}")
    return EXIT_OK


@_guarded
def cmd_unlock(args: argparse.Namespace) -> int:
    from opentenge.accounts import throttle
    from opentenge.cli import EXIT_OK, err

    throttle.unlock(email=args.email)
    err.print(f"sign-in failures for {args.email.strip().lower()} cleared")
    return EXIT_OK
