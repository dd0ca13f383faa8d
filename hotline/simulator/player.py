"""Twilio's voice engine in miniature, for the phone simulator: the line's own TwiML, played.

The simulator cannot go through the voice webhooks (they refuse anything Twilio did not sign),
so `simulator.voice` answers each voice URL from the voice routes' own table. The
SDK's TwiML is then parsed and played verb by verb as Twilio would: what a phone hears is
written down, Enqueue holds a caller, Dial <Queue> bridges, and call endings reach the line as
Twilio's status callbacks do, through the voice legs.
"""

from __future__ import annotations

import logging
import secrets
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

from hotline.simulator.voice import fetch
from hotline.voice import legs

log = logging.getLogger(__name__)

MAX_STEPS = 60  # verbs one action may play before the simulator calls it a loop
KEPT_PER_PHONE = 5  # ended calls a phone still shows


def note(text: str) -> dict:
    """A line of a transcript that is not words the line speaks."""
    return {"kind": "note", "text": text}


def heard(verb: ET.Element, holding: bool = False) -> dict | None:
    """What a phone hears from a Say, Pause or Play; None for any other verb."""
    if verb.tag == "Say":
        return {"kind": "say", "text": (verb.text or "").strip(),
                "language": verb.get("language", "en-US")}
    if verb.tag == "Pause":
        return note(f"({'hold' if holding else 'pause'}, {verb.get('length', '1')} s)")
    if verb.tag == "Play":
        return note("(a recording plays)")
    return None


@dataclass
class Call:
    """One simulated call on one phone."""

    id: str  # the CallSid the line sees
    phone: str
    role: str  # caller: phoned the line | leg: the line phoned | dialed: a <Dial><Number>
    line_number: str  # the only number this phone is shown
    state: str = "ringing"  # ringing | in-progress | in-queue | bridged | ended
    leg_id: int | None = None
    heard: list[dict] = field(default_factory=list)
    verbs: list[ET.Element] = field(default_factory=list)  # what is left of the TwiML playing
    url: str = ""
    holding: bool = False  # the verbs are the Enqueue's waitUrl
    awaiting: dict | None = None  # a gather, record, hold or dialing
    digits: str = ""
    queue: str | None = None  # the queue it waits in
    enqueue: dict | None = None  # its Enqueue, until the action is told how the wait ended
    dial: dict | None = None  # its Dial, until it ends
    peer: str | None = None  # the call it is bridged with
    parent: str | None = None  # the call whose Dial rings this one
    path: str = ""  # the caller leg's path last followed
    ring_until: float | None = None

    def form(self) -> dict[str, str]:
        """The parameters Twilio sends with every request about this call."""
        outbound = self.role != "caller"
        return {"CallSid": self.id, "AccountSid": "ACsim", "CallStatus": "in-progress",
                "From": self.line_number if outbound else self.phone,
                "To": self.phone if outbound else self.line_number,
                "Direction": "outbound-api" if outbound else "inbound"}


