"""Load for the benches: signed requests sent on new connections, as Twilio sends them, in a
closed loop (as fast as answered) or an open loop (on schedule, whatever comes back), and the
CPU seconds the line's processes use meanwhile.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from twilio.request_validator import RequestValidator

from scripts.harness.services import Settings

REQUEST_TIMEOUT = 10.0  # seconds; a request still unanswered then counts as an error
TEXTS = (
    "i feel hopeless and can't get out of bed",
    "hi",
    "i relapsed and need help",
    "2",
    "my partner hurt me again and i need a plan",
    "are you still there?",
    "YES",
    "me siento muy triste y sin esperanza",
    "thank you for listening",
    "I don't know what to do anymore, everything is falling apart and I can't sleep",
)


class SignedTexts:
    """Inbound-text requests as Twilio sends them, signed, built before the clock starts."""

    def __init__(self, settings: Settings, people: int) -> None:
        self.validator = RequestValidator(settings.auth_token)
        self.settings = settings
        self.people = people
        self.run = secrets.token_hex(4)
        self.count = 0

    def build(self, n: int, port: int) -> list[bytes]:
        """n raw HTTP requests for 127.0.0.1:port, each with a MessageSid never used before,
        from people spread over `people` numbers."""
        forms = []
        for _ in range(n):
            i = self.count
            forms.append(self.form(TEXTS[i % len(TEXTS)],
                                   f"+1415{5550000 + (i * 7919) % self.people:07d}"))
        return [self.request(form, port) for form in forms]

    def form(self, body: str, sender: str, to: str | None = None) -> dict[str, str]:
        """An inbound text's webhook form with a MessageSid never used before."""
        sid = f"SM{self.run}{self.count:024x}"
        self.count += 1
        return {
            "ToCountry": "US", "ToState": "CA", "SmsMessageSid": sid, "NumMedia": "0",
            "ToCity": "", "FromZip": "94110", "SmsSid": sid, "FromState": "CA",
            "SmsStatus": "received", "FromCity": "SAN FRANCISCO", "Body": body,
            "FromCountry": "US", "To": to or self.settings.number, "ToZip": "",
            "NumSegments": "1", "MessageSid": sid, "AccountSid": self.settings.account_sid,
            "From": sender, "ApiVersion": "2010-04-01",
        }

    def request(self, form: dict[str, str], port: int) -> bytes:
        """The raw, signed HTTP request that posts `form` to 127.0.0.1:port/twilio/sms."""
        url = self.settings.public_url + "/twilio/sms"
        body = urlencode(form).encode()
        signature = self.validator.compute_signature(url, form)
        head = (f"POST /twilio/sms HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                "User-Agent: TwilioProxy/1.1\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\nX-Twilio-Signature: {signature}\r\n"
                "Connection: close\r\n\r\n")
        return head.encode() + body


@dataclass
class Result:
    """What one measurement saw."""

    name: str
    sent: int = 0
    elapsed: float = 0.0
    latencies: list[float] = field(default_factory=list)  # seconds, 2xx only
    errors: Counter = field(default_factory=Counter)
    late: float = 0.0  # the open loop's worst lag behind its schedule (generator overload)
    client_cpu: float = 0.0  # the load generator's CPU seconds
    server_cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds per process kind
    cut_short: bool = False
    wall_start: float = 0.0  # the open loop's time.time() of request 0's schedule

    @property
    def ok(self) -> int:
        return len(self.latencies)

    def rate(self) -> float:
        return self.ok / self.elapsed if self.elapsed else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))] * 1000


async def _send(port: int, raw: bytes) -> str:
    """Send one request on a new connection; the answer's status ("200") or an error name."""
    try:
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection("127.0.0.1", port), REQUEST_TIMEOUT)
    except (OSError, TimeoutError) as error:
        return f"connect {type(error).__name__}"
    try:
        writer.write(raw)
        data = await asyncio.wait_for(reader.read(), REQUEST_TIMEOUT)
    except (OSError, TimeoutError) as error:
        return type(error).__name__
    finally:
        writer.close()
    if not data.startswith(b"HTTP/1.") or len(data) < 12:
        return "bad answer"
    return data[9:12].decode()


