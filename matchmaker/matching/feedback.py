"""Feedback re-ranking (pure): a Rocchio update of an organisation's query from the partners it answered.

The engine scores a candidate d for a query q roughly as q·d (plus structured signals). Rocchio moves the query
towards the centroid of the partners marked interested and away from the centroid of the declined ones:

    q' = q + beta * mean(interested) - gamma * mean(declined)

so every candidate's score changes by beta * mean(interested)·d - gamma * mean(declined)·d; candidates close
(cosine >= `near`) to a partner declined as `not_relevant` lose a further penalty that grows with the
closeness. Vectors are L2-normalised rows (the engine's offer-side TF-IDF), so dot products are cosines.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

INTERESTED, DECLINED = "interested", "declined"
NOT_RELEVANT = "not_relevant"


@dataclass(frozen=True)
class FeedbackWeights:
    """beta pulls towards interested partners, gamma pushes from declined ones, penalty applies near
    `not_relevant` declines (cosine at least `near`)."""

    # Chosen on CORDIS future-dev with `flask matching evaluate-feedback` (a small grid; see the README).
    beta: float = 0.25
    gamma: float = 0.05
    penalty: float = 0.5
    near: float = 0.5


@dataclass(frozen=True)
class Answer:
    """One answer about a partner: its row in the vectors, interested or declined, and the decline reason."""

    row: int
    state: str
    reason: str | None = None


def _centroid(vectors: sparse.csr_matrix, rows: list[int]) -> np.ndarray | None:
    if not rows:
        return None
    return np.asarray(vectors[rows].mean(axis=0)).ravel()


def adjustments(candidates: sparse.csr_matrix, answered: sparse.csr_matrix, answers: Sequence[Answer],
                weights: FeedbackWeights = FeedbackWeights()) -> np.ndarray:
    """What the answers add to each candidate's score (one value per row of `candidates`).

    `answered` holds the answered partners' vectors; `answers[i].row` indexes its rows.
    """
    delta = np.zeros(candidates.shape[0])
    if not answers or candidates.shape[0] == 0:
        return delta
    liked = _centroid(answered, [a.row for a in answers if a.state == INTERESTED])
    disliked = _centroid(answered, [a.row for a in answers if a.state == DECLINED])
    if liked is not None:
        delta += weights.beta * (candidates @ liked)
    if disliked is not None:
        delta -= weights.gamma * (candidates @ disliked)
    irrelevant = [a.row for a in answers if a.state == DECLINED and a.reason == NOT_RELEVANT]
    if irrelevant and weights.near < 1:
        closeness = (candidates @ answered[irrelevant].T)
        closeness = closeness.toarray() if sparse.issparse(closeness) else np.asarray(closeness)
        worst = closeness.max(axis=1)
        delta -= weights.penalty * np.clip((worst - weights.near) / (1 - weights.near), 0, None)
    return delta


def rerank(ids: Sequence[str], scores: Sequence[float], candidates: sparse.csr_matrix, answered: sparse.csr_matrix,
           answers: Sequence[Answer], weights: FeedbackWeights = FeedbackWeights()) -> list[tuple[str, float]]:
    """(id, adjusted score) of every candidate, best first; ties keep the given order."""
    adjusted = np.asarray(scores, dtype=float) + adjustments(candidates, answered, answers, weights)
    order = sorted(range(len(ids)), key=lambda i: -adjusted[i])
    return [(ids[i], float(adjusted[i])) for i in order]
