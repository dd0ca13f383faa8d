"""A case's lifecycle: opened, offered, taken, closed. The only module that changes a case's
status, so every path through the line agrees on what each status means:

    triage -> offering -> active -> closed      (closed from any of them)
    closed -> active or offering               (START soon after a STOP closed it)
"""

from __future__ import annotations

import secrets
from datetime import datetime

from sqlalchemy import bindparam, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from hotline.infra import db
from hotline.infra.models import Case, Line, Person, Responder, utcnow

OPEN = ("triage", "offering", "active")


def open_case(session: Session, person: Person) -> Case | None:
    """The person's case that is not closed yet, if any."""
    return session.exec(_OPEN_CASE, params={"person_id": person.id}).first()


_OPEN_CASE = select(Case).where(Case.person_id == bindparam("person_id"), Case.status.in_(OPEN))


def new_case(session: Session, line: Line, person: Person, language: str) -> Case:
    """A case in triage, with a four-digit code no other open case of the line uses."""
    for _ in range(50):
        code = f"{1000 + secrets.randbelow(9000)}"
        case = db.insert_returning(session, Case, line_id=line.id, person_id=person.id,
                                   code=code, open_code=code, language=language)
        if case is not None:  # else an open case of the line has this code: draw again
            return case
    raise RuntimeError("no free case code")


def locked_case(session: Session, case_id: int) -> Case:
    """Load a case holding its row lock (PostgreSQL) until the transaction ends, read afresh
    (populate_existing) even when this session loaded it before the lock."""
    statement = (select(Case).where(Case.id == case_id).with_for_update(key_share=True)
                 .execution_options(populate_existing=True))
    return session.exec(statement).one()


def start_offering(case: Case, category: str, urgent: bool) -> None:
    """The need is known: the case is offered to responders from now on."""
    case.category, case.urgent, case.status = category, urgent, "offering"


def take(session: Session, case: Case, responder: Responder, now: datetime) -> bool:
    """Give a case being offered to this responder; False when someone already has it.

    One conditional UPDATE, so two answers at the same instant give it exactly one responder.
    """
    won = session.execute(
        update(Case).where(Case.id == case.id, Case.status == "offering")
        .values(status="active", responder_id=responder.id, accepted_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount == 1
    session.refresh(case)
    return won


def give_back(case: Case) -> None:
    """An active case whose responder left the roster: offered again from now on."""
    case.status, case.responder_id, case.accepted_at = "offering", None, None


def hand_to(case: Case, responder: Responder) -> None:
    """A new case that goes straight to a responder (a reply to their check-in)."""
    case.status, case.responder_id, case.accepted_at = "active", responder.id, utcnow()


def reopen(session: Session, case: Case) -> None:
    """Open a closed case again: with its responder when it had one, else to be offered.

    It keeps its code unless another open case of the line took the code meanwhile."""
    status = "active" if case.responder_id is not None else "offering"
    case.status, case.closed_reason, case.closed_at = status, None, None
    for attempt in range(50):
        code = case.code if attempt == 0 else f"{1000 + secrets.randbelow(9000)}"
        try:
            with session.begin_nested():
                case.code, case.open_code = code, code
                session.flush()
            return
        except IntegrityError:
            continue
    raise RuntimeError("no free case code")


def close_case(case: Case, reason: str) -> None:
    """Mark a case closed and free its code."""
    case.status, case.closed_reason, case.closed_at, case.open_code = (
        "closed", reason, utcnow(), None)
