"""Rank every profile of one side at once (a full rebuild): one sparse top-k product, then exact parts."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat

import numpy as np
from scipy import sparse

from matchmaker.matching import dense, products, scoring
from matchmaker.matching.bulk import gc_paused
from matchmaker.matching.rank import BATCH_MARGIN, TARGET_SIDE, Match, Matcher, _Side

TIE_MARGIN = dense.TIE_MARGIN  # candidates beyond `top` in the product's window when no hard rule can rule one out
NEAR = 1e-4  # candidates beyond `top` within this of the top-th product score get exact parts too (float32 order)


@dataclass
class Ranked:
    """One rebuild's lists column by column (what rank_all returns as Match objects): the lists of `sources`
    (in side order) laid end to end, `counts[i]` pairs each, best first; `alone` holds the lists that
    Matcher.rank_many ranked one by one (their sources have a count of 0 here)."""

    sources: list[str]
    counts: np.ndarray
    targets: np.ndarray  # target ids (object array)
    scores: np.ndarray
    forward: np.ndarray
    backward: np.ndarray
    track: np.ndarray
    shared: np.ndarray
    alone: dict[str, list[Match]]

    def lists(self, progress: Callable[[Iterable], Iterable] | None = None) -> dict[str, list[Match]]:
        """Every source's list as Match objects (those ranked alone first, then the others in side order)."""
        parts = (self.forward, self.backward, self.track, self.shared)
        forward, backward, track, shared = (p.tolist() for p in parts)
        matches = list(map(Match, self.targets.tolist(), self.scores.tolist(), forward, backward, track,
                           repeat(scoring.NO_SIGNALS), shared))
        result = dict(self.alone)
        counts, rows = self.counts.tolist(), range(len(self.sources))
        start = 0
        for r in (progress(rows) if progress else rows):
            doc_id, count = self.sources[r], counts[r]
            if doc_id not in result:
                result[doc_id] = matches[start:start + count]
            start += count
        return result


def rank_all(matcher: Matcher, kind: str, sources: str, target_side: str, top: int,
             progress: Callable[[Iterable], Iterable] | None, threads: int) -> dict[str, list[Match]]:
    """Matcher.rank_all's work: one sparse top-k product for every source's leading candidates, then the exact
    parts of each list's top (see Matcher.rank_all)."""
    return _rank_lists(matcher, [(kind, sources)], top, threads)[0].lists(progress)


def ranked(matcher: Matcher, kind: str, sources: str, top: int, threads: int = 2) -> Ranked:
    """What Matcher.rank_all returns, column by column (a rebuild stores it without 200,000 Match objects)."""
    return ranked_lists(matcher, [(kind, sources)], top, threads)[0]


def ranked_lists(matcher: Matcher, lists: Sequence[tuple[str, str]], top: int, threads: int = 2) -> list[Ranked]:
    """ranked() of several (kind, sources side) lists at once, as a rebuild stores them: the text parts of their
    pairs are computed once for all of them, since a pair's forward is the backward of the reverse pair (a company's
    list of research partners and the research side's list of companies share most of their pairs)."""
    with gc_paused():
        return _rank_lists(matcher, lists, top, threads)


def _rank_lists(matcher: Matcher, lists: Sequence[tuple[str, str]], top: int, threads: int) -> list[Ranked]:
    """Tech-transfer lists from dense blocks (dense.both_directions: a list and its reverse at once), the others
    (investor filters rule out pairs one by one) from the sparse top-k product."""
    result: dict[int, Ranked] = {}
    for i, (kind, sources) in enumerate(lists):
        if kind != "tech-transfer" or i in result or not dense.available():
            continue
        target = TARGET_SIDE[(kind, sources)]
        mate = next((j for j, pair in enumerate(lists) if j > i and pair == (kind, target)), None)
        one, two = matcher.side(sources), matcher.side(target)
        if one.rows.size == 0 or two.rows.size == 0:
            result[i] = _empty()
            if mate is not None:
                result[mate] = _empty()
            continue
        found = dense.both_directions(matcher, one, two, top, mate is not None, threads)
        for j, pairs, side in zip((i, mate), found, (one, two)):
            chosen = _Chosen(kind, side, pairs.a, pairs.b, pairs.bounds, pairs.alone)
            result[j] = _finish(matcher, chosen, top, pairs.forward, pairs.backward, pairs.track, pairs.shared)
    rest = [i for i in range(len(lists)) if i not in result]
    result.update(zip(rest, _sparse_lists(matcher, [lists[i] for i in rest], top, threads)))
    return [result[i] for i in range(len(lists))]


