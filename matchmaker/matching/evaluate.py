"""Ranking metrics and the baselines the engine is compared with in the same run."""
from __future__ import annotations

import math
import random
from collections.abc import Callable

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

Ranking = dict[str, list[str]]  # query -> ranked candidate ids


def metrics(rankings: Ranking, truth: dict[str, set[str]], k: int = 10) -> dict[str, float]:
    """recall@k, hit@k, MRR (over the whole ranking) and nDCG@k, averaged over queries with ground truth."""
    recall = hit = mrr = ndcg = 0.0
    queries = [q for q in truth if truth[q]]
    for q in queries:
        ranked, relevant = rankings.get(q, []), truth[q]
        top = ranked[:k]
        found = sum(1 for c in top if c in relevant)
        recall += found / len(relevant)
        hit += found > 0
        first = next((i for i, c in enumerate(ranked) if c in relevant), None)
        mrr += 1 / (first + 1) if first is not None else 0
        dcg = sum(1 / math.log2(i + 2) for i, c in enumerate(top) if c in relevant)
        ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), k)))
        ndcg += dcg / ideal
    n = max(1, len(queries))
    return {"recall@10": recall / n, "hit@10": hit / n, "MRR": mrr / n, "nDCG@10": ndcg / n}


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
                   excluded: dict[str, set[str]]) -> Ranking:
    """scikit-learn's default TfidfVectorizer and cosine similarity: the plain baseline."""
    vectorizer = TfidfVectorizer().fit([texts[i] for i in set(queries) | set(candidates)])
    matrix = normalize(vectorizer.transform([texts[c] for c in candidates]))
    query_matrix = normalize(vectorizer.transform([texts[q] for q in queries]))
    sims = (query_matrix @ matrix.T).toarray()
    rows = {q: dict(zip(candidates, sims[i])) for i, q in enumerate(queries)}
    return rank_by(lambda q: rows[q], queries, excluded)


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
