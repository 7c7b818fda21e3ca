"""A tech-transfer rebuild's candidates from dense blocks: the exact parts of every pair of both directions at once.

Both lists of a rebuild (companies' research partners and research's companies) are made of the same two products:
a pair's forward is the reverse pair's backward. So the source side is taken in chunks of rows, and for each chunk
the dense blocks seek × offer and offer × seek (and, when the directory has them, the track-record and
shared-partner blocks of both directions) are computed once with scikit-learn's sparse-to-dense product, whose
float32 sums run column by column from 0 like scipy's row-wise products (products.row_dots): every value in a block is
bit for bit the part that the single path computes, so no candidate needs its parts computed again. A global
threshold, set from a sample of sources, keeps each direction's leading pairs (pruned as the chunks go to those
that can still enter a list); a source whose `top` best are not all safely above it gets its pairs from its own
dense row, and a source with structured signals or crowded near-ties is ranked alone by Matcher.rank_many, so the
lists are exactly those of ranking every source alone (tests/unit/matching/test_batch_parts.py).
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from scipy import sparse

try:  # scikit-learn's sparse × sparse → dense kernel (present in the pinned versions; older ones lack it)
    from sklearn.utils.sparsefuncs import sparse_matmul_to_dense
except ImportError:  # pragma: no cover - batch falls back to the sparse top-k product
    sparse_matmul_to_dense = None

from matchmaker.matching import scoring
from matchmaker.matching.rank import Matcher, _Side

TIE_MARGIN = 5  # near-ties of a source's top-th score beyond `top` + this: the source is ranked alone
NEAR = 1e-4  # the threshold's safety margin: far above float32's error on a score (about 1e-7)
SAMPLE = 200  # sources per direction whose dense rows set the threshold
QUANTILE = 0.01  # share of sources expected below the threshold (their pairs from their own rows)
CELLS = 1 << 20  # cells per dense block of a chunk (4 MiB of float32): chunks stay in cache
GROUP = 2048  # source rows between two prunings of the pairs found (see _prune)


@dataclass
class Pairs:
    """One direction's kept pairs, source by source in side order (positions on each side), with exact parts."""

    a: np.ndarray  # source rows (index positions)
    b: np.ndarray  # target rows
    bounds: np.ndarray  # the pairs of the source in side position i are a[bounds[i]:bounds[i + 1]]
    alone: list[str]  # sources to rank alone (rank_many)
    forward: np.ndarray
    backward: np.ndarray
    track: np.ndarray  # similar track record, without standing (batch._finish adds it)
    shared: np.ndarray


class _Blocks:
    """The right-hand operands of one direction's products, and its per-source weights (float32)."""

    def __init__(self, matcher: Matcher, source: _Side, target: _Side):
        w, net = matcher.weights, matcher.network_
        self.source, self.target = source, target
        self.offers_t, self.seeks_t = target.offers.T.tocsr(), target.seeks.T.tocsr()
        self.tracks_t = target.tracks.T.tocsr() if net.track_.nnz else None
        self.discounted_t = target.partners.T.tocsr() if net.partners_.nnz else None
        self.partners = net.partners_[source.rows] if net.partners_.nnz else None
        self.known = None  # past partners, either way round, are never suggested
        if net.partners_.nnz:
            either = (net.partners_ + net.partners_.T).tocsr()
            self.known = either[source.rows][:, target.rows].astype(bool).tocsr()
        direction = matcher.directions()[source.rows]
        self.forward_weight = (w.text * direction).astype(np.float32)
        self.backward_weight = (w.text * (1 - direction)).astype(np.float32)
        self.activity = (w.prior * matcher.standing()[target.rows]).astype(np.float32)


def available() -> bool:
    """Whether scikit-learn has the kernel this path needs."""
    return sparse_matmul_to_dense is not None


def _dense(a: sparse.csr_matrix, b: sparse.csr_matrix) -> np.ndarray:
    """a × b as a dense float32 array, each cell summed over a's row in column order from 0."""
    return sparse_matmul_to_dense(a, b)


def _score(blocks: _Blocks, rows: slice | np.ndarray, forward: np.ndarray, backward: np.ndarray,
           track: np.ndarray | None, shared: np.ndarray | None, prior: float, network: float) -> np.ndarray:
    """Each pair's score in float32 (close to the exact one, within NEAR) from its parts, sources as rows."""
    score = forward * blocks.forward_weight[rows, None]
    score += backward * blocks.backward_weight[rows, None]
    score += blocks.activity[None, :]
    if track is not None:
        score += prior * track
    if shared is not None:
        score += network * shared
    return score


def _rows(matcher: Matcher, blocks: _Blocks, rows: np.ndarray) -> tuple[np.ndarray, ...]:
    """The dense rows of some sources (side positions) against every target: (score with past partners at -1,
    forward, backward, track, shared)."""
    w, s = matcher.weights, blocks.source
    forward, backward = _dense(s.seeks[rows], blocks.offers_t), _dense(s.offers[rows], blocks.seeks_t)
    track = _dense(s.seeks[rows], blocks.tracks_t) if blocks.tracks_t is not None else None
    shared = _dense(blocks.partners[rows], blocks.discounted_t) if blocks.discounted_t is not None else None
    score = _score(blocks, rows, forward, backward, track, shared, w.prior, w.network)
    if blocks.known is not None:
        score[blocks.known[rows].toarray()] = -1
    zeros = np.zeros_like(forward)
    return score, forward, backward, zeros if track is None else track, zeros if shared is None else shared


