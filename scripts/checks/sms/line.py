"""The SMS line as the acceptance checks drive it, and what every group of its checks shares.

`Line` adds to the harness's `Phones` what only texting needs (offers, webhooks at the same
instant); `SmsChecks` holds the roster's people and the steps several checks repeat.
"""

from __future__ import annotations

import re
import threading
import time

from twilio.request_validator import RequestValidator

from scripts.harness.driving import Phones
from scripts.harness.report import Fail
from scripts.harness.stack import Stack

OFFER_TIMEOUT = 4  # OFFER_TIMEOUT_SECONDS for this run
CODE = re.compile(r"\bYES\s+(\d{4})\b")
YOURS = ("is yours", "es tuyo")
TAKEN = ("taken", "tomó")
ENDED = ("ended", "terminó", "closed", "cerr")
SPANISH = ("línea", "confidencial", "responde", "estás", "buscamos", "escribir", "alguien")
HOPELESS = "i feel hopeless and can't get out of bed"
URGENT = "my friend OD'd and isn't breathing"
SPANISH_TEXT = "me siento muy triste y sin esperanza"
RELAYED = "are you there? it's getting bad tonight"


def has(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` holds any of `words`, ignoring case."""
    lowered = text.lower()
    return any(word.lower() in lowered for word in words)


class Line(Phones):
    """The running line as Twilio and the phones around it see it."""

    TIMED_OUT = "timed out after {timeout:.0f}s waiting for {what}"

    def __init__(self, stack: Stack) -> None:
        super().__init__(stack.settings, stack.fake)
        self.validator = RequestValidator(stack.settings.auth_token)

    def text(self, sender: str, body: str, sid: str | None = None) -> None:
        """A text from `sender` to the line; Twilio must get a 200."""
        status, answer = self.post("/twilio/sms", self.sms_form(sender, body, sid))
        if status != 200:
            raise Fail(f"webhook answered {status} to a text from {sender}: {answer[:200]}")

    def offers(self, since: int, phones: tuple[str, ...], code: str | None = None
               ) -> list[tuple[str, str, str]]:
        """(phone, code, text) of every offer (a text asking for `YES code`) since `since`."""
        found = []
        for message in self.sent(since):
            match = CODE.search(message["body"])
            if message["to"] in phones and match and (code is None or match[1] == code):
                found.append((message["to"], match[1], message["body"]))
        return found

    def together(self, posts: list[tuple[str, dict[str, str]]]) -> list[int]:
        """POST several webhooks at the same instant (one thread each); their statuses."""
        barrier = threading.Barrier(len(posts))
        statuses: list[int] = [0] * len(posts)

        def send(i: int, path: str, form: dict[str, str]) -> None:
            barrier.wait(timeout=10)
            try:
                statuses[i] = self.post(path, form)[0]
            except OSError:
                statuses[i] = -1

        threads = [threading.Thread(target=send, args=(i, p, f)) for i, (p, f) in
                   enumerate(posts)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        return statuses


class SmsChecks:
    """The state every SMS check reads: the line, the roster's people, the running stack."""

    def __init__(self, line: Line, roster: dict, stack: Stack) -> None:
        self.line = line
        self.processes = stack.processes
        self.settings = stack.settings
        self.database_url = stack.database_url
        phones = {r["name"].split()[0]: r["phone"] for r in roster["responders"]}
        self.ana, self.ben, self.cy, self.dee = (phones[n] for n in ("Ana", "Ben", "Cy", "Dee"))
        self.name_of = {phone: name for name, phone in phones.items()}
        self.responders = tuple(phones.values())
        self.resources = dict(roster.get("resources") or {})

    def _close(self, responder: str, code: str) -> None:
        """The responder closes the case (DONE) and the line confirms it."""
        mark = self.line.mark()
        self.line.text(responder, f"DONE {code}")
        self.line.wait_inbox(responder, mark, f"the line to confirm DONE {code}",
                             lambda b: code in b)

    def _stop(self, person: str) -> None:
        """The person texts STOP, which ends their case; give the worker a moment."""
        self.line.text(person, "STOP")
        time.sleep(1)

    def _first_offer(self, since: int, phones: tuple[str, ...], what: str
                     ) -> tuple[str, str, str]:
        """The first offer to one of `phones` since `since`, waiting for it."""
        return self.line.wait(what, lambda: (self.line.offers(since, phones) or [None])[0])
