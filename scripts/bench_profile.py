"""`scripts/bench --profile`: where the worker's CPU goes, per inbound job and per send job.

Runs the line's jobs in this process, against a fresh PostgreSQL database, Redis db 13 and the
Twilio-compatible test server, the way `hotline worker` runs them (one app, its pool, its
Twilio client): first `count` new people each text a clear first message (one inbound job
each), then every text those jobs decided is sent (one send job each). Each kind is run twice:
once timed (CPU and wall time per job, nothing else in the way), once under cProfile, whose
heaviest functions are printed.
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import secrets
import time
from collections.abc import Callable

from scripts.harness.roster import sample_roster
from scripts.harness.stack import running

COUNT = 100  # people, so inbound jobs, per pass: under the line's cap of automated answers
FIRST_TEXTS = ("i feel hopeless and can't get out of bed", "i relapsed and need help",
               "my partner hurt me again and i need a plan",
               "me siento muy triste y sin esperanza")
TOP = 25  # functions shown per profile
PASSES = 3  # timed passes


class Statements:
    """How many SQL statements and commits an engine sends (the same on any machine load)."""

    def __init__(self, engine) -> None:
        from sqlalchemy import event

        self.statements = self.commits = 0
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "commit", self._commit)

    def _statement(self, *_args) -> None:
        self.statements += 1

    def _commit(self, *_args) -> None:
        self.commits += 1


def _timed(jobs: list[Callable[[], None]], counter: Statements) -> tuple[float, float, float,
                                                                          float]:
    """CPU and wall milliseconds, SQL statements and commits, per job."""
    statements, commits = counter.statements, counter.commits
    cpu, wall = time.process_time(), time.perf_counter()
    for job in jobs:
        job()
    count = max(len(jobs), 1)
    return ((time.process_time() - cpu) * 1000 / count,
            (time.perf_counter() - wall) * 1000 / count,
            (counter.statements - statements) / count, (counter.commits - commits) / count)


def _profiled(jobs: list[Callable[[], None]]) -> str:
    profile = cProfile.Profile()
    profile.enable()
    for job in jobs:
        job()
    profile.disable()
    out = io.StringIO()
    stats = pstats.Stats(profile, stream=out)
    stats.sort_stats("cumulative").print_stats(r"(hotline|routing)/", TOP)
    out.write("\n")
    stats.sort_stats("tottime").print_stats(TOP)
    return out.getvalue()


def main(count: int = COUNT, show: bool = True) -> int:
    with running("bench-profile", "hotline_bench", 13, callbacks=False) as stack:
        stack.release()
        stack.import_roster(sample_roster(), name="roster")
        os.environ.update(stack.settings.env())
        os.environ["LOG_LEVEL"] = "WARNING"

        from sqlmodel import select

        from hotline.app import create_app
        from hotline.infra import db
        from hotline.infra.models import OutboundMessage
        from hotline.sms import delivery, intake

        app = create_app()
        run = secrets.token_hex(4)

        def inbound_batch(batch: int) -> list[int]:
            # each pass starts under the line's cap of automated answers a minute, so every
            # person gets the acknowledgement a real burst's first people get
            redis = app.extensions["hotline.redis"]
            for key in redis.scan_iter("hotline:answers:*"):
                redis.delete(key)
            ids = []
            for n in range(batch * count, (batch + 1) * count):
                form = {"MessageSid": f"SM{run}{n:024x}", "From": f"+1628{5000000 + n:07d}",
                        "To": stack.settings.number, "Body": FIRST_TEXTS[n % len(FIRST_TEXTS)],
                        "NumMedia": "0"}
                ids.append(intake.receive(form))
            return ids

        def queued_sends() -> list[int]:
            with db.transaction() as session:
                return list(session.exec(select(OutboundMessage.id).where(
                    OutboundMessage.status == "queued").order_by(OutboundMessage.id)))

        print(f"profile: {count} new people a pass, each texting a clear first message; "
              "jobs run in one process as `hotline worker` runs them", flush=True)
        with app.app_context():
            counter = Statements(db.engine())
            warm = inbound_batch(0)[:20]  # imports, pools and caches warm, unmeasured
            for message_id in warm:
                intake.process(message_id)
            for message_id in queued_sends():
                delivery.deliver(message_id)
            timed: dict[str, list[tuple[float, ...]]] = {"inbound": [], "send": []}
            for batch in range(1, PASSES + 2):
                profile = batch > PASSES  # the timed passes first, then one under cProfile
                ids = inbound_batch(batch)
                inbound = [lambda i=i: intake.process(i) for i in ids]
                if profile:
                    text = _profiled(inbound)
                else:
                    timed["inbound"].append(_timed(inbound, counter))
                sends = [lambda i=i: delivery.deliver(i) for i in queued_sends()]
                per_case = len(sends) / max(len(ids), 1)
                if profile:
                    text_sends = _profiled(sends)
                else:
                    timed["send"].append(_timed(sends, counter))
        if show:
            print("== inbound job (intake.process), cProfile ==")
            print(text)
            print("== send job (delivery.deliver), cProfile ==")
            print(text_sends)
        print(f"{PASSES} passes of {count} people; each figure is the median pass, "
              "[lowest - highest]")
        for kind, label in (("inbound", "inbound job"), ("send", "send job   ")):
            cpu = sorted(t[0] for t in timed[kind])
            wall = sorted(t[1] for t in timed[kind])
            _, _, statements, commits = timed[kind][-1]
            print(f"{label}: {cpu[len(cpu) // 2]:5.1f} ms CPU [{cpu[0]:.1f} - {cpu[-1]:.1f}], "
                  f"{wall[len(wall) // 2]:5.1f} ms wall [{wall[0]:.1f} - {wall[-1]:.1f}], "
                  f"{statements:.1f} SQL statements, {commits:.1f} commits")
        inbound_cpu = sorted(t[0] for t in timed["inbound"])[PASSES // 2]
        send_cpu = sorted(t[0] for t in timed["send"])[PASSES // 2]
        print(f"per case: {per_case:.2f} sends; {inbound_cpu + per_case * send_cpu:.1f} ms CPU "
              "in the jobs themselves (RQ's own work per job comes on top)")
    return 0
