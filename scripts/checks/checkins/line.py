"""The line as the check-in checks drive it, and what every group of those checks shares.

`Line` adds to the harness's `Phones` a record of what people typed (to look for it later
where it must not be); `CheckinChecks` plays whole cases through to the consent question.
"""

from __future__ import annotations

import itertools
import re
from datetime import UTC, datetime
from datetime import time as clock
from zoneinfo import ZoneInfo

from scripts.harness.driving import Phones
from scripts.harness.report import Fail
from scripts.harness.services import Settings
from scripts.harness.stack import Stack

CHECKIN_AFTER = 3  # CHECKIN_AFTER_SECONDS for this run
OFFER_TIMEOUT = 60  # offers stay open while the script answers them
QUIET = 2 * CHECKIN_AFTER + 17  # long enough for a scheduled job (and a 15 s sweep) to fire
CODE = re.compile(r"\bYES\s+(\d{4})\b")
RELAY_CODE = re.compile(r"^\[(\d{4})\]")
TOPIC_WORDS = ("crisis", "abuse", "safety", "substance", "violence", "drug", "hotline",
               "relapse", "suicide", "mental")
EVENING = (clock(17, 0), clock(21, 0))


def zone_where_it_is(hour: int) -> str:
    """A fixed-offset IANA zone whose local hour is `hour` right now."""
    now = datetime.now(UTC).hour
    offset = (now - hour) % 24  # Etc/GMT+N is N hours behind UTC
    if offset > 12:
        offset -= 24
    return f"Etc/GMT{offset:+d}" if offset else "Etc/GMT"



class Line(Phones):
    """The running line as Twilio and the phones around it see it."""

    PREFIX = "+1628556"

    def __init__(self, settings: Settings, fake) -> None:
        super().__init__(settings, fake)
        self.bodies: list[str] = []  # words people and responders typed (not commands)
        self.sids: dict[str, list[str]] = {}  # MessageSids of each phone's texts to the line

    def text(self, sender: str, body: str, words: bool = False) -> None:
        """A text from `sender` to the line; Twilio must get a 200. `words`: not a command."""
        sid = f"SM{self._run}{next(self._sids):024x}"
        self.sids.setdefault(sender, []).append(sid)
        if words:
            self.bodies.append(body)
        form = {"ToCountry": "US", "SmsMessageSid": sid, "NumMedia": "0", "SmsSid": sid,
                "SmsStatus": "received", "Body": body, "To": self.number, "NumSegments": "1",
                "MessageSid": sid, "AccountSid": self.settings.account_sid, "From": sender,
                "ApiVersion": "2010-04-01"}
        status, answer = self.post("/twilio/sms", form)
        if status != 200:
            raise Fail(f"webhook answered {status} to a text: {answer[:200]}")


class CheckinChecks:
    """The state every check-in check reads: the line, the roster's people, the stack."""

    def __init__(self, line: Line, roster: dict, stack: Stack, zone: str) -> None:
        self.line = line
        self.roster = roster
        self.stack = stack
        self.processes = stack.processes
        self.settings = stack.settings
        self.workers = stack.workers
        self.redis_url = stack.redis_url
        self.zone = ZoneInfo(zone)
        phone = {r["name"]: r["phone"] for r in roster["responders"]}
        self.name_of = {p: n.split()[0] for n, p in phone.items()}
        self.responders = set(phone.values())
        self._n = itertools.count(11)

    # -- a whole case ---------------------------------------------------------------------------

    def conversation(self, person: str, close: bool = True,
                     exchange: bool = True) -> tuple[str, str, list[str]]:
        """The person texts, a responder takes it, they talk, the responder texts DONE and
        the person is asked the consent question; (responder, code, words of the talk)."""
        line, n = self.line, next(self._n)
        first = f"i relapsed again last night, day {n} of trying to quit, and i need help"
        mark = line.mark()
        line.text(person, first, words=True)

        def offered():
            for message in line.sent(mark):
                match = CODE.search(message["body"])
                if message["to"] in self.responders and match:
                    return message["to"], match.group(1)
            return None

        responder, code = line.wait("an offer to a responder", offered)
        taken = line.mark()
        line.text(responder, f"YES {code}")
        line.wait_inbox(responder, taken, "the case to be the responder's",
                        lambda b: "is yours" in b)
        words = [first]
        if exchange:
            said = f"it has been {n} hours since i slept, everything feels heavy"
            reply = f"Thank you for telling me about those {n} hours. I'm here with you."
            talk = line.mark()
            line.text(person, said, words=True)
            line.wait_inbox(responder, talk, "the person's words at the responder",
                            lambda b: said in b)
            talk = line.mark()
            line.text(responder, reply, words=True)
            line.wait_inbox(person, talk, "the responder's reply at the person",
                            lambda b: reply in b)
            words += [said, reply]
        if close:
            done = line.mark()
            line.text(responder, f"DONE {code}")
            try:
                line.wait_inbox(person, done, "consent question with answers 1-4 after DONE",
                                lambda b: all(re.search(rf"\b{d}\b", b) for d in "1234"))
            except Fail as failure:
                raise Fail(f"{failure}; the person got {line.inbox(person, done)}") from None
        return responder, code, words

    def answer(self, person: str, reply: str) -> str:
        """Answer the consent question with yes (`1`/`2`); the line's thanks."""
        mark = self.line.mark()
        self.line.text(person, reply)
        return self.line.wait_inbox(person, mark, f"an answer to '{reply}'")

    def local(self, moment: float) -> datetime:
        """A time.time() moment in the roster's timezone."""
        return datetime.fromtimestamp(moment, UTC).astimezone(self.zone)
