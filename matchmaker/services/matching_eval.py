"""The CORDIS evaluation: history imported into a fresh database, future collaborations as ground truth."""
from __future__ import annotations

import csv
import random
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from matchmaker.extensions import db
from matchmaker.matching import evaluate
from matchmaker.matching.documents import COMPANY, ProfileDoc
from matchmaker.matching.rank import Matcher
from matchmaker.matching.scoring import ScoreWeights
from matchmaker.models import Organisation
from matchmaker.services.cordis import PIC_RE
from matchmaker.services.matching import profile_docs, project_texts

RESEARCH_TYPES = {"REC", "HES"}
HEALTH = "Cluster Health"


@dataclass
class CordisTask:
    """Queries (companies with future collaborations), every company, candidates, exclusions, ground truth."""

    docs: list[ProfileDoc]
    queries: list[str]
    companies: list[str]
    candidates: list[str]
    excluded: dict[str, set[str]]
    truth: dict[str, set[str]]
    projects: dict[str, str]
    clusters: dict[str, np.ndarray]  # organisation -> share of its history projects in each cluster
    health: int  # index of the health cluster in those distributions


def future_partners(folder: Path) -> dict[str, set[str]]:
    """PIC -> PICs of organisations it shares a project with in `folder`."""
    by_project: dict[str, set[str]] = defaultdict(set)
    with (folder / "organizations.csv").open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="|"):
            match = PIC_RE.search((row.get("contactForm") or "").strip())
            if match:
                by_project[row["projectID"].strip()].add(match.group(1))
    partners: dict[str, set[str]] = defaultdict(set)
    for members in by_project.values():
        for a in members:
            partners[a] |= members - {a}
    return partners


def cluster_distributions(history: Path, docs: list[ProfileDoc]) -> tuple[dict[str, np.ndarray], int]:
    """Each organisation's distribution of its history projects over the `cluster` column of projects.csv."""
    with (history / "projects.csv").open(encoding="utf-8", newline="") as fh:
        cluster = {row["id"].strip(): (row.get("cluster") or "").strip() for row in csv.DictReader(fh, delimiter="|")}
    names = sorted(set(cluster.values()) | {HEALTH})
    column = {name: i for i, name in enumerate(names)}
    result = {}
    for doc in docs:
        counts = Counter(cluster[p] for p in doc.projects if p in cluster)
        vector = np.zeros(len(names))
        for name, count in counts.items():
            vector[column[name]] = count
        result[doc.id] = vector / vector.sum() if vector.sum() else vector
    return result, column[HEALTH]


def build_task(history: Path, future: Path) -> CordisTask:
    """From the imported history in the database, its folder (for the clusters) and a future folder."""
    docs = profile_docs()
    activity_type = dict(db.session.execute(
        db.select(Organisation.external_id, Organisation.cordis_activity_type)
        .where(Organisation.external_id.is_not(None))).all())
    companies = sorted(d.id for d in docs if activity_type.get(d.id) == "PRC" and d.side == COMPANY)
    candidates = sorted(d.id for d in docs if activity_type.get(d.id) in RESEARCH_TYPES)
    candidate_set = set(candidates)
    history_partners = {d.id: set(d.partners) for d in docs}
    later = future_partners(future)
    truth = {c: (later.get(c, set()) & candidate_set) - history_partners.get(c, set()) for c in companies}
    truth = {c: t for c, t in truth.items() if t}
    clusters, health = cluster_distributions(history, docs)
    return CordisTask(docs, sorted(truth), companies, candidates,
                      {q: history_partners.get(q, set()) for q in companies}, truth, project_texts(), clusters, health)


def engine_ranking(task: CordisTask, weights: ScoreWeights) -> evaluate.Ranking:
    """Our engine: every company's ranking over the research candidates."""
    matcher = Matcher(weights=weights).fit(task.docs, task.projects)
    wanted = set(task.candidates)
    ranked = matcher.rank_many(task.companies, "tech-transfer", top=len(task.docs))
    return {q: [m.target for m in ranked[q] if m.target in wanted] for q in task.companies}


def run(task: CordisTask, weights: ScoreWeights, seeds: int = 5) -> dict[str, dict[str, float]]:
    """Our engine and every baseline, measured on the same companies and candidates: accuracy on the companies
    with future collaborations, topical fit over every company."""
    return {method: measured for method, (measured, _) in run_with_rankings(task, weights, seeds).items()}


def run_with_rankings(task: CordisTask, weights: ScoreWeights,
                      seeds: int = 5) -> dict[str, tuple[dict[str, float], evaluate.Ranking | None]]:
    """run(), with each method's ranking (None for random, a mean over seeds) for the half-sample check."""
    texts = {d.id: f"{d.offer} {d.seek} {d.keywords}" for d in task.docs}
    activity = {d.id: d.activity for d in task.docs}
    t = task

    def measure(ranking: evaluate.Ranking) -> tuple[dict[str, float], evaluate.Ranking]:
        return {**evaluate.metrics(ranking, t.truth), **evaluate.topical_fit(ranking, t.clusters, t.health)}, ranking

    return {
        "random": (evaluate.mean_metrics([measure(evaluate.random_baseline(t.companies, t.candidates, t.excluded,
                                                                           s))[0] for s in range(seeds)]), None),
        "popularity": measure(evaluate.popularity_baseline(t.companies, activity, t.candidates, t.excluded)),
        "tf-idf cosine": measure(evaluate.tfidf_baseline(texts, t.companies, t.candidates, t.excluded)),
        "bm25": measure(evaluate.bm25_baseline(texts, t.companies, t.candidates, t.excluded)),
        "tf-idf x (1+ln(1+projects))": measure(
            evaluate.tfidf_popularity_baseline(texts, activity, t.companies, t.candidates, t.excluded)),
        "matchmaker": measure(engine_ranking(t, weights)),
    }


