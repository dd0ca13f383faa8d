"""Starting and stopping the line's processes for the scripts: the venv, the Procfile, HTTP.

`scripts/bench` and the acceptance scripts run the Procfile's processes for real, each in its
own process group with its log in one directory, and stop every one of them at the end, on
Ctrl-C and on error too. Importing this module needs only the standard library, so a script
can call `ensure_venv` before anything else is importable.
"""

from __future__ import annotations

import http.client
import os
import shlex
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV = Path(os.environ.get("HOTLINE_VENV") or ROOT / ".venv")
if not VENV.is_absolute():
    VENV = ROOT / VENV


def ensure_venv(script: str) -> None:
    """Re-run `script` under the project's .venv, making and installing it first if needed.

    Only a venv inside this checkout is ever (re)installed: HOTLINE_VENV pointing elsewhere
    (another checkout's venv) is used as it is, since `pip install -e` there would repoint that
    checkout's own `hotline` at this one. Either way the processes started here import this
    checkout's code first (PYTHONPATH, see `Settings.env`).
    """
    python = VENV / "bin" / "python"
    if Path(sys.prefix).resolve() == VENV.resolve():
        os.chdir(ROOT)
        sys.path.insert(1, str(ROOT))  # this checkout's hotline and scripts packages
        return
    ours = VENV.resolve().parent == ROOT.resolve()
    if not python.exists():
        if not ours:
            raise SystemExit(f"no Python at {python} (HOTLINE_VENV)")
        subprocess.run(["python3", "-m", "venv", str(VENV)], check=True)
    stamp = VENV / ".hotline-test-installed"  # the same stamp scripts/test uses
    pyproject = ROOT / "pyproject.toml"
    if ours and (not stamp.exists() or pyproject.stat().st_mtime > stamp.stat().st_mtime):
        print(f"installing the project into {VENV} ...", file=sys.stderr, flush=True)
        install = subprocess.run([str(python), "-m", "pip", "install", "--quiet",
                                  "--disable-pip-version-check", "-e", ".[test]"], cwd=ROOT,
                                 capture_output=True, text=True)
        if install.returncode != 0:
            sys.stderr.write(install.stdout + install.stderr)
            raise SystemExit("pip install -e '.[test]' failed")
        stamp.touch()
    os.execv(str(python), [str(python), str(Path(script).resolve()), *sys.argv[1:]])


def stop_on_signals() -> None:
    """Turn Ctrl-C, SIGTERM and SIGHUP into KeyboardInterrupt, so `finally` blocks clean up."""

    def interrupt(signum, _frame):
        raise KeyboardInterrupt(f"signal {signum}")

    signal.signal(signal.SIGINT, signal.default_int_handler)  # even if started ignoring it
    signal.signal(signal.SIGTERM, interrupt)
    signal.signal(signal.SIGHUP, interrupt)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(condition, timeout: float, what: str) -> None:
    """Poll `condition` every 0.1 s until it is true; AssertionError naming `what` after
    `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"no {what} within {timeout:.0f}s")
        time.sleep(0.1)


def procfile() -> dict[str, list[str]]:
    """The Procfile's process types, each as an argument list."""
    types = {}
    for line in (ROOT / "Procfile").read_text().splitlines():
        name, _, command = line.partition(":")
        if command.strip() and not name.startswith("#"):
            types[name.strip()] = shlex.split(command.split(" #")[0])
    return types


class Processes:
    """Child processes, each in its own process group with its log in `logdir`."""

    def __init__(self, logdir: Path) -> None:
        self.logdir = logdir
        self.running: list[tuple[str, subprocess.Popen]] = []

    def start(self, name: str, argv: list[str], env: dict[str, str]) -> subprocess.Popen:
        """Start argv in the repo root; stdout and stderr go to logdir/NAME.log."""
        env = self._private(name, env)
        with open(self.logdir / f"{name}.log", "ab") as log:
            process = subprocess.Popen(argv, cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                                       stdout=log, stderr=subprocess.STDOUT,
                                       start_new_session=True)
        self.running.append((name, process))
        return process

    def run(self, name: str, argv: list[str], env: dict[str, str], timeout: float = 120,
            check: bool = True) -> subprocess.CompletedProcess:
        """Run a command to its end, killed (its whole group) after `timeout` seconds.

        Its output is returned and kept in logdir/NAME.log; `returncode` is None on a timeout.
        """
        process = subprocess.Popen(argv, cwd=ROOT, env=self._private(name, env),
                                   stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, start_new_session=True)
        self.running.append((name, process))
        try:
            out, err = process.communicate(timeout=timeout)
            code = process.returncode
        except subprocess.TimeoutExpired:
            self.stop(process, grace=2)
            out, err = process.communicate()
            code = None
        finally:
            self.stop(process, grace=2)
        with open(self.logdir / f"{name}.log", "a") as log:
            log.write(out + err)
        if check and code != 0:
            raise RuntimeError(f"{shlex.join(argv)} failed ({code}):\n{out}{err}")
        return subprocess.CompletedProcess(argv, code, out, err)

    def _private(self, name: str, env: dict[str, str]) -> dict[str, str]:
        """The env with a runtime dir of this process's own: gunicorn puts its control socket
        there ($XDG_RUNTIME_DIR/gunicorn.ctl), instead of one ~/.gunicorn/gunicorn.ctl that
        every gunicorn on the machine would fight over."""
        runtime = self.logdir / f"run-{name}"
        runtime.mkdir(mode=0o700, exist_ok=True)
        return {**env, "XDG_RUNTIME_DIR": str(runtime)}

    def kill(self, process: subprocess.Popen) -> None:
        """SIGKILL the process group at once (a crash, as `kill -9`), and reap it."""
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            pass
        self.running = [(n, p) for n, p in self.running if p is not process]

    def stop(self, process: subprocess.Popen, grace: float = 10) -> None:
        """SIGTERM the process group, then SIGKILL it after `grace` seconds."""
        for sig, wait in ((signal.SIGTERM, grace), (signal.SIGKILL, 5)):
            if process.poll() is not None:
                break
            try:
                os.killpg(process.pid, sig)
            except ProcessLookupError:
                break
            try:
                process.wait(wait)
            except subprocess.TimeoutExpired:
                continue
        try:  # children that outlived their parent (a gunicorn worker) go too
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        self.running = [(n, p) for n, p in self.running if p is not process]

    def stop_all(self) -> None:
        """Stop everything still running, newest first."""
        for _, process in reversed(list(self.running)):
            self.stop(process)

    def __enter__(self) -> Processes:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.stop_all()


# -- HTTP on 127.0.0.1 ----------------------------------------------------------------------


def request(port: int, method: str, path: str, body: bytes | None = None,
            headers: dict[str, str] | None = None, timeout: float = 10) -> tuple[int, bytes]:
    """One HTTP request to 127.0.0.1:port; returns (status, body)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def wait_http(port: int, path: str, timeout: float, status: int = 200,
              process: subprocess.Popen | None = None) -> None:
    """Poll GET path until it answers `status`; raise after `timeout` or if `process` died."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process exited with {process.returncode} before {path} answered")
        try:
            got, _ = request(port, "GET", path, timeout=2)
            if got == status:
                return
            last = f"HTTP {got}"
        except OSError as error:
            last = type(error).__name__
        time.sleep(0.1)
    raise RuntimeError(f"127.0.0.1:{port}{path} did not answer {status} in {timeout:.0f}s "
                       f"(last: {last})")
