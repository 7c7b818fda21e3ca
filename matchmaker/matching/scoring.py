"""The one scoring formula: text in both directions, the partner's track record on similar work, shared past
partners, and the structured signals (sectors, areas, TRL, collaboration types, proximity)."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from matchmaker.matching.documents import COMPANY, INVESTOR, ProfileDoc


HUB_EXPONENT = 0.25
TRACK_EXPONENT = 0.5  # a partner's similar-work track record is divided by (its projects)^this


@dataclass(frozen=True)
class ScoreWeights:
    """score = text × (forward·direction + backward·(1 − direction)) + prior × track + network × shared + overlaps.

    `forward` is the source's seek text against the target's offer; `backward` the target's seek against the
    source's offer; `track` = similar_track + (standing / prior) × activity_prior: `similar_track` sums, over
    the target's funded projects, each project's cosine with the source's seek, divided by (number of projects)
    ** TRACK_EXPONENT (a track record counted on work like the source's; the square root keeps a big generalist
    from winning on volume), and `activity_prior` = ln(1 + activity) / ln(1 + the largest activity), a small
    overall standing (investors' deal counts weigh `investor_standing`); `shared` the past partners they have in
    common, divided by the target's number of partners to the power HUB_EXPONENT (a hub shares partners with
    everyone). Every term is linear in the source's vectors, so a rebuild is one sparse product. Chosen on CORDIS
    future-dev: prior 0.25, network 0.03, standing 0.03 and TRACK_EXPONENT 0.5 (from 0/0.1/0.15/0.25/0.5);
    investor_standing 0.6 on the YC data (from 0.1 to 0.8); the overlap weights are set by hand.

    A source whose members wrote what it seeks weighs its forward direction `own_direction` instead of
    `direction` (see direction()): its own words count more than what its imported abstracts offer (set by hand;
    CORDIS profiles have no seek text, so the evaluation cannot measure it).
    """

    text: float = 1.0
    direction: float = 0.6
    own_direction: float = 0.8
    prior: float = 0.25
    network: float = 0.03
    standing: float = 0.03
    investor_standing: float = 0.6
    sectors: float = 0.05
    areas: float = 0.05
    trl: float = 0.03
    collaboration: float = 0.02
    region: float = 0.04
    country: float = 0.02
    ticket: float = 0.3  # a round within an investor's tickets adds this, one beyond them takes it off (by hand)


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the other (0 when either is empty)."""
    return len(a & b) / min(len(a), len(b)) if a and b else 0.0


def trl_fit(source: ProfileDoc, target: ProfileDoc) -> float:
    """1 when both TRLs are within 2 levels, falling to 0 at 6 levels apart; 0 when either is unknown."""
    if source.trl is None or target.trl is None:
        return 0.0
    return max(0.0, 1.0 - max(0, abs(source.trl - target.trl) - 2) / 4)


NO_SIGNALS = {"sectors": 0.0, "areas": 0.0, "trl": 0.0, "collaboration": 0.0, "region": 0.0, "country": 0.0,
              "ticket": 0.0}


def has_signals(source: ProfileDoc) -> bool:
    """Whether the source carries anything to compare (most imported profiles do not)."""
    return bool(source.sectors or source.areas or source.trl is not None or source.collaboration
                or source.proximity != "anywhere" or source.amount_sought is not None
                or source.ticket_min is not None or source.ticket_max is not None)


def proximity(source: ProfileDoc, target: ProfileDoc) -> tuple[float, float]:
    """(same region, same country) as the source's preference weighs them: region first counts both, country
    first counts the country only, anywhere counts neither (EU partners stay eligible in every case)."""
    same_country = bool(source.country and source.country == target.country)
    same_region = same_country and bool(source.region and source.region == target.region)
    if source.proximity == "region":
        return float(same_region), float(same_country)
    if source.proximity == "country":
        return 0.0, float(same_country)
    return 0.0, 0.0


def ticket_fit(source: ProfileDoc, target: ProfileDoc) -> float:
    """Between a company and an investor whose round and tickets are both known: 1 when the round is within the
    tickets, -1 when it is not (beyond them, a syndicate is needed); 0 otherwise (either way round)."""
    if {source.side, target.side} != {INVESTOR, COMPANY}:
        return 0.0
    startup, investor = (source, target) if source.side == COMPANY else (target, source)
    amount, low, high = startup.amount_sought, investor.ticket_min, investor.ticket_max
    if amount is None or low is None or high is None:
        return 0.0
    return 1.0 if low <= amount <= high else -1.0


