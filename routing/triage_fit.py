"""Training the triage model: labelled texts in, the arrays `triage_model` scores with out.

Kept apart from `triage_model.py` so that answering a text never imports scikit-learn; only
`scripts/triage-train` and the tests that check the shipped model use this module. Everything
here is a pure function of its arguments, with fixed seeds and sorted vocabularies, so the same
corpus always gives the same model, byte for byte.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.linear_model import LogisticRegression, RidgeClassifier
from threadpoolctl import threadpool_limits

from routing.triage_model import CLASSES, UNCLEAR, char_grams, rule_features, word_grams
from routing.triage_rules import read_rules
from routing.triage_split import PROJECT

# How many writers' texts one of the project's own cases counts as, for each model.
PROJECT_WEIGHT = {"category": 1.0, "urgent": 4.0}
# The team's scores are a ridge classifier's, times RIDGE_SHARE, plus a logistic regression's
# log-odds: one linear model in the end. The ridge decides; the regression mostly breaks its
# near ties (out of fold, any share from 8 to 64 does about equally well).
RIDGE_SHARE = 16.0
# Added to each feature's danger and calm totals before their ratio is taken: smaller lets a
# feature seen only with danger (or only without) weigh more. Out of fold, 0.5 gave fewer false
# alarms at the same recall than 1.
RATIO_SMOOTHING = 0.5


@dataclass(frozen=True)
class Example:
    """One labelled text of the corpus."""

    text: str
    category: str | None
    urgent: bool
    language: str
    writer: str = ""


@dataclass(frozen=True)
class Settings:
    """The choices a fit depends on; the training script picks them by cross-validation."""

    alpha_category: float = 0.5
    c_category: float = 1024.0
    c_urgent: float = 64.0
    min_df: int = 2
    threshold: float = 0.17
    thin_threshold: float = 0.5


def corpus_digest(examples: Sequence[Example]) -> str:
    """A fingerprint of the training texts and labels, to tell a stale model from a fresh one."""
    digest = hashlib.sha256()
    for example in examples:
        row = [example.text, example.category, example.urgent, example.language]
        digest.update(json.dumps(row, ensure_ascii=False).encode("utf-8") + b"\n")
    return digest.hexdigest()


def _vectorisers(min_df: int) -> list[tuple[str, CountVectorizer, bool]]:
    def tfidf(analyzer: object) -> TfidfVectorizer:
        return TfidfVectorizer(
            analyzer=analyzer, lowercase=False, min_df=min_df, sublinear_tf=True, norm="l2",
            smooth_idf=True, dtype=np.float64,
        )

    return [
        ("char", tfidf(char_grams), True),
        ("word", tfidf(word_grams), True),
        ("rule", CountVectorizer(analyzer=lambda x: x, lowercase=False, binary=True,
                                 dtype=np.float64), False),
    ]


@dataclass(frozen=True)
class Trained:
    """The fitted pieces, before they are flattened into arrays."""

    vectorisers: list[tuple[str, CountVectorizer, bool]]
    category_weights: np.ndarray  # (len(CLASSES), features)
    category_intercepts: np.ndarray  # (len(CLASSES),)
    urgent_model: LogisticRegression
    ratios: np.ndarray  # each feature's log-count ratio, danger against calm (urgent model only)

    def matrix(self, texts: Sequence[str]) -> sparse.csr_matrix:
        """The feature matrix of texts, as scikit-learn builds it."""
        ruled = [rule_features(read_rules(text)) for text in texts]
        return sparse.hstack(
            [v.transform(ruled if name == "rule" else texts) for name, v, _ in self.vectorisers],
            format="csr",
        )

    def probabilities(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Class scores as probabilities (a softmax, columns in CLASSES order, as
        `triage_model.score` gives them) and danger probabilities."""
        x = self.matrix(texts)
        with threadpool_limits(limits=1):
            logits = x @ self.category_weights.T + self.category_intercepts
            danger = self.urgent_model.predict_proba(x.multiply(self.ratios).tocsr())[:, 1]
        exp = np.exp(logits - logits.max(axis=1, keepdims=True))
        return exp / exp.sum(axis=1, keepdims=True), danger


