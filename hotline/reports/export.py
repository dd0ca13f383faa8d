"""A report as CSV: one row a figure, `section,item,value`, with hidden counts as "<5" or
"5+" exactly as the page shows them. Times are whole seconds."""

from __future__ import annotations

import csv
import io

from hotline.reports.figures import Report, Times


def cell(value: object) -> str:
    """A value safe to open in a spreadsheet (no formula from a responder's name)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def seconds(value: float | None) -> str:
    return "" if value is None else str(round(value))


def rows(report: Report) -> list[tuple[str, str, str]]:
    """Every figure of the report, in the page's order."""
    found = [("span", "from", report.first.isoformat()), ("span", "to", report.last.isoformat()),
             ("span", "timezone", report.timezone), ("contacts", "total", report.contacts.text)]
    for section, group in (("by_day", {d.isoformat(): c for d, c in report.by_day.items()}),
                           ("by_hour", {f"{h:02d}": c for h, c in report.by_hour.items()}),
                           ("by_category", report.by_category),
                           ("by_language", report.by_language),
                           ("by_channel", report.by_channel),
                           ("outcome", report.outcomes),
                           ("time_to_answer", report.to_answer),
                           ("consent", report.consent),
                           ("checkins", report.checkins)):
        found += [(section, str(key), count.text) for key, count in group.items()]
    for section, times in (("time_to_first_offer", report.to_first_offer),
                           ("time_to_acceptance", report.to_acceptance)):
        found += timing(section, times)
    for name, row in report.responders.items():
        found += [(f"responder_{key}", name, count.text) for key, count in row.items()]
    return found


def timing(section: str, times: Times) -> list[tuple[str, str, str]]:
    return [(section, "cases", times.cases.text),
            (section, "median_seconds", seconds(times.median)),
            (section, "p90_seconds", seconds(times.p90))]


def to_csv(report: Report) -> str:
    """The report as CSV text."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(("section", "item", "value"))
    writer.writerows(tuple(cell(v) for v in row) for row in rows(report))
    return out.getvalue()