def structured(source: ProfileDoc, target: ProfileDoc) -> dict[str, float]:
    """The structured signals of a pair, each in 0..1 (the ticket fit in -1..1)."""
    if not has_signals(source):
        return dict(NO_SIGNALS)  # nothing to compare: skip the set operations
    region, country = proximity(source, target)
    return {"sectors": overlap(source.sectors, target.sectors), "areas": overlap(source.areas, target.areas),
            "trl": trl_fit(source, target), "collaboration": overlap(source.collaboration, target.collaboration),
            "region": region, "country": country, "ticket": ticket_fit(source, target)}


def overlap_score(weights: ScoreWeights, signals: dict[str, float]) -> float:
    """What the structured signals add to a pair's score."""
    return sum(getattr(weights, name) * signals.get(name, 0.0) for name in NO_SIGNALS)


def direction(weights: ScoreWeights, source: ProfileDoc) -> float:
    """The weight of the forward direction (the source's seek × the target's offer) in the source's list:
    `own_direction` when the source has its own "What we seek" text, `direction` otherwise (an imported profile's
    abstracts stand in for its seek, and its offer is the same words: both directions count alike)."""
    return weights.own_direction if source.seek.strip() else weights.direction


def quick(weights: ScoreWeights, forward, backward, track, shared, direction=None):
    """The text, track-record and network part of the score (scalars or numpy arrays alike); `direction` is
    the source's (see direction(); a scalar or one value per pair), weights.direction when omitted."""
    d = weights.direction if direction is None else direction
    return weights.text * (forward * d + backward * (1 - d)) + weights.prior * track + weights.network * shared


def combine(weights: ScoreWeights, forward: float, backward: float, track: float, shared: float,
            signals: dict[str, float], direction: float | None = None) -> float:
    """The final score of a pair, rounded to 6 decimals so that every path that computes it ranks alike."""
    return round(float(quick(weights, forward, backward, track, shared, direction))
                 + overlap_score(weights, signals), 6)


def rounded(values: np.ndarray) -> np.ndarray:
    """round(x, 6) of every value exactly as Python computes it (the nearest double to the correctly rounded
    decimal), vectorised: rint(x·10⁶) is that decimal's numerator unless x·10⁶ lies within rounding error of a
    half, and the division of two exact integers by IEEE rules is correctly rounded; those rare values, and any
    too large for the shortcut, are rounded by Python itself."""
    values = np.asarray(values, dtype=np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        scaled = values * 1e6
        result = np.rint(scaled) / 1e6
        doubtful = ~(np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5) > 1e-6) | ~(np.abs(values) < 1e6)
    for i in np.flatnonzero(doubtful).tolist():
        result[i] = round(float(values[i]), 6)
    return result


def parts(weights: ScoreWeights, forward: float, backward: float, track: float, shared: float,
          signals: dict[str, float], direction: float | None = None) -> dict[str, float]:
    """What each driver adds to the score (the largest one is named to the user)."""
    d = weights.direction if direction is None else direction
    return {"seek": weights.text * d * forward, "offer": weights.text * (1 - d) * backward,
            "track": weights.prior * track, "network": weights.network * shared,
            **{name: getattr(weights, name) * value for name, value in signals.items()}}


STRONG, GOOD = 0.30, 0.15  # score thresholds for the words shown to people
CONFIRMATIONS = ("stage", "ticket", "sector", "area", "similar_track")  # evidence beyond the text, one each


def strength(score: float, confirmations: int = 0, ticket_short: bool = False) -> str:
    """strong / good / possible, on the whole evidence: the score's level (strong ≥ STRONG: 3 points, good ≥ GOOD:
    2 points) plus one point for each independent confirmation beyond the text (the start-up's stage and round
    within the investor's, a shared sector, a shared therapeutic area, a track record of two or more funded
    projects on similar work);
    strong from 3 points, good from 2. So a start-up at the investor's stage, within its tickets and in its
    sectors is a strong match even when the two texts share few words, and a text-only score reads as before.
    A round beyond the investor's tickets (`ticket_short`: a syndicate is needed) is at most a good match."""
    points = (3 if score >= STRONG else 2 if score >= GOOD else 0) + confirmations
    level = "strong" if points >= 3 else "good" if points >= 2 else "possible"
    return "good" if ticket_short and level == "strong" else level
