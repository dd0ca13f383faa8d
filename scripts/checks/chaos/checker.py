"""The chaos run's verdict: every text that reached the line stored once and acted on, nothing
sent twice, everything done within a minute of the last fault healing.

Reads the run's database, its Redis (texts still parked) and the fake Twilio's record of what
the line sent, and blames each anomaly on the fault nearest in time to it (or "no fault").
"""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from scripts.checks.chaos.generator import TOKEN, Sent
from scripts.checks.chaos.nemesis import KINDS, Fault

SETTLE = 60.0  # seconds after the last fault healed by which everything must be done
IN_FLIGHT = 10.0  # a send decided this recently is on its way, not late
BLAME_WINDOW = 40.0  # an anomaly this close to a fault is blamed on it
OUTCOMES = ("lost", "duplicated", "late")
WAITING_EVERY = 240  # seconds: the line answers a waiting person's texts at most every 5 min


def _epoch(value: datetime | None) -> float | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).timestamp()


@dataclass
class Anomaly:
    outcome: str  # lost|duplicated|late
    at: float  # wall time of the text or send it is about
    what: str
    fault: str = "no fault"


@dataclass
class State:
    """What the line holds and sent at one moment."""

    inbound: dict[str, tuple] = field(default_factory=dict)  # sid -> (processed, case, received)
    cases: dict[int, tuple] = field(default_factory=dict)  # id -> (code, status, accepted, resp)
    outbound: list[tuple] = field(default_factory=list)  # (id, status, sid, created, sent, purp)
    messages: list[dict] = field(default_factory=list)
    parked: int = 0
    read_at: float = 0.0


def read_state(database_url: str, redis_url: str, fake) -> State:
    import psycopg
    from redis import Redis

    state = State(read_at=time.time())
    state.messages = fake.messages()  # first: each of them was sent before the rows are read
    with psycopg.connect(database_url, connect_timeout=5) as db:
        for sid, processed, case, received in db.execute(
                "SELECT sid, processed_at, case_id, received_at FROM inbound_message"):
            state.inbound[sid] = (_epoch(processed), case, _epoch(received))
        for cid, code, status, accepted, responder in db.execute(
                "SELECT id, code, status, accepted_at, responder_id FROM \"case\""):
            state.cases[cid] = (code, status, _epoch(accepted), responder)
        state.outbound = [(i, status, sid, _epoch(c), _epoch(s), purpose) for
                          i, status, sid, c, s, purpose in db.execute(
            "SELECT id, status, sid, created_at, sent_at, purpose FROM outbound_message")]
    client = Redis.from_url(redis_url, socket_connect_timeout=3)
    try:
        state.parked = client.llen("hotline:fallback-inbound")
    finally:
        client.close()
    return state


def unsettled(state: State, reached: list[Sent], now: float) -> str:
    """What the line still owes: texts not acted on, texts parked, sends overdue; "" if none.

    A send decided in the last IN_FLIGHT seconds is not owed yet, unless it relays a text:
    offers that expire go on to the next responder by themselves, so some send is almost
    always on its way."""
    waiting = [s.sid for s in reached if state.inbound.get(s.sid, (None,))[0] is None]
    overdue = [row[0] for row in state.outbound if row[1] in ("queued", "sending")
               and (row[3] < now - IN_FLIGHT or row[5] == "relay")]
    parts = [f"{len(waiting)} texts not acted on" if waiting else "",
             f"{state.parked} parked" if state.parked else "",
             f"{len(overdue)} sends overdue" if overdue else ""]
    return ", ".join(p for p in parts if p)


def settle(database_url: str, redis_url: str, fake, reached: list[Sent], deadline: float
           ) -> tuple[State, float]:
    """Poll until the line owes nothing or `deadline` passes; the last state and when."""
    state, owed = None, "nothing read yet"
    while True:
        try:
            state = read_state(database_url, redis_url, fake)
            owed = unsettled(state, reached, time.time())
            if not owed:
                time.sleep(2)  # sends under way land and are recorded
                return read_state(database_url, redis_url, fake), time.time()
        except Exception as error:  # the database restarting still: try again
            owed = f"{type(error).__name__}: {error}"
        if time.time() > deadline:
            print(f"  not settled by the deadline: {owed}", flush=True)
            return state or read_state(database_url, redis_url, fake), time.time()
        time.sleep(1)


