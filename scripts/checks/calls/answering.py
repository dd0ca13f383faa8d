"""Voice checks of responders answering: press 1 to connect, no key moves on, urgent races."""

from __future__ import annotations

import threading
import time
import xml.etree.ElementTree as ET

from scripts.checks.calls.line import OFFER_TIMEOUT, CallChecks, show, spoken
from scripts.harness.report import Fail


class AnsweringChecks(CallChecks):
    """Checks 1, 1b and 2."""

    # 1
    def press_1(self) -> str:
        """Check 1: pressing 1 connects the called responder to the caller's queue."""
        line = self.line
        mental_health = {self.ben, self.ana}
        call = line.call(line.caller())
        mark = line.calls_mark()
        twiml, _ = call.choose(Digits="1")
        queue = self._enqueued(call, twiml)
        first = line.wait_call("call to an on-call mental-health responder (Ben, Ana)", mark,
                               self.responders)
        problems = []
        if first["to"] not in mental_health:
            problems.append(f"the first call went to {self.names([first['to']])}, not on call "
                            "for mental health")
        if first["from_"] != line.number:
            problems.append(f"the responder was called from {first['from_']}, not the hotline")
        prompt = line.pick_up(first)
        gather = prompt.find("Gather")
        if gather is None or "press 1" not in spoken(prompt).lower() or prompt.find(".//Dial"):
            raise Fail(f"answering gave {show(prompt)!r}, not a 'press 1' Gather")
        connected = line.press(first, prompt, "1")
        dialled = connected.find("Dial/Queue")
        call.hang_up()
        if dialled is None or (dialled.text or "").strip() != queue:
            raise Fail(f"pressing 1 gave {show(connected)!r}, not <Dial><Queue>{queue}")
        if problems:
            raise Fail("; ".join(problems))
        return (f"{self.name_of[first['to']]} called from the hotline, 'press 1' Gather, "
                f"then <Dial><Queue>{queue}</Queue></Dial> = the caller's <Enqueue>")

    # 1b
    def no_keypress_moves_on(self) -> str:
        """Check 1b: a leg with no keypress moves on to the next responder."""
        line = self.line
        on_call = {self.ben, self.ana}
        call = line.call(line.caller())
        mark = line.calls_mark()
        call.choose(Digits="1")
        first = line.wait_call("first responder call", mark, self.responders)
        line.pick_up(first)  # a voicemail greeting plays it; nobody presses anything
        ended_at = time.monotonic()
        status, body = line.post(first["status_callback"], {
            "CallSid": first["sid"], "From": first["from_"], "To": first["to"],
            "CallStatus": "no-answer", "AccountSid": self.settings.account_sid})
        if status != 200:
            raise Fail(f"the leg's status callback answered {status}: {body[:120]}")
        try:
            second = line.wait_call("call to the next on-call responder after 'no-answer'",
                                    mark, on_call - {first["to"]}, timeout=OFFER_TIMEOUT + 6)
        except Fail:
            call.hang_up()
            raise
        after_callback = time.monotonic() - ended_at
        window_start = time.monotonic()
        line.pick_up(second)  # answered, but no key pressed: the window runs out
        try:
            line.wait_call("call to the backup (Dee) after the window ran out", mark,
                                   {self.dee}, timeout=OFFER_TIMEOUT + 20)
            after_window = time.monotonic() - window_start
            line.wait(f"{self.name_of[second['to']]}'s unanswered leg to be ended",
                      lambda: second["sid"] in line.ended())
        finally:
            call.hang_up()
        problems = []
        if after_callback > OFFER_TIMEOUT - 1:
            problems.append(f"the no-answer callback moved on only after {after_callback:.1f}s "
                            "(as late as the timeout would)")
        if after_window < OFFER_TIMEOUT - 0.5:
            problems.append(f"the backup was called {after_window:.1f}s after the second call "
                            f"was answered, before the {OFFER_TIMEOUT}s window ended")
        if problems:
            raise Fail("; ".join(problems))
        return (f"{self.name_of[first['to']]}: no-answer callback -> "
                f"{self.name_of[second['to']]} called {after_callback:.2f}s later; no key "
                f"in the window -> Dee called {after_window:.1f}s later, the ringing leg ended")

    # 2
    def urgent_rings_everyone(self) -> str:
        """Check 2: urgent speech calls everyone at once; one 1 wins."""
        line = self.line
        texts = line.mark()
        call, legs, took = self._urgent_call()
        queue = call.enqueue.text.strip()
        problems = []
        if took > 2.0:
            problems.append(f"the last call came {took:.2f}s after the webhook's answer")
        if self.ana in legs:
            problems.append("Ana (not on call for substance use, not backup) was called")
        froms = {c["from_"] for c in legs.values()}
        if froms != {line.number}:
            problems.append(f"calls came from {froms}, not only the hotline number")
        prompts = {p: line.pick_up(legs[p]) for p in (self.ben, self.cy, self.dee)}
        results: dict[str, ET.Element] = {}

        def press(phone: str) -> None:
            results[phone] = line.press(legs[phone], prompts[phone], "1")

        racers = [self.cy, self.dee]  # both press 1 at the same instant
        threads = [threading.Thread(target=press, args=(p,)) for p in racers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
        winners = [p for p in racers if results.get(p) is not None
                   and results[p].find("Dial/Queue") is not None]
        try:
            if len(winners) != 1:
                heard = {self.name_of[p]: show(results.get(p, ET.Element("none")), 160)
                         for p in racers}
                raise Fail(f"{len(winners)} of the two simultaneous 1s got a <Dial>: {heard}")
            winner = winners[0]
            if (results[winner].find("Dial/Queue").text or "").strip() != queue:
                problems.append("the winner's <Dial><Queue> is not the caller's queue")
            losers = [p for p in (self.ben, self.cy, self.dee) if p != winner]
            # A loser who pressed 1 was told by TwiML and hung up; the one who didn't press
            # must be hung up by the line.
            silent = [p for p in losers if p not in racers]
            line.wait("the other legs to be ended (update Status=completed)",
                      lambda: {legs[p]["sid"] for p in silent} <= line.ended())
            line.wait("'taken' texts to the others",
                      lambda: all(any("taken" in b.lower() for b in line.inbox(p, texts))
                                  for p in losers))
            late = line.press(legs[self.ben], prompts[self.ben], "1")
            if late.find(".//Dial") is not None:
                problems.append(f"Ben's late 1 was connected too: {show(late)!r}")
            loser_racer = next(p for p in racers if p != winner)
            loser_hears = results.get(loser_racer)
            if loser_hears is not None and loser_hears.find(".//Dial") is not None:
                problems.append("the losing 1 got a <Dial>")
        finally:
            call.hang_up()
        if problems:
            raise Fail("; ".join(problems))
        return (f"Ben, Cy, Dee called {took:.2f}s after the webhook's answer, not Ana; "
                f"of two simultaneous 1s {self.name_of[winner]} won, the other heard "
                f"{spoken(loser_hears)[:40]!r}; Ben's leg ended; both told 'taken'")
