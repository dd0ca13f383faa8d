"""Limits on what one sender, or a flood of senders, can make the line send.

A number can be spoofed, so a stranger can make the line text someone else (a survivor whose
phone an abuser reads) or flood responders. The line's automated answers to a person (menus,
notices, "still finding someone") are capped per sender and per line; the resources for
danger now, a person's words to their responder and offers are never held back.

The line-wide cap never holds back the answers that open a case (the menu, and "we're finding
someone" with the danger word): in a burst, a disaster or a viral post, every person who
writes is told they were heard and how to say "danger now". They count, so the answers that
would come after them are the ones held back. A stranger texting from many numbers already
makes the line offer each case, so holding first answers back would save little and leave
real people unanswered.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app
from sqlalchemy import bindparam, func
from sqlmodel import select

from hotline.cases.work import UnitOfWork
from hotline.infra.models import OutboundMessage, Person, utcnow

log = logging.getLogger(__name__)

PER_SENDER = 5  # automated answers to one person
SENDER_WINDOW = timedelta(minutes=10)
PER_LINE = 120  # automated answers to anyone, in one minute
LINE_KEY = "hotline:answers:{line}:{minute}"
LIMITED = ("notice", "menu", "waiting")


_SENT = select(func.count(OutboundMessage.id)).where(
    OutboundMessage.person_id == bindparam("person_id"), OutboundMessage.purpose.in_(LIMITED),
    OutboundMessage.created_at > bindparam("since"))


def may_answer(uow: UnitOfWork, person: Person, first: bool = False) -> bool:
    """Whether the line may send this person one more automated answer now; `first`, an
    answer that opens a case, passes the line-wide cap (and is counted in it)."""
    sent = uow.session.exec(_SENT, params={"person_id": person.id,
                                           "since": utcnow() - SENDER_WINDOW}).one()
    if sent >= PER_SENDER:
        log.info("person %s: automated answer held back (%d in %s)", person.id, sent,
                 SENDER_WINDOW)
        return False
    redis = current_app.extensions.get("hotline.redis")
    if redis is None:
        return True
    key = LINE_KEY.format(line=person.line_id, minute=int(utcnow().timestamp() // 60))
    try:
        with redis.pipeline() as pipe:
            pipe.incr(key)
            pipe.expire(key, 120)
            count = pipe.execute()[0]
    except Exception as error:  # Redis away: answer rather than fall silent
        log.warning("line answer count unavailable: %s", type(error).__name__)
        return True
    if count > PER_LINE and not first:
        log.warning("line %s: more than %d automated answers this minute; held back",
                    person.line_id, PER_LINE)
        return False
    return True
