"""SMS checks of who gets offered a case: timeouts, urgent texts, the menu, Spanish."""

from __future__ import annotations

import re
import time

from scripts.checks.sms.line import (
    ENDED,
    HOPELESS,
    OFFER_TIMEOUT,
    SPANISH,
    SPANISH_TEXT,
    TAKEN,
    URGENT,
    YOURS,
    SmsChecks,
    has,
)
from scripts.harness.driving import WAIT
from scripts.harness.report import Fail


class RoutingChecks(SmsChecks):
    """Checks 3 to 6."""

    # 3
    def timeout_moves_on(self) -> str:
        """Check 3: an unanswered offer moves on; a late YES connects nothing."""
        line = self.line
        person = line.person()
        on_call = (self.ben, self.ana)
        mark = line.mark()
        line.text(person, HOPELESS)
        answered = time.monotonic()  # the offer, and so its timeout, starts after this
        first, code, _ = self._first_offer(mark, self.responders, "the first offer")
        if first not in on_call:
            raise Fail(f"first offer went to {self.name_of[first]}, not to Ben or Ana")
        line.wait(f"case {code} to move on", lambda: len(line.offers(mark, self.responders,
                                                                     code)) >= 2,
                  timeout=OFFER_TIMEOUT + WAIT)
        moved_after = time.monotonic() - answered
        offers = line.offers(mark, self.responders, code)
        second = offers[1][0]
        if len(offers) != 2 or second == first or second not in on_call:
            raise Fail("after the timeout, expected one offer to the other on-call responder; "
                       f"got offers to {[self.name_of[o[0]] for o in offers]}")
        if moved_after < OFFER_TIMEOUT - 0.2:
            raise Fail(f"the offer moved on {moved_after:.1f}s after the text, before the "
                       f"{OFFER_TIMEOUT}s timeout")
        before_yes = line.mark()
        line.text(second, f"YES {code}")
        line.wait_inbox(second, before_yes, f"{self.name_of[second]} to be told the case is "
                        "theirs", lambda b: has(b, YOURS))
        second_name = self.name_of[second]
        line.wait_inbox(person, before_yes, "the person to be told someone is with them")
        late = line.mark()
        line.text(first, f"YES {code}")
        answer = line.wait_inbox(first, late, f"an answer to {self.name_of[first]}'s late YES")
        time.sleep(2)
        to_person = line.inbox(person, late)
        to_first = line.inbox(first, late)
        self._close(second, code)
        if has(answer, YOURS) or not has(answer, TAKEN + ENDED):
            raise Fail(f"the late YES got {answer!r}, not 'taken' or 'ended'")
        if any(has(b, YOURS) for b in to_first):
            raise Fail(f"the late responder was given the case: {to_first}")
        if to_person:
            raise Fail(f"the person got more texts after the late YES: {to_person}")
        return (f"{self.name_of[first]} first, {second_name} offered {moved_after:.1f}s after "
                f"the text and took it; "
                f"late YES answered {answer!r}")

    # 4
    def urgent_to_all(self) -> str:
        """Check 4: an urgent text reaches every on-call and backup responder."""
        line = self.line
        person = line.person()
        expected = {self.ben, self.cy, self.dee}
        mark = line.mark()
        line.text(person, URGENT)
        answered = time.monotonic()
        seen: dict[str, float] = {}

        def all_offered() -> bool:
            for phone, _, _ in line.offers(mark, self.responders):
                seen.setdefault(phone, time.monotonic())
            return expected <= set(seen)

        try:
            line.wait("offers to Ben, Cy and Dee", all_offered, timeout=10, every=0.02)
        except Fail:
            raise Fail(f"offers reached only {sorted(self.name_of[p] for p in seen)}") from None
        took = max(seen[p] for p in expected) - answered
        problems = []
        if took > 1.0:
            problems.append(f"the last offer came {took:.2f}s after the webhook's 200 "
                            "(over 1 s)")
        codes = {c for _, c, _ in line.offers(mark, self.responders)}
        if len(codes) != 1:
            raise Fail(f"offers named several cases: {codes}")
        code = codes.pop()
        if self.ana in seen:
            problems.append("Ana (not on call for substance use, not backup) got an offer")
        race = line.mark()
        racers = [self.ben, self.cy, self.dee]
        statuses = line.together([("/twilio/sms", line.sms_form(r, f"YES {code}")) for r in racers])
        if statuses != [200] * 3:
            raise Fail(f"the simultaneous YES webhooks got {statuses}")
        line.wait("an answer to every YES",
                  lambda: all(line.inbox(r, race) for r in racers))
        time.sleep(1.5)
        answers = {self.name_of[r]: line.inbox(r, race) for r in racers}
        winners = [r for r in racers if any(has(b, YOURS) for b in line.inbox(r, race))]
        losers = [r for r in racers if r not in winners]
        to_person = line.inbox(person, race)
        if winners:
            self._close(winners[0], code)
        if len(winners) != 1:
            problems.append(f"{len(winners)} responders were given the case: {answers}")
        elif not all(any(has(b, TAKEN) for b in line.inbox(r, race)) for r in losers):
            problems.append(f"not every other responder was told it was taken: {answers}")
        if len(to_person) != 1:
            problems.append(f"the person got {len(to_person)} texts after the YES race, not "
                            f"one: {to_person}")
        if problems:
            raise Fail("; ".join(problems))
        return (f"offers to Ben, Cy, Dee {took:.2f}s after the 200; "
                f"{self.name_of[winners[0]]} won the YES race, the other two were told 'taken'")

    # 5
    def menu(self) -> str:
        """Check 5: 'help' gets the menu and '2' routes to substance use."""
        line = self.line
        person = line.person()
        mark = line.mark()
        line.text(person, "help")
        reply = line.wait_inbox(person, mark, "a reply to 'help'")
        if not all(re.search(rf"\b{n}\b", reply) for n in "123") or has(reply, ("YES",)):
            self._stop(person)
            raise Fail(f"'help' got {reply!r}, not the 1/2/3 menu")
        mark = line.mark()
        line.text(person, "2")
        responder, code, offer = self._first_offer(mark, self.responders, "an offer after '2'")
        self._stop(person)
        if "substance use" not in offer.lower():
            raise Fail(f"the offer does not name substance use: {offer!r}")
        if responder not in (self.ben, self.cy):
            raise Fail(f"the offer went to {self.name_of[responder]}, not on call for it")
        return f"menu, then '2': offer to {self.name_of[responder]}: {offer!r}"

    # 6
    def spanish(self) -> str:
        """Check 6: Spanish is answered in Spanish and offered to Ana first."""
        line = self.line
        person = line.person()
        mark = line.mark()
        line.text(person, SPANISH_TEXT)
        reply = line.wait_inbox(person, mark, "a reply in Spanish")
        responder, _, offer = self._first_offer(mark, self.responders, "an offer")
        self._stop(person)
        if not has(reply, SPANISH) or has(reply, ("you reached", "reply stop")):
            raise Fail(f"the reply is not in Spanish: {reply!r}")
        if responder != self.ana:
            raise Fail(f"first offer went to {self.name_of[responder]}, not Ana (es)")
        if not has(offer, ("spanish", "español")):
            raise Fail(f"the offer does not say the person writes Spanish: {offer!r}")
        return f"answered {reply[:40]!r}…; first offer to Ana"