def _record(result: Result, status: str, latency: float) -> None:
    if status.startswith("2"):
        result.latencies.append(latency)
    else:
        result.errors[status if status[:1].isalpha() else f"HTTP {status}"] += 1


async def closed_loop(name: str, port: int, requests: list[bytes], concurrency: int,
                      max_seconds: float) -> Result:
    """Send every request over `concurrency` connections at once, as fast as answered."""
    result = Result(name)
    pending = iter(requests)
    start = time.perf_counter()
    deadline = start + max_seconds

    async def connection() -> None:
        for raw in pending:
            if time.perf_counter() > deadline:
                result.cut_short = True
                return
            sent = time.perf_counter()
            result.sent += 1
            status = await _send(port, raw)
            _record(result, status, time.perf_counter() - sent)

    cpu = time.process_time()
    await asyncio.gather(*(connection() for _ in range(concurrency)))
    result.elapsed = time.perf_counter() - start
    result.client_cpu = time.process_time() - cpu
    return result


async def open_loop(name: str, port: int, requests: list[bytes], rate: float) -> Result:
    """Send request i at start + i/rate whatever came back; latency from the scheduled time."""
    result = Result(name)

    async def one(raw: bytes, due: float) -> None:
        status = await _send(port, raw)
        _record(result, status, time.perf_counter() - due)

    cpu = time.process_time()
    start = time.perf_counter() + 0.05
    result.wall_start = time.time() + 0.05
    tasks = []
    for i, raw in enumerate(requests):
        due = start + i / rate
        wait = due - time.perf_counter()
        if wait > 0:
            await asyncio.sleep(wait)
        result.late = max(result.late, time.perf_counter() - due)
        result.sent += 1
        tasks.append(asyncio.create_task(one(raw, due)))
    await asyncio.gather(*tasks)
    result.elapsed = len(requests) / rate
    result.client_cpu = time.process_time() - cpu
    return result



class CpuMeter:
    """CPU seconds used so far by the web server's processes, PostgreSQL and Redis."""

    TICK = os.sysconf("SC_CLK_TCK")

    def __init__(self, server_pid: int, database_url: str, redis_url: str,
                 worker_pid: int | list[int] | None = None,
                 twilio_pid: int | None = None) -> None:
        workers = worker_pid if isinstance(worker_pid, list) else [worker_pid]
        self.roots = {"gunicorn": [server_pid], "worker": [p for p in workers if p],
                      "twilio": [twilio_pid] if twilio_pid else []}
        self.database_url, self.redis_url = database_url, redis_url

    def _process(self, pid: int) -> tuple[int, float]:
        """(parent pid, CPU seconds) of one process, or (0, 0) when it is gone."""
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            return 0, 0.0
        return int(fields[1]), (int(fields[11]) + int(fields[12])) / self.TICK

    def _tree(self, root: int) -> float:
        total = self._process(root)[1]
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                parent, cpu = self._process(int(entry.name))
                if parent == root:
                    total += cpu
        return total

    def _postgres(self) -> float:
        import psycopg

        with psycopg.connect(self.database_url, connect_timeout=5) as connection:
            pids = [row[0] for row in connection.execute(
                "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()")]
        return sum(self._process(pid)[1] for pid in pids)

    def _redis(self) -> float:
        from redis import Redis

        client = Redis.from_url(self.redis_url)
        try:
            info = client.info("cpu")
        finally:
            client.close()
        return float(info["used_cpu_sys"]) + float(info["used_cpu_user"])

    def _machine(self) -> float:
        """CPU seconds every process on the machine has used (all cores, since boot)."""
        fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        user, nice, system, _idle, _iowait, irq, softirq, steal = (fields + [0] * 8)[:8]
        return (user + nice + system + irq + softirq + steal) / self.TICK

    def sample(self) -> dict[str, float]:
        """CPU seconds so far, by kind, and the whole machine's ("machine")."""
        found = {kind: sum(self._tree(pid) for pid in pids)
                 for kind, pids in self.roots.items() if pids}
        found["postgres"] = self._postgres()
        found["redis"] = self._redis()
        found["machine"] = self._machine()
        return found


