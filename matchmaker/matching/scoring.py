"""One documented scoring function: text similarity in both directions blended with structured signals."""
from __future__ import annotations

import math
from dataclasses import dataclass

from matchmaker.matching.documents import ProfileDoc


@dataclass(frozen=True)
class ScoreWeights:
    """score = text × (forward·direction + backward·(1 − direction)) + prior × track record + overlaps.

    `forward` is the source's seek text against the target's offer; `backward` the target's seek against the
    source's offer. The defaults were fitted on CORDIS future-dev (see README, "Matching").
    """

    text: float = 1.0
    direction: float = 0.6
    prior: float = 0.2
    sectors: float = 0.05
    areas: float = 0.05
    trl: float = 0.03
    collaboration: float = 0.02


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the other (0 when either is empty)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def trl_fit(source: ProfileDoc, target: ProfileDoc) -> float:
    """1 when both TRLs are within 2 levels, falling to 0 at 6 levels apart; 0 when either is unknown."""
    if source.trl is None or target.trl is None:
        return 0.0
    return max(0.0, 1.0 - max(0, abs(source.trl - target.trl) - 2) / 4)


def prior(activity: int, max_activity: int) -> float:
    """Track record on a log scale, 0..1."""
    return math.log1p(activity) / math.log1p(max_activity) if max_activity > 0 else 0.0


NO_SIGNALS = {"sectors": 0.0, "areas": 0.0, "trl": 0.0, "collaboration": 0.0}


def has_signals(source: ProfileDoc) -> bool:
    """Whether the source carries anything to compare (most imported profiles do not)."""
    return bool(source.sectors or source.areas or source.trl is not None or source.collaboration)


def structured(source: ProfileDoc, target: ProfileDoc) -> dict[str, float]:
    """The structured signals of a pair, each in 0..1."""
    if not has_signals(source):
        return dict(NO_SIGNALS)  # nothing to compare: skip the set operations
    return {"sectors": overlap(source.sectors, target.sectors), "areas": overlap(source.areas, target.areas),
            "trl": trl_fit(source, target), "collaboration": overlap(source.collaboration, target.collaboration)}


def overlap_score(weights: ScoreWeights, signals: dict[str, float]) -> float:
    """What the structured signals add to a pair's score."""
    return (weights.sectors * signals["sectors"] + weights.areas * signals["areas"] + weights.trl * signals["trl"]
            + weights.collaboration * signals["collaboration"])


def combine(weights: ScoreWeights, forward: float, backward: float, track: float, signals: dict[str, float]) -> float:
    """The final score of a pair."""
    text = forward * weights.direction + backward * (1 - weights.direction)
    return weights.text * text + weights.prior * track + overlap_score(weights, signals)
