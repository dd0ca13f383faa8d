"""`hotline users ...` (invitations; there is no open sign-up) and `hotline audit verify`."""

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
@with_appcontext
def invite(email, role, number) -> None:
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
        try:
            account, token = accounts.invite(session, email, role, line_id)
        except accounts.AccountError as error:
            click.echo(f"hotline: {error}", err=True)
            sys.exit(1)
        audit.record(session, audit.CLI_ACTOR, "invite_created", subject=account.email,
                     role=role, line=line_id)
    origin = current_app.config.get("PUBLIC_URL") or "http://127.0.0.1:5000"
    click.echo(f"{origin}/console/invite/{token}")
    click.echo(f"Send this link to {account.email} privately; it works once, within "
               f"{accounts.INVITE_HOURS} hours.", err=True)


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
