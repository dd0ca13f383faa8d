"""Mutation testing of the routing engine and the shell's decision points (`scripts/mutants`).

Each group of modules is mutated by mutmut in its own scratch copy of the repository
(`.mutants/<group>/`), against only the tests that group needs, so a run fits on two cores.
Prints each group's score, then every surviving mutant as a diff; a survivor listed in
scripts/mutants-equivalent.txt is shown with the reason it cannot change behaviour.
Exits 1 when a safety-critical module has a survivor that is neither killed nor explained.

    scripts/mutants [group ...]     # default: every group; see GROUPS
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRATCH = ROOT / ".mutants"
EQUIVALENT = ROOT / "scripts" / "mutants-equivalent.txt"
VENV_BIN = Path(sys.executable).parent


@dataclass(frozen=True)
class Group:
    sources: tuple[str, ...]
    tests: tuple[str, ...]
    critical: bool  # a survivor here must be killed or explained
    skip: tuple[str, ...] = ()


H = "tests/hotline/"
GROUPS = {
    "routing": Group(
        ("routing/",),
        tuple(f"tests/routing/test_{name}.py"
              for name in ("checkins", "commands", "dispatch", "oncall", "roster")),
        critical=False, skip=("routing/triage*", "routing/model/*")),
    "lifecycle": Group(("hotline/cases/lifecycle.py",),
                       (H + "test_races.py", H + "test_case_codes.py", H + "test_sms_line.py",
                        H + "test_checkins.py", H + "test_person_experience.py",
                        H + "test_responder_safety.py"),
                       critical=True),
    "signature": Group(("hotline/infra/signature.py",),
                       (H + "test_signatures.py", H + "test_webhooks.py"), critical=True),
    "delivery": Group(("hotline/sms/delivery.py",),
                      (H + "test_delivery_edges.py", H + "test_twilio_limits.py",
                       H + "test_webhooks.py", H + "test_ambiguous_send.py",
                       H + "test_sms_line.py", H + "test_privacy.py", H + "test_faults.py"),
                      critical=True),
    "legs": Group(("hotline/dispatch/legs.py",),
                  (H + "test_voice_line.py", H + "test_responder_safety.py"), critical=True),
    "sending": Group(("hotline/checkins/sending.py",),
                     (H + "test_checkins.py", H + "test_priority.py"), critical=True),
}


def equivalents() -> dict[str, str]:
    """Mutant name -> why it cannot change what anyone sees (scripts/mutants-equivalent.txt)."""
    found = {}
    if EQUIVALENT.exists():
        for raw in EQUIVALENT.read_text().splitlines():
            line = raw.strip()
            if line and not line.startswith("#"):
                name, _, reason = line.partition(" ")
                found[name] = reason.strip()
    return found


def scratch_copy(name: str, group: Group) -> Path:
    """A copy of the repository's files with this group's mutmut settings."""
    where = SCRATCH / name
    shutil.rmtree(where, ignore_errors=True)
    files = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                           check=True, capture_output=True).stdout.decode().split("\0")
    for relative in filter(None, files):
        source = ROOT / relative
        if source.is_file() and not relative.startswith(".mutants/"):
            target = where / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    settings = {
        "source_paths": list(group.sources),
        "do_not_mutate": list(group.skip),
        "also_copy": ["hotline/", "routing/", "scripts/"],
        "pytest_add_cli_args_test_selection": list(group.tests),
        "pytest_add_cli_args": ["-x", "-q"],
    }
    with (where / "pyproject.toml").open("a") as pyproject:
        pyproject.write("\n[tool.mutmut]\n")
        for key, value in settings.items():
            pyproject.write(f"{key} = {json.dumps(value)}\n")
    return where


def mutmut(where: Path, *args: str, quiet: bool = False) -> str:
    result = subprocess.run([str(VENV_BIN / "mutmut"), *args], cwd=where, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    if result.returncode != 0 and not quiet:
        print(result.stdout[-3000:], file=sys.stderr)
        raise SystemExit(f"mutmut {' '.join(args)} failed in {where}")
    return result.stdout


def run_group(name: str, group: Group) -> dict:
    where = scratch_copy(name, group)
    started = time.monotonic()
    mutmut(where, "run", "--max-children", str(os.cpu_count() or 2))
    mutmut(where, "export-cicd-stats")
    stats = json.loads((where / "mutants" / "mutmut-cicd-stats.json").read_text())
    survivors = []
    for line in mutmut(where, "results").splitlines():
        mutant, _, status = line.strip().rpartition(": ")
        if mutant:
            diff = [d for d in mutmut(where, "show", mutant, quiet=True).splitlines()
                    if d.startswith(("-", "+")) and not d.startswith(("---", "+++"))]
            survivors.append({"mutant": mutant, "status": status, "diff": diff})
    return {"stats": stats, "survivors": survivors, "seconds": time.monotonic() - started}


def main(argv: list[str]) -> int:
    names = argv or list(GROUPS)
    unknown = [n for n in names if n not in GROUPS]
    if unknown:
        raise SystemExit(f"no such group: {', '.join(unknown)} (groups: {', '.join(GROUPS)})")
    os.environ.setdefault("TEST_REDIS_URL", "redis://127.0.0.1:6379")
    explained = equivalents()
    unexplained_critical = 0
    totals = {"killed": 0, "counted": 0}
    lines = []
    for name in names:
        group = GROUPS[name]
        print(f"== {name}: {', '.join(group.sources)}", flush=True)
        result = run_group(name, group)
        stats = result["stats"]
        equivalent = [s for s in result["survivors"] if s["mutant"] in explained]
        counted = stats["total"] - stats["skipped"] - len(equivalent)
        killed = stats["killed"] + stats["timeout"]
        totals["killed"] += killed
        totals["counted"] += counted
        score = 100 * killed / counted if counted else 100.0
        lines.append(f"{name:10} {killed:4}/{counted:<4} killed  {score:5.1f}%  "
                     f"({len(equivalent)} equivalent, {result['seconds'] / 60:.1f} min)")
        print(lines[-1], flush=True)
        for survivor in result["survivors"]:
            reason = explained.get(survivor["mutant"])
            mark = f"equivalent: {reason}" if reason else survivor["status"]
            print(f"  {survivor['mutant']}  [{mark}]")
            for diff in survivor["diff"]:
                print(f"      {diff.strip()}")
            if reason is None and group.critical and survivor["status"] != "timeout":
                unexplained_critical += 1  # a timeout is a kill: the tests did not pass
    print("\n== mutation score")
    for line in lines:
        print(line)
    if totals["counted"]:
        print(f"{'all':10} {totals['killed']:4}/{totals['counted']:<4} killed  "
              f"{100 * totals['killed'] / totals['counted']:5.1f}%")
    if unexplained_critical:
        print(f"{unexplained_critical} survivor(s) in safety-critical modules: kill each with a "
              f"test or explain it in {EQUIVALENT.relative_to(ROOT)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
