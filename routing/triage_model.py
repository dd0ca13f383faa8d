"""The learned half of triage: a linear model trained on the project's labelled corpus.

Word lists catch what their authors thought of; people in crisis write in ways nobody listed
("gave my dog to my sister today", "tiene la boca morada"). This module reads a text as
character pieces (robust to typos, accents, Spanglish and speech-to-text), words and word pairs,
plus what the rules saw, and scores it with two sets of linear weights trained by
`scripts/triage-train` (see `triage_fit.py`): one for the team, one for danger right now.

The model ships as plain arrays and a vocabulary in `routing/model/` (no pickle): loaded once,
lazily, from package data, and scored with numpy, so `import routing.triage` stays light and a
text takes well under a millisecond. The same feature functions serve training and scoring.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from routing.triage_rules import CATEGORIES, RuleReading
from routing.triage_text import fold, read, squeeze

UNCLEAR = "unclear"  # the model's name for category None
CLASSES = (*CATEGORIES, UNCLEAR)
OUTPUTS = (*CLASSES, "urgent")  # the columns of the weights
META_FILE = "triage.json"
WEIGHTS_FILE = "triage_weights.npy"

# Words that are no evidence of danger on their own: pleas, greetings, waiting ("please hurry",
# "still here", "hola? sigo aqui"). A text whose other words number at most THIN_WORDS, with no
# danger word the rules know, carries too little for the model's usual danger threshold (set low
# to miss no one): it must clear `thin_threshold`; with no other word at all, the model alone
# never calls it urgent (the rules still can).
THIN_WORDS = 3
NO_EVIDENCE = frozenset(
    squeeze(word)
    for word in """please plea hurry quick quickly fast asap help hello hi hey ok okay yes yeah
    no still here there you are is am i me the a now right waiting wait thanks thank sorry
    someone anyone answer por favor porfa porfavor rapido apurense apurate ayuda ayudame
    ayudenme hola sigo aqui ahi alli gracias perdon si alguien ya ahora estas esta""".split()
)
_DANGER_SIGNALS = frozenset({
    "suicide act", "self-harm act", "suicidal thoughts", "plan", "means", "attempt",
    "overdosing", "body in danger", "violence now",
})

_WORD = re.compile(r"[a-z0-9]+")
_RUN = re.compile(r"(.)\1{2,}")
_SYMBOL = re.compile(r"[^\w\s.,;:'\"()\-?!¿¡]")


def char_words(text: str) -> list[str]:
    """The words of a text for character pieces: folded, runs of a letter cut to two."""
    return _WORD.findall(_RUN.sub(r"\1\1", fold(text)))


def char_grams_by_word(text: str, low: int = 2, high: int = 5) -> list[tuple[str, tuple[str, ...]]]:
    """(piece, (word,)) for every 2 to 5 letter piece of each word padded with spaces."""
    grams: list[tuple[str, tuple[str, ...]]] = []
    for word in char_words(text):
        padded = f" {word} "
        for size in range(low, min(high, len(padded)) + 1):
            grams.extend((padded[i : i + size], (word,)) for i in range(len(padded) - size + 1))
    return grams


def word_grams_by_word(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """(feature, its words) for each word and pair of words in a clause, as the rules read."""
    grams: list[tuple[str, tuple[str, ...]]] = []
    for clause in read(text).split("|"):
        tokens = clause.split()
        grams.extend((token, (token,)) for token in tokens)
        grams.extend((f"{a} {b}", (a, b)) for a, b in zip(tokens, tokens[1:], strict=False))
    grams.extend((mark, ()) for mark in "?!" if mark in text)
    if _SYMBOL.search(text):
        grams.append(("<symbol>", ()))
    return grams


def char_grams(text: str) -> list[str]:
    """The character pieces of a text, for the vectoriser."""
    return [gram for gram, _ in char_grams_by_word(text)]


def word_grams(text: str) -> list[str]:
    """The words and word pairs of a text, for the vectoriser."""
    return [gram for gram, _ in word_grams_by_word(text)]


def rule_features(rules: RuleReading) -> list[str]:
    """What the rules saw, as features: danger per team, topics named, the rules' choice."""
    features = [f"urgent {category}" for category in rules.urgent]
    features += [f"topic {category}" for category, weight in rules.weights.items() if weight]
    features.append(f"choice {rules.category or UNCLEAR}")
    features += [f"signal {signal}" for signal in rules.signals]
    return features + (["urgent"] if rules.urgent else [])


@dataclass(frozen=True)
class Block:
    """One group of features: its vocabulary and how its counts are weighted."""

    name: str  # "char", "word" or "rule"
    vocabulary: dict[str, int]  # feature -> column in the weights
    tfidf: bool  # sublinear tf times idf, then unit length; else plain 0/1


@dataclass(frozen=True)
class Model:
    """The trained weights: one column per class, then one for danger right now."""

    blocks: tuple[Block, ...]
    idf: np.ndarray  # per column; 1 for plain features
    weights: np.ndarray  # (features, len(CLASSES) + 1)
    intercepts: np.ndarray  # (len(CLASSES) + 1,)
    threshold: float  # danger probability at which the model alone calls a text urgent
    thin_threshold: float  # the same, for a text that carries little evidence (see `thin`)
    meta: dict[str, object]


