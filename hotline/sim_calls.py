"""Phone calls on the simulator: a small stand-in for Twilio's voice engine (development only).

A simulated call plays the line's real TwiML (fetched through `sim_twiml`) verb by verb and
writes down what its phone hears. Keys and speech go to a Gather's action, Enqueue puts the
caller on hold, Dial <Queue> bridges a responder with them, and the legs the line places
(`VoiceCall` rows left `local` without Twilio credentials) ring the responders' phones. Call
endings reach the line as Twilio's status callbacks would, through `call_legs`. The state lives
in memory, one `Switchboard` per app behind one lock: the simulator runs in one process.
"""

from __future__ import annotations

import logging
import secrets
import threading
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlmodel import select

from hotline import call_legs, db, sim_twiml
from hotline.models import Line, VoiceCall
from hotline.phone_calls import ENDED, RING_SECONDS
from hotline.sim_twiml import note

log = logging.getLogger(__name__)

ACTIONS = ("press", "say", "silence", "answer", "decline", "hangup", "record")
KEYS = "0123456789*#"
MAX_STEPS = 60  # verbs one action may play before the simulator calls it a loop
KEPT_PER_PHONE = 5  # ended calls a phone still shows
RECORDING_URL = "http://127.0.0.1/sim-recording/{id}"


class CallError(Exception):
    """Something this call cannot do now; the page shows the reason."""


class NoSuchCall(CallError):
    """No simulated call has this id."""


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
    enqueue: dict | None = None  # its Enqueue, until the action is posted
    dial: dict | None = None  # its Dial, until it ends
    peer: str | None = None  # the call it is bridged with
    parent: str | None = None  # the call whose Dial rings this one
    path: str = ""  # the caller leg's path last followed
    ring_until: float | None = None


