"""`hotline feeds ...` (issue, revoke and list calendar feeds) and `hotline shifts ...` (plan
reminders, show or send the gap summary) for coordinators at the command line."""

from __future__ import annotations

import functools
import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from sqlmodel import select

from hotline.cases import rosters
from hotline.infra.db import transaction
from hotline.infra.models import Responder
from hotline.infra.shift_records import CalendarFeed
from hotline.shifts import feeds, gaps, reminders

LINE_OPTION = click.option("--line", "number",
                           help="the line's Twilio number (default HOTLINE_NUMBER)")


def _responder(session, line, name: str | None) -> Responder | None:
    if name is None:
        return None
    found = rosters.responders_by_name(session, line).get(name)
    if found is None:
        click.echo(f'no responder named "{name}" on the roster of {line.number}', err=True)
        sys.exit(2)
    return found


def _whose_feed(command):
    """A feed command's options: whose feed (one responder's, or the team's), and the line.
    The command gets the session, the line and the responder (None: the team), and returns
    what to print once its transaction is committed."""

    @click.option("--responder", help="the responder's name as the roster writes it")
    @click.option("--team", is_flag=True, help="the whole line's feed, for coordinators")
    @LINE_OPTION
    @with_appcontext
    @functools.wraps(command)
    def run(responder, team, number) -> None:
        if bool(responder) == team:
            click.echo("say whose feed: --responder NAME or --team", err=True)
            sys.exit(2)
        with transaction() as session:
            line = rosters.line_for(session, number)
            said = command(session, line, _responder(session, line, responder))
        click.echo(said)

    return run


@click.group()
def feeds_group() -> None:
    """Calendar feeds of shifts: a secret URL per responder, and one per line."""


@feeds_group.command("issue")
@_whose_feed
def issue(session, line, responder) -> str:
    """Make a new secret feed URL and print it (it is shown only this once)."""
    token = feeds.issue(session, line, responder)
    return (current_app.config.get("PUBLIC_URL") or "").rstrip("/") + feeds.PATH.format(token=token)


@feeds_group.command("revoke")
@_whose_feed
def revoke(session, line, responder) -> str:
    """Revoke every live feed of a responder (or the team's): their URLs stop working."""
    return f"{feeds.revoke(session, line, responder)} feed(s) revoked"


@feeds_group.command("list")
@LINE_OPTION
@with_appcontext
def list_feeds(number) -> None:
    """The line's live feeds: whose, and since when (never the URL)."""
    with transaction() as session:
        line = rosters.line_for(session, number)
        names = {r.id: r.name for r in session.exec(
            select(Responder).where(Responder.line_id == line.id))}
        for feed in session.exec(select(CalendarFeed).where(
                CalendarFeed.line_id == line.id, CalendarFeed.revoked_at.is_(None))
                .order_by(CalendarFeed.id)):
            whose = names.get(feed.responder_id, "?") if feed.responder_id else "team"
            click.echo(f"{whose}  since {feed.created_at:%Y-%m-%d %H:%M} UTC")


@click.group()
def shifts_group() -> None:
    """Shift reminders and the gap watch."""


@shifts_group.command("plan")
@with_appcontext
def plan() -> None:
    """Plan the reminders due soon now (the worker does this every few minutes)."""
    click.echo(f"{reminders.plan()} reminder(s) planned")


@shifts_group.command("gaps")
@click.option("--send", is_flag=True, help="text the coordinators the summary now")
@LINE_OPTION
@with_appcontext
def show_gaps(send, number) -> None:
    """The next 14 days' hours inside line hours with nobody on call."""
    if send:
        click.echo(f"{gaps.watch()} line(s) with gaps: coordinators texted")
        return
    with transaction() as session:
        line = rosters.line_for(session, number)
        found = gaps.upcoming(line)
        click.echo(gaps.summary(line, found, "en") if found else "no gaps in the next 14 days")
