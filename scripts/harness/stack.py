"""The whole line started for one script run, as its Procfile runs it in production.

Every acceptance script and `scripts/bench` start the same stack: a throwaway database and Redis
db, fresh settings, the fake Twilio, `release`, a roster import, then `web` and the workers.
`running` gives a `Stack` with all of that ready to start, and stops it all at the end.
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scripts.harness.driving import FakeTwilio, wait_for_workers
from scripts.harness.procs import Processes, free_port, procfile, wait_http
from scripts.harness.roster import write_roster
from scripts.harness.services import Settings, scratch_database, scratch_redis, start_twilio


class Stack:
    """One run's line: its services, the fake Twilio and the Procfile's processes."""

    def __init__(self, processes: Processes, settings: Settings, database_url: str,
                 redis_url: str, redis_db: int, twilio_url: str,
                 twilio: subprocess.Popen) -> None:
        self.processes = processes
        self.settings = settings
        self.database_url = database_url
        self.redis_url = redis_url
        self.redis_db = redis_db
        self.twilio_url = twilio_url
        self.twilio = twilio
        self.fake = FakeTwilio(twilio_url)
        self.types = procfile()
        self.env = settings.env()
        self.web: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []

    @property
    def logdir(self) -> Path:
        """Where every process's log goes."""
        return self.processes.logdir

    def release(self) -> None:
        """Run the Procfile's `release` (the migrations) to its end."""
        self.processes.run("release", self.types["release"], self.env)

    def import_roster(self, doc: dict, name: str = "roster-import", file: str = "roster.yaml",
                      line: str | None = None) -> dict:
        """Write `doc` to logdir/`file` and import it (for `line`, else the hotline number)."""
        write_roster(self.logdir / file, doc)
        argv = ["hotline", "roster", "import", str(self.logdir / file)]
        self.processes.run(name, argv + (["--line", line] if line else []), self.settings.env())
        return doc

    def start_worker(self, name: str) -> subprocess.Popen:
        """Start one more of the Procfile's `worker`."""
        worker = self.processes.start(name, self.types["worker"], self.settings.env())
        self.workers.append(worker)
        return worker

    def start(self, workers: int) -> None:
        """Start `web` and `workers` workers; return once web is ready and they all listen."""
        self.web = self.processes.start("web", self.types["web"], self.env)
        for n in range(workers):
            self.start_worker(f"worker-{n + 1}")
        wait_http(self.settings.web_port, "/readyz", timeout=60, process=self.web)
        wait_for_workers(self.redis_url, workers)

    def describe(self, extra: str) -> str:
        """The run's opening line: what runs where, then `extra`, then where the logs are."""
        return (f"the line: `{' '.join(self.types['web'])}` on port {self.settings.web_port}, "
                f"{len(self.workers)} x `{' '.join(self.types['worker'])}`, fake Twilio at "
                f"{self.twilio_url}, PostgreSQL {self.database_url.rsplit('/', 1)[1]}, Redis db "
                f"{self.redis_db}, {extra}; logs in {self.logdir}")


@contextmanager
def running(script: str, database: str, redis_db: int, *, keep: bool = False,
            callbacks: bool = True, **settings: str) -> Iterator[Stack]:
    """A `Stack` for one run of `script`: a database named `database`_xxxx, Redis db `redis_db`
    and the fake Twilio up; `settings` are extra contract §2 variables. All stop at the end."""
    logdir = Path(tempfile.mkdtemp(prefix=f"hotline-{script}-"))
    with scratch_database(database, keep=keep) as database_url, \
            scratch_redis(redis_db) as redis_url, \
            Processes(logdir) as processes:
        twilio_port, web_port = free_port(), free_port()
        values = Settings(database_url, redis_url, f"http://127.0.0.1:{twilio_port}", web_port,
                          **settings)
        twilio_url, twilio = start_twilio(processes, values.account_sid, values.auth_token,
                                          twilio_port, callbacks=callbacks)
        yield Stack(processes, values, database_url, redis_url, int(redis_url.rsplit("/", 1)[1]),
                    twilio_url, twilio)
