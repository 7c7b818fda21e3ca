"""Rank targets for a source profile (tech transfer: companies <-> research; investors <- start-ups)."""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse

from matchmaker.matching import scoring
from matchmaker.matching.bulk import gc_paused
from matchmaker.matching.documents import COMPANY, INVESTOR, RESEARCH, ProfileDoc
from matchmaker.matching.index import FieldWeights, ProfileIndex
from matchmaker.matching.network import Network

TARGET_SIDE = {("tech-transfer", COMPANY): RESEARCH, ("tech-transfer", RESEARCH): COMPANY,
               ("investor", COMPANY): INVESTOR, ("investor", INVESTOR): COMPANY}
BATCH_MARGIN = 15  # candidates beyond `top` kept per source, for partners and hard filters to rule out
SIGNAL_WINDOW = 200  # with structured signals (declared tags, TRL, proximity), the candidates they may reorder
CHUNK = 256  # sources per dense product


@dataclass(slots=True)
class Match:
    """A suggested partner with the parts of its score."""

    target: str
    score: float
    forward: float
    backward: float
    track: float = 0.0
    signals: dict[str, float] = field(default_factory=dict)
    shared: float = 0.0


@dataclass
class _Side:
    rows: np.ndarray
    offers: sparse.csr_matrix
    seeks: sparse.csr_matrix
    tracks: sparse.csr_matrix
    partners: sparse.csr_matrix


