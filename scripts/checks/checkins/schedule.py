"""Check-in checks of when follow-ups go out: in the evening window, at most three, never
after a no, STOP or EXIT."""

from __future__ import annotations

import time
from datetime import datetime
from zoneinfo import ZoneInfo

from scripts.checks.checkins.line import (
    CHECKIN_AFTER,
    EVENING,
    QUIET,
    RELAY_CODE,
    TOPIC_WORDS,
    CheckinChecks,
    zone_where_it_is,
)
from scripts.harness.report import Fail
from scripts.harness.roster import sample_roster


class ScheduleChecks(CheckinChecks):
    """Checks 1, 1b and 2."""

    # 1
    def evenings(self) -> str:
        """Check 1: check-ins come after the delay, in the evening, at most three."""
        line = self.line
        person = line.person()
        responder, _, _ = self.conversation(person)
        mark = line.mark()
        line.text(person, "2")
        answered = time.time()
        thanks = line.wait_inbox(person, mark, "thanks for the answer '2'")
        after = line.mark()
        arrivals: list[tuple[str, float]] = []

        def three() -> bool:
            bodies = line.inbox(person, after)
            for body in bodies[len(arrivals):]:
                arrivals.append((body, time.time()))
            return len(arrivals) >= 3

        try:
            line.wait("three check-ins", three, timeout=6 * CHECKIN_AFTER + 45, every=0.1)
        except Fail:
            raise Fail(f"only {len(arrivals)} check-ins came: {[b for b, _ in arrivals]}") \
                from None
        time.sleep(QUIET)  # a fourth would have come by now
        total = line.inbox(person, after)
        problems = []
        first_delay = arrivals[0][1] - answered
        if first_delay < CHECKIN_AFTER - 0.5:
            problems.append(f"the first check-in came {first_delay:.1f}s after the answer, "
                            f"before CHECKIN_AFTER_SECONDS={CHECKIN_AFTER}")
        outside = [self.local(t).strftime("%H:%M:%S") for _, t in arrivals
                   if not EVENING[0] <= self.local(t).time() < EVENING[1]]
        if outside:
            problems.append(f"check-ins outside the evening window at {outside}")
        if len(total) > 3:
            problems.append(f"{len(total)} check-ins came, not at most 3: {total}")
        topical = [b for b in total if any(w in b.lower() for w in TOPIC_WORDS)]
        if topical:
            problems.append(f"check-ins that name a topic: {topical}")
        if len(set(total)) != len(total):
            problems.append(f"a check-in came twice: {total}")
        reply = "thanks, doing a bit better today"
        replied = line.mark()
        line.text(person, reply, words=True)
        try:
            relayed = line.wait_inbox(responder, replied, "the person's reply at the responder",
                                      lambda b: reply in b)
        except Fail as failure:
            elsewhere = [f"{self.name_of.get(m['to'], 'person')}: {m['body']!r}"
                         for m in line.sent(replied)]
            problems.append(f"{failure} (the line sent {elsewhere})")
            relayed = None
        if relayed and RELAY_CODE.match(relayed):
            line.text(responder, f"DONE {RELAY_CODE.match(relayed).group(1)}")
        if problems:
            raise Fail("; ".join(problems))
        times = ", ".join(f"{self.local(t):%H:%M:%S}" for _, t in arrivals)
        gaps = ", ".join(f"{b - a:.1f}s" for (_, a), (_, b) in
                         zip([("", answered)] + arrivals, arrivals, strict=False))
        return (f"{thanks!r}; 3 check-ins at {times} {self.zone.key} (after {gaps}), no 4th in "
                f"{QUIET}s; the reply reached {self.name_of[responder]}: {relayed!r}")

    # 1b
    def evening_waits(self) -> str:
        """In a zone where it is morning now, an evening check-in waits for 17:00."""
        line = self.line
        morning = zone_where_it_is(10)
        self.stack.import_roster(sample_roster(timezone=morning), name="roster-import-morning",
                                 file="roster-morning.yaml")
        person = line.person()
        try:
            _, code, _ = self.conversation(person, exchange=False)
            self.answer(person, "2")
            after = line.mark()
            time.sleep(CHECKIN_AFTER + 8)
            early = line.inbox(person, after)
            rows = line.database(
                "SELECT ci.due_at, ci.status FROM check_in ci JOIN \"case\" c ON c.id = "
                "ci.case_id WHERE c.code = %s ORDER BY ci.id DESC LIMIT 1", code)
        finally:
            self.stack.import_roster(sample_roster(timezone=self.zone.key),
                                     name="roster-import-evening", file="roster-morning.yaml")
        problems = []
        if early:
            problems.append(f"a check-in came in the morning: {early}")
        if not rows:
            raise Fail("no check-in was scheduled for the evening")
        due, status = rows[0]
        local_due = due.astimezone(ZoneInfo(morning))
        if status != "scheduled" or local_due.time() != EVENING[0]:
            problems.append(f"the check-in is {status}, due {local_due:%H:%M} local, not "
                            f"scheduled for 17:00")
        if problems:
            raise Fail("; ".join(problems))
        return (f"at {datetime.now(ZoneInfo(morning)):%H:%M} in {morning}: nothing sent; "
                f"scheduled for {local_due:%H:%M} local")

    # 2
    def declines(self) -> str:
        """Check 2: after no, not safe, STOP or EXIT nothing more is sent."""
        line = self.line
        cases = [("3", None), ("no", None), ("4", None), ("not safe", None), ("1", "STOP"),
                 ("2", "EXIT")]
        watched: list[tuple[str, str, int]] = []  # (label, person, attempts so far)
        for answer, then in cases:
            person = line.person()
            self.conversation(person, exchange=False)
            if then is None:
                before = line.posts_to(person)
                line.text(person, answer)
                watched.append((f"'{answer}'", person, before))
            else:
                self.answer(person, answer)
                if then == "STOP":
                    line.fake.opt_out(person)  # as Twilio does: a send would now be refused
                before = line.posts_to(person)
                line.text(person, then)
                watched.append((f"'{answer}' then {then}", person, before))
        time.sleep(CHECKIN_AFTER + QUIET)
        got = {label: line.posts_to(person) - before for label, person, before in watched}
        texted = {label: n for label, n in got.items() if n}
        if texted:
            raise Fail("texts after the answer: " + ", ".join(
                f"{label}: {n}" for label, n in texted.items()))
        return (f"{', '.join(label for label, _, _ in watched)}: no text in the "
                f"{CHECKIN_AFTER + QUIET}s after")
