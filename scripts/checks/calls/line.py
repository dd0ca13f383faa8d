"""The voice line as the acceptance checks play Twilio to it, and what every group shares.

`Line` adds to the harness's `Phones` what calls need: TwiML answers parsed as XML, the calls
the line placed at the fake Twilio, responders picking up and pressing keys; `Call` is one
caller's call. `CallChecks` holds the roster's people and the steps several checks repeat.
"""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable

from scripts.harness.driving import WAIT, Phones
from scripts.harness.report import Fail
from scripts.harness.stack import Stack

OFFER_TIMEOUT = 4  # OFFER_TIMEOUT_SECONDS for this run: the voice window is min(this, 45)
SECOND_LINE = "+15005550009"  # a line whose roster has nobody on call
URGENT_SPEECH = "my friend overdosed and isn't breathing"
CASE_CODE = re.compile(r"\bcase (\d{4})\b", re.I)
RECORDING = "https://api.twilio.com/2010-04-01/Accounts/{account}/Recordings/RE{sid}"


def spoken(twiml: ET.Element) -> str:
    """Everything a TwiML document says, joined."""
    return " ".join((e.text or "").strip() for e in twiml.iter("Say"))


def show(twiml: ET.Element, limit: int = 300) -> str:
    """A TwiML document as text, cut at `limit` characters."""
    return ET.tostring(twiml, encoding="unicode")[:limit]


def action(twiml: ET.Element, verb: str = "Gather") -> str:
    """The action URL of the first element of a verb; Fail when there is none."""
    element = twiml.find(f".//{verb}")
    if element is None or not element.get("action"):
        raise Fail(f"no <{verb} action=…> in {show(twiml)!r}")
    return element.get("action")


class Line(Phones):
    """The running line as Twilio, the callers and the responders' phones see it."""

    def caller(self) -> str:
        """A phone number that never called the line before."""
        return self.person()

    def twiml(self, path: str, form: dict[str, str]) -> ET.Element:
        """POST to a voice URL (relative, or absolute under PUBLIC_URL); the answer as XML."""
        status, body = self.post(path, {"AccountSid": self.settings.account_sid,
                                        "ApiVersion": "2010-04-01", **form})
        if status != 200:
            raise Fail(f"POST {path} answered {status}: {body[:200]!r}")
        try:
            root = ET.fromstring(body)
        except ET.ParseError as error:
            raise Fail(f"POST {path} did not answer XML ({error}): {body[:200]!r}") from None
        if root.tag != "Response":
            raise Fail(f"POST {path} answered <{root.tag}>, not TwiML <Response>")
        return root

    def text(self, sender: str, body: str) -> None:
        """A text from `sender` to the line."""
        sid = self.sid("SM")
        form = {"MessageSid": sid, "SmsSid": sid, "AccountSid": self.settings.account_sid,
                "From": sender, "To": self.number, "Body": body, "NumMedia": "0",
                "ApiVersion": "2010-04-01"}
        status, answer = self.post("/twilio/sms", form)
        if status != 200:
            raise Fail(f"/twilio/sms answered {status} to a text: {answer[:200]}")

    def call(self, caller: str, to: str | None = None) -> Call:
        """A new call from `caller` to the line (or to `to`)."""
        return Call(self, caller, self.sid("CA"), to or self.number)

    def calls(self, since: int = 0) -> list[dict]:
        """Every call the line placed, from index `since`."""
        return self.fake.calls()[since:]

    def calls_mark(self) -> int:
        """How many calls the line placed so far: a `since` for later reads."""
        return len(self.fake.calls())

    def ended(self) -> set[str]:
        """Sids of placed calls the line hung up (an update with Status completed/canceled)."""
        return {u["sid"] for u in self.fake.call_updates()
                if u.get("status") in ("completed", "canceled")}

    def wait_call(self, what: str, since: int, to: set[str], timeout: float = WAIT,
                  every: float = 0.05) -> dict:
        """The first call placed since `since` to one of `to`."""

        def placed():
            return next((c for c in self.calls(since) if c["to"] in to), None)

        return self.wait(what, placed, timeout, every)

    def wait_text(self, what: str, phone: str, since: int,
                  matches: Callable[[str], bool] = lambda body: True,
                  timeout: float = WAIT) -> str:
        """The first text to `phone` since `since` that `matches`, waiting for it."""

        def got():
            return next((b for b in self.inbox(phone, since) if matches(b)), None)

        return self.wait(what, got, timeout)

    def pick_up(self, call: dict, **form: str) -> ET.Element:
        """A responder answers a call the line placed: Twilio fetches its Url."""
        if not call.get("url"):
            raise Fail(f"the call to {call['to']} has no Url (Twiml={call.get('twiml')!r})")
        return self.twiml(call["url"], {"CallSid": call["sid"], "From": call["from_"],
                                        "To": call["to"], "CallStatus": "in-progress",
                                        "Direction": "outbound-api", **form})

    def press(self, call: dict, twiml: ET.Element, digits: str) -> ET.Element:
        """The responder presses keys at the Gather of `twiml`."""
        return self.twiml(action(twiml), {"CallSid": call["sid"], "From": call["from_"],
                                          "To": call["to"], "CallStatus": "in-progress",
                                          "Direction": "outbound-api", "Digits": digits})


