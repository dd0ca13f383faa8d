"""`scripts/bench --triage`: how long `hotline triage` takes for 1,000 texts, start-up included.

The texts are the project's own labelled corpus (data/triage/corpus/), read one a line on
standard input, as a coordinator's script would pipe them. Nothing else needs to run.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COUNT = 1000


def texts(count: int = COUNT) -> list[str]:
    """`count` texts from the corpus, in a fixed order, each on one line."""
    found = []
    for path in sorted((ROOT / "data" / "triage" / "corpus").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                found.append(" ".join(json.loads(line)["text"].split()))
    if not found:
        raise SystemExit("no texts in data/triage/corpus/")
    return [found[i % len(found)] for i in range(count)]


def main() -> int:
    """Run `hotline triage` once over the texts; print the time it took and the verdict."""
    hotline = Path(sys.executable).with_name("hotline")
    batch = "\n".join(texts()) + "\n"
    started = time.perf_counter()
    done = subprocess.run([str(hotline), "triage"], input=batch, capture_output=True,
                          text=True, check=False)
    took = time.perf_counter() - started
    if done.returncode != 0:
        sys.stderr.write(done.stderr)
        return 1
    answers = [json.loads(line) for line in done.stdout.splitlines()]
    urgent = sum(answer["urgent"] for answer in answers)
    print(f"hotline triage: {len(answers)} texts in {took:.2f} s, start-up included "
          f"({took / len(answers) * 1000:.2f} ms a text); {urgent} read as urgent")
    verdict = "within" if took < 10 and len(answers) == COUNT else "NOT within"
    print(f"{verdict} the 10 s the line allows for 1,000 texts")
    return 0 if verdict == "within" else 1