@dataclass(frozen=True)
class Scores:
    """How the model reads one text."""

    category: dict[str, float]  # probability of each class in CLASSES
    urgent: float  # probability of danger right now
    pushes: np.ndarray  # (nonzero features, outputs): how much each feature pushed each output
    owners: list[list[str]]  # the words behind each nonzero feature

    def words(self, output: str) -> dict[str, float]:
        """How much each word pushed one output ("urgent" or a class), shared among owners."""
        column = self.pushes[:, OUTPUTS.index(output)].tolist()
        found: dict[str, float] = {}
        for push, names in zip(column, self.owners, strict=True):
            for name in names:
                found[name] = found.get(name, 0.0) + push / len(names)
        return found


def model_from(meta: dict[str, object], table: np.ndarray) -> Model:
    """A model from its metadata (vocabularies, intercepts) and its table (idf, weights)."""
    blocks = []
    offset = 0
    for block in meta["blocks"]:  # type: ignore[attr-defined]
        names: list[str] = block["features"]
        vocabulary = {name: offset + i for i, name in enumerate(names)}
        blocks.append(Block(name=block["name"], vocabulary=vocabulary, tfidf=block["tfidf"]))
        offset += len(names)
    return Model(
        blocks=tuple(blocks),
        idf=np.ascontiguousarray(table[:, 0]),
        weights=np.ascontiguousarray(table[:, 1:]),
        intercepts=np.asarray(meta["intercepts"], dtype=np.float64),
        threshold=float(meta["threshold"]),  # type: ignore[arg-type]
        thin_threshold=float(meta.get("thin_threshold", meta["threshold"])),  # type: ignore[arg-type]
        meta=meta,
    )


def evidence(text: str, rules: RuleReading) -> int | None:
    """How many words of a text could speak of danger (None: the rules see a danger word)."""
    if rules.urgent or _DANGER_SIGNALS.intersection(rules.signals):
        return None
    return sum(word not in NO_EVIDENCE for word in read(text).replace("|", " ").split())


def thin(text: str, rules: RuleReading) -> bool:
    """Whether a text carries little evidence: a few words, none of them a danger word."""
    found = evidence(text, rules)
    return found is not None and found <= THIN_WORDS


def danger_bar(model: Model, text: str, rules: RuleReading) -> float:
    """The danger probability at which the model alone calls this text urgent."""
    found = evidence(text, rules)
    if found is None or found > THIN_WORDS:
        return model.threshold
    return model.thin_threshold if found else math.inf


@lru_cache(maxsize=1)
def load() -> Model:
    """The shipped model, read once from `routing/model/`."""
    folder = resources.files("routing") / "model"
    meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
    with (folder / WEIGHTS_FILE).open("rb") as stream:
        table = np.load(stream, allow_pickle=False)
    return model_from(meta, table)


def _analyse(block: Block, text: str, rules: RuleReading) -> list[tuple[str, tuple[str, ...]]]:
    if block.name == "char":
        return char_grams_by_word(text)
    if block.name == "word":
        return word_grams_by_word(text)
    return [(feature, ()) for feature in rule_features(rules)]


def _columns(
    model: Model, text: str, rules: RuleReading
) -> tuple[list[int], list[float], list[list[str]]]:
    """The text's nonzero columns, their values, and the words behind each."""
    columns: list[int] = []
    values: list[float] = []
    owners: list[list[str]] = []
    for block in model.blocks:
        counts: dict[int, int] = {}
        words: dict[int, list[str]] = {}
        for gram, grams_words in _analyse(block, text, rules):
            column = block.vocabulary.get(gram)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
                words.setdefault(column, []).extend(grams_words)
        if block.tfidf:
            weighted = {c: (1.0 + math.log(n)) * float(model.idf[c]) for c, n in counts.items()}
            norm = math.sqrt(sum(v * v for v in weighted.values())) or 1.0
        else:
            weighted, norm = {c: 1.0 for c in counts}, 1.0
        for column, value in weighted.items():
            columns.append(column)
            values.append(value / norm)
            owners.append(words[column])
    return columns, values, owners


def _sigmoid(logit: float) -> float:
    """1 / (1 + e^-x), without overflow for large negative x."""
    if logit >= 0:
        return 1.0 / (1.0 + math.exp(-logit))
    return math.exp(logit) / (1.0 + math.exp(logit))


def score(model: Model, text: str, rules: RuleReading) -> Scores:
    """The model's probabilities for a text, and what pushed them."""
    columns, values, owners = _columns(model, text, rules)
    pushes = np.asarray(values)[:, None] * model.weights[columns]
    logits = model.intercepts + pushes.sum(axis=0)
    classes = logits[: len(CLASSES)]
    exp = np.exp(classes - classes.max())
    probabilities = (exp / exp.sum()).tolist()
    return Scores(
        category=dict(zip(CLASSES, probabilities, strict=True)),
        urgent=_sigmoid(float(logits[len(CLASSES)])),
        pushes=pushes,
        owners=owners,
    )