class Call:
    """One caller's call into the line, as Twilio would play it."""

    def __init__(self, line: Line, caller: str, sid: str, to: str) -> None:
        self.line, self.caller, self.sid, self.to = line, caller, sid, to
        self.enqueue: ET.Element | None = None

    def form(self, **extra: str) -> dict[str, str]:
        """A voice webhook's form for this call, with `extra` fields."""
        return {"CallSid": self.sid, "From": self.caller, "To": self.to, "Caller": self.caller,
                "Called": self.to, "CallStatus": "in-progress", "Direction": "inbound",
                **extra}

    def post(self, path: str, **extra: str) -> ET.Element:
        """POST this call's form (and `extra`) to `path`; the TwiML answer."""
        return self.line.twiml(path, self.form(**extra))

    def ring(self) -> ET.Element:
        """The call arrives: Twilio fetches /twilio/voice."""
        return self.post("/twilio/voice", CallStatus="ringing")

    def menu(self) -> ET.Element:
        """Ring, let the language question pass (no key: Twilio follows the <Redirect>)."""
        greeting = self.ring()
        redirect = greeting.find("Redirect")
        if greeting.find("Gather") is None or redirect is None or not redirect.text:
            raise Fail(f"the greeting has no language Gather and Redirect: {show(greeting)!r}")
        menu = self.post(redirect.text.strip())
        if menu.find("Gather") is None:
            raise Fail(f"the menu has no Gather: {show(menu)!r}")
        return menu

    def choose(self, **answer: str) -> tuple[ET.Element, float]:
        """Reach the menu and answer it (Digits or SpeechResult); the TwiML and when it came."""
        menu = self.menu()
        twiml = self.post(action(menu), **answer)
        answered = time.monotonic()
        self.enqueue = twiml.find("Enqueue")
        return twiml, answered

    def hang_up(self) -> None:
        """The caller hangs up: the number's status callback says completed."""
        status, body = self.line.post("/twilio/voice/status", self.form(
            CallStatus="completed", CallDuration="30", AccountSid=self.line.settings.account_sid))
        if status != 200:
            raise Fail(f"/twilio/voice/status answered {status}: {body[:200]}")


class CallChecks:
    """The state every voice check reads: the line, the roster's people, the running stack."""

    def __init__(self, line: Line, roster: dict, stack: Stack) -> None:
        self.line = line
        self.roster = roster
        self.processes = stack.processes
        self.settings = stack.settings
        phone = {r["name"]: r["phone"] for r in roster["responders"]}
        self.ana, self.ben = phone["Ana Reyes"], phone["Ben Ortiz"]
        self.cy, self.dee = phone["Cy Lam"], phone["Dee Park"]
        self.name_of = {p: n.split()[0] for n, p in phone.items()}
        self.responders = set(phone.values())

    def names(self, phones) -> str:
        """The first names of `phones`, joined."""
        return ", ".join(self.name_of.get(p, p) for p in phones)

    def _enqueued(self, call: Call, twiml: ET.Element) -> str:
        """The queue the caller's choice put them in; Fail if none."""
        if call.enqueue is None or not (call.enqueue.text or "").strip():
            raise Fail(f"the choice did not put the caller in a queue: {show(twiml)!r}")
        return call.enqueue.text.strip()

    def _urgent_call(self) -> tuple[Call, dict[str, dict], float]:
        """A caller says the urgent words: every on-call and backup responder is called."""
        line = self.line
        expected = {self.ben, self.cy, self.dee}
        call = line.call(line.caller())
        mark = line.calls_mark()
        twiml, answered = call.choose(SpeechResult=URGENT_SPEECH, Confidence="0.92")
        self._enqueued(call, twiml)
        seen: dict[str, float] = {}
        legs: dict[str, dict] = {}

        def all_called() -> bool:
            for placed in line.calls(mark):
                if placed["to"] not in legs:
                    legs[placed["to"]] = placed
                    seen[placed["to"]] = time.monotonic()
            return expected <= set(legs)

        try:
            line.wait("calls to Ben, Cy and Dee", all_called, timeout=10, every=0.02)
        except Fail:
            call.hang_up()
            raise Fail(f"calls reached only {self.names(legs)}") from None
        took = max(seen[p] for p in expected) - answered
        return call, legs, took

    def validator_signature(self, path: str, form: dict[str, str]) -> str:
        """The signature Twilio would send for `path` and `form`."""
        from twilio.request_validator import RequestValidator

        return RequestValidator(self.settings.auth_token).compute_signature(
            self.settings.public_url + path, form)
