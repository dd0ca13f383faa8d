"""A test driver that uses the line as Twilio and the phones around it would.

Every test that drives the line also checks, for free, that no party ever sees another's
number: each text the line sent (offers, history, alerts, relays, notices) and each prompt it
spoke is scanned for any run of three or more digits of another party's number, whether the
digits are written together or split by spaces, dashes, dots or parentheses. Case codes, cover
codes and the line's published resources are the only digits a text may carry.
"""

from __future__ import annotations

import itertools
import re
import time
import xml.etree.ElementTree as ET

from rq import SimpleWorker
from rq.job import Job
from rq.registry import ScheduledJobRegistry
from sqlalchemy import update
from sqlmodel import select
from twilio.request_validator import RequestValidator

from hotline.cases import rosters
from hotline.infra.db import transaction
from hotline.infra.models import Case, Offer, Person, Responder, utcnow
from hotline.infra.models import Line as LineRow
from hotline.infra.queue import queue, queues
from hotline.infra.shift_records import CoverRequest
from hotline.infra.words import say
from scripts.harness.roster import sample_roster

PUBLIC_URL = "https://line.example.org"

_sids = itertools.count(1)


def roster(**changes) -> dict:
    """A roster where everyone is on call now: Ana (en/es), Ben, Cy, Dee (backup); the same
    one the acceptance scripts load."""
    return sample_roster(**changes)


ANA, BEN, CY, DEE = "+15105550101", "+15105550102", "+15105550103", "+15105550104"
CODE = re.compile(r"\b(\d{4})\b")

#: Digits as people write a phone number: together or split by spaces, dashes, dots, brackets.
DIGIT_RUN = re.compile(r"\d(?:[\s().-]*\d)*")
SHOWN = 3  # this many digits of a number in a row already say too much


def digit_runs(text: str) -> list[str]:
    """Each run of digits in a text, separators dropped: "(555) 01-23" -> "5550123"."""
    return [re.sub(r"\D", "", m.group()) for m in DIGIT_RUN.finditer(text)]


def shows_part_of(text: str, number: str) -> bool:
    """True when the text carries SHOWN or more digits in a row of this number."""
    digits = re.sub(r"\D", "", number)
    return any(run[i:i + SHOWN] in digits
               for run in digit_runs(text) for i in range(len(run) - SHOWN + 1))


def without_legitimate_digits(text: str, codes: set[str], allowed: set[str]) -> str:
    """The text with case codes and the line's published texts (its resources) taken out."""
    for known in sorted(allowed, key=len, reverse=True):
        if known:
            text = text.replace(known, " # ")
    for code in codes:
        text = re.sub(rf"(?<!\d){re.escape(code)}(?!\d)", "#", text)
    return text