def _empty() -> Ranked:
    empty = np.zeros(0)
    return Ranked([], np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object), *(empty,) * 5, {})


def _sparse_lists(matcher: Matcher, lists: Sequence[tuple[str, str]], top: int, threads: int) -> list[Ranked]:
    chosen = [_choose(matcher, kind, sources, TARGET_SIDE[(kind, sources)], top, threads)
              for kind, sources in lists]
    index, net = matcher.index_, matcher.network_
    n = np.int64(len(index.ids_))
    picked = [c for c in chosen if c is not None]
    # Every text part is seek[i] · offer[j] of one ordered pair: forward is (source, target), backward the reverse.
    # Each distinct pair once (a sort, not np.unique's hash table: 4x faster here), in row order.
    wanted = np.concatenate([np.zeros(0, dtype=np.int64)]
                            + [k for c in picked for k in (c.a * n + c.b, c.b * n + c.a)])
    order = np.argsort(wanted)
    first = np.ones(wanted.size, dtype=bool)
    first[1:] = wanted[order[1:]] != wanted[order[:-1]]
    keys = wanted[order[first]]
    place = np.empty(wanted.size, dtype=np.int64)
    place[order] = np.cumsum(first) - 1  # wanted[i] == keys[place[i]]
    jobs = [(index.seek_, index.offer_, keys // n, keys % n)]
    for c in picked:
        jobs += [(index.seek_, net.track_, c.a, c.b)] if net.track_.nnz else []
        jobs += [(net.partners_, net.discounted_, c.a, c.b)] if net.partners_.nnz else []
    text, *more = products.pair_dots(jobs, threads)
    result, start = [], 0
    for c in chosen:
        if c is None:
            result.append(_empty())
            continue
        forward = text[place[start:start + c.a.size]]
        backward = text[place[start + c.a.size:start + 2 * c.a.size]]
        start += 2 * c.a.size
        track = more.pop(0) if net.track_.nnz else np.zeros_like(forward)
        shared = more.pop(0) if net.partners_.nnz else np.zeros_like(forward)
        result.append(_finish(matcher, c, top, forward, backward, track, shared))
    return result


@dataclass
class _Chosen:
    """One list's pairs that get their exact parts (sources a, targets b, source by source in side order)."""

    kind: str
    source: _Side
    a: np.ndarray
    b: np.ndarray
    bounds: np.ndarray  # the pairs of the source in side position i are a[bounds[i]:bounds[i + 1]]
    alone: list[str]  # sources that rank_many ranks one by one


def _choose(matcher: Matcher, kind: str, sources: str, target_side: str, top: int, threads: int) -> _Chosen | None:
    """One sparse top-k product for every source's leading candidates, and which of them get exact parts (None
    when either side is empty)."""
    w, index, net = matcher.weights, matcher.index_, matcher.network_
    source, target = matcher.side(sources), matcher.side(target_side)
    if source.rows.size == 0 or target.rows.size == 0:
        return None
    direction = matcher.directions()  # each source's forward weight (scoring.direction)
    forward_weight = sparse.diags((w.text * direction[source.rows]).astype(np.float32))
    backward_weight = sparse.diags((w.text * (1 - direction[source.rows])).astype(np.float32))
    blocks = [forward_weight @ source.seeks, backward_weight @ source.offers]
    columns = [target.offers, target.seeks]
    if net.track_.nnz:
        blocks.append(w.prior * source.seeks)
        columns.append(target.tracks)
    if net.partners_.nnz:
        blocks.append(w.network * net.partners_[source.rows])
        columns.append(target.partners)
    standing = matcher.standing()
    if standing[target.rows].any():  # activity: a constant column times each target's standing
        blocks.append(sparse.csr_matrix(np.full((source.rows.size, 1), w.prior, dtype=np.float32)))
        columns.append(sparse.csr_matrix(standing[target.rows].reshape(-1, 1).astype(np.float32)))
    left = sparse.hstack(blocks, format="csr", dtype=np.float32)
    right = sparse.hstack(columns, format="csr", dtype=np.float32)
    # Without past partners or investor filters, every target on the other side is eligible: the window needs
    # room for near-ties only.
    check = kind != "tech-transfer" or any(d.partners for d in matcher.docs_.values())
    k = min(target.rows.size, top + (BATCH_MARGIN if check else TIE_MARGIN))
    best = products.top_products(left, right.T.tocsr(), k, threads)
    pair_sources = np.repeat(source.rows, np.diff(best.indptr))
    pair_targets = target.rows[best.indices]
    ids, docs = index.ids_, matcher.docs_
    ok = _eligible(matcher, kind, pair_sources, pair_targets) if check \
        else np.ones(best.nnz, dtype=bool)
    compare = np.fromiter((scoring.has_signals(docs[ids[r]]) for r in source.rows.tolist()), dtype=bool,
                          count=source.rows.size)
    keep, alone_rows = _window(best.indptr, best.data, ok, compare, top, k)
    chosen = np.flatnonzero(keep)
    return _Chosen(kind, source, pair_sources[chosen], pair_targets[chosen], np.searchsorted(chosen, best.indptr),
                   [ids[r] for r in source.rows[alone_rows].tolist()])


def _finish(matcher: Matcher, c: _Chosen, top: int, forward: np.ndarray, backward: np.ndarray, track: np.ndarray,
            shared: np.ndarray) -> Ranked:
    """Each source's list from its chosen pairs' exact parts: score, then the first `top` in score order."""
    w, ids, source, b, bounds = matcher.weights, matcher.index_.ids_, c.source, c.b, c.bounds
    track = track + matcher.standing()[b].astype(np.float32)
    parts = [np.asarray(p, dtype=np.float64) for p in (forward, backward, track, shared)]
    direction = matcher.directions()[c.a]  # each pair's source's forward weight
    scores = scoring.rounded(scoring.quick(w, *parts, direction))  # as combine() rounds, without signals
    # Every source's pairs best first (score, then target id), then its first `top` of them.
    owner = np.repeat(np.arange(source.rows.size), np.diff(bounds))
    every_id, id_order = matcher.id_order()
    target_ids = every_id[b]
    order = np.lexsort((id_order[b], -scores, owner))
    place = np.arange(order.size) - bounds[owner[order]]
    order = order[place < top]
    counts = np.bincount(owner[order], minlength=source.rows.size)
    result = matcher.rank_many(c.alone, c.kind, top) if c.alone else {}
    return Ranked([ids[r] for r in source.rows.tolist()], counts, target_ids[order], scores[order],
                  *(p[order] for p in parts), result)


def _eligible(matcher: Matcher, kind: str, pair_sources: np.ndarray, pair_targets: np.ndarray) -> np.ndarray:
    """Matcher.eligible of every (source, target) pair of the window, vectorised for tech transfer (not itself,
    not a past partner in either direction); investor filters are checked pair by pair."""
    if kind != "tech-transfer":
        ids, docs = matcher.index_.ids_, matcher.docs_
        return np.fromiter((matcher.eligible(kind, docs[ids[s]], docs[ids[t]])
                            for s, t in zip(pair_sources.tolist(), pair_targets.tolist())),
                           dtype=bool, count=pair_sources.size)
    partners = matcher.network_.partners_.tocoo()
    n = np.int64(matcher.network_.partners_.shape[0])
    known = np.unique(np.concatenate([partners.row.astype(np.int64) * n + partners.col,
                                      partners.col.astype(np.int64) * n + partners.row]))
    keys = pair_sources.astype(np.int64) * n + pair_targets
    return (pair_sources != pair_targets) & ~np.isin(keys, known)


def _window(indptr: np.ndarray, values: np.ndarray, ok: np.ndarray, compare: np.ndarray, top: int,
            k: int) -> tuple[np.ndarray, np.ndarray]:
    """Which pairs of each source's window (in the product's order) get their exact parts, and which sources
    rank_many must rank alone instead (vectorised over every source).

    A source is ranked alone when its window was full and something in it was ruled out, when its structured
    signals can lift targets from further down, or when near-ties of its top-th candidate may go on beyond the
    window. Otherwise its leading `top` eligible candidates are kept, and those after them whose float32 product
    score is within NEAR of the top-th one's (too close to rule out)."""
    sizes = np.diff(indptr)
    row = np.repeat(np.arange(sizes.size), sizes)
    good = ok.astype(np.int64)
    before = np.concatenate([[0], np.cumsum(good)])
    place = before[1:] - before[indptr[:-1]][row] - 1  # rank among the source's eligible pairs
    count = before[indptr[1:]] - before[indptr[:-1]]
    floor = np.full(sizes.size, -np.inf)
    tops = np.flatnonzero(ok & (place == top - 1))
    floor[row[tops]] = values[tops] - NEAR
    floor[count <= top] = np.inf  # `top` or fewer eligible: all of them are kept
    full = sizes == k
    last = np.full(sizes.size, -np.inf)
    last[sizes > 0] = values[indptr[1:][sizes > 0] - 1]
    alone = compare | (full & (count < sizes)) | (full & (count > top) & (last >= floor))
    keep = ok & ~alone[row] & ((place < top) | (values >= floor[row]))
    return keep, np.flatnonzero(alone)
