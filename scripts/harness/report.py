"""One PASS or FAIL line per acceptance check, and the run's exit status.

Every acceptance script reports the same way: a check returns the detail for its PASS line or
raises `Fail`; any other exception is that check's failure too, so one broken check never
hides the ones after it.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path


class Fail(Exception):
    """A check's expectation that the line did not meet."""


def national(number: str) -> str:
    """+15105550101 -> 5105550101 (a number 'without +1')."""
    return number[2:] if number.startswith("+1") else number.lstrip("+")


class Report:
    """The outcome of each check, printed as it comes; `timed` adds each check's seconds."""

    def __init__(self, timed: bool = False) -> None:
        self.timed = timed
        self.outcomes: list[bool] = []

    def check(self, title: str, run: Callable[[], str]) -> None:
        """Run one check and print its PASS or FAIL line."""
        started = time.monotonic()
        try:
            detail = run()
        except Fail as failure:
            self.outcomes.append(False)
            print(f"FAIL  {title}: {failure}", flush=True)
        except Exception as error:  # a crash in a check is that check's failure
            self.outcomes.append(False)
            where = traceback.format_exc(limit=-2).strip().splitlines()
            print(f"FAIL  {title}: {type(error).__name__}: {error} ({' / '.join(where[-3:])})",
                  flush=True)
        else:
            self.outcomes.append(True)
            took = f" [{time.monotonic() - started:.0f}s]" if self.timed else ""
            print(f"PASS  {title}{took}: {detail}", flush=True)

    def summary(self) -> int:
        """Print the tally; the exit status: 1 if any check failed."""
        passed, failed = self.outcomes.count(True), self.outcomes.count(False)
        print(f"{passed} passed, {failed} failed")
        return 1 if failed else 0


def log_hits(logdir: Path, needles: list[str]) -> tuple[int, int, list[str]]:
    """Files and lines read in the line's logs, and every line holding one of `needles`."""
    found, lines, files = [], 0, 0
    for path in sorted(logdir.glob("*.log")):
        if path.name == "twilio.log":  # the fake Twilio's own output, not the line's
            continue
        files += 1
        for at, text in enumerate(path.read_text(errors="replace").splitlines(), 1):
            lines += 1
            if any(needle in text for needle in needles):
                found.append(f"{path.name}:{at}: {text.strip()[:160]}")
    return files, lines, found


def run_main(main: Callable[[], int]) -> None:
    """Exit with main()'s status; on Ctrl-C or SIGTERM, say everything was stopped."""
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        print("interrupted; everything started was stopped", file=sys.stderr)
        sys.exit(130)
