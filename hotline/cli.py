"""The `hotline` command: the Flask CLI plus db, roster, oncall, triage and worker commands."""

from __future__ import annotations

import dataclasses
import json
import sys
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import click
from flask.cli import FlaskGroup, with_appcontext

from hotline.infra import config as settings


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

    try:
        doc = rosters.read_document(file.read())
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
            click.echo(f"{file.name}: {problem}", err=True)
        click.echo(f"roster not imported: {len(error.problems)} problem(s)", err=True)
        sys.exit(1)
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
@click.option("--category", required=True,
              type=click.Choice(["mental_health", "substance_use", "safety_planning"]))
@click.option("--at", "at", help="ISO time; wall-clock in the roster's timezone without offset")
@click.option("--line", "number", help="the line's Twilio number (default HOTLINE_NUMBER)")
@with_appcontext
def oncall(category, at, number) -> None:
    """Print who is on call for a category, now or at a given time."""
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
    names = on_call(roster, category, moment)
    click.echo(json.dumps({"category": category, "at": moment.astimezone(zone).isoformat(),
                           "on_call": names}, ensure_ascii=False))


@cli.command("triage", context_settings={"ignore_unknown_options": False})
@click.argument("text", required=False)
def triage_command(text) -> None:
    """Print how the line triages TEXT (or each line of standard input) as JSON."""
    from routing.triage import triage

    texts = [text] if text is not None else (line.rstrip("\n") for line in sys.stdin)
    for item in texts:
        click.echo(json.dumps(dataclasses.asdict(triage(item)), ensure_ascii=False))


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


def main() -> None:
    """Entry point of the `hotline` console script."""
    cli(prog_name="hotline")
