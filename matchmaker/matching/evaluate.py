"""Ranking metrics and the baselines the engine is compared with in the same run."""
from __future__ import annotations

import math
import random
from collections.abc import Callable

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

Ranking = dict[str, list[str]]  # query -> ranked candidate ids


def per_query(rankings: Ranking, truth: dict[str, set[str]], k: int = 10) -> dict[str, dict[str, float]]:
    """recall@k, hit@k, reciprocal rank (over the whole ranking) and nDCG@k of each query with ground truth."""
    result = {}
    for q in (q for q in truth if truth[q]):
        ranked, relevant = rankings.get(q, []), truth[q]
        top = ranked[:k]
        found = sum(1 for c in top if c in relevant)
        first = next((i for i, c in enumerate(ranked) if c in relevant), None)
        dcg = sum(1 / math.log2(i + 2) for i, c in enumerate(top) if c in relevant)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), k)))
        result[q] = {"recall@10": found / len(relevant), "hit@10": float(found > 0),
                     "MRR": 1 / (first + 1) if first is not None else 0.0, "nDCG@10": dcg / ideal}
    return result


def metrics(rankings: Ranking, truth: dict[str, set[str]], k: int = 10) -> dict[str, float]:
    """recall@k, hit@k, MRR (over the whole ranking) and nDCG@k, averaged over queries with ground truth."""
    values = per_query(rankings, truth, k)
    n = max(1, len(values))
    return {key: sum(v[key] for v in values.values()) / n for key in ("recall@10", "hit@10", "MRR", "nDCG@10")}


def margin(ours: Ranking, theirs: Ranking, truth: dict[str, set[str]], metric: str, samples: int = 2000,
           seed: int = 0) -> tuple[float, float, float, float]:
    """Our metric minus theirs over the same queries, with a paired bootstrap over the queries: (margin, the
    2.5 % and 97.5 % quantiles of the resampled margins, the share of resamples where we are ahead)."""
    a, b = per_query(ours, truth), per_query(theirs, truth)
    diff = np.array([a[q][metric] - b[q][metric] for q in sorted(a)])
    if not diff.size:
        return 0.0, 0.0, 0.0, 0.0
    means = diff[np.random.default_rng(seed).integers(0, diff.size, (samples, diff.size))].mean(axis=1)
    return float(diff.mean()), float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975)), \
        float(np.mean(means > 0))


def rank_by(scores: Callable[[str], dict[str, float]], queries: list[str],
            excluded: dict[str, set[str]]) -> Ranking:
    """Rank every candidate by a score function, leaving out excluded pairs (already partners)."""
    result = {}
    for q in queries:
        s = scores(q)
        result[q] = [c for c, _ in sorted(s.items(), key=lambda kv: (-kv[1], kv[0])) if c not in excluded.get(q, ())]
    return result


def random_baseline(queries: list[str], candidates: list[str], excluded: dict[str, set[str]], seed: int = 0) -> Ranking:
    rng = random.Random(seed)
    return rank_by(lambda q: {c: rng.random() for c in candidates}, queries, excluded)


def popularity_baseline(queries: list[str], activity: dict[str, int], candidates: list[str],
                        excluded: dict[str, set[str]]) -> Ranking:
    return rank_by(lambda q: {c: activity.get(c, 0) for c in candidates}, queries, excluded)


def tfidf_baseline(texts: dict[str, str], queries: list[str], candidates: list[str],
                   excluded: dict[str, set[str]], scores_only: bool = False):
    """scikit-learn's default TfidfVectorizer and cosine similarity: the plain baseline."""
    vectorizer = TfidfVectorizer().fit([texts[i] for i in set(queries) | set(candidates)])
    matrix = normalize(vectorizer.transform([texts[c] for c in candidates]))
    query_matrix = normalize(vectorizer.transform([texts[q] for q in queries]))
    sims = (query_matrix @ matrix.T).toarray()
    rows = {q: dict(zip(candidates, sims[i])) for i, q in enumerate(queries)}
    return rows if scores_only else rank_by(lambda q: rows[q], queries, excluded)