class Line:
    """Signed webhooks in, the queue worked by an RQ SimpleWorker, texts read at Twilio."""

    def __init__(self, app, twilio, auth_token: str) -> None:
        self.app = app
        self.twilio = twilio
        self.client = app.test_client()
        self.validator = RequestValidator(auth_token)
        self.number = app.config["HOTLINE_NUMBER"]
        self.phones: set[str] = set()  # every party the driver saw: people, callers, responders
        self._checked: set[str] = set()  # sids of texts already scanned for numbers

    def load(self, doc: dict | None = None, number: str | None = None) -> None:
        """Import a roster (default: `roster()`), into the line of `number` (default: ours)."""
        doc = doc or roster()
        self.phones.update(r["phone"] for r in doc.get("responders", ()) if "phone" in r)
        with transaction() as session:
            rosters.import_roster(session, doc, number)

    def post(self, path: str, form: dict, signature: str | None = None):
        """POST a form as Twilio does, signed unless a signature is given."""
        if signature is None:
            signature = self.validator.compute_signature(PUBLIC_URL + path, form)
        return self.client.post(path, data=form, headers={"X-Twilio-Signature": signature})

    def text(self, sender: str, body: str, *, sid: str | None = None, media: int = 0,
             work: bool = True, to: str | None = None):
        """A text from `sender` to the line (or to the line of number `to`); the queue is
        worked unless work=False."""
        to = to or self.number
        form = {"MessageSid": sid or f"SM{next(_sids):032d}", "AccountSid": "AC" + "1" * 32,
                "From": sender, "To": to, "Body": body, "NumMedia": str(media)}
        self.phones.add(sender)
        response = self.post("/twilio/sms", form)
        if response.status_code == 200:  # Twilio keeps the texts people send, as it does ours
            self.twilio.receive(form["MessageSid"], sender, to, body)
        if work:
            self.work()
        return response

    def work(self) -> None:
        """Run every queued job, urgent first, as `rq worker --burst urgent hotline bulk`
        would (no intake forwarder runs)."""
        SimpleWorker(queues(), connection=queue().connection).work(burst=True)
        self.assert_no_number_shown()

    # Numbers never shown

    def _parties(self) -> set[str]:
        """Every phone the line knows or the driver used, but the lines' own numbers."""
        with transaction() as session:
            known = {p.phone for p in session.exec(select(Person))}
            known |= {r.phone for r in session.exec(select(Responder))}
            lines = {row.number for row in session.exec(select(LineRow))} | {self.number}
        return {p for p in known | self.phones | {m["to"] for m in self.twilio.messages}
                | {c["to"] for c in self.twilio.calls} if p and p not in lines}

    def _legitimate(self) -> tuple[set[str], set[str]]:
        """Case and cover codes, and the resources texts the line publishes (they may name
    numbers)."""
        with transaction() as session:
            codes = {c for c in session.exec(select(Case.code)) if c}
            codes |= set(session.exec(select(CoverRequest.code)))  # random, like case codes
            published = {text for row in session.exec(select(LineRow))
                         for _, text in rosters.roster_of(row).resources}
        published |= {say("resources", lang) for lang in ("en", "es")}
        return codes, published

    def leaks(self, text: str, audience: set[str]) -> list[str]:
        """The parties, outside `audience`, of whose number `text` shows digits."""
        codes, published = self._legitimate()
        cleaned = without_legitimate_digits(text, codes, published)
        return sorted(p for p in self._parties() - audience if shows_part_of(cleaned, p))

    def assert_no_number_shown(self) -> None:
        """No text the line sent shows a digit run of anyone's number but its reader's."""
        for message in list(self.twilio.messages):
            if message["sid"] in self._checked:
                continue
            self._checked.add(message["sid"])  # reported once, not again at teardown
            leaked = self.leaks(message["body"], {message["to"]})
            assert not leaked, (
                f"a text to {message['to']} shows digits of {leaked}: {message['body']!r}")

    def fire_timers(self) -> int:
        """Let every open offer's time run out, run every scheduled job now, then the queue;
        returns how many jobs were due."""
        with transaction() as session:
            session.execute(update(Offer).where(Offer.status == "open",
                                                Offer.expires_at.is_not(None))
                            .values(expires_at=utcnow()))
        return self.run_timers_now()

    def run_timers_now(self, due_only: bool = False) -> int:
        """Run every scheduled job now, due or not (a timer that fires early), or with
        `due_only` only those due by the clock, as RQ's scheduler would; then the queue.
        Returns how many there were."""
        ids = []
        for q in queues():
            registry = ScheduledJobRegistry(queue=q)
            found = (registry.get_jobs_to_schedule(int(time.time())) if due_only
                     else registry.get_job_ids())
            for job_id in found:
                ids.append(job_id)
                registry.remove(job_id)
                q.enqueue_job(Job.fetch(job_id, connection=q.connection))
        self.work()
        return len(ids)

    def inbox(self, phone: str) -> list[str]:
        """Every text the line sent to this phone, oldest first."""
        return [m["body"] for m in self.twilio.messages if m["to"] == phone]

    def last(self, phone: str) -> str:
        """The newest text sent to this phone."""
        texts = self.inbox(phone)
        assert texts, f"nothing was sent to {phone}"
        return texts[-1]

    def code_in(self, phone: str) -> str:
        """The case code in the newest offer this phone got."""
        for body in reversed(self.inbox(phone)):
            match = CODE.search(body)
            if match:
                return match.group(1)
        raise AssertionError(f"no case code was sent to {phone}")

    # Voice

    def voice(self, path: str, **form: str) -> ET.Element:
        """POST to a voice URL (absolute or relative) as Twilio; the TwiML parsed as XML."""
        path = path.removeprefix(PUBLIC_URL)
        form.setdefault("AccountSid", "AC" + "1" * 32)
        response = self.post(path, form)
        assert response.status_code == 200, (path, response.status_code)
        assert response.headers["Content-Type"].startswith("text/xml")
        twiml = ET.fromstring(response.get_data(as_text=True))
        on_the_call = {form.get("From", ""), form.get("To", "")}
        leaked = self.leaks(spoken(twiml), on_the_call)
        assert not leaked, f"{path} says digits of {leaked} aloud: {spoken(twiml)!r}"
        return twiml

    def ring(self, caller: str, sid: str) -> ET.Element:
        """A call from `caller` reaches the line."""
        self.phones.add(caller)
        self.twilio.call_in(sid, caller, self.number)  # Twilio knows it: it can be redirected
        return self.voice("/twilio/voice", CallSid=sid, From=caller, To=self.number,
                          CallStatus="ringing")

    def calls_to(self, phone: str) -> list[dict]:
        """Every call the line placed to this phone, oldest first."""
        return [c for c in self.twilio.calls if c["to"] == phone]

    def pick_up(self, call: dict) -> ET.Element:
        """A responder answers a call the line placed: the TwiML Twilio would fetch."""
        return self.voice(call["url"], CallSid=call["sid"], From=self.number, To=call["to"],
                          CallStatus="in-progress")

    def ended(self) -> set[str]:
        """Sids of calls the line hung up through the API."""
        return {u["sid"] for u in self.twilio.call_updates if u["status"] == "completed"}


def spoken(twiml: ET.Element) -> str:
    """Everything a TwiML document says, joined."""
    return " ".join((e.text or "") for e in twiml.iter("Say"))


def action(twiml: ET.Element, verb: str = "Gather") -> str:
    """The action URL of the first element of a verb."""
    element = twiml.find(f".//{verb}")
    assert element is not None, f"no <{verb}> in {ET.tostring(twiml)!r}"
    return element.get("action")
