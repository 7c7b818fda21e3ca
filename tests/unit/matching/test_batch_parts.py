"""The exact parts of a pair are one number whichever path computes it: a rebuild's lists (batch.ranked_lists),
the incremental path (Matcher.rank_many) and the reverse pair (a pair's forward is the reverse pair's backward),
bit for bit, also when two profiles share many terms (where a different order of the additions shows)."""
from __future__ import annotations

import random

import numpy as np

from matchmaker.matching import batch, products
from matchmaker.matching.documents import COMPANY, RESEARCH, ProfileDoc
from matchmaker.matching.rank import Matcher


def _wordy_directory(n: int = 120) -> tuple[list[ProfileDoc], dict[str, str]]:
    """Profiles of 40-80 words from a small vocabulary (pairs share dozens of terms), with funded projects and
    past partners so that every part of the score is present."""
    rng = random.Random(7)
    words = [f"{stem}{suffix}" for stem in ("organoid", "liver", "cardiac", "retina", "glioma", "vaccine", "biobank",
                                            "wearable", "antibody", "lymphoma", "genome", "imaging")
             for suffix in ("", "s", "al", "ing", "omics", "ity")]
    projects = {f"p{i}": " ".join(rng.choices(words, k=30)) for i in range(40)}
    docs = []
    for i in range(n):
        own = frozenset(rng.sample(sorted(projects), rng.randint(0, 3)))
        docs.append(ProfileDoc(f"d{i:03}", COMPANY if i % 2 else RESEARCH, offer=" ".join(rng.choices(words, k=80)),
                               seek=" ".join(rng.choices(words, k=40)) if i % 3 else "", projects=own,
                               activity=rng.randint(0, 9)))
    members = {p: {d.id for d in docs if p in d.projects} for p in projects}
    docs = [ProfileDoc(d.id, d.side, offer=d.offer, seek=d.seek, projects=d.projects, activity=d.activity,
                       partners=frozenset(set().union(*(members[p] for p in d.projects)) - {d.id})) for d in docs]
    return docs, projects


def test_rebuild_lists_are_bit_for_bit_the_incremental_paths():
    docs, projects = _wordy_directory()
    matcher = Matcher().fit(docs, projects)
    assert matcher.network_.partners_.nnz and matcher.network_.track_.nnz
    lists = [("tech-transfer", COMPANY), ("tech-transfer", RESEARCH)]
    for (kind, sources), ranked in zip(lists, batch.ranked_lists(matcher, lists, top=10)):
        rebuilt = ranked.lists()
        single = matcher.rank_many(list(rebuilt), kind, top=10)
        assert sum(map(len, rebuilt.values())) > 400
        assert rebuilt == single  # targets, scores, forward, backward, track and shared, exactly


def test_a_pairs_forward_is_the_reverse_pairs_backward():
    docs, projects = _wordy_directory()
    matcher = Matcher().fit(docs, projects)
    companies, research = batch.ranked_lists(matcher, [("tech-transfer", COMPANY), ("tech-transfer", RESEARCH)],
                                             top=20)

    def parts(ranked: batch.Ranked) -> dict[tuple[str, str], tuple[float, float]]:
        return {(s, m.target): (m.forward, m.backward) for s, matches in ranked.lists().items() for m in matches}

    forward, backward = parts(companies), parts(research)
    mutual = [pair for pair in forward if pair[::-1] in backward]
    assert len(mutual) > 200
    assert all(forward[c, r] == backward[r, c][::-1] for c, r in mutual)
    # Computed alone, each list gives the same numbers as computed together.
    alone = batch.ranked(matcher, "tech-transfer", COMPANY, top=20)
    assert np.array_equal(alone.forward, companies.forward) and np.array_equal(alone.backward, companies.backward)


