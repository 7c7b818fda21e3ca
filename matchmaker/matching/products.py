"""The rebuild's sparse products: each row's best products (sparse_dot_topn with a sampled threshold) and the exact
row-wise dot products of chosen pairs, in the single path's float32 order."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import numpy as np
from scipy import sparse
from sparse_dot_topn import sp_matmul_topn


def top_products(left: sparse.csr_matrix, right: sparse.csr_matrix, k: int, threads: int,
                 sample: int = 200) -> sparse.csr_matrix:
    """Each row's k largest products of left × right, best first (sp_matmul_topn), exactly as without a threshold.

    Most of the product's time goes to collecting and selecting every row's thousands of small candidates, not to
    the multiplications: a threshold skips them (at 10k profiles a third of the time). It is set below the k-th
    best product of a sample of rows (three quarters of their 1st percentile), so nearly every row still finds k
    products above it, and those k are the row's k best; a row that finds fewer is computed again without it.
    Below 10 × `sample` rows (a small directory) the sample would be a tenth of the work or more: no threshold."""
    if left.shape[0] < 10 * sample:
        return sp_matmul_topn(left, right, top_n=k, n_threads=threads, sort=True)
    probe = sp_matmul_topn(left[::left.shape[0] // sample], right, top_n=k, n_threads=threads, sort=True)
    full = np.diff(probe.indptr) == k
    kth = probe.data[probe.indptr[1:][full] - 1]
    threshold = 0.75 * float(np.quantile(kth, 0.01)) if kth.size else 0.0
    if threshold <= 0:
        return sp_matmul_topn(left, right, top_n=k, n_threads=threads, sort=True)
    best = sp_matmul_topn(left, right, top_n=k, threshold=threshold, n_threads=threads, sort=True)
    short = np.flatnonzero(np.diff(best.indptr) < k)
    if short.size == 0:
        return best
    again = sp_matmul_topn(left[short], right, top_n=k, n_threads=threads, sort=True)
    # The short rows' entries replaced by their recomputed ones, row by row in order (a stable sort keeps each
    # row's best-first order).
    n = left.shape[0]
    kept = np.ones(n, dtype=bool)
    kept[short] = False
    owner = np.repeat(np.arange(n), np.diff(best.indptr))
    mine = kept[owner]
    rows = np.concatenate([owner[mine], np.repeat(short, np.diff(again.indptr))])
    order = np.argsort(rows, kind="stable")
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))])
    return sparse.csr_matrix((np.concatenate([best.data[mine], again.data])[order],
                              np.concatenate([best.indices[mine], again.indices])[order], indptr), shape=best.shape)


def pair_dots(jobs: list[tuple[sparse.csr_matrix, sparse.csr_matrix, np.ndarray, np.ndarray]], threads: int = 1,
              chunk: int = 1 << 12) -> list[np.ndarray]:
    """For each (a, b, rows_a, rows_b) of `jobs`: row_dots of every pair. Every job's chunks share one pool of
    `threads` threads (scipy's sparse kernels release the GIL); small chunks keep each product's temporaries in
    cache."""
    outs = [np.zeros(rows_a.size, dtype=np.float32) for _, _, rows_a, _ in jobs]
    most = max([rows_a.size for _, _, rows_a, _ in jobs] + [1])
    size = max(1, min(chunk, -(-most // max(1, threads))))
    tasks = [(out, job, start) for job, out in zip(jobs, outs) for start in range(0, out.size, size)]

    def piece(task: tuple[np.ndarray, tuple, int]) -> None:
        out, (a, b, rows_a, rows_b), start = task
        part = slice(start, start + size)
        out[part] = row_dots(a, b, rows_a[part], rows_b[part])

    if threads > 1 and len(tasks) > 1:
        with ThreadPoolExecutor(threads) as pool:
            list(pool.map(piece, tasks))
    else:
        for task in tasks:
            piece(task)
    return outs


def row_dots(a: sparse.csr_matrix, b: sparse.csr_matrix, rows_a: np.ndarray, rows_b: np.ndarray) -> np.ndarray:
    """a[rows_a[i]] · b[rows_b[i]] for every i, in float32, each summed column by column in ascending order from 0:
    with both matrices' columns in order (index._normalized) that is exactly what the single path's sparse
    products (Matcher.components, Matcher.as_target) compute, and the same number whichever operand comes first,
    so a pair's forward is bit for bit the reverse pair's backward. (scipy's elementwise product keeps the column
    order; its sum(axis=1) adds pairwise, the product with a vector of ones in order.)"""
    products = a[rows_a].multiply(b[rows_b])
    return products @ np.ones(products.shape[1], dtype=np.float32)
