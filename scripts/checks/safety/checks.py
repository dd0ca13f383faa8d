"""The safety net as people would meet it, through the running line: danger is never decided
once, and a need that stays unclear still reaches someone.

Each check times how long after the webhook's answer the urgent texts reached every responder
they must reach; the aim is within a second.
"""

from __future__ import annotations

import re
import time

from scripts.harness.driving import WAIT, Phones
from scripts.harness.report import Fail
from scripts.harness.stack import Stack

CALM = "my anxiety is really bad tonight"
DANGER = "i have the pills in my hand"
CODE = re.compile(r"\b(\d{4})\b")
MENU_TIMEOUT = 60  # MENU_TIMEOUT_SECONDS's default; the run keeps it


class SafetyChecks:
    """The roster's people and the steps every safety-net check shares."""

    def __init__(self, stack: Stack, roster: dict) -> None:
        self.line = Phones(stack.settings, stack.fake)
        phones = {r["name"].split()[0]: r["phone"] for r in roster["responders"]}
        self.ana, self.ben, self.cy, self.dee = (phones[n] for n in ("Ana", "Ben", "Cy", "Dee"))
        self.name_of = {phone: name for name, phone in phones.items()}
        self.responders = tuple(phones.values())

    def text(self, sender: str, body: str) -> float:
        """A text to the line; the moment its webhook answered 200."""
        status, answer = self.line.post("/twilio/sms", self.line.sms_form(sender, body))
        if status != 200:
            raise Fail(f"the webhook answered {status}: {answer[:200]}")
        return time.monotonic()

    def reached(self, phones: set[str], since: int, word: str, after: float,
                timeout: float = WAIT) -> float:
        """Wait until every phone got a text holding `word`; seconds from `after` to the last."""
        self.line.wait(f"'{word}' to reach {sorted(self.name_of[p] for p in phones)}",
                       lambda: all(any(word in b for b in self.line.inbox(p, since))
                                   for p in phones), timeout=timeout, every=0.02)
        return time.monotonic() - after

    @property
    def everyone(self) -> set[str]:
        """Who an urgent mental-health case must reach: Ben and Ana on call, Dee the backup."""
        return {self.ben, self.ana, self.dee}

    def calm_case(self) -> tuple[str, str, int, str]:
        """A person with a calm mental-health text, offered to one responder alone:
        (person, code, mark, that responder)."""
        person = self.line.person()
        mark = self.line.mark()
        self.text(person, CALM)
        first = self.line.wait_inbox(person, mark, "the first answer")
        if "RED" not in first:
            raise Fail(f"the first answer does not name the danger word: {first!r}")
        holder, offer = self.line.wait("the first offer", lambda: next(
            ((p, b) for p in self.responders for b in self.line.inbox(p, mark) if "YES" in b),
            None))
        time.sleep(0.5)  # one at a time: nobody else is offered
        others = [self.name_of[p] for p in self.responders
                  if p != holder and self.line.inbox(p, mark)]
        if others:
            raise Fail(f"a calm text was offered to more than one: {others}")
        return person, CODE.search(offer)[1], self.line.mark(), holder

    def leave(self, person: str) -> None:
        """The person leaves (EXIT): the case closes and every offer with it."""
        self.text(person, "EXIT")
        time.sleep(0.5)

    def later_text_reads_as_danger(self) -> str:
        """A calm first text, then danger while waiting: urgent, to everyone at once."""
        person, code, mark, holder = self.calm_case()
        sent = self.text(person, DANGER)
        took = self.reached(self.everyone, mark, "URGENT", sent)
        self.leave(person)
        other = next(iter(self.everyone - {holder}))
        why = next(b for b in self.line.inbox(other, mark) if "URGENT" in b)
        if took > 1:
            raise Fail(f"the urgent offers took {took:.2f}s")
        return (f"case {code}: {self.name_of[holder]} told, the others offered {took:.2f}s "
                f"after the 200: {why!r}")

    def danger_word(self) -> str:
        """The danger word while waiting does the same."""
        person, code, mark, holder = self.calm_case()
        sent = self.text(person, "red")
        took = self.reached(self.everyone, mark, "URGENT", sent)
        self.leave(person)
        if took > 1:
            raise Fail(f"the urgent offers took {took:.2f}s")
        return (f"case {code}: 'red' -> {self.name_of[holder]} told, the others offered "
                f"{took:.2f}s after the 200")

    def urgent_on_an_offer(self) -> str:
        """`URGENT <code>` from the responder offered the case: offered to everyone."""
        person, code, mark, holder = self.calm_case()
        sent = self.text(holder, f"URGENT {code}")
        took = self.reached(self.everyone - {holder}, mark, "URGENT", sent)
        self.leave(person)
        if took > 1:
            raise Fail(f"the urgent offers took {took:.2f}s")
        return (f"case {code}: {self.name_of[holder]}'s URGENT -> the others offered "
                f"{took:.2f}s after the 200")

    def urgent_on_a_taken_case(self) -> str:
        """`URGENT <code>` from the responder who has the case: everyone else is called."""
        person, code, mark, holder = self.calm_case()
        self.text(holder, f"YES {code}")
        self.line.wait_inbox(person, mark, "the person to be told someone is there")
        sent = self.text(holder, f"URGENT {code}")
        others = self.everyone - {holder}
        took = self.reached(others, mark, "backup", sent)
        alert = next(b for b in self.line.inbox(next(iter(others)), mark) if "backup" in b)
        self.text(holder, f"DONE {code}")
        if took > 1:
            raise Fail(f"the backup alerts took {took:.2f}s")
        if any("backup" in b for b in self.line.inbox(person, mark)):
            raise Fail("the person was told about the backup call")
        return f"case {code}: the others alerted {took:.2f}s after the 200: {alert!r}"

    def unanswered_menu(self) -> str:
        """A first text with no clear need, and no answer to the menu: after the minute, it
        reaches a responder on call for any need."""
        person = self.line.person()
        mark = self.line.mark()
        sent = self.text(person, "hey")
        menu = self.line.wait_inbox(person, mark, "the menu")
        if "1" not in menu or "3" not in menu:
            raise Fail(f"the first answer is not the menu: {menu!r}")
        found = self.line.wait("an offer after the menu's minute", lambda: next(
            ((p, b) for p in self.responders for b in self.line.inbox(p, mark) if "YES" in b),
            None), timeout=MENU_TIMEOUT + 30, every=0.5)
        took = time.monotonic() - sent
        phone, offer = found
        self.leave(person)
        if took < MENU_TIMEOUT - 1:
            raise Fail(f"offered {took:.0f}s after the menu, before the minute was up")
        return (f"menu, no answer; {self.name_of[phone]} offered {took:.0f}s later: {offer!r}; "
                f"the person got {self.line.inbox(person, mark)[-1]!r}")
