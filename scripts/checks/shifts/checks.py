"""Shift checks against the running line: rosters built around the real clock, so that a
shift starts soon after the run begins, and texts read back from the fake Twilio.

The run's roster (`near_roster`) puts Ben on mental health and Cy on substance use from
`start`, a little more than `shift_confirm_hours` (1) from now, with reminders 24 hours
ahead: both are reminded at once. Ben asks for cover; Ana and Dee are asked; Dee takes it
first; Cy never answers, so the coordinator hears about Cy a minute or two later.
"""

from __future__ import annotations

import json
import re
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from scripts.checks.checkins.line import zone_where_it_is
from scripts.harness.driving import Phones
from scripts.harness.report import Fail
from scripts.harness.roster import sample_roster
from scripts.harness.stack import Stack

ANA, BEN, CY, DEE = "+15105550101", "+15105550102", "+15105550103", "+15105550104"
COLE = "+15105550199"  # the coordinator
ZONE = "America/Chicago"
LEAD = timedelta(minutes=64)  # from import to the shift; the alert comes an hour before it,
# after Ben has asked for cover and Dee has taken it (checks 1-5 take well under a minute)
TAKE = re.compile(r"Reply TAKE (\d{3})$")
COORDINATORS = [{"name": "Cole Ruiz", "phone": COLE, "languages": ["en"]}]


