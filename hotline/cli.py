"""The `hotline` command: the Flask CLI plus db, roster, oncall, triage, worker, feeds and
shifts commands."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import click
from flask.cli import FlaskGroup, with_appcontext

from hotline.console import commands as console_commands
from hotline.infra import config as settings
from hotline.shifts import cli as shift_commands
from routing.roster import CATEGORIES


def _create_app():
    from hotline.app import create_app

    try:
        return create_app()
    except settings.ConfigError as error:
        click.echo(f"hotline: refusing to start: {error}", err=True)
        sys.exit(1)


@click.group(cls=FlaskGroup, create_app=_create_app, add_version_option=False)
def cli() -> None:
    """The community crisis line."""


@cli.group()
def db() -> None:
    """The database."""


@db.command("upgrade")
@with_appcontext
def db_upgrade() -> None:
    """Apply the migrations."""
    from hotline.infra.migrate import upgrade

    upgrade()
    click.echo("database is up to date")


@cli.group()
def roster() -> None:
    """The line's roster of responders, rotations and hours."""


@roster.command("import")
@click.argument("file", type=click.File("r", encoding="utf-8"))
@click.option("--line", "number", help="the line's Twilio number (default HOTLINE_NUMBER)")
@with_appcontext
def roster_import(file, number) -> None:
    """Replace the roster with FILE (YAML or JSON); a file with any problem changes nothing."""
    from hotline.cases import rosters
    from hotline.dispatch import handover
    from hotline.infra.db import transaction
    from routing.roster import RosterError
    from routing.roster_warnings import check_roster

    lines: dict[str, int] = {}

    def where(problem: str) -> str:
        line = rosters.line_of(problem, lines)
        return f"{file.name}:{line}" if line else file.name

    try:
        doc, lines = rosters.read_located(file.read())
        with transaction() as session:
            roster = rosters.import_roster(session, doc, number)
        handover.hand_on_from_removed()
        with transaction() as session:
            try:
                rosters.publish_resources(session)
            except Exception as error:  # Redis away: the worker's sweep publishes them later
                click.echo(f"resources not yet published for the fallback: {error}", err=True)
    except RosterError as error:
        for problem in error.problems:
            click.echo(f"{where(problem)}: {problem}", err=True)
        click.echo(f"roster not imported: {len(error.problems)} problem(s)", err=True)
        sys.exit(1)
    for warning in check_roster(roster):
        click.echo(f"{where(warning)}: warning: {warning}", err=True)
    click.echo(f"roster imported: {len(roster.responders)} responders, "
               f"{len(roster.rotations)} rotations")


@roster.command("export")
@click.option("--line", "number", help="the line's Twilio number (default HOTLINE_NUMBER)")
@with_appcontext
def roster_export(number) -> None:
    """Print the roster in the format `roster import` reads."""
    from hotline.cases import rosters
    from hotline.infra.db import transaction

    with transaction() as session:
        click.echo(rosters.export_roster(session, number), nl=False)


@cli.command("oncall")
@click.option("--category", type=click.Choice(CATEGORIES),
              help="one category (default: every category)")
@click.option("--at", "at", help="ISO time; wall-clock in the roster's timezone without offset")
@click.option("--week", is_flag=True, help="the shifts of the 7 days from now (or --at)")
@click.option("--json", "as_json", is_flag=True, help="JSON, one object a line")
@click.option("--line", "number", help="the line's Twilio number (default HOTLINE_NUMBER)")
@with_appcontext
def oncall(category, at, week, as_json, number) -> None:
    """Print who is on call, now or at a given time, or shift by shift for a week."""
    from hotline.cases import rosters
    from hotline.infra.db import transaction
    from routing.oncall import on_call, wall_to_instant

    with transaction() as session:
        roster = rosters.roster_of(rosters.line_for(session, number))
    zone = ZoneInfo(roster.timezone)
    if at:
        try:
            moment = datetime.fromisoformat(at)
        except ValueError:
            raise click.BadParameter(f"not an ISO time: {at!r}", param_hint="--at") from None
        if moment.tzinfo is None:
            moment = wall_to_instant(moment, zone)
    else:
        moment = datetime.now(UTC)
    categories = [category] if category else list(CATEGORIES)
    if week:
        _print_week(roster, categories, moment, as_json)
    elif as_json or category:  # one JSON object a category, as scripts read it
        for name in categories:
            click.echo(json.dumps({"category": name, "at": moment.astimezone(zone).isoformat(),
                                   "on_call": on_call(roster, name, moment)},
                                  ensure_ascii=False))
    else:
        click.echo(f"On call at {_when(moment, zone)} ({roster.timezone}):")
        width = max(map(len, categories))
        for name in categories:
            names = on_call(roster, name, moment)
            click.echo(f"  {name:<{width}}  {', '.join(names) or _nobody(roster, moment)}")