class Player:
    """Plays TwiML on simulated calls, holds the queues, and bridges calls."""

    def __init__(self) -> None:
        self.calls: dict[str, Call] = {}
        self.queues: dict[str, list[str]] = {}
        self.origin = ""

    def new(self, phone: str, role: str, line_number: str, **fields) -> Call:
        """A call with a fresh CallSid; a phone keeps only its latest ended calls."""
        call = Call("CAsim" + secrets.token_hex(14), phone, role, line_number, **fields)
        self.calls[call.id] = call
        ended = [c.id for c in self.calls.values() if c.phone == phone and c.state == "ended"]
        for old in ended[:-KEPT_PER_PHONE]:
            del self.calls[old]
        return call

    def play(self, call: Call, url: str, **extra: str) -> None:
        """Fetch the TwiML at `url` for the call and play it."""
        self._load(call, url, **extra)
        self.run(call)

    def run(self, call: Call) -> None:
        """Play the call's TwiML until it waits for someone, is bridged, or ends."""
        steps, replayed = 0, False
        while call.state in ("in-progress", "in-queue") and call.awaiting is None:
            if not call.verbs:
                if not call.holding:
                    self.end(call, "completed")  # Twilio hangs up when the TwiML runs out
                elif replayed:
                    call.awaiting = {"kind": "hold"}
                else:  # the wait music plays again from the start
                    replayed = True
                    self._load(call, call.enqueue["wait_url"])
                continue
            steps += 1
            if steps > MAX_STEPS:
                call.heard.append(note("(the simulator stopped a loop in the TwiML)"))
                self.end(call, "completed")
                return
            self._verb(call, call.verbs.pop(0))

    def _verb(self, call: Call, verb: ET.Element) -> None:
        sound = heard(verb, call.holding)
        if sound is not None:
            call.heard.append(sound)
        elif verb.tag == "Gather":
            call.heard.extend(s for child in verb if (s := heard(child, call.holding)))
            inputs = (verb.get("input") or "dtmf").split()
            count = verb.get("numDigits", "")
            call.digits, call.awaiting = "", {
                "kind": "gather", "keys": "dtmf" in inputs, "speech": "speech" in inputs,
                "num_digits": int(count) if count.isdigit() else None,
                "finish_on_key": verb.get("finishOnKey", "#"),
                "action": verb.get("action") or call.url}
        elif verb.tag == "Record":
            beep = verb.get("playBeep", "true") != "false"
            call.heard.append(note("(beep — recording)" if beep else "(recording)"))
            call.awaiting = {"kind": "record", "action": verb.get("action") or call.url,
                             "finish_on_key": verb.get("finishOnKey", "1234567890*#")}
        elif verb.tag == "Redirect":
            self._load(call, (verb.text or "").strip() or call.url)
        elif verb.tag in ("Hangup", "Reject"):
            self.end(call, "completed")
        elif verb.tag == "Leave":
            if call.queue is not None:
                self._dequeue(call, "leave")
        elif verb.tag == "Enqueue":
            self._enqueue(call, verb)
        elif verb.tag == "Dial":
            self._dial(call, verb)
        else:
            call.heard.append(note(f"(the simulator skips <{verb.tag}>)"))

    def _load(self, call: Call, url: str, **extra: str) -> None:
        """The call now plays the TwiML the line answers at `url`."""
        call.url = url
        try:
            call.verbs = fetch(url, {**call.form(), **extra}, self.origin)
        except Exception:
            log.exception("simulated call: the line failed at %s", url.split("?")[0])
            call.heard.append(note("(the line answered with an error; Twilio would end the call)"))
            call.verbs = [ET.Element("Hangup")]

    def _post(self, call: Call, url: str, **extra: str) -> None:
        """Tell the line something whose TwiML nobody will hear (the call has moved on)."""
        try:
            fetch(url, {**call.form(), **extra}, self.origin)
        except Exception:
            log.exception("simulated call: the line failed at %s", url.split("?")[0])

    # Queues and bridges

    def _enqueue(self, call: Call, verb: ET.Element) -> None:
        name = (verb.text or "").strip()
        call.enqueue = {"action": verb.get("action"), "wait_url": verb.get("waitUrl"),
                        "after": call.verbs, "since": time.monotonic()}
        call.verbs, call.state, call.queue = [], "in-queue", name
        self.queues.setdefault(name, []).append(call.id)
        dialer = next((c for c in self.calls.values() if c.dial and c.dial["queue"] == name
                       and (c.awaiting or {}).get("kind") == "dialing"), None)
        if dialer is not None:
            self.bridge(dialer, call)
            return
        call.holding = True
        if call.enqueue["wait_url"]:
            self._load(call, call.enqueue["wait_url"], QueuePosition="1", QueueTime="0")
        else:
            call.heard.append(note("(hold music)"))
            call.awaiting = {"kind": "hold"}

    def _dequeue(self, call: Call, result: str) -> None:
        """The call's wait ended: its Enqueue action is told why (QueueResult)."""
        entry, call.enqueue = call.enqueue, None
        if call.queue is not None and call.id in self.queues.get(call.queue, []):
            self.queues[call.queue].remove(call.id)
        call.queue, call.holding = None, False
        waited = str(int(time.monotonic() - entry["since"]))
        if call.state == "ended" or result.startswith("redirected"):  # nobody hears the answer
            if entry["action"]:
                self._post(call, entry["action"], QueueResult=result, QueueTime=waited)
            return
        call.state, call.awaiting = "in-progress", None
        if entry["action"]:
            self._load(call, entry["action"], QueueResult=result, QueueTime=waited)
        else:
            call.verbs = entry["after"]

    def _dial(self, call: Call, verb: ET.Element) -> None:
        nouns = {noun.tag: (noun.text or "").strip() for noun in verb}
        timeout = int(verb.get("timeout", "30")) if verb.get("timeout", "30").isdigit() else 30
        queue = nouns.get("Queue")
        number = nouns.get("Number") or (verb.text or "").strip()
        call.dial = {"action": verb.get("action"), "after": call.verbs, "queue": queue,
                     "child": None, "until": None}
        call.verbs = []
        if queue is not None and self.queues.get(queue):
            self.bridge(call, self.calls[self.queues[queue][0]])
        elif queue is not None and queue in self.queues:  # Twilio waits for a caller to join
            call.dial["until"] = time.monotonic() + timeout
            call.awaiting = {"kind": "dialing"}
            call.heard.append(note("(waiting for the caller to be connected)"))
        elif queue is None and number:
            call.heard.append(note("(ringing the other phone through the line)"))
            child = self.new(number, "dialed", verb.get("callerId") or call.line_number,
                             parent=call.id, ring_until=time.time() + timeout)
            call.dial["child"], call.awaiting = child.id, {"kind": "dialing"}
        else:
            self.dial_done(call, "failed")

    def dial_done(self, call: Call, status: str) -> None:
        """The call's Dial is over: its action, or what follows it, plays next."""
        spec, call.dial = call.dial, None
        call.state, call.awaiting = "in-progress", None
        if spec["action"]:
            self._load(call, spec["action"], DialCallStatus=status)
        else:
            call.verbs = spec["after"]

    def bridge(self, dialer: Call, other: Call) -> None:
        """Connect two calls: each side hears the other, and nothing more plays."""
        if other.queue is not None:
            self.queues[other.queue].remove(other.id)
        other.queue, other.holding = None, False
        for one, two in ((dialer, other), (other, dialer)):
            one.state, one.peer, one.awaiting, one.verbs = "bridged", two.id, None, []
            one.heard.append(note("(connected to the other side)"))

    def _carry_on(self, call: Call) -> None:
        """The other side of a bridge left: this call's Dial or Enqueue ends, and it plays on."""
        call.heard.append(note("(the other side hung up)"))
        call.peer, call.state = None, "in-progress"
        if call.dial is not None:
            self.dial_done(call, "completed")
        elif call.enqueue is not None:
            self._dequeue(call, "bridged")
        self.run(call)

    # Endings and redirects

    def end(self, call: Call, status: str) -> None:
        """The call ends; the line hears of it, and whoever it was connected to carries on."""
        if call.state == "ended":
            return
        call.state, call.awaiting, call.verbs, call.ring_until = "ended", None, [], None
        call.heard.append(note("(call ended)"))
        peer = self.calls.get(call.peer or "")
        call.peer = None
        if call.enqueue is not None:
            self._dequeue(call, "bridged" if peer else "hangup")
        child = self.calls.get((call.dial or {}).get("child") or "")
        parent = self.calls.get(call.parent or "")
        call.dial, call.parent = None, None
        report(call, status)
        if child is not None and child.state == "ringing":
            child.parent = None
            child.heard.append(note("(missed call)"))
            self.end(child, "canceled")
        if peer is not None and peer.state == "bridged":
            self._carry_on(peer)
        if parent is not None and (parent.awaiting or {}).get("kind") == "dialing":
            self.dial_done(parent, status)
            self.run(parent)

    def redirect(self, call: Call, path: str) -> None:
        """The line pointed a live call at new TwiML (Twilio's call update)."""
        call.path = path
        if call.state == "ended":
            return
        peer = self.calls.get(call.peer or "")
        call.peer = None
        if call.enqueue is not None:
            self._dequeue(call, "redirected-from-bridged" if peer else "redirected")
        call.state, call.awaiting, call.digits = "in-progress", None, ""
        if peer is not None and peer.state == "bridged":
            self._carry_on(peer)
        self.play(call, path)


def report(call: Call, status: str) -> None:
    """Twilio's status callback for a call: the voice legs hear how it went."""
    try:
        if call.role == "caller":
            legs.caller_status(call.id, status)
        elif call.role == "leg":
            legs.leg_status(call.leg_id, status)
    except Exception:
        log.exception("simulated call: the line failed on a %s status", status)
        call.heard.append(note("(the line failed to take this call's status)"))
