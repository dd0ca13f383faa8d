"""`scripts/demo` as a new user runs it: the demo roster on first start, a roster the user
imported kept on the next start, and `--reset` starting over with the demo's."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
DEMO = REPO / "scripts" / "demo"
DEMO_ROSTER = REPO / "hotline" / "demo" / "roster.yaml"

MY_ROSTER = """\
timezone: America/Los_Angeles
responders:
  - {name: Rosa Vidal, phone: "+15105550177", categories: [mental_health], languages: [en, es]}
rotations:
  - name: Nights
    category: mental_health
    every: weekly
    shift_length: 1
    start: "2024-01-01T09:00"
    members: [Rosa Vidal]
resources: {en: "Call 911 in an emergency.", es: "Llame al 911 en una emergencia."}
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _env(database: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TWILIO_", "REDIS_"))}
    env.update(DEMO_DATABASE=str(database), NO_BROWSER="1", PORT=str(_free_port()),
               PYTHON=sys.executable)
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    return env


def _run_demo(database: Path, *args: str) -> str:
    """Start the demo, wait until the simulator page answers, stop it; what it printed."""
    env = _env(database)
    demo = subprocess.Popen([str(DEMO), *args], env=env, cwd=REPO, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True)
    url = f"http://127.0.0.1:{env['PORT']}/"
    try:
        deadline = time.monotonic() + 240  # the first run may install the project into .venv
        while True:
            assert demo.poll() is None, f"scripts/demo exited: {demo.stdout.read()}"
            try:
                with urllib.request.urlopen(url, timeout=2) as page:
                    assert page.status == 200
                    assert "simulator" in page.read().decode().lower()
                break
            except OSError:
                if time.monotonic() > deadline:
                    pytest.fail(f"the simulator never answered at {url}")
                time.sleep(0.3)
    finally:
        os.killpg(demo.pid, signal.SIGTERM)
        output, _ = demo.communicate(timeout=30)
    return output


def _hotline(database: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TWILIO_", "REDIS_"))}
    env.update(HOTLINE_ENV="development", DATABASE_URL=f"sqlite:///{database}")
    done = subprocess.run([str(Path(sys.executable).parent / "hotline"), *args], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _responders(database: Path) -> set[str]:
    return {r["name"] for r in yaml.safe_load(_hotline(database, "roster", "export"))["responders"]}


def test_the_demo_keeps_a_roster_the_user_imported_until_reset(tmp_path):
    database = tmp_path / "demo.sqlite"
    demo_names = {r["name"] for r in yaml.safe_load(DEMO_ROSTER.read_text())["responders"]}

    first = _run_demo(database)
    assert "the phone simulator is at" in first
    assert _responders(database) == demo_names

    mine = tmp_path / "mine.yaml"
    mine.write_text(MY_ROSTER)
    _hotline(database, "roster", "import", str(mine))
    second = _run_demo(database)
    assert "keeping the line's roster" in second
    assert _responders(database) == {"Rosa Vidal"}

    third = _run_demo(database, "--reset")
    assert "starting clean" in third
    assert _responders(database) == demo_names


def test_the_demo_refuses_an_unknown_option(tmp_path):
    done = subprocess.run([str(DEMO), "--rest"], env=_env(tmp_path / "demo.sqlite"), cwd=REPO,
                          capture_output=True, text=True, timeout=30)
    assert done.returncode == 2
    assert "unknown option '--rest'" in done.stderr
    assert not (tmp_path / "demo.sqlite").exists()