def prior_variants(task: CordisTask, weights: ScoreWeights,
                   tfidf_popularity: evaluate.Ranking) -> dict[str, evaluate.Ranking]:
    """What folding the popularity baseline's prior into the engine would do (an investigation, not the ranking
    rule): the engine's score × (1 + g · standing), standing = ln(1 + projects) / ln(1 + the most projects), for
    g = 1 and 2, and reciprocal-rank fusion (k = 60) of the engine with TF-IDF × (1 + ln(1 + projects))."""
    matcher = Matcher(weights=weights).fit(task.docs, task.projects)
    wanted = set(task.candidates)
    ranked = matcher.rank_many(task.companies, "tech-transfer", top=len(task.docs))
    standing = matcher.network_.standing_
    result: dict[str, evaluate.Ranking] = {}
    for g in (1, 2):
        result[f"engine x (1 + {g} standing)"] = {q: [m.target for m in sorted(
            (m for m in ranked[q] if m.target in wanted),
            key=lambda m: (-m.score * (1 + g * float(standing[matcher.index_.position_[m.target]])), m.target))]
            for q in task.companies}
    engine = {q: [m.target for m in ranked[q] if m.target in wanted] for q in task.companies}
    fused = {}
    for q in task.companies:
        score: dict[str, float] = defaultdict(float)
        for ranking in (engine, tfidf_popularity):
            for place, target in enumerate(ranking.get(q, [])):
                score[target] += 1 / (61 + place)
        fused[q] = sorted(score, key=lambda t: (-score[t], t))
    result["RRF(engine, tf-idf x pop)"] = fused
    return result


def margins(task: CordisTask, ours: evaluate.Ranking, baselines: dict[str, evaluate.Ranking]) -> list[str]:
    """Our recall@10 and MRR margins over each baseline, with a paired bootstrap over the companies (95 % interval
    and the share of resamples where we are ahead): how far a margin stands from the noise of this many
    companies."""
    lines = [f"\nmargin over each baseline, paired bootstrap over the {len(task.queries)} companies "
             "(95 % interval; share of resamples ahead):"]
    for name, theirs in baselines.items():
        cells = []
        for metric in ("recall@10", "MRR"):
            mean, low, high, ahead = evaluate.margin(ours, theirs, task.truth, metric)
            cells.append(f"{metric} {mean:+.3f} [{low:+.3f}, {high:+.3f}] {ahead:4.0%}")
        lines.append(f"  {name:28} " + "   ".join(cells))
    return lines


def halves(task: CordisTask, rankings: dict[str, evaluate.Ranking | None], samples: int = 3,
           seed: int = 1) -> list[dict[str, dict[str, float]]]:
    """recall@10 and MRR of every ranked method on `samples` random halves of the queries (margins vs noise)."""
    rng = random.Random(seed)
    result = []
    for _ in range(samples):
        half = rng.sample(task.queries, len(task.queries) // 2)
        truth = {q: task.truth[q] for q in half}
        result.append({method: evaluate.metrics(ranking, truth) for method, ranking in rankings.items()
                       if ranking is not None})
    return result


def half_losses(task: CordisTask, ours: evaluate.Ranking, rival: evaluate.Ranking, show: int = 8,
                seed: int = 1) -> list[str]:
    """The queries that cost us most MRR against `rival` on the half (of halves()) where we lose most: each
    with the rank of its first later partner in both rankings and that partner's number of projects."""
    rng = random.Random(seed)
    samples = [rng.sample(task.queries, len(task.queries) // 2) for _ in range(3)]
    projects = {d.id: d.activity for d in task.docs}

    def first(ranking: evaluate.Ranking, q: str) -> tuple[float, int | None, str]:
        for place, target in enumerate(ranking.get(q, []), start=1):
            if target in task.truth[q]:
                return 1 / place, place, target
        return 0.0, None, ""

    def loss(half: list[str]) -> float:
        return sum(first(rival, q)[0] - first(ours, q)[0] for q in half)

    worst = max(range(len(samples)), key=lambda i: loss(samples[i]))
    rows = sorted(((first(rival, q)[0] - first(ours, q)[0], q) for q in samples[worst]), reverse=True)[:show]
    lines = [f"\nhalf {worst + 1}: the queries that cost most MRR against tf-idf x (1+ln(1+projects)) "
             "(query: our rank / its rank of the first later partner, that partner's projects)"]
    for delta, q in rows:
        _, mine, _ = first(ours, q)
        _, theirs, partner = first(rival, q)
        lines.append(f"  {q}: {mine} / {theirs} ({projects.get(partner, 0)} projects)  MRR loss {delta:.3f}")
    return lines