class Matcher:
    """fit(docs, projects) indexes the profiles; rank(source), rank_many() and rank_all() return suggestions."""

    def __init__(self, weights: scoring.ScoreWeights = scoring.ScoreWeights(),
                 field_weights: FieldWeights = FieldWeights(), bigrams: bool = True):
        self.weights = weights
        self.field_weights = field_weights
        self.bigrams = bigrams

    def fit(self, docs: list[ProfileDoc], projects: dict[str, str] | None = None) -> Matcher:
        """Index `docs`; `projects` (id -> title and abstract) are the funded projects their track record counts."""
        self.docs_ = {doc.id: doc for doc in docs}
        if len(self.docs_) != len(docs):
            raise ValueError("profile ids must be unique")
        self.index_ = ProfileIndex(self.field_weights, bigrams=self.bigrams).fit(docs)
        self.network_ = Network(self.index_, projects or {}).build(docs)
        self._sides: dict[str, _Side] = {}
        self._id_order: tuple[np.ndarray, np.ndarray] | None = None
        self._directions: np.ndarray | None = None
        return self

    def update(self, docs: list[ProfileDoc]) -> None:
        """Add or replace profiles without refitting the vocabulary (cheap: one edit at a time)."""
        changed = [d for d in docs if d.id not in self.docs_ or (self.docs_[d.id].partners, self.docs_[d.id].projects,
                   self.docs_[d.id].activity) != (d.partners, d.projects, d.activity)]
        for doc in docs:
            self.docs_[doc.id] = doc
        self.index_.replace(docs)
        if changed or self.network_.size() != len(self.index_.ids_):
            self.network_.build([self.docs_[i] for i in self.index_.ids_])
        self._sides.clear()
        self._id_order = None
        self._directions = None

    def directions(self) -> np.ndarray:
        """Each indexed profile's forward-direction weight as a source (scoring.direction), in index order;
        cached until the next update."""
        if getattr(self, "_directions", None) is None:  # (engines pickled before this cache have none)
            self._directions = np.array([scoring.direction(self.weights, self.docs_[i]) for i in self.index_.ids_],
                                        dtype=np.float64)
        return self._directions

    def standing(self) -> np.ndarray:
        """What each profile's overall activity adds to its track record, in track units (the score weighs the
        track record by prior): standing (investor_standing for investors) / prior × network.standing_."""
        w, net = self.weights, self.network_
        if not w.prior:
            return np.zeros_like(net.standing_)
        return np.where(net.investor_, w.investor_standing, w.standing).astype(np.float32) / w.prior * net.standing_

    def side(self, side: str) -> _Side:
        """One side's row positions and matrices (cached until the next update)."""
        if side not in self._sides:
            rows = np.array([self.index_.position_[d.id] for d in self.docs_.values() if d.side == side],
                            dtype=np.int64)
            self._sides[side] = _Side(rows, self.index_.offer_[rows], self.index_.seek_[rows],
                                      self.network_.track_[rows], self.network_.discounted_[rows])
        return self._sides[side]

    def id_order(self) -> tuple[np.ndarray, np.ndarray]:
        """Every indexed id (in index order, as an object array) and each row's place in id order (ties go by
        id); cached until the next update."""
        if getattr(self, "_id_order", None) is None:  # (engines pickled before this cache have none)
            every_id = np.array(self.index_.ids_, dtype=object)
            order = np.empty(every_id.size, dtype=np.int64)
            order[np.argsort(every_id.astype(str), kind="stable")] = np.arange(every_id.size)
            self._id_order = every_id, order
        return self._id_order

    def components(self, side: str, sources: list[int]) -> tuple[np.ndarray, ...]:
        """forward, backward, similar track record and shared partners (discounted) of every `side` target
        (rows) with each source position (columns), as dense arrays."""
        s, index, net = self.side(side), self.index_, self.network_
        seek = index.seek_[sources].T.tocsc()
        forward = (s.offers @ seek).toarray()
        backward = (s.seeks @ index.offer_[sources].T.tocsc()).toarray()
        track = (s.tracks @ seek).toarray() if net.track_.nnz else np.zeros_like(forward)
        track += self.standing()[s.rows][:, None]
        shared = (s.partners @ net.partners_[sources].T.tocsc()).toarray() if net.partners_.nnz \
            else np.zeros_like(forward)
        return forward, backward, track, shared

    def as_target(self, side: str, target_id: str) -> tuple[np.ndarray, ...]:
        """forward, backward, similar track record and shared partners of `target_id` as a candidate for every
        source on `side` (in side().rows order): what an edit of the target changes in their lists."""
        s, index, net = self.side(side), self.index_, self.network_
        j = index.position_[target_id]
        forward = (s.seeks @ index.offer_[j].T).toarray().ravel()
        backward = (s.offers @ index.seek_[j].T).toarray().ravel()
        track = (s.seeks @ net.track_[j].T).toarray().ravel() + self.standing()[j]
        shared = (net.partners_[s.rows] @ net.discounted_[j].T).toarray().ravel()
        return forward, backward, track, shared

    def eligible(self, kind: str, source: ProfileDoc, target: ProfileDoc) -> bool:
        """Hard rules: the right side, not itself, not already a partner, investor filters."""
        if target.id == source.id or target.id in source.partners or source.id in target.partners:
            return False
        if TARGET_SIDE.get((kind, source.side)) != target.side:
            return False
        if kind == "investor":
            startup, investor = (source, target) if source.side == COMPANY else (target, source)
            return passes_investor_filters(startup, investor)
        return True

    def score_pair(self, source: ProfileDoc, target: ProfileDoc) -> Match:
        """Every part of one pair's score."""
        i, j = self.index_.position_[source.id], self.index_.position_[target.id]
        forward = float(self.index_.seek_[i].multiply(self.index_.offer_[j]).sum())
        backward = float(self.index_.seek_[j].multiply(self.index_.offer_[i]).sum())
        track = float(self.network_.track_[j].multiply(self.index_.seek_[i]).sum()) + float(self.standing()[j])
        shared = float(self.network_.discounted_[j].multiply(self.network_.partners_[i]).sum())
        signals = scoring.structured(source, target)
        return Match(target.id, scoring.combine(self.weights, forward, backward, track, shared, signals,
                                                scoring.direction(self.weights, source)),
                     forward, backward, track, signals, shared)

    def rank(self, source_id: str, kind: str = "tech-transfer", top: int = 20) -> list[Match]:
        """The best `top` targets for one source."""
        return self.rank_many([source_id], kind, top)[source_id]

    def rank_many(self, source_ids: list[str], kind: str = "tech-transfer", top: int = 20) -> dict[str, list[Match]]:
        """The best `top` targets for each of several sources: dense products of one target side against the
        sources' columns, chunk by chunk, then each source's candidates in score order."""
        result: dict[str, list[Match]] = {}
        by_side: dict[str, list[str]] = {}
        for source_id in source_ids:
            side = TARGET_SIDE.get((kind, self.docs_[source_id].side))
            if side is None or self.side(side).rows.size == 0:
                result[source_id] = []
            else:
                by_side.setdefault(side, []).append(source_id)
        for side, group in by_side.items():
            for start in range(0, len(group), CHUNK):
                chunk = group[start:start + CHUNK]
                parts = self.components(side, [self.index_.position_[s] for s in chunk])
                for column, source_id in enumerate(chunk):
                    result[source_id] = self._best(self.docs_[source_id], self.side(side).rows,
                                                   *(p[:, column] for p in parts), kind, top)
        return result

    def _best(self, source: ProfileDoc, targets: np.ndarray, forward: np.ndarray, backward: np.ndarray,
              track: np.ndarray, shared: np.ndarray, kind: str, top: int) -> list[Match]:
        """The best `top` of one source's targets: the leading `top + BATCH_MARGIN` eligible candidates by
        text, track record and network (`top + SIGNAL_WINDOW` when the source has structured signals, which
        can lift a candidate from further down), with their structured signals added."""
        forward, backward, track, shared = (np.asarray(a, dtype=np.float64) for a in (forward, backward, track, shared))
        direction = scoring.direction(self.weights, source)
        quick = scoring.quick(self.weights, forward, backward, track, shared, direction)  # as combine() computes it
        order = np.argsort(-quick, kind="stable")
        compare = scoring.has_signals(source)
        wanted = top + (SIGNAL_WINDOW if compare else BATCH_MARGIN)
        ids = self.index_.ids_
        matches = []
        if not compare:  # no structured signals: the score is the rounded quick score
            for position in order.tolist():
                value = float(quick[position])
                if value <= 0:
                    break
                target = self.docs_[ids[targets[position]]]
                if self.eligible(kind, source, target):
                    matches.append(Match(target.id, round(value, 6), float(forward[position]),
                                         float(backward[position]), float(track[position]), scoring.NO_SIGNALS,
                                         float(shared[position])))
                    if len(matches) == wanted:
                        break
            matches.sort(key=lambda m: (-m.score, m.target))
            return matches[:top]
        for position in order.tolist():
            if quick[position] <= 0 and not compare:
                break  # nothing at all in common with this target or any after it: not suggestions
            target = self.docs_[ids[targets[position]]]
            if not self.eligible(kind, source, target):
                continue
            signals = scoring.structured(source, target)
            if quick[position] <= 0 and not any(signals.values()):
                continue
            values = (float(forward[position]), float(backward[position]), float(track[position]),
                      float(shared[position]))
            matches.append(Match(target.id, scoring.combine(self.weights, *values, signals, direction), values[0],
                                 values[1], values[2], signals, values[3]))
            if len(matches) == wanted:
                break
        matches.sort(key=lambda m: (-m.score, m.target))
        return matches[:top]

    def rank_all(self, kind: str = "tech-transfer", sources: str = COMPANY, top: int = 20,
                 progress: Callable[[Iterable], Iterable] | None = None, threads: int = 2) -> dict[str, list[Match]]:
        """Top `top` for every profile on the `sources` side, exactly as rank_many() would rank it.

        The score before the overlaps is linear in the source's vectors, so one sparse top-k product
        (sparse_dot_topn) of [d·seek | (1−d)·offer | prior·seek | network·partners] by
        [offer | seek | track | discounted partners] finds every source's leading candidates (never an N×N dense
        matrix); each pair's parts are then computed exactly.
        """
        source_ids = [self.index_.ids_[r] for r in self.side(sources).rows.tolist()]
        target_side = TARGET_SIDE[(kind, sources)]
        if not source_ids or self.side(target_side).rows.size == 0:
            return {}
        from matchmaker.matching import batch  # batch builds on this module's Match and margins

        with gc_paused():
            return batch.rank_all(self, kind, sources, target_side, top, progress, threads)


