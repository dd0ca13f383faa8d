"""Check-in check of a crash: a due check-in survives killed workers and a flushed Redis."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from scripts.checks.checkins.line import QUIET, CheckinChecks
from scripts.harness.driving import wait_for_workers
from scripts.harness.report import Fail


class CrashChecks(CheckinChecks):
    """Check 3."""

    # 3
    def survives_a_crash(self) -> str:
        """Check 3: a due check-in survives killed workers and a flushed Redis."""
        line = self.line
        person = line.person()
        _, code, _ = self.conversation(person, exchange=False)
        mark = line.mark()
        line.text(person, "1")
        line.wait_inbox(person, mark, "thanks for the answer '1'")
        count = len(self.workers)
        for worker in list(self.workers):
            self.processes.kill(worker)
            self.workers.remove(worker)
        killed = datetime.now(UTC)
        from redis import Redis

        redis = Redis.from_url(self.redis_url)
        redis.flushdb()
        redis.close()
        after = line.mark()
        rows = line.database(
            "SELECT ci.due_at, ci.status FROM check_in ci JOIN \"case\" c ON c.id = ci.case_id"
            " WHERE c.code = %s ORDER BY ci.id DESC LIMIT 1", code)
        if not rows:
            raise Fail("no check-in row after the answer '1'")
        due, status = rows[0]
        if status != "scheduled" or due <= killed or line.inbox(person, mark)[1:]:
            raise Fail(f"the check-in was {status}, due {due}, before the workers were killed "
                       f"at {killed}: the script was too slow to test a crash")
        for n in range(count):
            self.stack.start_worker(f"worker-restarted-{n + 1}")
        wait_for_workers(self.redis_url, count)
        arrivals: list[tuple[str, datetime]] = []

        def first() -> bool:
            for body in line.inbox(person, after)[len(arrivals):]:
                arrivals.append((body, datetime.now(UTC)))
            return bool(arrivals)

        line.wait("check-in after the crash", first, timeout=75, every=0.1)
        delay = (arrivals[0][1] - due).total_seconds()
        time.sleep(QUIET)  # a sweep or a second job would have sent it again by now
        bodies = line.inbox(person, after)
        problems = []
        if bodies.count(arrivals[0][0]) != 1:
            problems.append(f"the first check-in came {bodies.count(arrivals[0][0])} times")
        if len(set(bodies)) != len(bodies) or len(bodies) > 3:
            problems.append(f"check-ins repeated or more than 3: {bodies}")
        if delay > 60:
            problems.append(f"delivered {delay:.1f}s after its due time (over a minute)")
        if problems:
            raise Fail("; ".join(problems))
        return (f"{count} worker(s) killed with SIGKILL and Redis flushed "
                f"{(due - killed).total_seconds():.1f}s before it was due; after a new worker "
                f"started it came once, {delay:.1f}s after its due time "
                f"({len(bodies)} check-ins in all, none twice)")