def tfidf_popularity_baseline(texts: dict[str, str], activity: dict[str, int], queries: list[str],
                              candidates: list[str], excluded: dict[str, set[str]]) -> Ranking:
    """TF-IDF cosine × (1 + ln(1 + projects)): the one-line baseline that a popularity prior must beat."""
    plain = tfidf_baseline(texts, queries, candidates, excluded, scores_only=True)
    boost = {c: 1 + math.log1p(activity.get(c, 0)) for c in candidates}
    return rank_by(lambda q: {c: s * boost[c] for c, s in plain[q].items()}, queries, excluded)


def bm25_baseline(texts: dict[str, str], queries: list[str], candidates: list[str],
                  excluded: dict[str, set[str]]) -> Ranking:
    """BM25 (bm25s, English stop words) with the candidate texts as the corpus and each query's text as query."""
    import bm25s

    corpus = bm25s.tokenize([texts[c] for c in candidates], stopwords="en", show_progress=False)
    retriever = bm25s.BM25()
    retriever.index(corpus, show_progress=False)
    query_tokens = bm25s.tokenize([texts[q] for q in queries], stopwords="en", show_progress=False)
    docs, scores = retriever.retrieve(query_tokens, k=len(candidates), show_progress=False, n_threads=1)
    rows = {q: {candidates[int(d)]: float(s) for d, s in zip(docs[i], scores[i])} for i, q in enumerate(queries)}
    return rank_by(lambda q: rows[q], queries, excluded)


def mean_metrics(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: float(np.mean([r[key] for r in runs])) for key in runs[0]}


def topical_fit(rankings: Ranking, distributions: dict[str, np.ndarray], health: int, k: int = 10,
                ) -> dict[str, float]:
    """topical@k: mean cosine between a query's and each top-k partner's distribution of projects over clusters;
    health@k: over queries with >= 50 % of their projects in the health cluster (index `health`), the mean share
    of top-k partners with >= 50 % of theirs there."""
    cosines, shares = [], []
    for query, ranked in rankings.items():
        mine = distributions.get(query)
        if mine is None or not mine.any():
            continue
        top = [distributions[c] for c in ranked[:k] if c in distributions]
        cosines += [float(mine @ d / (np.linalg.norm(mine) * np.linalg.norm(d))) if d.any() else 0.0 for d in top]
        if mine[health] >= 0.5 and top:
            shares.append(float(np.mean([d[health] >= 0.5 for d in top])))
    return {"topical@10": float(np.mean(cosines)) if cosines else 0.0,
            "health@10": float(np.mean(shares)) if shares else 0.0}


def cross_check(variants: dict[str, Ranking], allowed: list[str], baselines: dict[str, Ranking],
                truth: dict[str, set[str]], splits: int = 10, seed: int = 3) -> list[dict[str, object]]:
    """Choose a variant on one half of the queries, measure it on the other, both ways, over `splits` random
    halvings: each row holds the variant chosen (the best recall@10 + MRR among `allowed` on the choosing half),
    its metrics and every baseline's on the measuring half. What a weight chosen on one set of companies is worth
    on companies it was not chosen on."""
    rng = random.Random(seed)
    queries = sorted(q for q in truth if truth[q])
    rows: list[dict[str, object]] = []
    for _ in range(splits):
        half = set(rng.sample(queries, len(queries) // 2))
        other = set(queries) - half
        for choose_on, measure_on in ((half, other), (other, half)):
            chosen = {q: truth[q] for q in choose_on}
            pick = max(allowed, key=lambda v: (sum(metrics(variants[v], chosen)[m] for m in ("recall@10", "MRR")), v))
            measured = {q: truth[q] for q in measure_on}
            rows.append({"variant": pick, "measured_on": sorted(measure_on),
                         "engine": metrics(variants[pick], measured),
                         **{name: metrics(ranking, measured) for name, ranking in baselines.items()}})
    return rows
