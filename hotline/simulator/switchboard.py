"""Phone calls on the simulator: the phones' buttons, and the legs the line places, ringing.

Development only. A person's phone calls the line; the legs the line places to responders
(`VoiceCall` rows left `local` without Twilio credentials) ring their phones; answering,
keys, words, silence, a message and hanging up drive the line's own TwiML through
`player.Player`. The state lives in memory, one `Switchboard` per app behind one lock: the
simulator runs in one process, and the line's jobs run beside it on the embedded queue.
"""

from __future__ import annotations

import secrets
import threading
import time
from datetime import UTC, datetime

from sqlmodel import select

from hotline.infra import db
from hotline.infra.models import Line, VoiceCall
from hotline.simulator.player import Call, Player, note, report
from hotline.simulator.voice import INCOMING
from hotline.voice.placing import ENDED, RING_SECONDS

ACTIONS = ("press", "say", "silence", "answer", "decline", "hangup", "record")
KEYS = "0123456789*#"
RECORDING_URL = "http://127.0.0.1/sim-recording/{id}"


class CallError(Exception):
    """Something this call cannot do now; the page shows the reason."""


class NoSuchCall(CallError):
    """No simulated call has this id."""


class Switchboard:
    """Every simulated call of one app: started, answered and played on request."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.player = Player()
        self.legs: set[int] = set()  # VoiceCall ids already rung

    def snapshot(self) -> dict[str, list[dict]]:
        """Each phone's calls, oldest first, after catching up with the line."""
        with self.lock:
            self._sync()
            phones: dict[str, list[dict]] = {}
            for call in self.player.calls.values():
                phones.setdefault(call.phone, []).append(view(call))
            return phones

    def start(self, phone: str, line_number: str, origin: str) -> dict:
        """A phone calls the line: a fresh CallSid, then the number's Voice URL."""
        with self.lock:
            self._sync()
            if any(c.phone == phone and c.state in ("in-progress", "in-queue", "bridged")
                   for c in self.player.calls.values()):
                raise CallError("this phone is already on a call; hang up first")
            self.player.origin = origin
            call = self.player.new(phone, "caller", line_number, state="in-progress")
            self.player.play(call, INCOMING, CallStatus="ringing")
            return view(call)

    def act(self, call_id: str, action: str, value: str = "") -> dict:
        """Press keys, speak, stay silent, answer, decline, hang up or leave a message."""
        if action not in ACTIONS:
            raise CallError(f"a call can only {', '.join(ACTIONS)}")
        with self.lock:
            self._sync()
            call = self.player.calls.get(call_id)
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
            parent = self.player.calls[call.parent]
            call.parent, parent.dial["child"] = None, None
            self.player.bridge(parent, call)
            return
        report(call, "in-progress")
        with db.transaction() as session:
            leg = session.get(VoiceCall, call.leg_id)
            path = leg.path if leg else ""
        self.player.play(call, path)

    def _decline(self, call: Call, _value: str) -> None:
        if call.state != "ringing":
            raise CallError("this call is not ringing")
        call.heard.append(note("(you declined)"))
        self.player.end(call, "no-answer")

    def _hangup(self, call: Call, value: str) -> None:
        if call.state == "ringing":
            self._decline(call, value)
            return
        call.heard.append(note("(you hung up)"))
        self.player.end(call, "completed")

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
            raise CallError("nothing on this call is listening for words now; use the keys")
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
        self.player.run(call)

    def _record(self, call: Call, _value: str) -> None:
        wanted = call.awaiting or {}
        if wanted.get("kind") != "record":
            raise CallError("nothing on this call is recording")
        recording = secrets.token_hex(8)
        call.heard.append({"kind": "you", "text": "You left a message."})
        call.awaiting = None
        self.player.play(call, wanted["action"], RecordingUrl=RECORDING_URL.format(id=recording),
                         RecordingSid="REsim" + recording, RecordingDuration="20",
                         Digits="hangup")

    def _gathered(self, call: Call, **heard: str) -> None:
        """A Gather got keys or words: its action gets them and says what comes next."""
        said = heard.get("SpeechResult")
        text = f"You said: “{said}”" if said else f"You pressed {heard.get('Digits') or '#'}"
        call.heard.append({"kind": "you", "text": text})
        action = call.awaiting["action"]
        call.awaiting, call.digits = None, ""
        self.player.play(call, action, **heard)

    # Catching up with the line and the clock

    def _sync(self) -> None:
        """Ring the legs the line placed, end those it hung up, follow its redirects."""
        calls = self.player.calls.values()
        live = {c.leg_id: c for c in calls if c.role == "leg" and c.state != "ended"}
        callers = {c.id: c for c in calls if c.role == "caller" and c.state != "ended"}
        with db.transaction() as session:
            placed = [(row, session.get(Line, row.line_id).number) for row in session.exec(
                select(VoiceCall).where(VoiceCall.status == "local", VoiceCall.role != "caller"))
                if row.id not in self.legs]
            ended = session.exec(select(VoiceCall.id, VoiceCall.status).where(
                VoiceCall.id.in_(live), VoiceCall.status.in_(ENDED))).all() if live else []
            moved = session.exec(select(VoiceCall.sid, VoiceCall.path).where(
                VoiceCall.sid.in_(callers))).all() if callers else []
        for row, number in placed:
            self.legs.add(row.id)
            ring_until = _utc(row.created_at).timestamp() + RING_SECONDS
            if ring_until < time.time():  # placed before this process started: long unanswered
                report(Call("", row.to_number, "leg", number, leg_id=row.id), "no-answer")
                continue
            self.player.new(row.to_number, "leg", number, leg_id=row.id, ring_until=ring_until)
        for leg_id, status in ended:
            live[leg_id].heard.append(note("(the line hung up)"))
            self.player.end(live[leg_id], status)
        for sid, path in moved:
            if path and path != callers[sid].path:
                self.player.redirect(callers[sid], path)
        for call in list(self.player.calls.values()):
            if call.state == "ringing" and call.ring_until and time.time() > call.ring_until:
                call.heard.append(note("(missed call)"))
                self.player.end(call, "no-answer")
            elif (call.awaiting or {}).get("kind") == "dialing" and call.dial["until"] and (
                    time.monotonic() > call.dial["until"]):
                self.player.dial_done(call, "no-answer")
                self.player.run(call)


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
    return {"id": call.id, "state": call.state, "line": call.line_number,
            "direction": "outgoing" if call.role == "caller" else "incoming",
            "heard": list(call.heard), "awaiting": kind, "digits": call.digits,
            "actions": actions}


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
