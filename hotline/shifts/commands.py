"""A responder's shift commands, read before case commands: OK and COVER answer a reminder;
TAKE, CANCEL and UNTAKE name a cover request by its three-digit code.

A responder busy with a case who texts a plain "ok" is talking to the person: while they have
an active case, OK and COVER are relayed as always, and a TAKE whose code names no request is
too. Cover requests always work by code.
"""

from __future__ import annotations

from hotline.cases.parties import active_cases, responder_language
from hotline.cases.work import UnitOfWork
from hotline.infra.models import Responder
from hotline.infra.words import say
from hotline.shifts import asking, cover, reminders
from routing.shift_commands import ShiftCommand


def handle(uow: UnitOfWork, responder: Responder, command: ShiftCommand) -> bool:
    """Act on a shift command; False when the text is not one here (it is handled as usual)."""
    busy = bool(active_cases(uow.session, responder))
    if command.code is None:
        if busy:
            return False
        done = (reminders.confirm(uow, responder) if command.verb == "ok"
                else asking.ask(uow, responder))
        if not done:
            uow.text(responder.phone, say("shift_none", responder_language(responder)),
                     purpose="shift", line_id=responder.line_id, responder_id=responder.id)
        return True
    if busy and cover.find(uow.session, responder.line_id, command.code) is None:
        return False
    if command.verb == "take":
        cover.take(uow, responder, command.code)
    elif command.verb == "cancel":
        cover.cancel(uow, responder, command.code)
    else:
        cover.untake(uow, responder, command.code)
    return True
