"""One sender cannot flood a responder or make the line text a phone over and over."""

from __future__ import annotations

from tests.hotline.line import BEN

PERSON = "+15555550123"


def test_a_flood_while_waiting_reaches_the_responder_as_a_short_history(app, line):
    app.config["OFFER_TIMEOUT_SECONDS"] = 3600  # 200 texts can take minutes on a busy machine
    line.load()
    line.text(PERSON, "i relapsed and need help")
    for n in range(200):
        line.text(PERSON, f"text {n} " + "words " * 250, work=False)
    line.work()
    code = line.code_in(BEN)
    before = len(line.inbox(BEN))
    line.text(BEN, f"YES {code}")
    history = line.inbox(BEN)[before:]
    assert len(history) <= 13
    assert sum(len(body) for body in history) < 5000
    assert any("text 199" in body for body in history)  # the newest words are there
    assert any("earlier texts are not shown" in body for body in history)


def test_one_sender_gets_a_handful_of_automatic_answers_however_much_they_text(line):
    line.load()
    for _ in range(30):
        line.text(PERSON, "", media=1, work=False)  # pictures alone, each answered alone
    line.work()
    assert 1 <= len(line.inbox(PERSON)) <= 5


def test_in_a_burst_past_the_line_s_cap_each_new_person_is_still_told_they_were_heard(app, line):
    """The line-wide flood guard holds back repeated automatic answers, never the answer that
    opens a case: in a disaster every person who writes learns someone is being found, and
    the danger word."""
    from sqlmodel import select

    from hotline.infra.db import transaction
    from hotline.infra.models import Line, utcnow
    from hotline.sms import throttle

    line.load()
    with transaction() as session:
        line_id = session.exec(select(Line.id)).one()
    minute = int(utcnow().timestamp() // 60)
    redis = app.extensions["hotline.redis"]
    for m in (minute, minute + 1):  # the burst has used up this minute's automatic answers
        redis.set(throttle.LINE_KEY.format(line=line_id, minute=m), throttle.PER_LINE)
    line.text(PERSON, "i relapsed and need help")
    [ack] = line.inbox(PERSON)
    assert "finding someone" in ack and "In danger now? Text" in ack
    line.text(PERSON, "hello? anyone?")
    assert line.inbox(PERSON) == [ack]  # "still finding someone" is what the cap holds back