class Checker:
    """Every anomaly of one run, and the table of faults against outcomes."""

    def __init__(self, sent: list[Sent], faults: list[Fault], state: State, deadline: float,
                 responders: tuple[str, ...]) -> None:
        self.sent = sent
        self.faults = faults
        self.state = state
        self.deadline = deadline
        self.responders = responders
        self.anomalies: list[Anomaly] = []
        self.relays_waiting = any(row[1] in ("queued", "sending") and row[5] == "relay"
                                  for row in state.outbound)

    def blame(self, at: float) -> str:
        """The fault nearest to `at` (0 inside its window) within BLAME_WINDOW, else none."""
        best, name = BLAME_WINDOW, "no fault"
        for fault in self.faults:
            healed = fault.healed or fault.began
            # a text is hurt by a fault during it, after it (work left undone), or before it
            distance = max(fault.began - at, at - healed, 0.0)
            if distance <= best:
                best, name = distance, fault.kind
        return name

    def add(self, outcome: str, at: float, what: str) -> None:
        self.anomalies.append(Anomaly(outcome, at, what, self.blame(at)))

    def run(self) -> list[Anomaly]:
        by_token = self._texts_by_token()
        self._inbound()
        self._relays(by_token)
        self._duplicates(by_token)
        self._outbound()
        return self.anomalies

    # -- inbound: stored once, acted on, in time -------------------------------------------

    def _inbound(self) -> None:
        codes = {row[0]: row for row in self.state.cases.values()}
        for text in (s for s in self.sent if s.reached):
            label = f"{text.kind} {text.sid[-6:]} from ..{text.sender[-4:]} ({text.route})"
            row = self.state.inbound.get(text.sid)
            if row is None:
                where = f"{self.state.parked} still parked" if self.state.parked else "gone"
                self.add("lost", text.at, f"{label}: got 200 but never stored ({where}); "
                         f"tries: {', '.join(text.answers)}")
                continue
            processed, case_id, _ = row
            if processed is None:
                self.add("late", text.at, f"{label}: stored, never acted on")
                continue
            if processed > max(self.deadline, text.at + SETTLE):
                self.add("late", text.at, f"{label}: acted on {processed - text.at:.0f}s "
                         "after it was sent")
            if text.kind == "yes":
                case = codes.get(text.code)
                told = any(m["to"] == text.sender and text.code in m["body"]
                           and self._sent_at(m) >= int(text.at) for m in self.state.messages)
                if (case is None or case[2] is None) and not told:
                    self.add("lost", text.at, f"{label}: YES {text.code}: the case was not "
                             "taken and the responder was told nothing")
            elif text.kind != "menu" and case_id is None:
                self.add("lost", text.at, f"{label}: processed, but no case and no relay")

    def _texts_by_token(self) -> dict[str, list[dict]]:
        """Relays (and history) carrying a generator's token, by token. Only relays: an urgent
        offer may quote the words that read as danger, the token among them."""
        found = defaultdict(list)
        for message in self.state.messages:
            relay = message["to"] not in self.responders or message["body"].startswith("[")
            for token in TOKEN.findall(message["body"]) if relay else ():
                found[token].append(message)
        return found

    def _relays(self, by_token: dict[str, list[dict]]) -> None:
        """A text in a case someone took reached the other side (as a relay or history)."""
        person_of_case: dict[str, str] = {}
        for text in self.sent:
            if text.kind == "first" and text.reached:
                row = self.state.inbound.get(text.sid)
                if row and row[1] in self.state.cases:
                    person_of_case.setdefault(self.state.cases[row[1]][0], text.sender)
        for text in (s for s in self.sent if s.reached and s.kind in ("first", "follow_up",
                                                                        "relay")):
            row = self.state.inbound.get(text.sid)
            case = self.state.cases.get(row[1]) if row else None
            if case is None or case[2] is None:
                continue  # not in a case, or a case nobody took (yet)
            token = TOKEN.search(text.body)[0]
            to_others = [m for m in by_token.get(token, []) if m["to"] != text.sender]
            if not to_others:  # late while relays wait to be sent, else lost
                side = "the person" if text.kind == "relay" else "the responder"
                outcome = "late" if self.relays_waiting else "lost"
                self.add(outcome, text.at, f"{text.kind} {token} ({text.route}) in case "
                         f"{case[0]} (taken): {'not yet sent' if self.relays_waiting else 'never'}"
                         f" to {side}")

    # -- nothing sent twice ----------------------------------------------------------------

    def _duplicates(self, by_token: dict[str, list[dict]]) -> None:
        for token, messages in by_token.items():
            for to, count in Counter(m["to"] for m in messages).items():
                if count > 1:
                    same = [m for m in messages if m["to"] == to]
                    self.add("duplicated", self._sent_at(same[0]), f"text {token} relayed "
                             f"{count} times to ..{to[-4:]}: "
                             + " / ".join(repr(m["body"][:50]) for m in same))
        # a responder may hear of a case once more for each text of theirs naming it (a
        # late YES is told "taken" as the open offer was); that counts texts with no 200 too:
        # Twilio keeps each, the web process may have stored one before it died, and the
        # worker reads back from Twilio any the line lacks
        naming = Counter((s.sender, s.code) for s in self.sent if s.code)
        # the same words for different reasons are not one text twice: a "still finding
        # someone" reply to a person's text (at most once in WAITING_EVERY) reads like the
        # case's one "still here" notice, so texts count apart by their row's purpose
        purpose = {row[2]: row[5] for row in self.state.outbound if row[2]}
        same: dict[tuple, list[float]] = defaultdict(list)
        for m in self.state.messages:
            if not TOKEN.search(m["body"]):
                same[(m["to"], m["body"], purpose.get(m["sid"]))].append(self._sent_at(m))
        pairs = Counter()
        for (to, body, why), times in same.items():
            times.sort()
            apart = (why == "waiting" and b - a >= WAITING_EVERY
                     for a, b in zip(times, times[1:], strict=False))
            pairs[(to, body)] += 1 + sum(not ok for ok in apart)
        for (to, body), count in pairs.items():
            allowed = 1 + sum(n for (sender, code), n in naming.items()
                              if sender == to and code in body)
            if count > allowed:
                first = min(self._sent_at(m) for m in self.state.messages
                            if m["to"] == to and m["body"] == body)
                self.add("duplicated", first, f"{count} identical texts to ..{to[-4:]}: "
                         f"{body[:70]!r}")
        recorded = {row[2] for row in self.state.outbound if row[2]}
        for message in self.state.messages:
            if message["sid"] not in recorded:
                self.add("duplicated", self._sent_at(message),
                         f"Twilio has {message['sid'][-6:]} to ..{message['to'][-4:]} but no "
                         f"row records it: the line will send it again ({message['body'][:50]!r})")

    @staticmethod
    def _sent_at(message: dict) -> float:
        return parsedate_to_datetime(message["date_created"]).timestamp()

    # -- outbound: sent in time ------------------------------------------------------------

    def _outbound(self) -> None:
        read = self.state.read_at
        for oid, status, _, created, sent, purpose in self.state.outbound:
            if status in ("queued", "sending") and created < read - IN_FLIGHT:
                self.add("late", created, f"outbound {oid} ({purpose}) still {status}")
            elif sent is not None and sent > max(self.deadline, created + SETTLE):
                self.add("late", created, f"outbound {oid} ({purpose}) sent "
                         f"{sent - created:.0f}s after it was decided")


