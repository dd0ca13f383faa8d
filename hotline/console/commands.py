"""`hotline users ...` (invitations; there is no open sign-up), `hotline lines ...` and
`hotline audit verify`."""

from __future__ import annotations

import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlmodel import select

from hotline.infra.accounts import ROLES, Account


@click.group()
def users() -> None:
    """Console accounts."""


@users.command("invite")
@click.argument("email")
@click.option("--role", type=click.Choice(ROLES), required=True)
@click.option("--line", "number", help="the line's Twilio number (default: every line for an "
              "admin, HOTLINE_NUMBER's line for anyone else)")
@click.option("--responder", "name", help="a responder's name on the line's roster: their "
              "account shows their shifts (on every line with the same phone)")
@with_appcontext
def invite(email, role, number, name) -> None:
    """Invite EMAIL: prints a one-time link, valid for 24 hours, to set a password."""
    from hotline.cases import rosters
    from hotline.console import accounts
    from hotline.infra import audit
    from hotline.infra.db import transaction

    with transaction() as session:
        line_id = None
        if number or role != "admin":
            line = rosters.line_for(session, number)
            if number and line.number != number:
                click.echo(f"hotline: no line {number}", err=True)
                sys.exit(1)
            line_id = line.id
        responder_id = None
        if name:
            responder = rosters.responders_by_name(session, line).get(name) \
                if role == "responder" else None
            if responder is None:
                click.echo(f"hotline: --responder needs --role responder and a name on the "
                           f"line's roster, not {name!r}", err=True)
                sys.exit(1)
            responder_id = responder.id
        try:
            account, token = accounts.invite(session, email, role, line_id, responder_id)
        except accounts.AccountError as error:
            click.echo(f"hotline: {error}", err=True)
            sys.exit(1)
        audit.record(session, audit.CLI_ACTOR, "invite_created", subject=account.email,
                     role=role, line=line_id)
    origin = current_app.config.get("PUBLIC_URL") or "http://127.0.0.1:5000"
    click.echo(f"{origin}/console/invite/{token}")
    click.echo(f"Send this link to {account.email} privately; it works once, within "
               f"{accounts.INVITE_HOURS} hours.", err=True)


DEMO_EMAIL = "coordinator@demo.example"


def _demo_only() -> None:
    if current_app.config["HOTLINE_ENV"] != "development":
        click.echo("hotline: the demo account exists only in development (scripts/demo)",
                   err=True)
        sys.exit(1)


@users.command("demo")
@with_appcontext
def demo_account() -> None:
    """Development only: set up the demo coordinator afresh and print how to sign in."""
    from hotline.cases import rosters
    from hotline.console import accounts
    from hotline.infra import audit
    from hotline.infra.db import transaction

    _demo_only()
    with transaction() as session:
        line = rosters.line_for(session)
        account, password = accounts.demo_account(session, DEMO_EMAIL, line.id)
        audit.record(session, audit.CLI_ACTOR, "demo_account_set", subject=account.email,
                     line=line.id)
        secret = account.totp_secret
    origin = current_app.config.get("PUBLIC_URL") or "http://127.0.0.1:5000"
    click.echo(f"console:  {origin}/console/   (a coordinator of line {line.number})")
    click.echo(f"email:    {DEMO_EMAIL}")
    click.echo(f"password: {password}")
    click.echo(f"TOTP key: {secret}   (add it to an authenticator app, or get a code with: "
               "HOTLINE_ENV=development scripts/hotline users demo-code)")


@users.command("demo-code")
@with_appcontext
def demo_code() -> None:
    """Development only: a sign-in code for the demo coordinator, instead of an app."""
    from hotline.console import accounts
    from hotline.infra.db import transaction

    _demo_only()
    with transaction() as session:
        account = session.exec(select(Account).where(Account.email == DEMO_EMAIL)).first()
        if account is None or not account.totp_secret:
            click.echo("hotline: no demo account yet: run scripts/demo", err=True)
            sys.exit(1)
        click.echo(accounts.fresh_code(account))


@users.command("list")
@with_appcontext
def list_users() -> None:
    """Every account: email, role, line, state."""
    from hotline.infra.db import transaction
    from hotline.infra.models import Line

    with transaction() as session:
        numbers = {line.id: line.number for line in session.exec(select(Line))}
        for account in session.exec(select(Account).order_by(Account.email)):
            state = ("deactivated" if not account.active else
                     "invited" if account.password_hash is None else "active")
            click.echo(f"{account.email}  {account.role}  "
                       f"{numbers.get(account.line_id, 'every line')}  {state}")


@click.group()
def lines() -> None:
    """The lines: one Twilio number each, with its own roster and coordinators."""


@lines.command("add")
@click.argument("number")
@click.option("--name", required=True, help="what the console calls the line")
@click.option("--timezone", required=True, help="the roster's time zone, e.g. America/Chicago")
@with_appcontext
def add_line(number, name, timezone) -> None:
    """Add the line of Twilio number NUMBER (or rename one and set its timezone)."""
    from hotline.cases import rosters
    from hotline.infra import audit
    from hotline.infra.db import transaction
    from routing.roster import RosterError

    try:
        with transaction() as session:
            line, new = rosters.add_line(session, number, name, timezone)
            audit.record(session, audit.CLI_ACTOR, "line_added", subject=line.name,
                         line=line.id, timezone=timezone, new=new)
    except RosterError as error:
        for problem in error.problems:
            click.echo(f"hotline: {problem}", err=True)
        sys.exit(1)
    click.echo(f"line {'added' if new else 'updated'}: {line.number}  {line.name}  {timezone}")
    if new:
        click.echo(f"Next: hotline roster import FILE --line {line.number}, and point the "
                   "number's webhooks at this server.", err=True)


@lines.command("list")
@with_appcontext
def list_lines() -> None:
    """Every line: number, name, timezone, responders."""
    from hotline.cases import rosters
    from hotline.infra.db import transaction
    from hotline.infra.models import Line

    with transaction() as session:
        for line in session.exec(select(Line).order_by(Line.number)):
            roster = rosters.roster_of(line)
            click.echo(f"{line.number}  {line.name or '(no name)'}  {roster.timezone}  "
                       f"{len(roster.responders)} responders")


@click.group()
def audit() -> None:
    """The console's audit log."""


@audit.command("verify")
@with_appcontext
def verify() -> None:
    """Check the audit log's hash chain: exits 1 naming each entry edited or removed."""
    from hotline.infra import audit as log
    from hotline.infra.accounts import AuditEntry
    from hotline.infra.db import transaction

    with transaction() as session:
        problems = log.verify(session)
        count = len(session.exec(select(AuditEntry.id)).all())
    for problem in problems:
        click.echo(problem, err=True)
    if problems:
        click.echo(f"audit log NOT intact: {len(problems)} problem(s) in {count} entries",
                   err=True)
        sys.exit(1)
    click.echo(f"audit log intact: {count} entries")
