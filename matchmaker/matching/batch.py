"""Rank every profile of one side at once (a full rebuild): one sparse top-k product, then exact parts."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from itertools import repeat

import numpy as np
from scipy import sparse
from sparse_dot_topn import sp_matmul_topn

from matchmaker.matching import scoring
from matchmaker.matching.rank import BATCH_MARGIN, Match, Matcher

TIE_MARGIN = 5  # candidates beyond `top` in the product's window when no hard rule can rule one out
NEAR = 1e-4  # candidates beyond `top` within this of the top-th product score get exact parts too (float32 order)


def rank_all(matcher: Matcher, kind: str, sources: str, target_side: str, top: int,
             progress: Callable[[Iterable], Iterable] | None, threads: int) -> dict[str, list[Match]]:
    """Matcher.rank_all's work: one sparse top-k product for every source's leading candidates, then the exact
    parts of each list's top (see Matcher.rank_all)."""
    w, index, net = matcher.weights, matcher.index_, matcher.network_
    source, target = matcher.side(sources), matcher.side(target_side)
    blocks = [w.text * w.direction * source.seeks, w.text * (1 - w.direction) * source.offers]
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
    best = sp_matmul_topn(left, right.T.tocsr(), top_n=k, n_threads=threads, sort=True)
    pair_sources = np.repeat(source.rows, np.diff(best.indptr))
    pair_targets = target.rows[best.indices]
    ids, docs = index.ids_, matcher.docs_
    keep = np.zeros(best.nnz, dtype=bool)
    alone: list[str] = []
    indptr, values = best.indptr.tolist(), best.data.tolist()
    for r, row in enumerate(source.rows.tolist()):
        doc = docs[ids[row]]
        start, end = indptr[r], indptr[r + 1]
        ok = [matcher.eligible(kind, doc, docs[ids[t]]) for t in pair_targets[start:end].tolist()] if check \
            else [True] * (end - start)
        compare = scoring.has_signals(doc)
        # rank_many's answer needs a candidate beyond this window when the window was full and something in
        # it was ruled out, or when the source's structured signals can lift targets from further down.
        if (end - start == k and not all(ok)) or compare:
            alone.append(doc.id)
            continue
        # The window is in the product's order: the leading eligible ones get their exact parts, and those
        # after them whose float32 product score is too close to the top-th one's to rule them out.
        good = [start + i for i, fine in enumerate(ok) if fine] if check else list(range(start, end))
        if len(good) > top:
            floor = values[good[top - 1]] - NEAR
            if end - start == k and values[end - 1] >= floor:  # near-ties may go on beyond the window
                alone.append(doc.id)
                continue
            good = good[:top] + [i for i in good[top:] if values[i] >= floor]
        keep[good] = True
    chosen = np.flatnonzero(keep)
    a, b = pair_sources[chosen], pair_targets[chosen]
    jobs = [(index.seek_, index.offer_), (index.offer_, index.seek_)]
    jobs += [(index.seek_, net.track_)] if net.track_.nnz else []
    jobs += [(net.partners_, net.discounted_)] if net.partners_.nnz else []
    forward, backward, *more = _pair_dots(jobs, a, b, threads)
    track = more.pop(0) if net.track_.nnz else np.zeros_like(forward)
    track = track + standing[b].astype(np.float32)
    shared = more.pop(0) if net.partners_.nnz else np.zeros_like(forward)
    bounds = np.searchsorted(chosen, best.indptr)
    parts = [np.asarray(p, dtype=np.float64) for p in (forward, backward, track, shared)]
    scores = scoring.rounded(scoring.quick(w, *parts))  # as combine() rounds, without signals
    # Every source's pairs best first (score, then target id), then its first `top` of them.
    owner = np.repeat(np.arange(source.rows.size), np.diff(bounds))
    every_id, id_order = matcher.id_order()
    target_ids = every_id[b]
    order = np.lexsort((id_order[b], -scores, owner))
    place = np.arange(order.size) - bounds[owner[order]]
    order = order[place < top]
    counts = np.bincount(owner[order], minlength=source.rows.size).tolist()
    forward_, backward_, track_, shared_ = (p[order].tolist() for p in parts)
    matches = list(map(Match, target_ids[order].tolist(), scores[order].tolist(), forward_, backward_,
                       track_, repeat(scoring.NO_SIGNALS), shared_))
    result = matcher.rank_many(alone, kind, top) if alone else {}
    rows, positions = range(source.rows.size), source.rows.tolist()
    start = 0
    for r in (progress(rows) if progress else rows):
        doc_id, count = ids[positions[r]], counts[r]
        if doc_id not in result:
            result[doc_id] = matches[start:start + count]
        start += count
    return result


def _pair_dots(jobs: list[tuple[sparse.csr_matrix, sparse.csr_matrix]], rows_a: np.ndarray, rows_b: np.ndarray,
               threads: int = 1, chunk: int = 1 << 12) -> list[np.ndarray]:
    """For each (a, b) of `jobs`: a[rows_a[i]] · b[rows_b[i]] for every i (row-wise dot products). Every job's
    chunks share one pool of `threads` threads (scipy's sparse kernels release the GIL); small chunks keep each
    product's temporaries in cache."""
    outs = [np.zeros(rows_a.size, dtype=np.float32) for _ in jobs]
    size = max(1, min(chunk, -(-rows_a.size // max(1, threads))))
    tasks = [(out, a, b, start) for (a, b), out in zip(jobs, outs) for start in range(0, rows_a.size, size)]

    def piece(task: tuple[np.ndarray, sparse.csr_matrix, sparse.csr_matrix, int]) -> None:
        out, a, b, start = task
        part = slice(start, start + size)
        out[part] = np.asarray(a[rows_a[part]].multiply(b[rows_b[part]]).sum(axis=1)).ravel()

    if threads > 1 and len(tasks) > 1:
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(piece, tasks))
    else:
        for task in tasks:
            piece(task)
    return outs