def table(checker: Checker, anomalies: list[Anomaly]) -> str:
    """Faults against outcomes, one row per kind of fault, then the anomalies in detail."""
    reached = [s for s in checker.sent if s.reached]
    rows = [kind for kind in KINDS if any(f.kind == kind for f in checker.faults)]
    rows.append("no fault")
    texts = Counter(checker.blame(s.at) for s in reached)
    lines = [f"{'fault':<15}{'times':>6}{'texts':>7}" + "".join(f"{o:>11}" for o in OUTCOMES)]
    for kind in rows:
        times = sum(1 for f in checker.faults if f.kind == kind) if kind != "no fault" else ""
        counts = Counter(a.outcome for a in anomalies if a.fault == kind)
        lines.append(f"{kind:<15}{times!s:>6}{texts[kind]:>7}"
                     + "".join(f"{counts[o]:>11}" for o in OUTCOMES))
    totals = Counter(a.outcome for a in anomalies)
    lines.append(f"{'total':<15}{len(checker.faults):>6}{len(reached):>7}"
                 + "".join(f"{totals[o]:>11}" for o in OUTCOMES))
    for anomaly in sorted(anomalies, key=lambda a: a.at)[:40]:
        lines.append(f"  {anomaly.outcome.upper():<10} [{anomaly.fault}] {anomaly.what}")
    if len(anomalies) > 40:
        lines.append(f"  ... and {len(anomalies) - 40} more")
    return "\n".join(lines)
