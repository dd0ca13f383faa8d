"""Cover from the console: the form a responder fills in on their own page, or a coordinator
on a line's Shifts page, read in the line's timezone and made into the same cover request a
texted COVER makes (`hotline.shifts.asking`), in one transaction with its audit entry; and
the rows those pages show. People are named, never their numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import Session, select

from hotline.cases import rosters
from hotline.cases.work import unit_of_work
from hotline.console.guard import client_address
from hotline.console.text import t
from hotline.infra import audit
from hotline.infra.models import Line, Responder, utcnow
from hotline.infra.shift_records import CoverRequest
from hotline.shifts import asking, cover, gaps
from routing.shift_plan import Turn

WALL = ("%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M:%S")


@dataclass
class Posted:
    """One cover form as posted: the shift chosen, the times typed (empty: the shift's own),
    and the problem with each field."""

    shift: str = ""
    start: str = ""
    end: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, form) -> Posted:
        """The form's fields as posted (not yet checked)."""
        return cls(form.get("shift", "").strip(), form.get("from", "").strip(),
                   form.get("to", "").strip())


def zone_of(line: Line) -> ZoneInfo:
    """The line's timezone: every time on these pages and forms is on its clock."""
    return ZoneInfo(rosters.roster_of(line).timezone)


def moment(when: datetime, zone: ZoneInfo) -> str:
    """A time as the pages show it: "Sat 2026-03-07 20:00" on the line's clock."""
    local = when.astimezone(zone)
    return f"{t('day_' + str(local.weekday()))} {local:%Y-%m-%d %H:%M}"


def typed_example(when: datetime, zone: ZoneInfo) -> str:
    """A time written as the form takes it: "2026-03-07 20:00"."""
    return f"{when.astimezone(zone):%Y-%m-%d %H:%M}"


UNDER_WAY = 0  # a token's start for the turn under way now (its start moves with the clock)


def under_way(turn: Turn, now: datetime) -> bool:
    return turn.start <= now


def _start_key(turn: Turn, now: datetime) -> int:
    return UNDER_WAY if under_way(turn, now) else int(turn.start.timestamp())


def token(responder_id: int, turn: Turn, now: datetime) -> str:
    """What a form sends to name one turn: "12.mental_health.1772942400", or with 0 for the
    turn of that need under way now."""
    return f"{responder_id}.{turn.category}.{_start_key(turn, now)}"


def _open_ended(turn: Turn, now: datetime) -> bool:
    """A turn running past the days shown (someone on call for weeks): pages say so rather
    than name the edge of the schedule read."""
    return turn.end >= now + timedelta(days=asking.DAYS)


def _until(turn: Turn, now: datetime, zone: ZoneInfo) -> str:
    """When a turn ends, as a page says it."""
    return t("beyond_days", n=asking.DAYS) if _open_ended(turn, now) else moment(turn.end, zone)


def _choice(turn: Turn, now: datetime, zone: ZoneInfo) -> str:
    """A turn as the coordinator's list names it."""
    what = f"{turn.name} · {t('category_' + turn.category)} · "
    if not under_way(turn, now):
        return what + f"{moment(turn.start, zone)} – {_until(turn, now, zone)}"
    if _open_ended(turn, now):
        return what + t("underway_open", n=asking.DAYS)
    return what + t("underway_until", end=moment(turn.end, zone))


def next_hour(now: datetime) -> datetime:
    return now.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)


def read_token(value: str) -> tuple[int, str, int] | None:
    """(responder id, need, start in epoch seconds), or None for anything else."""
    parts = value.split(".")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[2].isdigit():
        return None
    return int(parts[0]), parts[1], int(parts[2])


def _chosen(line: Line, responder: Responder, chosen: tuple[int, str, int] | None,
            now: datetime) -> Turn | None:
    """The responder's turn the form's token names, if it is still on the schedule."""
    for turn in asking.upcoming(line, now, responder.name):
        if chosen == (responder.id, turn.category, _start_key(turn, now)):
            return turn
    return None


def turn_rows(line: Line, responder: Responder, now: datetime) -> list[dict]:
    """Each of the responder's turns over the next days, with the cover form's token and
    hint. For a turn under way, cover is asked for a part of it still to come."""
    zone = zone_of(line)
    rows = []
    for turn in asking.upcoming(line, now, responder.name):
        row = {"category": t("category_" + turn.category), "from": moment(turn.start, zone),
               "to": _until(turn, now, zone), "token": token(responder.id, turn, now)}
        row["key"] = row["token"].replace(".", "-")
        if under_way(turn, now):
            row["hint"] = t("cover_underway_hint")
            row["example"] = t("cover_time_hint", example=typed_example(next_hour(now), zone))
        else:
            row["hint"] = t("cover_span_hint", start=row["from"], end=row["to"])
            row["example"] = t("cover_time_hint", example=typed_example(turn.start, zone))
        rows.append(row)
    return rows


def request_rows(session: Session, line: Line, requests: list[CoverRequest]) -> list[dict]:
    """Each request as a page shows it: code, whose shift, need, span and status."""
    zone = zone_of(line)
    names = {r.id: r.name for r in session.exec(select(Responder).where(
        Responder.line_id == line.id))}
    return [{"id": r.id, "code": r.code, "whose": names.get(r.requester_id, ""),
             "category": t("category_" + r.category), "from": moment(r.starts_at, zone),
             "to": moment(r.ends_at, zone), "open": r.status == "open",
             "status": t("cover_open") if r.status == "open"
             else t("cover_taken_by", name=names.get(r.taker_id, ""))} for r in requests]


