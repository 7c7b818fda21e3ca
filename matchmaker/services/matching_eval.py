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