class Switchboard:
    """Every simulated call of one app, and the queues callers wait in."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.calls: dict[str, Call] = {}
        self.queues: dict[str, list[str]] = {}
        self.legs: set[int] = set()
        self.origin = ""

    # What the page asks for

    def snapshot(self) -> dict[str, list[dict]]:
        """Each phone's calls, oldest first, after catching up with the line."""
        with self.lock:
            self._sync()
            phones: dict[str, list[dict]] = {}
            for call in self.calls.values():
                phones.setdefault(call.phone, []).append(view(call))
            return phones

    def start(self, phone: str, line_number: str, origin: str) -> dict:
        """A phone calls the line: a fresh CallSid, then the number's Voice URL."""
        with self.lock:
            self._sync()
            if any(c.phone == phone and c.state in ("in-progress", "in-queue", "bridged")
                   for c in self.calls.values()):
                raise CallError("this phone is already on a call; hang up first")
            self.origin = origin
            call = self._new(phone, "caller", line_number, state="in-progress")
            self._load(call, sim_twiml.INCOMING, CallStatus="ringing")
            self._run(call)
            return view(call)

    def act(self, call_id: str, action: str, value: str = "") -> dict:
        """Press keys, speak, stay silent, answer, decline, hang up or leave a message."""
        with self.lock:
            self._sync()
            call = self.calls.get(call_id)
            if call is None:
                raise NoSuchCall("no such call")
            if call.state == "ended":
                raise CallError("this call has ended")
            getattr(self, f"_{action}")(call, value)
            return view(call)

    # The phone's buttons

    def _answer(self, call: Call, _value: str) -> None:
        if call.state != "ringing":
            raise CallError("this call is not ringing")
        call.state, call.ring_until = "in-progress", None
        call.heard.append(note("(you answered)"))
        if call.role == "dialed":
            parent = self.calls[call.parent]
            call.parent, parent.dial["child"] = None, None
            self._bridge(parent, call)
            return
        self._report(call, "in-progress")
        with db.transaction() as session:
            leg = session.get(VoiceCall, call.leg_id)
            path = leg.path if leg else ""
        self._load(call, path)
        self._run(call)

    def _decline(self, call: Call, _value: str) -> None:
        if call.state != "ringing":
            raise CallError("this call is not ringing")
        call.heard.append(note("(you declined)"))
        self._end(call, "no-answer")

    def _hangup(self, call: Call, value: str) -> None:
        if call.state == "ringing":
            self._decline(call, value)
            return
        call.heard.append(note("(you hung up)"))
        self._end(call, "completed")

    def _press(self, call: Call, digits: str) -> None:
        keys = "".join(d for d in digits if d in KEYS)
        if not keys:
            raise CallError("press 0-9, * or #")
        wanted = call.awaiting or {}
        if wanted.get("kind") == "record" and any(k in wanted["finish_on_key"] for k in keys):
            self._record(call, "")
            return
        if wanted.get("kind") != "gather" or not wanted["keys"]:
            raise CallError("nothing on this call is listening for keys now")
        call.digits += keys
        finish, count = wanted["finish_on_key"], wanted["num_digits"]
        if finish and finish in call.digits:
            self._gathered(call, Digits=call.digits.split(finish)[0], FinishedOnKey=finish)
        elif count and len(call.digits) >= count:
            self._gathered(call, Digits=call.digits[:count])

    def _say(self, call: Call, text: str) -> None:
        text = " ".join(text.split())
        if not text:
            raise CallError("write what to say")
        wanted = call.awaiting or {}
        if wanted.get("kind") != "gather" or not wanted["speech"]:
            raise CallError("nothing on this call is listening for speech now; use the keys")
        self._gathered(call, SpeechResult=text, Confidence="0.9")

    def _silence(self, call: Call, _value: str) -> None:
        wanted = call.awaiting or {}
        if wanted.get("kind") not in ("gather", "record", "hold"):
            raise CallError("nothing on this call waits for an answer")
        if wanted["kind"] == "gather" and call.digits:  # a timeout sends the keys so far
            self._gathered(call, Digits=call.digits)
            return
        call.heard.append(note("(you stay silent)"))
        call.awaiting, call.digits = None, ""
        self._run(call)

    def _record(self, call: Call, _value: str) -> None:
        wanted = call.awaiting or {}
        if wanted.get("kind") != "record":
            raise CallError("nothing on this call is recording")
        recording = secrets.token_hex(8)
        call.heard.append({"kind": "you", "text": "You left a message."})
        call.awaiting = None
        self._load(call, wanted["action"], RecordingUrl=RECORDING_URL.format(id=recording),
                   RecordingSid="REsim" + recording, RecordingDuration="20", Digits="hangup")
        self._run(call)

    def _gathered(self, call: Call, **heard: str) -> None:
        """A Gather got keys or words: its action gets them and says what comes next."""
        said = heard.get("SpeechResult")
        text = f"You said: “{said}”" if said else f"You pressed {heard.get('Digits') or '#'}"
        call.heard.append({"kind": "you", "text": text})
        action = call.awaiting["action"]
        call.awaiting, call.digits = None, ""
        self._load(call, action, **heard)
        self._run(call)

    # Playing TwiML

    def _run(self, call: Call) -> None:
        """Play the call's TwiML until it waits for someone, is bridged, or ends."""
        steps, replayed = 0, False
        while call.state in ("in-progress", "in-queue") and call.awaiting is None:
            if not call.verbs:
                if not call.holding:
                    self._end(call, "completed")  # Twilio hangs up when the TwiML runs out
                elif replayed:
                    call.awaiting = {"kind": "hold"}
                else:  # the wait music plays again from the start
                    replayed = True
                    self._load(call, call.enqueue["wait_url"])
                continue
            steps += 1
            if steps > MAX_STEPS:
                call.heard.append(note("(the simulator stopped a loop in the TwiML)"))
                self._end(call, "completed")
                return
            self._verb(call, call.verbs.pop(0))

    def _verb(self, call: Call, verb: ET.Element) -> None:
        sound = sim_twiml.heard(verb, call.holding)
        if sound is not None:
            call.heard.append(sound)
        elif verb.tag == "Gather":
            call.heard.extend(s for child in verb if (s := sim_twiml.heard(child, call.holding)))
            call.awaiting, call.digits = sim_twiml.gather(verb, call.url), ""
        elif verb.tag == "Record":
            call.awaiting = sim_twiml.record(verb, call.url)
            call.heard.append(note("(beep — recording)" if call.awaiting["beep"] else
                                   "(recording)"))
        elif verb.tag == "Redirect":
            self._load(call, (verb.text or "").strip() or call.url)
        elif verb.tag in ("Hangup", "Reject"):
            self._end(call, "completed")
        elif verb.tag == "Leave":
            if call.queue is not None:
                self._dequeue(call, "leave")
        elif verb.tag == "Enqueue":
            self._enqueue(call, verb)
        elif verb.tag == "Dial":
            self._dial(call, sim_twiml.dial(verb))
        else:
            call.heard.append(note(f"(the simulator skips <{verb.tag}>)"))

    def _load(self, call: Call, url: str, **extra: str) -> None:
        """The call now plays the TwiML the line answers at `url`."""
        call.url = url
        try:
            call.verbs = sim_twiml.fetch(url, {**form(call), **extra}, self.origin)
        except Exception:
            log.exception("simulated call: the line failed at %s", url.split("?")[0])
            call.heard.append(note("(the line answered with an error; Twilio would end the call)"))
            call.verbs = [ET.Element("Hangup")]

    def _post(self, call: Call, url: str, **extra: str) -> None:
        """Tell the line something whose TwiML nobody will hear (the call has moved on)."""
        try:
            sim_twiml.fetch(url, {**form(call), **extra}, self.origin)
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
            self._bridge(dialer, call)
            return
        call.holding = True
        if call.enqueue["wait_url"]:
            self._load(call, call.enqueue["wait_url"], QueuePosition="1", QueueTime="0")
        else:
            call.heard.append(note("(hold music)"))
            call.awaiting = {"kind": "hold"}

    def _dequeue(self, call: Call, result: str) -> None:
        """The call's wait ended: its Enqueue action hears why (QueueResult)."""
        entry, call.enqueue = call.enqueue, None
        self._leave_queue(call)
        seconds = str(int(time.monotonic() - entry["since"]))
        gone = call.state == "ended" or result.startswith("redirected")
        if gone:
            if entry["action"]:
                self._post(call, entry["action"], QueueResult=result, QueueTime=seconds)
            return
        call.state, call.awaiting = "in-progress", None
        if entry["action"]:
            self._load(call, entry["action"], QueueResult=result, QueueTime=seconds)
        else:
            call.verbs = entry["after"]

    def _leave_queue(self, call: Call) -> None:
        if call.queue is not None and call.id in self.queues.get(call.queue, []):
            self.queues[call.queue].remove(call.id)
        call.queue, call.holding = None, False

    def _dial(self, call: Call, spec: dict) -> None:
        call.dial, call.verbs = {**spec, "after": call.verbs, "child": None, "until": None}, []
        if spec["queue"] is not None:
            waiting = self.queues.get(spec["queue"])
            if waiting:
                self._bridge(call, self.calls[waiting[0]])
            elif spec["queue"] in self.queues:  # Twilio waits for the next caller to join
                call.dial["until"] = time.monotonic() + spec["timeout"]
                call.awaiting = {"kind": "dialing"}
                call.heard.append(note("(waiting for the caller to be connected)"))
            else:
                self._dial_done(call, "failed")
            return
        if not spec["number"]:
            self._dial_done(call, "failed")
            return
        call.heard.append(note("(ringing the other phone through the line)"))
        child = self._new(spec["number"], "dialed", spec["caller_id"] or call.line_number,
                          parent=call.id, ring_until=time.time() + spec["timeout"])
        call.dial["child"], call.awaiting = child.id, {"kind": "dialing"}

    def _dial_done(self, call: Call, status: str) -> None:
        """The call's Dial is over: its action, or what follows it, plays next."""
        spec, call.dial = call.dial, None
        call.state, call.awaiting = "in-progress", None
        if spec["action"]:
            self._load(call, spec["action"], DialCallStatus=status)
        else:
            call.verbs = spec["after"]

    def _bridge(self, dialer: Call, other: Call) -> None:
        self._leave_queue(other)
        for one, two in ((dialer, other), (other, dialer)):
            one.state, one.peer, one.awaiting, one.verbs = "bridged", two.id, None, []
            one.heard.append(note("(connected to the other side)"))

    def _carry_on(self, call: Call) -> None:
        """The other side of a bridge left: this call's Dial or Enqueue ends, and it plays on."""
        call.heard.append(note("(the other side hung up)"))
        call.peer, call.state = None, "in-progress"
        if call.dial is not None:
            self._dial_done(call, "completed")
        elif call.enqueue is not None:
            self._dequeue(call, "bridged")
        self._run(call)

    # Endings

    def _end(self, call: Call, status: str, report: bool = True) -> None:
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
        if report:
            self._report(call, status)
        if child is not None and child.state == "ringing":
            child.parent = None
            child.heard.append(note("(missed call)"))
            self._end(child, "canceled")
        if peer is not None and peer.state == "bridged":
            self._carry_on(peer)
        if parent is not None and (parent.awaiting or {}).get("kind") == "dialing":
            self._dial_done(parent, status)
            self._run(parent)

    def _report(self, call: Call, status: str) -> None:
        """Twilio's status callback for the call: `call_legs` hears how it went."""
        try:
            if call.role == "caller":
                call_legs.caller_status(call.id, status)
            elif call.role == "leg":
                call_legs.leg_status(call.leg_id, status)
        except Exception:
            log.exception("simulated call: the line failed on a %s status", status)
            call.heard.append(note("(the line failed to take this call's status)"))

    # Catching up with the line

    def _sync(self) -> None:
        """Ring the legs the line placed, end those it hung up, follow its redirects."""
        live = {c.leg_id: c for c in self.calls.values() if c.role == "leg" and c.state != "ended"}
        callers = {c.id: c for c in self.calls.values()
                   if c.role == "caller" and c.state != "ended"}
        with db.transaction() as session:
            placed = [(row, session.get(Line, row.line_id).number) for row in session.exec(
                select(VoiceCall).where(VoiceCall.status == "local", VoiceCall.role != "caller",
                                        VoiceCall.id.not_in(self.legs)))]
            ended = session.exec(select(VoiceCall.id, VoiceCall.status).where(
                VoiceCall.id.in_(live), VoiceCall.status.in_(ENDED))).all() if live else []
            moved = session.exec(select(VoiceCall.sid, VoiceCall.path).where(
                VoiceCall.sid.in_(callers))).all() if callers else []
        for row, number in placed:
            self.legs.add(row.id)
            ring_until = _utc(row.created_at).timestamp() + RING_SECONDS
            if ring_until < time.time():  # placed before this process: long unanswered
                self._report(Call("", row.to_number, "leg", number, leg_id=row.id), "no-answer")
                continue
            self._new(row.to_number, "leg", number, leg_id=row.id, ring_until=ring_until)
        for leg_id, status in ended:
            live[leg_id].heard.append(note("(the line hung up)"))
            self._end(live[leg_id], status)
        for sid, path in moved:
            if path and path != callers[sid].path:
                self._redirect(callers[sid], path)
        self._time_out()

    def _redirect(self, call: Call, path: str) -> None:
        """The line pointed a live caller at new TwiML (Twilio's call update)."""
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
        self._load(call, path)
        self._run(call)

    def _time_out(self) -> None:
        """Phones ring only so long, and a Dial waits for an empty queue only so long."""
        for call in list(self.calls.values()):
            if call.state == "ringing" and call.ring_until and time.time() > call.ring_until:
                call.heard.append(note("(missed call)"))
                self._end(call, "no-answer")
            elif (call.awaiting or {}).get("kind") == "dialing" and call.dial["until"] and (
                    time.monotonic() > call.dial["until"]):
                self._dial_done(call, "no-answer")
                self._run(call)

    def _new(self, phone: str, role: str, line_number: str, **fields) -> Call:
        call = Call("CAsim" + secrets.token_hex(14), phone, role, line_number, **fields)
        self.calls[call.id] = call
        ended = [c.id for c in self.calls.values() if c.phone == phone and c.state == "ended"]
        for old in ended[:-KEPT_PER_PHONE]:
            del self.calls[old]
        return call


def form(call: Call) -> dict[str, str]:
    """The parameters Twilio sends with every request about this call."""
    outbound = call.role != "caller"
    return {"CallSid": call.id, "AccountSid": "ACsim", "CallStatus": "in-progress",
            "From": call.line_number if outbound else call.phone,
            "To": call.phone if outbound else call.line_number,
            "Direction": "outbound-api" if outbound else "inbound"}


def view(call: Call) -> dict:
    """A call as its phone's card shows it: only the line's number, never another party's."""
    wanted = call.awaiting or {}
    kind = wanted.get("kind")
    actions = {"ringing": ["answer", "decline"], "ended": []}.get(call.state)
    if actions is None:
        actions = ["hangup"]
        if kind == "gather":
            actions += ["press"] * wanted["keys"] + ["say"] * wanted["speech"] + ["silence"]
        elif kind == "record":
            actions += ["record", "silence", "press"]
        elif kind == "hold":
            actions += ["silence"]
    return {
        "id": call.id,
        "state": call.state,
        "direction": "outgoing" if call.role == "caller" else "incoming",
        "line": call.line_number,
        "heard": list(call.heard),
        "awaiting": kind,
        "digits": call.digits,
        "actions": actions,
    }


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