def test_the_thresholded_top_k_product_is_the_plain_one():
    """products.top_products skips small products with a threshold taken from a sample of rows; rows that find fewer
    than k products above it (here: rows with few terms, and rows the sample misses) are computed again."""
    from scipy import sparse
    from sparse_dot_topn import sp_matmul_topn

    rng = np.random.default_rng(5)
    left = sparse.random(400, 300, density=0.05, format="lil", dtype=np.float32, random_state=rng)
    left[::7] = 0  # rows with no terms: no candidates at all
    left[3::11] = sparse.random(len(range(3, 400, 11)), 300, density=0.003, format="lil", dtype=np.float32,
                                random_state=rng)  # rows with a term or two: few candidates, small products
    left = left.tocsr()
    right = sparse.random(300, 500, density=0.05, format="csr", dtype=np.float32, random_state=rng)
    plain = sp_matmul_topn(left, right, top_n=12, sort=True)
    fast = products.top_products(left, right, 12, threads=1, sample=20)
    assert (np.diff(plain.indptr) < 12).sum() > 40  # the rows computed again
    assert np.array_equal(fast.indptr, plain.indptr) and np.array_equal(fast.indices, plain.indices)
    assert np.array_equal(fast.data, plain.data)


def test_the_dense_blocks_hold_the_exact_parts():
    """dense.both_directions takes every part straight from scikit-learn's sparse-to-dense product: each cell must be
    bit for bit what products.row_dots (scipy's row-wise product, the single path's order) computes."""
    from matchmaker.matching import dense

    docs, projects = _wordy_directory()
    matcher = Matcher().fit(docs, projects)
    index, net = matcher.index_, matcher.network_
    one, two = matcher.side(COMPANY), matcher.side(RESEARCH)
    a, b = np.repeat(one.rows, two.rows.size), np.tile(two.rows, one.rows.size)
    for left, right, product in ((index.seek_, index.offer_, dense._dense(one.seeks, two.offers.T.tocsr())),
                                 (index.offer_, index.seek_, dense._dense(one.offers, two.seeks.T.tocsr())),
                                 (index.seek_, net.track_, dense._dense(one.seeks, two.tracks.T.tocsr())),
                                 (net.partners_, net.discounted_,
                                  dense._dense(net.partners_[one.rows], two.partners.T.tocsr()))):
        assert np.array_equal(product.ravel(), products.row_dots(left, right, a, b))


def test_dense_and_sparse_candidates_give_the_same_lists_also_among_many_ties(monkeypatch):
    """Duplicated profiles tie on every part: Matcher.rank_many decides among near-ties beyond its window, so the
    rebuild ranks such sources alone; the dense path, the sparse top-k path and rank_many agree exactly."""
    from matchmaker.matching import dense

    docs, projects = _wordy_directory()
    rich = " ".join(d.offer for d in docs[:20:2])  # 30 research twins near the top of most companies' lists
    twins = [ProfileDoc(f"t{i:03}", RESEARCH, offer=rich, seek=rich, projects=frozenset(sorted(projects)[:3]),
                        activity=9) for i in range(30)]
    matcher = Matcher().fit(docs + twins, projects)
    lists = [("tech-transfer", COMPANY), ("tech-transfer", RESEARCH)]
    crowded = dense._crowded
    seen = []
    monkeypatch.setattr(dense, "_crowded", lambda *args: seen.append(crowded(*args).sum()) or crowded(*args))
    fast = batch.ranked_lists(matcher, lists, top=10)
    slow = batch._sparse_lists(matcher, lists, top=10, threads=1)
    assert seen[0] > 30  # most companies' near-ties go on beyond the window: ranked alone
    for (kind, _), one, other in zip(lists, fast, slow):
        rebuilt = one.lists()
        assert rebuilt == other.lists() == matcher.rank_many(list(rebuilt), kind, top=10)


def test_sources_below_the_threshold_get_their_pairs_from_their_own_rows(monkeypatch):
    """With a threshold above the top-th score of half the sources, those sources' pairs come from their own dense
    rows (dense._alone): the lists stay those of rank_many."""
    from matchmaker.matching import dense

    docs, projects = _wordy_directory()
    matcher = Matcher().fit(docs, projects)
    monkeypatch.setattr(dense, "QUANTILE", 0.5)
    short = []
    alone = dense._alone

    def spy(matcher, blocks, sources, top):
        short.append(sources.size)
        return alone(matcher, blocks, sources, top)

    monkeypatch.setattr(dense, "_alone", spy)
    lists = [("tech-transfer", COMPANY), ("tech-transfer", RESEARCH)]
    for (kind, _), ranked in zip(lists, batch.ranked_lists(matcher, lists, top=10)):
        rebuilt = ranked.lists()
        assert rebuilt == matcher.rank_many(list(rebuilt), kind, top=10)
    assert min(short) >= 20