def line_view(session: Session, line: Line, now: datetime) -> dict:
    """The Shifts page of a line: its gaps, its current requests, and every turn not yet
    started that cover may be asked for."""
    zone = zone_of(line)
    by_name = rosters.responders_by_name(session, line)
    turns = [turn for turn in asking.upcoming(line, now) if turn.name in by_name]
    return {
        "gaps": [{"category": t("category_" + gap.category), "from": moment(gap.start, zone),
                  "to": moment(gap.end, zone)} for gap in gaps.upcoming(line, now)],
        "requests": request_rows(session, line, cover.current(session, line.id, now)),
        "choices": [(token(by_name[turn.name].id, turn, now), _choice(turn, now, zone))
                    for turn in turns],
        "timezone": rosters.roster_of(line).timezone, "days": asking.DAYS,
        "example": t("cover_time_hint", example=typed_example(next_hour(now), zone)),
    }


def _typed(posted: Posted, name: str, zone: ZoneInfo, example: str) -> datetime | None:
    """A time typed on the line's clock; None when left empty (or not a time: then the
    field's problem is noted)."""
    value = posted.start if name == "from" else posted.end
    if not value:
        return None
    for pattern in WALL:
        try:
            return datetime.strptime(value, pattern).replace(tzinfo=zone)
        except ValueError:
            continue
    posted.errors[name] = t("cover_bad_time", example=example)
    return None


def submit(line: Line, responder: Responder, posted: Posted, actor: str,
           for_them: bool) -> str | None:
    """Make the request the form asks for, audited as `actor`: the message to show, or None
    with `posted.errors` saying what to fix (and nothing changed)."""
    now, zone = utcnow(), zone_of(line)
    turn = _chosen(line, responder, read_token(posted.shift), now)
    if turn is None:
        posted.errors["shift"] = t("cover_no_shift")
        return None
    example = typed_example(next_hour(now) if under_way(turn, now) else turn.start, zone)
    start = _typed(posted, "from", zone, example) or turn.start
    end = _typed(posted, "to", zone, example) or turn.end
    if under_way(turn, now):  # its start is now and its end may lie past the schedule shown
        for name, typed in (("from", posted.start), ("to", posted.end)):
            if not typed:
                posted.errors.setdefault(name, t("cover_underway_need", example=example))
    if posted.errors:
        return None
    try:
        with unit_of_work() as uow:
            made, asked = asking.request(uow, uow.session.get(Responder, responder.id),
                                         turn.category, start, end, for_them)
            audit.record(uow.session, actor, "shift_cover_requested", f"cover {made.code}",
                         ip=client_address(), line=line.id, rotation=made.rotation,
                         category=made.category, responder=responder.name,
                         start=made.starts_at.isoformat(), end=made.ends_at.isoformat())
            code = made.code
    except asking.CoverRefused as refused:
        _refused(posted, refused, turn, start, end, zone)
        return None
    if not asked:
        return t("cover_nobody_done", code=code)
    if for_them:
        return t("cover_asked_for_done", code=code, count=asked, name=responder.name)
    return t("cover_asked_done", code=code, count=asked)


def _refused(posted: Posted, refused: asking.CoverRefused, turn: Turn, start: datetime,
             end: datetime, zone: ZoneInfo) -> None:
    """Put the reason a request was refused beside the field that caused it."""
    if refused.reason == "order":
        posted.errors["to"] = t("cover_order")
    elif refused.reason == "past":
        posted.errors["from"] = t("cover_past")
    elif refused.reason == "open":
        posted.errors["shift"] = t("cover_open_already", code=refused.request.code)
    else:
        outside = t("cover_outside", start=moment(turn.start, zone), end=moment(turn.end, zone))
        if posted.start and not turn.start <= start < turn.end:
            posted.errors["from"] = outside
        if posted.end and not turn.start < end <= turn.end:
            posted.errors["to"] = outside
        if not posted.errors:
            posted.errors["shift"] = t("cover_no_shift")


def cancel(account_email: str, own_ids: set[int], request_id: int) -> str | None:
    """Withdraw a request of one of the account's roster entries (`own_ids`), as texting
    CANCEL does: the message to show, or None when the request is not theirs."""
    with unit_of_work() as uow:
        found = uow.session.get(CoverRequest, request_id)
        if found is None or found.requester_id not in own_ids:
            return None
        if found.status not in ("open", "taken"):
            return t("cover_cancel_none", code=found.code)
        responder = uow.session.get(Responder, found.requester_id)
        outcome = cover.cancel(uow, responder, found.code)
        if outcome == "cancelled":
            audit.record(uow.session, account_email, "shift_cover_cancelled",
                         f"cover {found.code}", ip=client_address(), line=found.line_id,
                         category=found.category, responder=responder.name,
                         start=found.starts_at.isoformat(), end=found.ends_at.isoformat())
            return t("cover_cancelled_done", code=found.code)
        if outcome == "taken":
            taker = uow.session.get(Responder, found.taker_id)
            return t("cover_cancel_taken", code=found.code, name=taker.name)
        return t("cover_cancel_none", code=found.code)
