"""The chaos run's faults, one at a time at random moments, each healed before the next.

- `kill-web`: kill -9 of the web process (gunicorn and its workers), started again at once
- `kill-worker`: kill -9 of one `hotline worker`, started again at once
- `redis-restart`: Redis killed and started again empty (no persistence)
- `postgres-stop`: PostgreSQL stopped (immediate shutdown) for 10 s, then started
- `fallback-only`: for a while Twilio reaches only the fallback URL (the generator posts there)

Every fault is recorded with when it began and when it healed (the line could work again), so
the checker can name the fault each anomaly follows.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass

from scripts.checks.chaos.generator import Generator
from scripts.harness.private import PrivatePostgres, PrivateRedis
from scripts.harness.procs import wait_http
from scripts.harness.stack import Stack

KINDS = ("kill-web", "kill-worker", "redis-restart", "postgres-stop", "fallback-only")
POSTGRES_DOWN = 10.0
FALLBACK_SPELL = (5.0, 10.0)
GAP = (2.0, 5.0)  # quiet seconds between faults
NEEDS = {"postgres-stop": POSTGRES_DOWN + 8, "fallback-only": FALLBACK_SPELL[1] + 3}  # else 10


@dataclass
class Fault:
    kind: str
    began: float
    healed: float | None = None
    note: str = ""


class Nemesis:
    """Runs faults on a thread from `start` until `until` (wall time), then stops injecting."""

    def __init__(self, stack: Stack, redis: PrivateRedis, postgres: PrivatePostgres,
                 generator: Generator, seed: int | None = None) -> None:
        self.stack = stack
        self.redis = redis
        self.postgres = postgres
        self.generator = generator
        self.random = random.Random(seed)
        self.faults: list[Fault] = []
        self.errors: list[str] = []
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._restarts = 0

    def start(self, warmup: float, until: float) -> None:
        self._thread = threading.Thread(target=self._run, args=(warmup, until), daemon=True,
                                        name="nemesis")
        self._thread.start()

    def join(self) -> None:
        if self._thread is not None:
            self._thread.join()

    def stop(self) -> None:
        self._stop.set()

    @property
    def last_healed(self) -> float | None:
        return max((f.healed or f.began for f in self.faults), default=None)

    def _run(self, warmup: float, until: float) -> None:
        if self._stop.wait(warmup):
            return
        order = list(KINDS)
        self.random.shuffle(order)  # every kind once first, in a random order, then any
        while not self._stop.is_set():
            kind = order.pop(0) if order else self.random.choice(KINDS)
            needs = NEEDS.get(kind, 10.0)
            if time.time() + needs > until:
                if not order:
                    return
                continue  # no time left for this one; a shorter kind may still fit
            fault = Fault(kind, time.time())
            self.faults.append(fault)
            try:
                getattr(self, "_" + kind.replace("-", "_"))(fault)
            except Exception as error:
                self.errors.append(f"{kind}: {type(error).__name__}: {error}")
            fault.healed = time.time()
            print(f"  fault {kind} at +{fault.began - self.t0:5.1f}s, healed after "
                  f"{fault.healed - fault.began:4.1f}s {fault.note}", flush=True)
            if self._stop.wait(self.random.uniform(*GAP)):
                return

    t0 = 0.0  # the run's start, for printing

    # -- the faults ------------------------------------------------------------------------

    def _kill_web(self, fault: Fault) -> None:
        self.stack.processes.kill(self.stack.web)
        self.stack.web = self.stack.processes.start("web", self.stack.types["web"],
                                                    self.stack.env)
        wait_http(self.stack.settings.web_port, "/healthz", timeout=60, process=self.stack.web)

    def _kill_worker(self, fault: Fault) -> None:
        victim = self.random.randrange(len(self.stack.workers))
        self.stack.processes.kill(self.stack.workers[victim])
        self._restarts += 1
        fault.note = f"(worker {victim + 1})"
        self.stack.workers[victim] = self.stack.processes.start(
            f"worker-{victim + 1}", self.stack.types["worker"], self.stack.settings.env())

    def _redis_restart(self, fault: Fault) -> None:
        self.redis.restart_empty()

    def _postgres_stop(self, fault: Fault) -> None:
        self.postgres.stop("immediate")
        try:
            time.sleep(POSTGRES_DOWN)
        finally:
            self.postgres.start()

    def _fallback_only(self, fault: Fault) -> None:
        spell = self.random.uniform(*FALLBACK_SPELL)
        fault.note = f"({spell:.0f}s)"
        self.generator.fallback_only.set()
        try:
            time.sleep(spell)
        finally:
            self.generator.fallback_only.clear()