def train(examples: Sequence[Example], settings: Settings) -> Trained:
    """Fit the vectorisers and both regressions on examples."""
    texts = [example.text for example in examples]
    ruled = [rule_features(read_rules(text)) for text in texts]
    vectorisers = _vectorisers(settings.min_df)
    x = sparse.hstack(
        [v.fit_transform(ruled if name == "rule" else texts) for name, v, _ in vectorisers],
        format="csr",
    )
    labels = np.array([CLASSES.index(e.category or UNCLEAR) for e in examples])
    urgent = np.array([int(e.urgent) for e in examples])
    # The project's own cases are the line's promises in miniature ("past danger is not
    # danger now"): for danger each counts as several texts, so the model keeps them (the team
    # does better out of fold counting each as one, and the tables still pass).
    project = np.array([e.writer == PROJECT for e in examples])
    weights = {name: np.where(project, weight, 1.0) for name, weight in PROJECT_WEIGHT.items()}
    # One thread: the same arithmetic, so the same bits, run after run (another CPU or BLAS can
    # round differently); and many times faster than threads fighting over a busy machine on a
    # problem this small.
    with threadpool_limits(limits=1):
        ridge = RidgeClassifier(
            alpha=settings.alpha_category, solver="sparse_cg", tol=1e-8
        ).fit(x, labels, sample_weight=weights["category"])
        logistic = LogisticRegression(C=settings.c_category, max_iter=5000, tol=1e-6).fit(
            x, labels, sample_weight=weights["category"]
        )
        ratios = log_count_ratios(x, urgent)
        urgent_model = LogisticRegression(
            C=settings.c_urgent, class_weight="balanced", max_iter=5000, tol=1e-6
        ).fit(x.multiply(ratios).tocsr(), urgent, sample_weight=weights["urgent"])
    return Trained(
        vectorisers,
        RIDGE_SHARE * ridge.coef_ + logistic.coef_,
        RIDGE_SHARE * ridge.intercept_ + logistic.intercept_,
        urgent_model,
        ratios,
    )


def log_count_ratios(x: sparse.csr_matrix, urgent: np.ndarray) -> np.ndarray:
    """How much more often each feature comes with danger than without (smoothed, as a log).

    The danger regression reads every feature scaled by this ratio (as in NB-SVM): a word
    that comes mostly with danger starts out weighted, one seen alike in both starts near zero,
    so a few calm texts that share a frightening word teach the model less than they would."""
    danger = np.asarray(x[urgent == 1].sum(axis=0)).ravel() + RATIO_SMOOTHING
    calm = np.asarray(x[urgent == 0].sum(axis=0)).ravel() + RATIO_SMOOTHING
    return np.log((danger / danger.sum()) / (calm / calm.sum()))


def export(
    trained: Trained, examples: Sequence[Example], settings: Settings
) -> tuple[dict[str, object], np.ndarray]:
    """The model's metadata and its table: idf, then one weight column per output."""
    blocks = []
    idf_parts = []
    for name, vectoriser, tfidf in trained.vectorisers:
        features = [str(f) for f in vectoriser.get_feature_names_out()]
        blocks.append({"name": name, "tfidf": tfidf, "features": features})
        idf_parts.append(vectoriser.idf_ if tfidf else np.ones(len(features)))
    urgent = trained.urgent_model
    # The danger weights take in the ratios, so scoring stays one dot product per output.
    table = np.column_stack([np.concatenate(idf_parts), trained.category_weights.T,
                             (urgent.coef_ * trained.ratios).T])
    meta: dict[str, object] = {
        "format": 1,
        "classes": list(CLASSES),
        "intercepts": [float(v) for v in (*trained.category_intercepts, *urgent.intercept_)],
        "threshold": settings.threshold,
        "thin_threshold": settings.thin_threshold,
        "settings": {
            "alpha_category": settings.alpha_category, "c_category": settings.c_category,
            "c_urgent": settings.c_urgent, "min_df": settings.min_df,
        },
        "corpus_sha256": corpus_digest(examples),
        "texts": len(examples),
        "blocks": blocks,
    }
    return meta, np.ascontiguousarray(table, dtype=np.float64)


def serialise(meta: dict[str, object], table: np.ndarray) -> tuple[bytes, bytes]:
    """The two model files' bytes: JSON metadata and the .npy table."""
    text = json.dumps(meta, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    stream = io.BytesIO()
    np.save(stream, table, allow_pickle=False)
    return (text + "\n").encode("utf-8"), stream.getvalue()
