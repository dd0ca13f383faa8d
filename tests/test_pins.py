"""What the line runs on is pinned past known advisories, and every install path uses the pins."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FLOORS = {"gunicorn": (23,), "werkzeug": (3, 0, 6)}


def version(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", text)[:3])


def test_dependencies_have_floors_past_known_advisories():
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["dependencies"]
    floors = {re.split(r"[><=\[ ]", d, maxsplit=1)[0].lower(): d for d in deps}
    for name, floor in FLOORS.items():
        assert name in floors, f"{name} has no floor in pyproject.toml"
        assert version(floors[name].split(">=", 1)[1]) >= floor


def test_the_constraints_file_pins_them_and_every_install_uses_it():
    pins = dict(line.split("==", 1) for line in (ROOT / "constraints.txt").read_text().split()
                if "==" in line)
    pins = {name.lower(): value for name, value in pins.items()}
    for name, floor in FLOORS.items():
        assert version(pins[name]) >= floor
    assert (ROOT / "requirements.txt").read_text().split() == ["-c", "constraints.txt", "."]
    for script in ("scripts/test", "scripts/demo"):
        assert "-c constraints.txt" in (ROOT / script).read_text(), script