def wall(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M")


def near_roster(start: datetime) -> dict:
    """Mental health: Ana until `start`, then Ben for a day; substance use: Ben, then Cy."""
    day_before = start - timedelta(days=1)
    return sample_roster(
        timezone=ZONE,
        coordinators=COORDINATORS,
        shift_reminder_hours=24,
        shift_confirm_hours=1,
        rotations=[
            {"name": "MH", "category": "mental_health", "every": "daily",
             "start": wall(day_before), "members": ["Ana Reyes", "Ben Ortiz"]},
            {"name": "SU", "category": "substance_use", "every": "daily",
             "start": wall(day_before), "members": ["Ben Ortiz", "Cy Lam"]},
        ],
    )


def holed_roster(zone: str) -> dict:
    """A morning line (03:00-09:00) in a zone where it is now about noon, whose substance use
    rotation begins only tomorrow at 04:00: tomorrow 03:00-04:00 nobody is on call for it,
    and that is the only gap. Mental health has none."""
    now = datetime.now(ZoneInfo(zone))
    tomorrow = (now + timedelta(days=1)).date()
    return sample_roster(
        timezone=zone,
        coordinators=COORDINATORS,
        hours=[{"days": ["mon", "tue", "wed", "thu", "fri", "sat", "sun"],
                "from": "03:00", "to": "09:00"}],
        rotations=[
            {"name": "MH", "category": "mental_health", "every": "daily",
             "start": wall(now - timedelta(days=3)), "members": ["Ana Reyes", "Ben Ortiz"]},
            {"name": "SU", "category": "substance_use", "every": "daily",
             "start": f"{tomorrow.isoformat()}T04:00", "members": ["Cy Lam"]},
        ],
    )


class ShiftChecks:
    """Each check returns what it saw, or raises Fail."""

    def __init__(self, line: Phones, stack: Stack, start: datetime) -> None:
        self.line = line
        self.stack = stack
        self.start = start  # the soon shift, aware, in ZONE
        self.code = ""

    def text(self, sender: str, body: str) -> None:
        status, answer = self.line.post("/twilio/sms", self.line.sms_form(sender, body))
        if status != 200:
            raise Fail(f"the webhook answered {status}: {answer[:200]}")

    def reminders(self) -> str:
        ben = self.line.wait_inbox(BEN, 0, "reminder to Ben",
                                   lambda b: b.startswith("Shift reminder"), timeout=60)
        cy = self.line.wait_inbox(CY, 0, "reminder to Cy",
                                  lambda b: b.startswith("Shift reminder"), timeout=30)
        local = self.start.strftime("%H:%M")
        for body in (ben, cy):
            if local not in body or "Reply OK to confirm or COVER" not in body:
                raise Fail(f"the reminder does not say {local} and how to answer: {body!r}")
        if self.line.inbox(ANA) or self.line.inbox(DEE):
            raise Fail("someone whose shift is not soon was reminded")
        return f"Ben: {ben!r}; Cy got his too"

    def cover(self) -> str:
        mark = self.line.mark()
        self.text(BEN, "COVER")
        asked = {phone: self.line.wait_inbox(phone, mark, f"cover request to {phone}",
                                             lambda b: bool(TAKE.search(b)))
                 for phone in (ANA, DEE)}
        codes = {TAKE.search(body).group(1) for body in asked.values()}
        if len(codes) != 1:
            raise Fail(f"the two were sent different codes: {asked}")
        self.code = codes.pop()
        others = [b for phone in (CY,) for b in self.line.inbox(phone, mark)]
        if others:
            raise Fail(f"someone not eligible was asked: {others}")
        told = self.line.wait_inbox(BEN, mark, "Ben told who was asked",
                                    lambda b: b.startswith("We asked 2 of the team"))
        return f"Ana and Dee: {asked[DEE]!r}; Ben: {told!r}"

    def first_take_wins(self) -> str:
        mark = self.line.mark()
        self.text(DEE, f"TAKE {self.code}")
        won = self.line.wait_inbox(DEE, mark, "Dee told it is hers",
                                   lambda b: b.startswith("It's yours"))
        self.text(ANA, f"take {self.code}")
        lost = self.line.wait_inbox(ANA, mark, "Ana told it is taken",
                                    lambda b: "already taken" in b)
        ben = self.line.wait_inbox(BEN, mark, "Ben told who covers",
                                   lambda b: b.startswith("Dee Park is covering"))
        cole = self.line.wait_inbox(COLE, mark, "the coordinator told",
                                    lambda b: f"Cover {self.code}: Dee Park takes" in b)
        return f"Dee: {won!r}; Ana: {lost!r}; Ben: {ben!r}; Cole: {cole!r}"

    def oncall_shows_taker(self) -> str:
        at = (self.start + timedelta(hours=2)).isoformat()
        result = self.stack.processes.run(
            "oncall", ["hotline", "oncall", "--category", "mental_health", "--at", at],
            self.stack.settings.env())
        answer = json.loads(result.stdout)
        if answer["on_call"] != ["Dee Park"]:
            raise Fail(f"hotline oncall at {at} shows {answer['on_call']}")
        before = self.stack.processes.run(
            "oncall-before", ["hotline", "oncall", "--category", "mental_health", "--at",
                              (self.start - timedelta(minutes=30)).isoformat()],
            self.stack.settings.env())
        if json.loads(before.stdout)["on_call"] != ["Ana Reyes"]:
            raise Fail(f"before the shift: {before.stdout.strip()}")
        return f"{at}: {answer['on_call']}; before it still Ana"

    def audit_holds_it(self) -> str:
        rows = self.line.database(
            "SELECT actor, kind, subject FROM audit_entry WHERE kind = 'shift_covered'")
        if rows != [("responder Dee Park", "shift_covered", f"cover {self.code}")]:
            raise Fail(f"the audit log holds {rows}")
        verify = self.stack.processes.run("audit-verify", ["hotline", "audit", "verify"],
                                          self.stack.settings.env())
        return f"{rows[0]}; {verify.stdout.strip()}"

    def unconfirmed_alert(self) -> str:
        due = self.start - timedelta(hours=1)
        wait = max(0.0, (due - datetime.now(due.tzinfo)).total_seconds()) + 45
        alert = self.line.wait_inbox(COLE, 0, "the unconfirmed-shift alert",
                                     lambda b: b.startswith("Shift not confirmed"),
                                     timeout=wait)
        if "Cy Lam" not in alert:
            raise Fail(f"the alert names someone else: {alert!r}")
        about_ben = [b for b in self.line.inbox(COLE) if b.startswith("Shift not confirmed")
                     and "Ben" in b]
        if about_ben:
            raise Fail(f"a covered shift was reported unconfirmed: {about_ben}")
        return alert

    def gap_text(self) -> str:
        zone = zone_where_it_is(12)
        self.stack.import_roster(holed_roster(zone), name="roster-holed", file="holed.yaml")
        mark = self.line.mark()
        self.stack.processes.run("gaps", ["hotline", "shifts", "gaps", "--send"],
                                 self.stack.settings.env())
        text = self.line.wait_inbox(COLE, mark, "the gap summary",
                                    lambda b: b.startswith("Gaps in the next 14 days"))
        if "substance use" not in text or "03:00–04:00" not in text or "mental" in text:
            raise Fail(f"the summary is not the one hole at 03:00: {text!r}")
        time.sleep(3)  # a second summary would have come by now
        summaries = [b for b in self.line.inbox(COLE, mark) if b.startswith("Gaps")]
        if len(summaries) != 1:
            raise Fail(f"{len(summaries)} gap texts: {summaries}")
        return text