def _print_week(roster, categories, moment, as_json) -> None:
    """The shifts of the 7 days from `moment`, one table a category (or JSON lines)."""
    from routing.oncall import wall_to_instant
    from routing.schedule import stretches

    zone = ZoneInfo(roster.timezone)
    end = wall_to_instant(moment.astimezone(zone).replace(tzinfo=None) + timedelta(days=7), zone)
    if not as_json:
        click.echo(f"On call from {_when(moment, zone)} to {_when(end, zone)} "
                   f"({roster.timezone})")
    for name in categories:
        rows = stretches(roster, name, moment, end)
        if as_json:
            for row in rows:
                click.echo(json.dumps({"category": name,
                                       "from": row.start.astimezone(zone).isoformat(),
                                       "to": row.end.astimezone(zone).isoformat(),
                                       "on_call": list(row.names), "open": row.open},
                                      ensure_ascii=False))
            continue
        click.echo(f"\n{name}")
        click.echo(f"  {'from':<20}  {'to':<20}  on call")
        for row in rows:
            who = ", ".join(row.names) if row.names else (
                "line closed" if not row.open else "nobody")
            click.echo(f"  {_when(row.start, zone):<20}  {_when(row.end, zone):<20}  {who}")


def _when(moment: datetime, zone: ZoneInfo) -> str:
    """A time as people read a rota: "Fri 27 Nov 20:00 PST"."""
    local = moment.astimezone(zone)
    return f"{local:%a} {local.day} {local:%b %H:%M %Z}"


def _nobody(roster, moment: datetime) -> str:
    from routing.oncall import is_open, next_opening

    if is_open(roster, moment):
        return "nobody"
    opens = next_opening(roster, moment)
    zone = ZoneInfo(roster.timezone)
    return "nobody: the line is closed" + (f" until {_when(opens, zone)}" if opens else "")


@cli.command("triage", with_appcontext=False)
@click.argument("text", required=False)
@click.option("--table", is_flag=True, help="a table with each text beside its answer")
def triage_command(text, table) -> None:
    """Print how the line triages TEXT (or each line of standard input) as JSON, or a table."""
    from routing.triage import triage

    texts = [text] if text is not None else (line.rstrip("\n") for line in sys.stdin)
    if table:
        click.echo(f"{'category':<15}  {'urgent':<6}  lang  {'text':<40}  why")
    for item in texts:
        answer = triage(item)
        if not table:
            click.echo(json.dumps(dataclasses.asdict(answer), ensure_ascii=False))
            continue
        urgent = "yes" if answer.urgent else "no"
        click.echo(f"{answer.category or 'unclear':<15}  {urgent:<6}  {answer.language:<4}  "
                   f"{item:<40}  {answer.why}")


@cli.command("worker")
@click.option("--burst", is_flag=True, help="stop when the queue is empty")
@with_appcontext
def worker(burst) -> None:
    """Run a queue worker with the scheduler (timeouts, retries, check-ins)."""
    from hotline.worker.run import run

    run(burst=burst)


@cli.group()
def keys() -> None:
    """The DATA_KEY that encrypts numbers and messages at rest."""


@keys.command("rotate")
@with_appcontext
def keys_rotate() -> None:
    """Re-encrypt everything with DATA_KEY's first key (DATA_KEY="new,old", then "new")."""
    from hotline.privacy.keys import rotate_all

    counts = rotate_all()
    click.echo("re-encrypted: " + ", ".join(f"{n} {t}" for t, n in counts.items()))


@cli.command("sweep")
@with_appcontext
def sweep_command() -> None:
    """Enqueue again any work the queue lost."""
    from hotline.worker.sweep import sweep

    click.echo(json.dumps(sweep()))


cli.add_command(console_commands.users)
cli.add_command(console_commands.audit)
cli.add_command(console_commands.lines)
cli.add_command(shift_commands.feeds_group, "feeds")
cli.add_command(shift_commands.shifts_group, "shifts")


def main() -> None:
    """Entry point of the `hotline` console script."""
    cli(prog_name="hotline")
