"""Gap watch: once a day, every line's next 14 days are scanned for hours inside line hours
with nobody on call for a category the line answers, and its coordinators get one short text
that sums them up. Closed hours are not gaps. `upcoming` is what a console page shows.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from flask import current_app
from sqlmodel import Session, select

from hotline.cases import rosters
from hotline.cases.work import unit_of_work
from hotline.infra import db
from hotline.infra.models import Line, utcnow
from hotline.infra.queue import Task, Work
from hotline.infra.words import category_name, say
from hotline.shifts.texts import span, zone
from routing import shift_plan
from routing.shift_plan import Gap

log = logging.getLogger(__name__)

SHOWN = 4  # gaps named in one text; the rest are counted
DAY = 86400
LOCK = "hotline:gaps-watched"
_last_run = {"at": None}


def upcoming(line: Line, now: datetime | None = None,
             days: int = shift_plan.GAP_DAYS) -> list[Gap]:
    """The line's gaps from now until `days` ahead, soonest first."""
    now = now or utcnow()
    return shift_plan.gaps(rosters.roster_of(line), now, now + timedelta(days=days))


def summary(line: Line, gaps: list[Gap], lang: str) -> str:
    """One short text naming the first gaps and counting the rest."""
    tz = zone(rosters.roster_of(line))
    named = "; ".join(f"{category_name(g.category, lang)} {span(g.start, g.end, tz, lang)}"
                      for g in gaps[:SHOWN])
    if len(gaps) > SHOWN:
        named += say("gaps_more", lang, count=len(gaps) - SHOWN)
    return say("gaps_summary", lang, days=shift_plan.GAP_DAYS, gaps=named)


def watch(now: datetime | None = None) -> int:
    """Text each line's coordinators one summary of its gaps; how many lines had gaps."""
    now = now or utcnow()
    with db.transaction() as session:
        line_ids = list(session.exec(select(Line.id)))
    found = 0
    for line_id in line_ids:
        with unit_of_work() as uow:
            line = uow.session.get(Line, line_id)
            gaps = upcoming(line, now)
            if not gaps:
                continue
            found += 1
            for coordinator in rosters.roster_of(line).coordinators:
                uow.text(coordinator.phone, summary(line, gaps, coordinator.languages[0]),
                         purpose="shift", line_id=line.id)
            log.info("gap watch: line %s has %d gaps", line.id, len(gaps))
    return found


def due_today() -> bool:
    """True once a day across every worker (a Redis key), or once a day in this process."""
    redis = current_app.extensions.get("hotline.redis")
    if redis is not None:
        return bool(redis.set(LOCK, "1", nx=True, ex=DAY))
    last, now = _last_run["at"], utcnow()
    if last is not None and (now - last).total_seconds() < DAY:
        return False
    _last_run["at"] = now
    return True


def lost_work(session: Session, now: datetime) -> list[Work]:
    """The daily gap watch, once a day across every worker."""
    return [Work(Task.WATCH_GAPS)] if due_today() else []
