"""Voice checks of a caller hanging up: no responder's call is left ringing."""

from __future__ import annotations

import time

from scripts.checks.calls.line import URGENT_SPEECH, CallChecks, show, spoken
from scripts.harness.report import Fail


class HangUpChecks(CallChecks):
    """Checks 3 and 3b."""

    # 3
    def caller_hangs_up(self) -> str:
        """Check 3: the caller hanging up ends every leg and abandons the case."""
        line = self.line
        call, legs, _ = self._urgent_call()
        call.hang_up()
        sids = {c["sid"] for c in legs.values()}
        try:
            line.wait("every responder call ended after the caller hung up",
                      lambda: sids <= line.ended())
        except Fail:
            missing = self.names(p for p, c in legs.items() if c["sid"] not in line.ended())
            raise Fail(f"calls to {missing} were not ended after the caller hung up") from None
        late_prompt = line.pick_up(legs[self.ben])
        late = (line.press(legs[self.ben], late_prompt, "1")
                if late_prompt.find("Gather") is not None else late_prompt)
        rows = line.database(
            'SELECT c.status, c.closed_reason FROM "case" c JOIN voice_call v '
            "ON v.case_id = c.id WHERE v.sid = %s", call.sid)
        problems = []
        if late_prompt.find(".//Dial") is not None or late.find(".//Dial") is not None:
            problems.append(f"Ben's late pickup was connected: {show(late)!r}")
        if rows != [("closed", "abandoned")]:
            problems.append(f"the case is {rows}, not closed/abandoned")
        if problems:
            raise Fail("; ".join(problems))
        return (f"{len(sids)} responder calls ended; Ben's late pickup heard "
                f"{spoken(late)[:40]!r}; case closed/abandoned")

    # 3b
    def caller_hangs_up_at_once(self) -> str:
        """The caller hangs up right after choosing, while the legs are being placed."""
        line = self.line
        delays = tuple(i * 0.015 for i in range(20))  # 0 to 285 ms
        stray, placed = [], 0
        for delay in delays:
            call = line.call(line.caller())
            mark = line.calls_mark()
            call.choose(SpeechResult=URGENT_SPEECH, Confidence="0.9")
            time.sleep(delay)
            call.hang_up()
            time.sleep(1.5)
            ended = line.ended()
            calls = line.calls(mark)
            placed += len(calls)
            stray += [(delay, c) for c in calls if c["sid"] not in ended]
        if stray:
            raise Fail(f"{len(stray)} of {placed} responder calls placed for abandoned cases "
                       f"were never ended: to "
                       + ", ".join(f"{self.name_of[c['to']]} (hang-up {d * 1000:.0f} ms after "
                                   f"the choice)" for d, c in stray))
        return (f"{len(delays)} callers hung up 0-300 ms after choosing: all {placed} calls "
                f"placed for them were ended")