# "What we seek" words that ask for money, in English and Italian (accents folded by lower-casing is enough here).
ASKS_FOR_INVESTMENT = re.compile(r"\b(invest|funding|fundrais|financing|venture|seed round|series [abc]\b|"
                                 r"finanziament|investitor|raccolta di capitali|round di)", re.IGNORECASE)


def seeks_investment(startup: ProfileDoc) -> bool:
    """Whether a company says it seeks investment: a funding stage, an amount sought, "investment" among the
    collaborations it wants, or "What we seek" asking for investors or funding (an imported SME that says none of
    these is not looking for investors)."""
    return bool(startup.startup_stage or startup.amount_sought is not None or "investment" in startup.collaboration
                or ASKS_FOR_INVESTMENT.search(startup.seek))


def passes_investor_filters(startup: ProfileDoc, investor: ProfileDoc) -> bool:
    """An investor sees only start-ups and SMEs that seek investment, inside its stages, its sectors (declared
    or suggested from the company's text; a company with no sector known does not pass an investor that names
    its sectors) and its ticket range (an unknown stage or amount passes).

    Other companies (large ones) are never suggested to investors.
    """
    if startup.kind and startup.kind not in ("startup", "sme"):
        return False
    if not seeks_investment(startup):
        return False
    if investor.investor_stages and startup.startup_stage and startup.startup_stage not in investor.investor_stages:
        return False
    sectors = startup.sectors | startup.derived_sectors  # tags suggested from its text count too
    if investor.investor_sectors and not (investor.investor_sectors & sectors):
        return False
    amount = startup.amount_sought
    if amount is not None:
        if investor.ticket_max is not None and amount > investor.ticket_max * 4:
            return False  # far beyond what the fund writes, even in a syndicate
        if investor.ticket_min is not None and amount < investor.ticket_min:
            return False
    return True
