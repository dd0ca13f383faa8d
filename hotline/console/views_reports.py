"""A line's report over a span of days, as a page with two charts and as CSV (coordinators of
that line, and admins). Aggregates only: counts under 5 read "<5" (see hotline/reports).
A CSV export, the figures leaving the console, is written to the audit log."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Response, g, render_template, request
from markupsafe import Markup

from hotline.cases import rosters
from hotline.console.blueprint import bp
from hotline.console.guard import allow, client_address, visible_line
from hotline.console.text import t
from hotline.infra import audit, db
from hotline.infra.models import Line, utcnow
from hotline.reports import charts, export, figures

DEFAULT_DAYS = 30


class BadSpan(ValueError):
    """Dates that do not make a span a report can cover."""


def _span(line: Line) -> tuple[date, date]:
    """The days asked for (`from`, `to`, YYYY-MM-DD), else the last 30 days up to today."""
    today = utcnow().astimezone(ZoneInfo(rosters.roster_of(line).timezone)).date()
    try:
        last = _day(request.args.get("to")) or today
        first = _day(request.args.get("from")) or last - timedelta(days=DEFAULT_DAYS - 1)
    except ValueError as error:
        raise BadSpan from error
    if first > last or (last - first).days >= figures.MAX_DAYS:
        raise BadSpan
    return first, last


def _day(value: str | None) -> date | None:
    return datetime.strptime(value.strip(), "%Y-%m-%d").date() if value and value.strip() \
        else None


def duration(seconds: float | None) -> str:
    """A time as people read it: "45 s", "3 min 20 s", "2 h 5 min"."""
    if seconds is None:
        return t("too_few")
    seconds = round(seconds)
    if seconds < 60:
        return t("age_seconds", n=seconds)
    if seconds < 3600:
        return t("age_minutes", n=seconds // 60) + (f" {seconds % 60} s" if seconds % 60 else "")
    return t("age_hours", h=seconds // 3600, m=seconds % 3600 // 60)


def _charts(report: figures.Report) -> dict[str, Markup]:
    hours = [f"{h:02d}" for h in report.by_hour]
    waits = [label for label, _, _ in figures.WAITS]
    return {
        "hours": Markup(charts.bars("by-hour", t("chart_hours"), t("chart_hours_desc"), hours,
                                    list(report.by_hour.values()), every=3)),
        "waits": Markup(charts.bars("waits", t("chart_waits"), t("chart_waits_desc"), waits,
                                    list(report.to_answer.values()))),
    }


def _tables(report: figures.Report) -> dict[str, list[tuple[str, object]]]:
    """The breakdowns as (label, count) rows, in the reader's language."""
    return {
        "by_hour": [(f"{h:02d}:00", c) for h, c in report.by_hour.items()],
        "waits": list(report.to_answer.items()),
        "by_category": [(t("category_" + k), c) for k, c in report.by_category.items()],
        "by_language": [(t("language_" + k), c) for k, c in report.by_language.items()],
        "by_channel": [(t("channel_" + k), c) for k, c in report.by_channel.items()],
        "by_day": [(d.isoformat(), c) for d, c in report.by_day.items()],
        "checkins": [(t("consent_" + k), c) for k, c in report.consent.items()]
        + [(t("checkins_" + k), c) for k, c in report.checkins.items()],
    }


@bp.get("/console/lines/<int:line_id>/reports")
@allow("coordinator")
def report_page(line_id: int):
    line = visible_line(line_id)
    try:
        first, last = _span(line)
    except BadSpan:
        return render_template("report.html", line=line, report=None, error=t("bad_span"),
                               args=request.args), 400
    with db.transaction() as tx:
        report = figures.gather(tx, line, first, last)
    return render_template("report.html", line=line, report=report, charts=_charts(report),
                           tables=_tables(report), duration=duration,
                           args={"from": first, "to": last}, error=None)


@bp.get("/console/lines/<int:line_id>/reports.csv")
@allow("coordinator")
def report_csv(line_id: int):
    line = visible_line(line_id)
    try:
        first, last = _span(line)
    except BadSpan:
        return {"error": t("bad_span")}, 400
    with db.transaction() as tx:
        report = figures.gather(tx, line, first, last)
        audit.record(tx, g.account.email, "report_exported", f"report of line {line.id}",
                     ip=client_address(), line=line.id, first=first.isoformat(),
                     last=last.isoformat())
    name = f"report-{first.isoformat()}-{last.isoformat()}.csv"
    return Response(export.to_csv(report), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
