"""Which corpus texts the triage model never trains on: the held-out split.

Kept in its own small module so that training (`scripts/triage-train`), evaluation
(`scripts/triage-eval`) and the tests agree on the split without importing scikit-learn. A
writer's text is held out when the SHA-256 of its folded, space-normalised words falls in the
first fifth of a hundred buckets, so the same text always lands on the same side, duplicates
included, and the split stays put as the corpus grows. The project's own hand-written cases
(`project.jsonl`, the tables of tests/routing/test_triage.py) are always trained on, and a
writer's text that repeats one of them ("hi", "help") is never held out, since training saw it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from routing.triage_text import fold

HELD_OUT_PERCENT = 20
PROJECT = "project"  # the writer name of the project's own cases, always trained on


def _normal(text: str) -> str:
    return " ".join(fold(text).split())


def split_key(text: str) -> int:
    """0..99 from the SHA-256 of the text's folded, space-normalised words."""
    digest = hashlib.sha256(_normal(text).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % 100


def held_out(rows: Sequence[tuple[str, str]]) -> list[bool]:
    """For each (text, writer) of a corpus: whether it is in the held-out split."""
    project = {_normal(text) for text, writer in rows if writer == PROJECT}
    return [
        writer != PROJECT and split_key(text) < HELD_OUT_PERCENT and _normal(text) not in project
        for text, writer in rows
    ]
