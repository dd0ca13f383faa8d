"""Voice checks of the ways back to a caller: nobody on call, CALL <code>, voicemail."""

from __future__ import annotations

import re
import secrets
import time

from scripts.checks.calls.line import (
    CASE_CODE,
    RECORDING,
    SECOND_LINE,
    Call,
    CallChecks,
    action,
    show,
    spoken,
)
from scripts.harness.report import Fail, national


class CallbackChecks(CallChecks):
    """Checks 4, 5 and 6."""

    # 4
    def nobody_on_call(self) -> str:
        """Check 4: with nobody on call the caller hears resources and can record."""
        line = self.line
        call = line.call(line.caller(), to=SECOND_LINE)
        mark = line.calls_mark()
        menu = call.menu()
        started = time.monotonic()
        twiml = call.post(action(menu), Digits="2")
        record, took, path = twiml.find(".//Record"), time.monotonic() - started, "answer"
        if record is None and twiml.find("Enqueue") is not None:
            # the caller waits; the line may redirect them (a call update of the caller's sid)
            def redirected():
                for r in line.fake.requests():
                    if (r["method"] == "POST" and r["path"].endswith(f"/Calls/{call.sid}.json")
                            and r["form"].get("Url")):
                        return r["form"]["Url"]
                return None

            url = line.wait("redirect of the waiting caller", redirected, timeout=30)
            twiml = call.post(url)
            record, took, path = twiml.find(".//Record"), time.monotonic() - started, "redirect"
        said = spoken(twiml)
        resources = self.roster["resources"]["en"]
        problems = []
        if record is None:
            problems.append(f"no <Record>: {show(twiml)!r}")
        if resources not in said:
            problems.append(f"the roster's resources were not said: {said[:160]!r}")
        if took > 30:
            problems.append(f"resources and <Record> came {took:.1f}s after the choice")
        if line.calls(mark):
            problems.append(f"{len(line.calls(mark))} calls placed with nobody on call")
        forged = self._forged(call)
        call.hang_up()
        if forged:
            problems += forged
        if problems:
            raise Fail("; ".join(problems))
        return (f"resources and <Record> {took:.2f}s after choosing (in the {path}); "
                f"forged voice webhooks: 403, nothing recorded")

    def _forged(self, call: Call) -> list[str]:
        """Bad or missing X-Twilio-Signature on voice webhooks: 403 and nothing changes."""
        line = self.line
        before = line.database("SELECT count(*), max(id) FROM voice_call")
        stranger = line.call(line.caller())
        form = stranger.form(AccountSid=self.settings.account_sid)
        good = self.validator_signature("/twilio/voice", form)
        attempts = {
            "/twilio/voice, wrong signature": ("/twilio/voice", form, {"signature": "forged"}),
            "/twilio/voice, no signature": ("/twilio/voice", form, {"sign": False}),
            "/twilio/voice, signed for another URL": (
                "/twilio/voice?x=1", form, {"signature": good}),
            "/twilio/voice, a field changed": (
                "/twilio/voice", {**form, "From": "+16285559999"}, {"signature": good}),
            "/twilio/voice/status, wrong signature": (
                "/twilio/voice/status", call.form(CallStatus="completed"),
                {"signature": "forged"}),
            "/twilio/voice/take, no signature": (
                "/twilio/voice/take?offer=1", {"Digits": "1", "CallSid": "CAx"}, {"sign": False}),
            "/twilio/voice/choice, wrong signature": (
                "/twilio/voice/choice?lang=en&try=0", stranger.form(Digits="1"),
                {"signature": "forged"}),
        }
        problems = []
        for name, (path, data, options) in attempts.items():
            status, _ = line.post(path, data, **options)
            if status != 403:
                problems.append(f"{name} got {status}, not 403")
        after = line.database("SELECT count(*), max(id) FROM voice_call")
        if before != after:
            problems.append(f"forged webhooks changed voice_call: {before} -> {after}")
        return problems

    # 5
    def call_back(self) -> str:
        """Check 5: 'CALL <code>' calls the responder and dials the caller."""
        line = self.line
        caller = line.caller()
        call = line.call(caller)
        mark, texts = line.calls_mark(), line.mark()
        call.choose(Digits="1")
        leg = line.wait_call("call to an on-call responder", mark, self.responders)
        responder = leg["to"]
        connected = line.press(leg, line.pick_up(leg), "1")
        if connected.find("Dial/Queue") is None:
            call.hang_up()
            raise Fail(f"pressing 1 did not connect: {show(connected)!r}")
        call.hang_up()
        offer = line.wait_text("offer text naming the case", responder, texts,
                               lambda b: CASE_CODE.search(b) is not None)
        code = CASE_CODE.search(offer).group(1)
        time.sleep(0.5)
        back_mark = line.calls_mark()
        line.text(responder, f"CALL {code}")
        back = line.wait_call(f"call back to {self.name_of[responder]} after 'CALL {code}'",
                              back_mark, {responder})
        answered = line.pick_up(back)
        dial = answered.find("Dial")
        problems = []
        if back["from_"] != line.number:
            problems.append(f"the call back came from {back['from_']}, not the hotline")
        if dial is None or dial.get("callerId") != line.number:
            problems.append(f"answering gave {show(answered)!r}, not <Dial callerId=hotline>")
        elif (dial.findtext("Number") or "").strip() != caller:
            problems.append(f"<Dial> does not dial the caller: {show(answered)!r}")
        leaks = [b for m in line.sent() if m["to"] in self.responders
                 for b in [m["body"]] if caller in b or national(caller) in b]
        if leaks:
            problems.append(f"texts to responders show the caller's number: {leaks[:2]}")
        if problems:
            raise Fail("; ".join(problems))
        return (f"'CALL {code}' from {self.name_of[responder]}: called from the hotline, "
                f"<Dial callerId={line.number}><Number>caller</Number>; no text shows it")

    # 6
    def voicemail(self) -> str:
        """Check 6: a voicemail reaches the backup responder with a CALL code."""
        line = self.line
        caller = line.caller()
        call = line.call(caller)
        mark, texts = line.calls_mark(), line.mark()
        waiting, _ = call.choose(Digits="3")
        self._enqueued(call, waiting)
        wait_url, queued_url = call.enqueue.get("waitUrl"), call.enqueue.get("action")
        if not wait_url or not queued_url:
            raise Fail(f"<Enqueue> lacks waitUrl or action: {show(waiting)!r}")
        line.wait_call("a responder's call for the waiting caller", mark, self.responders)
        hold = call.post(wait_url, QueuePosition="1", QueueTime="2", AvgQueueTime="0")
        left = call.post(action(hold), Digits="5")
        if left.find("Leave") is None:
            call.hang_up()
            raise Fail(f"a key on hold gave {show(left)!r}, not <Leave/>")
        queued = call.post(queued_url, QueueResult="leave", QueueTime="3")
        record = queued.find(".//Record")
        problems = []
        if record is None or not record.get("action"):
            call.hang_up()
            raise Fail(f"leaving the queue gave {show(queued)!r}, not a <Record>")
        if self.roster["resources"]["en"] not in spoken(queued):
            problems.append("the voicemail prompt does not give the resources")
        time.sleep(1)
        placed = {c["sid"]: c["to"] for c in line.calls(mark)}
        try:
            line.wait("every responder call of the case ended",
                      lambda: set(placed) <= line.ended())
        except Fail:
            problems.append("calls still ringing after the caller left for voicemail: "
                            + self.names(t for s, t in placed.items() if s not in line.ended()))
        recording = RECORDING.format(account=self.settings.account_sid, sid=secrets.token_hex(16))
        thanks = call.post(record.get("action"), RecordingUrl=recording, RecordingDuration="14",
                           RecordingSid="RE" + secrets.token_hex(16), Digits="hangup")
        call.hang_up()
        alert = line.wait_text("voicemail text to the backup responder (Dee)", self.dee, texts,
                               lambda b: "Voicemail" in b and "CALL" in b)
        code = re.search(r"\bCALL (\d{4})\b", alert)
        if code is None:
            problems.append(f"Dee's text has no 'CALL <code>': {alert!r}")
        if recording in alert:
            problems.append("Dee's text carries the raw recording link")
        if caller in alert or national(caller) in alert:
            problems.append(f"Dee's text shows the caller's number: {alert!r}")
        if thanks.find(".//Dial") is not None:
            problems.append("the recording's action dialled someone")
        if code:
            back_mark = line.calls_mark()
            line.text(self.dee, f"CALL {code.group(1)}")
            back = line.wait_call("Dee's call back", back_mark, {self.dee})
            answered = line.pick_up(back)
            dialled = answered.findtext("Dial/Number")
            if (answered.findtext("Play") or "").strip() != recording:
                problems.append("Dee's call back does not play the voicemail first")
            if (dialled or "").strip() != caller:
                problems.append(f"Dee's call back dials {dialled!r}, not the caller")
        if problems:
            raise Fail("; ".join(problems))
        return (f"<Leave/>, then <Record>; every ringing leg ended; Dee got {alert!r}; "
                f"'CALL {code.group(1)}' plays the voicemail, then dials the caller")