def _kth(score: np.ndarray, top: int) -> np.ndarray:
    """Each row's top-th best value (0 when the row is shorter)."""
    if score.shape[1] < top:
        return np.zeros(score.shape[0], dtype=np.float32)
    return -np.partition(-score, top - 1, axis=1)[:, top - 1]


def _threshold(matcher: Matcher, blocks: _Blocks, top: int) -> float:
    """Below the top-th best score of all but about QUANTILE of the sources (from a sample of them)."""
    n = blocks.source.rows.size
    kth = _kth(_rows(matcher, blocks, np.arange(0, n, max(1, n // SAMPLE)))[0], top)
    kth = kth[kth > 0]
    return max(float(np.quantile(kth, QUANTILE)) - NEAR, NEAR) if kth.size else NEAR


def _alone(matcher: Matcher, blocks: _Blocks, sources: np.ndarray, top: int) -> tuple[np.ndarray, ...]:
    """The pairs of sources ranked one by one from their own dense rows (a chunk of them at a time): every positive
    cell within NEAR of the row's top-th best (all positive cells when it has fewer)."""
    step = max(1, CELLS // max(1, blocks.target.rows.size))
    found = []
    for start in range(0, sources.size, step):
        some = sources[start:start + step]
        score, *parts = _rows(matcher, blocks, some)
        rows, columns = np.nonzero((score >= _kth(score, top)[:, None] - NEAR) & (score > 0))
        found.append((some[rows], columns, score[rows, columns], *(p[rows, columns] for p in parts)))
    return tuple(np.concatenate(column) for column in zip(*found))


def both_directions(matcher: Matcher, one: _Side, two: _Side, top: int, reverse: bool,
                    threads: int) -> list[Pairs]:
    """The kept pairs of sources `one` against targets `two` and, with `reverse`, of `two` against `one`."""
    w, net = matcher.weights, matcher.network_
    first = _Blocks(matcher, one, two)
    second = _Blocks(matcher, two, one) if reverse else None
    thresholds = [_threshold(matcher, b, top) for b in (first, second) if b is not None]
    partners_t = second.partners.T.tocsr() if second is not None and net.partners_.nnz else None
    known = first.known
    width = two.rows.size
    step = max(1, min(one.rows.size, (CELLS // max(1, width))))

    def chunk(start: int) -> list[tuple[np.ndarray, ...]]:
        rows = slice(start, min(start + step, one.rows.size))
        forward = _dense(one.seeks[rows], first.offers_t)  # one's seek × two's offer
        backward = _dense(one.offers[rows], first.seeks_t)  # one's offer × two's seek
        track = _dense(one.seeks[rows], first.tracks_t) if first.tracks_t is not None else None
        shared = _dense(first.partners[rows], first.discounted_t) if first.discounted_t is not None else None
        score = _score(first, rows, forward, backward, track, shared, w.prior, w.network)
        ruled_out = None
        if known is not None:
            block = known[rows].tocoo()
            ruled_out = block.row * width + block.col
            score.ravel()[ruled_out] = -1
        found = [_take(score, thresholds[0], start, forward, backward, track, shared, swap=False)]
        if second is not None:
            track2 = _dense(one.tracks[rows], first.seeks_t) if first.tracks_t is not None else None
            shared2 = _dense(one.partners[rows], partners_t) if partners_t is not None else None
            score = backward * second.forward_weight[None, :]
            score += forward * second.backward_weight[None, :]
            score += second.activity[rows, None]
            if track2 is not None:
                score += w.prior * track2
            if shared2 is not None:
                score += w.network * shared2
            if ruled_out is not None:
                score.ravel()[ruled_out] = -1
            found.append(_take(score, thresholds[1], start, backward, forward, track2, shared2, swap=True))
        return found

    starts = list(range(0, one.rows.size, step))
    sides = [(one, two)] + ([(two, one)] if second is not None else [])
    kept: list[tuple[np.ndarray, ...] | None] = [None] * len(sides)
    group = max(1, GROUP // step) * max(1, threads)  # chunks between two prunings: bounded memory at any size
    with ThreadPoolExecutor(max(1, threads)) as pool:
        for at in range(0, len(starts), group):
            some = starts[at:at + group]
            found = list(pool.map(chunk, some)) if threads > 1 and len(some) > 1 else [chunk(s) for s in some]
            for d, (source, _) in enumerate(sides):
                parts = [f[d] for f in found] + ([kept[d]] if kept[d] is not None else [])
                kept[d] = _prune(parts, source.rows.size, top, thresholds[d])
    return [_kept(matcher, blocks, top, thresholds[d], kept[d])
            for d, blocks in enumerate(b for b in (first, second) if b is not None)]


def _take(score: np.ndarray, threshold: float, start: int, forward: np.ndarray, backward: np.ndarray,
          track: np.ndarray | None, shared: np.ndarray | None, swap: bool) -> tuple[np.ndarray, ...]:
    """The cells of a chunk at or above the threshold: (source, target, score, forward, backward, track, shared),
    positions on each side; with `swap` the chunk's rows are the targets and its columns the sources."""
    flat = np.flatnonzero(score.ravel() >= threshold)
    width = score.shape[1]
    rows, columns = flat // width + start, flat % width
    zeros = np.zeros(flat.size, dtype=np.float32)
    return ((columns, rows) if swap else (rows, columns)) + (
        score.ravel()[flat], forward.ravel()[flat], backward.ravel()[flat],
        track.ravel()[flat] if track is not None else zeros, shared.ravel()[flat] if shared is not None else zeros)


def _prune(found: list[tuple[np.ndarray, ...]], n: int, top: int, threshold: float) -> tuple[np.ndarray, ...]:
    """The pairs of `found` together, without those more than NEAR below their source's floor (see _floors: the
    pairs seen so far already put each source's top-th score above it, so no such pair can enter a list)."""
    sources, targets, score, *parts = (np.concatenate(column) for column in zip(*found))
    floors = _floors(sources, score, np.bincount(sources, minlength=n) < top, n, top, threshold)
    keep = score >= floors[sources] - NEAR
    return (sources[keep], targets[keep], score[keep], *(p[keep] for p in parts))


def _kept(matcher: Matcher, blocks: _Blocks, top: int, threshold: float, found: tuple[np.ndarray, ...]) -> Pairs:
    """One direction's pairs, source by source. A source whose `top` best are not all at least NEAR above the
    threshold (a target below it might score as much) gets its pairs from its own dense row (_alone); a source with
    structured signals (they can lift a target from anywhere), or whose near-ties crowd its window (_crowded), is
    ranked alone by Matcher.rank_many."""
    source, target = blocks.source, blocks.target
    n = source.rows.size
    sources, score = found[0], found[2]
    ids, docs = matcher.index_.ids_, matcher.docs_
    compare = np.fromiter((scoring.has_signals(docs[ids[r]]) for r in source.rows.tolist()), dtype=bool, count=n)
    short = (np.bincount(sources[score >= threshold + NEAR], minlength=n) < top) & ~compare
    if short.any():
        mine = ~short[sources]
        found = tuple(np.concatenate([column[mine], more])
                      for column, more in zip(found, _alone(matcher, blocks, np.flatnonzero(short), top)))
    order = np.argsort(found[0], kind="stable")
    sources, targets, score, *parts = (column[order] for column in found)
    alone = compare | _crowded(sources, score, n, top)
    keep = ~alone[sources]
    sources, targets = sources[keep], targets[keep]
    bounds = np.concatenate([[0], np.cumsum(np.bincount(sources, minlength=n))])
    return Pairs(source.rows[sources], target.rows[targets], bounds,
                 [ids[r] for r in source.rows[np.flatnonzero(alone)].tolist()], *(p[keep] for p in parts))


def _floors(sources: np.ndarray, score: np.ndarray, alone: np.ndarray, n: int, top: int, threshold: float,
            buckets: int = 256) -> np.ndarray:
    """For each source, a value at or below its top-th best score (the lower edge of the bucket that holds it, in a
    histogram of the scores above the threshold): pairs more than NEAR below it cannot enter its list."""
    floors = np.full(n, threshold, dtype=np.float64)
    if score.size == 0:
        return floors
    width = (float(score.max()) - threshold) / buckets
    if width <= 0:
        return floors
    bucket = np.minimum(((score - threshold) / width).astype(np.int64), buckets - 1)
    counts = np.bincount(sources * buckets + bucket, minlength=n * buckets).reshape(n, buckets)
    reached = np.argmax(counts[:, ::-1].cumsum(axis=1) >= top, axis=1)  # buckets from the top down to the top-th
    floors[~alone] = threshold + (buckets - 1 - reached[~alone]) * width
    return floors


def _crowded(sources: np.ndarray, score: np.ndarray, n: int, top: int) -> np.ndarray:
    """Sources with `top` + TIE_MARGIN or more pairs within NEAR of their top-th score: Matcher.rank_many, which
    reads a fixed number of candidates in index order, decides among such near-ties (as it does when a source is
    ranked alone), so those sources are ranked alone."""
    crowded = np.zeros(n, dtype=bool)
    many = np.bincount(sources, minlength=n) >= top + TIE_MARGIN
    if not many.any():
        return crowded
    mine = many[sources]
    owner, values = sources[mine], score[mine]
    order = np.lexsort((-values, owner))
    owner, values = owner[order], values[order]
    start = np.searchsorted(owner, np.flatnonzero(many))
    kth = np.full(n, np.inf, dtype=np.float32)
    kth[np.flatnonzero(many)] = values[start + top - 1]
    near = np.bincount(owner[values >= kth[owner] - NEAR], minlength=n)
    crowded[near >= top + TIE_MARGIN] = True
    return crowded
