"""Retention: old message bodies are purged here and at Twilio; recent ones stay."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from hotline.infra.db import transaction
from hotline.infra.models import InboundMessage, OutboundMessage
from hotline.worker.tasks import purge_old_messages
from tests.hotline.line import BEN, roster

PERSON = "+15555550123"


def age_everything(days: int) -> None:
    with transaction() as session:
        for model, column in ((InboundMessage, InboundMessage.received_at),
                              (OutboundMessage, OutboundMessage.created_at)):
            for row in session.exec(select(model)):
                setattr(row, column.key, getattr(row, column.key) - timedelta(days=days))


def bodies() -> list[str]:
    with transaction() as session:
        return [m.body for m in session.exec(select(InboundMessage))] + [
            m.body for m in session.exec(select(OutboundMessage))]


def test_bodies_older_than_the_roster_retention_are_purged_here_and_at_twilio(line):
    line.load(roster(retention_days=7))
    line.text(PERSON, "i relapsed and need help")
    line.text(BEN, f"YES {line.code_in(BEN)}")
    age_everything(days=8)
    old = {m["sid"] for m in line.twilio.messages + line.twilio.inbound}
    line.text(PERSON, "still here")  # recent: kept
    recent = {m["sid"] for m in line.twilio.messages + line.twilio.inbound} - old
    assert purge_old_messages() == len(old)
    line.work()
    kept = [b for b in bodies() if b]
    assert any("still here" in b for b in kept)
    assert not any("relapsed" in b for b in kept)
    assert old <= set(line.twilio.redactions)  # every old text, theirs and ours, at Twilio
    assert not recent & set(line.twilio.redactions)
    assert [m["body"] for m in line.twilio.inbound if m["sid"] in recent] == ["still here"]
    assert purge_old_messages() == 0  # a second run finds nothing new


def test_recent_bodies_stay_within_the_default_30_days(line):
    line.load()
    line.text(PERSON, "i relapsed and need help")
    age_everything(days=29)
    assert purge_old_messages() == 0
    assert any("relapsed" in b for b in bodies())
