"""The chaos run's traffic: people and responders texting the line, delivered as Twilio would.

Each text is first kept by the fake Twilio (as Twilio keeps every text it receives, in its
Messages list), then sent as a signed webhook to /twilio/sms; when that answers 5xx (or
anything but 200) or does not answer, the same form goes to /twilio/fallback, as Twilio does.
What got a 200 from either is recorded: those are the texts that reached the line and must
never be lost or handled twice. During a fallback-only spell (the nemesis sets it) texts go
straight to the fallback. Bodies of free text carry a unique token (`k00042`), so a relay of
one text can be told from another's in what the line sent.
"""

from __future__ import annotations

import random
import re
import threading
import time
from dataclasses import dataclass, field

from scripts.harness.driving import Phones

TOKEN = re.compile(r"\bk\d{5}\b")
CODE = re.compile(r"\bYES\s+(\d{4})\b")
YOURS = re.compile(r"\b(\d{4})\b[^.]*?\b(?:is yours|es tuyo)")
FIRST_TEXTS = (  # what a new person's first text says (the token follows)
    "i relapsed and need help", "i feel hopeless and can't get out of bed",
    "i need a safety plan, my partner scares me", "hi is anyone there",
    "me siento muy triste y sin esperanza", "my friend OD'd and isn't breathing",
)
FOLLOW_UPS = ("are you there? it's getting bad tonight", "still here, can someone text me",
              "thank you for answering", "i don't know what to do")


@dataclass
class Sent:
    """One text the generator sent, and how the line answered it."""

    sid: str
    sender: str
    kind: str  # first|follow_up|menu|yes|relay
    body: str
    at: float  # wall time it was sent
    route: str = "none"  # sms|fallback|none: which answered 200
    answers: list[str] = field(default_factory=list)  # what each try got, e.g. "sms 500"
    code: str | None = None  # the case code a responder's text names

    @property
    def reached(self) -> bool:
        return self.route != "none"


class Generator:
    """Threads that text the line until stopped; `sent` is everything they sent."""

    def __init__(self, phones: Phones, responders: tuple[str, ...], rate: float = 4.0,
                 threads: int = 3, seed: int | None = None) -> None:
        self.phones = phones
        self.responders = responders
        self.threads = threads
        mean = threads / rate  # each thread's pause between texts, on average
        self.pause = (mean / 2, mean * 1.5)
        self.random = random.Random(seed)
        self.fallback_only = threading.Event()
        self.stopping = threading.Event()
        self.lock = threading.Lock()
        self.sent: list[Sent] = []
        self.people: list[str] = []  # people who texted (or tried to)
        self.menus: set[str] = set()  # people the line asked the menu, not answered yet
        self.offers: dict[tuple[str, str], bool] = {}  # (responder, code) -> answered
        self.cases: set[tuple[str, str]] = set()  # (responder, code) the line gave them
        self._tokens = 0
        self._seen = 0
        self._workers: list[threading.Thread] = []

    # -- running ---------------------------------------------------------------------------

    def start(self) -> None:
        for n in range(self.threads):
            worker = threading.Thread(target=self._loop, args=(n,), name=f"gen-{n}", daemon=True)
            worker.start()
            self._workers.append(worker)
        watcher = threading.Thread(target=self._watch, name="gen-watch", daemon=True)
        watcher.start()
        self._workers.append(watcher)

    def stop(self) -> None:
        self.stopping.set()
        for worker in self._workers:
            worker.join(timeout=40)

    def _loop(self, n: int) -> None:
        rng = random.Random(self.random.random() + n)
        while not self.stopping.is_set():
            try:
                self._act(rng)
            except Exception as error:  # a generator bug must not look like the line's
                print(f"generator thread {n}: {type(error).__name__}: {error}", flush=True)
            self.stopping.wait(rng.uniform(*self.pause))

    def _watch(self) -> None:
        """Read what the line sent: offers and cases for responders, menus for people."""
        while not self.stopping.is_set():
            try:
                messages = self.phones.fake.messages()
            except Exception:
                messages = []
            with self.lock:
                for message in messages[self._seen:]:
                    to, body = message["to"], message["body"]
                    if to in self.responders:
                        match = CODE.search(body)
                        if match:
                            self.offers.setdefault((to, match[1]), False)
                        taken = YOURS.search(body)
                        if taken:
                            self.cases.add((to, taken[1]))
                    elif "Reply 1" in body or "Responde 1" in body:
                        self.menus.add(to)
                self._seen = max(self._seen, len(messages))
            self.stopping.wait(0.3)

    # -- what to text ----------------------------------------------------------------------

    def token(self) -> str:
        with self.lock:
            self._tokens += 1
            return f"k{self._tokens:05d}"

    def _act(self, rng: random.Random) -> None:
        with self.lock:
            unanswered = [key for key, answered in self.offers.items() if not answered]
            cases = sorted(self.cases)
            menus = sorted(self.menus)
            people = list(self.people)
        roll = rng.random()
        if unanswered and roll < 0.3:
            responder, code = rng.choice(unanswered)
            with self.lock:
                if self.offers[(responder, code)]:
                    return
                self.offers[(responder, code)] = True
            self.text(responder, f"YES {code}", "yes", code)
        elif cases and roll < 0.5:
            responder, code = rng.choice(cases)
            self.text(responder, f"{code} ok, I'm here with you {self.token()}", "relay", code)
        elif menus and roll < 0.6:
            person = rng.choice(menus)
            with self.lock:
                self.menus.discard(person)
            self.text(person, rng.choice("123"), "menu")
        elif people and roll < 0.8:
            self.text(rng.choice(people), f"{rng.choice(FOLLOW_UPS)} {self.token()}",
                      "follow_up")
        else:
            person = self.phones.person()
            with self.lock:
                self.people.append(person)
            self.text(person, f"{rng.choice(FIRST_TEXTS)} {self.token()}", "first")

    # -- delivering, as Twilio does --------------------------------------------------------

    def text(self, sender: str, body: str, kind: str, code: str | None = None) -> Sent:
        """Deliver one text: webhook, then fallback if that failed; record what answered."""
        record = Sent(self.phones.sid(), sender, kind, body, time.time(), code=code)
        form = self.phones.sms_form(sender, body, record.sid)
        with self.lock:
            self.sent.append(record)
        self.phones.fake.receive(record.sid, sender, self.phones.number, body)  # Twilio has it
        paths = ["/twilio/fallback"] if self.fallback_only.is_set() else ["/twilio/sms",
                                                                          "/twilio/fallback"]
        for path in paths:
            name = path.rsplit("/", 1)[1]
            try:
                status, _ = self.phones.post(path, form, timeout=10)
            except OSError as error:
                record.answers.append(f"{name} {type(error).__name__}")
                continue
            record.answers.append(f"{name} {status}")
            if status == 200:
                record.route = name
                break
        return record

    def snapshot(self) -> list[Sent]:
        with self.lock:
            return list(self.sent)
