"""A test driver that uses the line as Twilio and the phones around it would."""

from __future__ import annotations

import itertools
import re
import xml.etree.ElementTree as ET

from rq import Queue, SimpleWorker
from rq.job import Job
from rq.registry import ScheduledJobRegistry
from sqlalchemy import update
from twilio.request_validator import RequestValidator

from hotline.cases import rosters
from hotline.infra.db import transaction
from hotline.infra.models import Offer, utcnow
from hotline.infra.queue import queue

PUBLIC_URL = "https://line.example.org"

_sids = itertools.count(1)


def roster(**changes) -> dict:
    """A roster where everyone is on call now: Ana (en/es), Ben, Cy, Dee (backup)."""
    doc = {
        "timezone": "America/Los_Angeles",
        "resources": {"en": "Call or text 988 if you are in danger.",
                      "es": "Llama o textea al 988 si estás en peligro."},
        "responders": [
            {"name": "Ana Reyes", "phone": "+15105550101", "languages": ["en", "es"],
             "categories": ["mental_health", "safety_planning"]},
            {"name": "Ben Ortiz", "phone": "+15105550102", "languages": ["en"],
             "categories": ["mental_health", "substance_use"]},
            {"name": "Cy Lam", "phone": "+15105550103", "languages": ["en"],
             "categories": ["substance_use", "safety_planning"]},
            {"name": "Dee Park", "phone": "+15105550104", "languages": ["en", "es"],
             "categories": ["mental_health"]},
        ],
        "rotations": [
            {"name": "Mental health", "category": "mental_health", "every": "weekly",
             "shift_length": 1, "per_shift": 2, "start": "2020-01-06T09:00",
             "members": ["Ben Ortiz", "Ana Reyes"]},
            {"name": "Substance use", "category": "substance_use", "every": "weekly",
             "shift_length": 1, "per_shift": 2, "start": "2020-01-06T09:00",
             "members": ["Ben Ortiz", "Cy Lam"]},
            {"name": "Safety", "category": "safety_planning", "every": "weekly",
             "shift_length": 1, "per_shift": 2, "start": "2020-01-06T09:00",
             "members": ["Ana Reyes", "Cy Lam"]},
        ],
        "backup": ["Dee Park"],
    }
    doc.update(changes)
    return doc


ANA, BEN, CY, DEE = "+15105550101", "+15105550102", "+15105550103", "+15105550104"
CODE = re.compile(r"\b(\d{4})\b")


class Line:
    """Signed webhooks in, the queue worked by an RQ SimpleWorker, texts read at Twilio."""

    def __init__(self, app, twilio, auth_token: str) -> None:
        self.app = app
        self.twilio = twilio
        self.client = app.test_client()
        self.validator = RequestValidator(auth_token)
        self.number = app.config["HOTLINE_NUMBER"]

    def load(self, doc: dict | None = None) -> None:
        """Import a roster (default: `roster()`)."""
        with transaction() as session:
            rosters.import_roster(session, doc or roster())

    def post(self, path: str, form: dict, signature: str | None = None):
        """POST a form as Twilio does, signed unless a signature is given."""
        if signature is None:
            signature = self.validator.compute_signature(PUBLIC_URL + path, form)
        return self.client.post(path, data=form, headers={"X-Twilio-Signature": signature})

    def text(self, sender: str, body: str, *, sid: str | None = None, media: int = 0,
             work: bool = True):
        """A text from `sender` to the line; the queue is worked unless work=False."""
        form = {"MessageSid": sid or f"SM{next(_sids):032d}", "AccountSid": "AC" + "1" * 32,
                "From": sender, "To": self.number, "Body": body, "NumMedia": str(media)}
        response = self.post("/twilio/sms", form)
        if work:
            self.work()
        return response

    def work(self) -> None:
        """Run every queued job, as `rq worker --burst` would (no intake forwarder runs)."""
        q: Queue = queue()
        SimpleWorker([q], connection=q.connection).work(burst=True)

    def fire_timers(self) -> int:
        """Let every open offer's time run out, run every scheduled job now, then the queue;
        returns how many jobs were due."""
        with transaction() as session:
            session.execute(update(Offer).where(Offer.status == "open",
                                                Offer.expires_at.is_not(None))
                            .values(expires_at=utcnow()))
        q: Queue = queue()
        registry = ScheduledJobRegistry(queue=q)
        ids = registry.get_job_ids()
        for job_id in ids:
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
        return ET.fromstring(response.get_data(as_text=True))

    def ring(self, caller: str, sid: str) -> ET.Element:
        """A call from `caller` reaches the line."""
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
