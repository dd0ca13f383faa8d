"""A Redis server and a PostgreSQL cluster of one run's own, that a script may break at will.

`scripts/chaos` kills and restarts these, so it never touches the shared servers on 6379 and
5432: Redis runs with no persistence (a restart comes back empty), PostgreSQL is a fresh
cluster in a temporary directory owned by `postgres` (it refuses to run as root), with trust
authentication, on free ports. `private_services` tears both down at the end, on error and on
Ctrl-C too. Standard library only.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from scripts.harness.procs import Processes, free_port


def _wait_port(port: int, timeout: float, up: bool = True) -> None:
    """Wait until 127.0.0.1:port accepts connections (or, `up` False, refuses them)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                if up:
                    return
        except OSError:
            if not up:
                return
        time.sleep(0.05)
    raise RuntimeError(f"127.0.0.1:{port} still {'down' if up else 'up'} after {timeout:.0f}s")


class PrivateRedis:
    """`redis-server` on a free port, no snapshots and no AOF: a restart starts it empty."""

    def __init__(self, processes: Processes) -> None:
        self.processes = processes
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        argv = [shutil.which("redis-server") or "redis-server", "--port", str(self.port),
                "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                "--protected-mode", "no"]
        self.process = self.processes.start("redis", argv, dict(os.environ))
        _wait_port(self.port, 20)

    def kill(self) -> None:
        """kill -9: everything it held is gone."""
        if self.process is not None:
            self.processes.kill(self.process)
            self.process = None
        _wait_port(self.port, 10, up=False)

    def restart_empty(self) -> None:
        self.kill()
        self.start()


class PrivatePostgres:
    """A throwaway PostgreSQL cluster run as `postgres`, data and socket in a temp dir."""

    def __init__(self, logdir: Path) -> None:
        self.logdir = logdir
        found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                       key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
        if not found:
            raise RuntimeError("no PostgreSQL binaries under /usr/lib/postgresql/*/bin")
        self.bin = Path(found[-1]).parent
        self.port = free_port()
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"
        self.home = Path(tempfile.mkdtemp(prefix="hotline-chaos-pg-"))
        self.data = self.home / "data"
        self.log = self.home / "postgres.log"  # copied to logdir at the end
        user = pwd.getpwnam("postgres")
        os.chmod(self.home, 0o700)
        os.chown(self.home, user.pw_uid, user.pw_gid)
        self.running = False

    def _as_postgres(self, *argv: str, timeout: float = 60) -> None:
        result = subprocess.run(["runuser", "-u", "postgres", "--", *argv], cwd=self.home,
                                stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                timeout=timeout)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[:2])} failed ({result.returncode}): "
                               f"{(result.stdout + result.stderr)[-800:]}")

    def init(self) -> None:
        self._as_postgres(str(self.bin / "initdb"), "-D", str(self.data), "-U", "postgres",
                          "-A", "trust", "-E", "UTF8", "--no-sync", timeout=120)

    def start(self) -> None:
        # fsync off loses nothing when only PostgreSQL stops (the OS keeps its writes);
        # synchronous_commit stays on, or an immediate stop would lose acknowledged commits
        options = (f"-p {self.port} -k {self.home} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c full_page_writes=off "
                   "-c max_connections=200")
        self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-l", str(self.log),
                          "-o", options, "-w", "-t", "60", "start", timeout=90)
        self.running = True
        _wait_port(self.port, 20)

    def stop(self, mode: str = "immediate") -> None:
        """Stop the cluster (`immediate`: no goodbye to clients, crash recovery on start)."""
        self._as_postgres(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w",
                          "-t", "30", "stop", timeout=60)
        self.running = False

    def destroy(self) -> None:
        """Stop it whatever state it is in, and remove its directory."""
        try:
            if (self.data / "postmaster.pid").exists():
                self.stop()
        except Exception:  # pg_ctl failed: kill the postmaster by its pid file
            try:
                pid = int((self.data / "postmaster.pid").read_text().split()[0])
                os.kill(pid, signal.SIGQUIT)
                time.sleep(1)
                os.kill(pid, signal.SIGKILL)
            except (OSError, ValueError, IndexError):
                pass
        if self.log.exists():
            shutil.copyfile(self.log, self.logdir / "postgres.log")
        shutil.rmtree(self.home, ignore_errors=True)


@contextmanager
def private_services(processes: Processes) -> Iterator[tuple[PrivateRedis, PrivatePostgres]]:
    """A started private Redis and PostgreSQL, torn down at the end whatever happens."""
    redis = PrivateRedis(processes)
    postgres = PrivatePostgres(processes.logdir)
    try:
        postgres.init()
        postgres.start()
        redis.start()
        yield redis, postgres
    finally:
        try:
            redis.kill()
        except Exception:
            pass
        postgres.destroy()
