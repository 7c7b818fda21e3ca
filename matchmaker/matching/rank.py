"""Rank targets for a source profile (tech transfer: companies <-> research; investors <- start-ups)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np
from scipy import sparse
from sparse_dot_topn import sp_matmul_topn

from matchmaker.matching import scoring
from matchmaker.matching.documents import COMPANY, INVESTOR, RESEARCH, ProfileDoc
from matchmaker.matching.index import FieldWeights, ProfileIndex

TARGET_SIDE = {("tech-transfer", COMPANY): RESEARCH, ("tech-transfer", RESEARCH): COMPANY,
               ("investor", COMPANY): INVESTOR, ("investor", INVESTOR): COMPANY}


@dataclass
class Match:
    """A suggested partner with the parts of its score."""

    target: str
    score: float
    forward: float
    backward: float
    track: float
    signals: dict[str, float] = field(default_factory=dict)


class Matcher:
    """fit(docs) indexes the profiles; rank(source) and rank_all() return scored suggestions."""

    def __init__(self, weights: scoring.ScoreWeights = scoring.ScoreWeights(),
                 field_weights: FieldWeights = FieldWeights(), candidates: int = 50, bigrams: bool = True):
        self.weights = weights
        self.field_weights = field_weights
        self.candidates = candidates
        self.bigrams = bigrams

    def fit(self, docs: list[ProfileDoc]) -> Matcher:
        self.docs_ = {doc.id: doc for doc in docs}
        if len(self.docs_) != len(docs):
            raise ValueError("profile ids must be unique")
        self.index_ = ProfileIndex(self.field_weights, bigrams=self.bigrams).fit(docs)
        self.max_activity_ = max((doc.activity for doc in docs), default=0)
        self._sides: dict[str, tuple[np.ndarray, sparse.csr_matrix, sparse.csr_matrix]] = {}
        self._tracks: dict[str, np.ndarray] = {}
        return self

    def update(self, docs: list[ProfileDoc]) -> None:
        """Add or replace profiles without refitting the vocabulary (cheap: one edit at a time)."""
        for doc in docs:
            self.docs_[doc.id] = doc
        self.index_.replace(docs)
        self.max_activity_ = max(self.max_activity_, max((d.activity for d in docs), default=0))
        self._sides.clear()
        self._tracks.clear()

    def side_rows(self, side: str) -> tuple[np.ndarray, sparse.csr_matrix, sparse.csr_matrix]:
        """Row positions of one side's profiles and their offer and seek rows (cached until the next update)."""
        if side not in self._sides:
            rows = np.array([self.index_.position_[d.id] for d in self.docs_.values() if d.side == side],
                            dtype=np.int64)
            self._sides[side] = (rows, self.index_.offer_[rows], self.index_.seek_[rows])
        return self._sides[side]

    def side_track(self, side: str) -> np.ndarray:
        """The track-record prior of one side's profiles, in side_rows order (cached until the next update)."""
        if side not in self._tracks:
            self._tracks[side] = self._track(self.side_rows(side)[0])
        return self._tracks[side]

    def quick_scores(self, forward: np.ndarray, backward: np.ndarray, track: np.ndarray | float) -> np.ndarray:
        """The text-and-prior part of the score (overlaps are added to the best candidates only)."""
        w = self.weights
        return w.text * (forward * w.direction + backward * (1 - w.direction)) + w.prior * track

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
        track = scoring.prior(target.activity, self.max_activity_)
        signals = scoring.structured(source, target)
        return Match(target.id, scoring.combine(self.weights, forward, backward, track, signals),
                     forward, backward, track, signals)

    def rank(self, source_id: str, kind: str = "tech-transfer", top: int = 20) -> list[Match]:
        """The best `top` targets for one source."""
        return self.rank_many([source_id], kind, top)[source_id]

    def rank_many(self, source_ids: list[str], kind: str = "tech-transfer", top: int = 20) -> dict[str, list[Match]]:
        """The best `top` targets for each of several sources: one sparse product per target side, matrix ×
        the sources' columns (no big transpose), then each source's candidates in score order."""
        result: dict[str, list[Match]] = {}
        by_side: dict[str, list[str]] = {}
        for source_id in source_ids:
            side = TARGET_SIDE.get((kind, self.docs_[source_id].side))
            if side is None or self.side_rows(side)[0].size == 0:
                result[source_id] = []
            else:
                by_side.setdefault(side, []).append(source_id)
        for side, group in by_side.items():
            targets, offers, seeks = self.side_rows(side)
            rows = [self.index_.position_[source_id] for source_id in group]
            forward = (offers @ self.index_.seek_[rows].T).toarray()
            backward = (seeks @ self.index_.offer_[rows].T).toarray()
            track = self.side_track(side)
            for column, source_id in enumerate(group):
                result[source_id] = self._best(self.docs_[source_id], targets, forward[:, column],
                                               backward[:, column], track, kind, top)
        return result

    def _best(self, source: ProfileDoc, targets: np.ndarray, forward: np.ndarray, backward: np.ndarray,
              track: np.ndarray, kind: str, top: int) -> list[Match]:
        """The best `top` of one source's targets: the leading candidates by text and prior that pass the hard
        rules (up to max(top + BATCH_MARGIN, candidates) of them), with their structured signals added."""
        ids = self.index_.ids_
        w = self.weights
        quick = self.quick_scores(forward, backward, track)
        order = np.argsort(-quick, kind="stable")
        wanted = max(top + BATCH_MARGIN, self.candidates)
        compare = scoring.has_signals(source)
        matches = []
        for position in order.tolist():
            if quick[position] <= 0 and not compare:
                break  # nothing at all in common with this target or any after it: not suggestions
            target = self.docs_[ids[targets[position]]]
            if not self.eligible(kind, source, target):
                continue
            signals = scoring.structured(source, target)
            if quick[position] <= 0 and not any(signals.values()):
                continue
            matches.append(Match(target.id, scoring.combine(w, float(forward[position]), float(backward[position]),
                                                            float(track[position]), signals),
                                 float(forward[position]), float(backward[position]), float(track[position]),
                                 signals))
            if len(matches) == wanted:
                break
        matches.sort(key=lambda m: (-m.score, m.target))
        return matches[:top]

    def rank_all(self, kind: str = "tech-transfer", sources: str = COMPANY, top: int = 20,
                 progress: Callable[[Iterable], Iterable] | None = None, threads: int = 2) -> dict[str, list[Match]]:
        """Top `top` for every profile on the `sources` side with one sparse top-k product (never N×N dense).

        direction·(seek_s·offer_t) + (1 − direction)·(offer_s·seek_t) + prior·track_t is the product of
        [direction·seek_s | (1 − direction)·offer_s | prior] and [offer_t | seek_t | track_t]; the structured
        signals are then added to the best candidates. Batch matches carry the combined text score only
        (forward and backward are left at 0; reasons recompute the terms).
        """
        source_rows = self.side_rows(sources)[0]
        target_rows = self.side_rows(TARGET_SIDE[(kind, sources)])[0]
        if source_rows.size == 0 or target_rows.size == 0:
            return {}
        w, index = self.weights, self.index_
        track = self.side_track(TARGET_SIDE[(kind, sources)])
        left = sparse.hstack([w.text * w.direction * index.seek_[source_rows],
                              w.text * (1 - w.direction) * index.offer_[source_rows],
                              sparse.csr_matrix(np.full((source_rows.size, 1), w.prior, dtype=np.float32))],
                             format="csr", dtype=np.float32)
        right = sparse.hstack([index.offer_[target_rows], index.seek_[target_rows],
                               sparse.csr_matrix(track.reshape(-1, 1))], format="csr", dtype=np.float32)
        k = min(target_rows.size, top + BATCH_MARGIN)
        best = sp_matmul_topn(left, right.T.tocsr(), top_n=k, n_threads=threads, sort=True)
        result = {}
        rows = range(source_rows.size)
        for r in (progress(rows) if progress else rows):
            source = self.docs_[index.ids_[source_rows[r]]]
            start, end = best.indptr[r], best.indptr[r + 1]
            matches = self._finish(source, target_rows[best.indices[start:end]], best.data[start:end], track,
                                   best.indices[start:end], kind, top)
            if len(matches) < top and end - start == k:  # too many candidates ruled out: rank it alone
                matches = self.rank(source.id, kind, top)
            result[source.id] = matches
        return result

    def _track(self, target_rows: np.ndarray) -> np.ndarray:
        activity = np.array([self.docs_[self.index_.ids_[t]].activity for t in target_rows], dtype=np.float32)
        return (np.log1p(activity) / np.log1p(self.max_activity_)).astype(np.float32) if self.max_activity_ \
            else np.zeros_like(activity)

    def _finish(self, source: ProfileDoc, targets: np.ndarray, quick: np.ndarray, track: np.ndarray,
                columns: np.ndarray, kind: str, top: int) -> list[Match]:
        """Eligible candidates with their structured signals added, best first (ties by target id)."""
        docs, ids = self.docs_, self.index_.ids_
        compare = scoring.has_signals(source)
        scored = []
        for target_row, value, column in zip(targets.tolist(), quick.tolist(), columns.tolist()):
            target = docs[ids[target_row]]
            if not self.eligible(kind, source, target):
                continue
            signals = scoring.structured(source, target) if compare else None
            scored.append((-(value + scoring.overlap_score(self.weights, signals)) if signals else -value,
                           target.id, column, signals))
        scored.sort(key=lambda item: item[:2])
        return [Match(target_id, -negative, 0.0, 0.0, float(track[column]), signals or dict(scoring.NO_SIGNALS))
                for negative, target_id, column, signals in scored[:top]]


BATCH_MARGIN = 15  # candidates beyond `top` kept per source, for partners and hard filters to rule out


def passes_investor_filters(startup: ProfileDoc, investor: ProfileDoc) -> bool:
    """An investor never sees a start-up outside its stages, sectors or ticket range (unknown values pass).

    Investor matching is for start-ups and SMEs: large companies are never suggested to investors.
    """
    if startup.kind == "large_company":
        return False
    if investor.investor_stages and startup.startup_stage and startup.startup_stage not in investor.investor_stages:
        return False
    if investor.investor_sectors and startup.sectors and not (investor.investor_sectors & startup.sectors):
        return False
    amount = startup.amount_sought
    if amount is not None:
        if investor.ticket_max is not None and amount > investor.ticket_max * 4:
            return False  # far beyond what the fund writes, even in a syndicate
        if investor.ticket_min is not None and amount < investor.ticket_min:
            return False
    return True
