"""The CORDIS evaluation: history imported into a fresh database, future collaborations as ground truth."""
from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from matchmaker.extensions import db
from matchmaker.matching import evaluate
from matchmaker.matching.documents import ProfileDoc
from matchmaker.matching.rank import Matcher
from matchmaker.matching.scoring import ScoreWeights
from matchmaker.models import Organisation
from matchmaker.services.cordis import PIC_RE
from matchmaker.services.matching import profile_docs

RESEARCH_TYPES = {"REC", "HES"}


@dataclass
class CordisTask:
    """Queries (companies), candidates (research organisations), exclusions and ground truth."""

    docs: list[ProfileDoc]
    queries: list[str]
    candidates: list[str]
    excluded: dict[str, set[str]]
    truth: dict[str, set[str]]


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


def build_task(future: Path) -> CordisTask:
    """From the imported history in the database and a future folder."""
    docs = profile_docs()
    activity_type = dict(db.session.execute(
        db.select(Organisation.external_id, Organisation.cordis_activity_type)
        .where(Organisation.external_id.is_not(None))).all())
    companies = sorted(d.id for d in docs if activity_type.get(d.id) == "PRC")
    candidates = sorted(d.id for d in docs if activity_type.get(d.id) in RESEARCH_TYPES)
    candidate_set = set(candidates)
    history = {d.id: set(d.partners) for d in docs}
    later = future_partners(future)
    truth = {c: (later.get(c, set()) & candidate_set) - history.get(c, set()) for c in companies}
    truth = {c: t for c, t in truth.items() if t}
    return CordisTask(docs, sorted(truth), candidates, {q: history.get(q, set()) for q in truth}, truth)


def engine_ranking(task: CordisTask, weights: ScoreWeights) -> evaluate.Ranking:
    """Our engine: every query company's ranking over the research candidates."""
    matcher = Matcher(weights=weights, candidates=len(task.candidates)).fit(task.docs)
    return {q: [m.target for m in matcher.rank(q, "tech-transfer", top=len(task.candidates))] for q in task.queries}


def run(task: CordisTask, weights: ScoreWeights, seeds: int = 5) -> dict[str, dict[str, float]]:
    """Our engine and the baselines, measured on the same queries and candidates."""
    texts = {d.id: f"{d.offer} {d.seek} {d.keywords}" for d in task.docs}
    activity = {d.id: d.activity for d in task.docs}
    t = task
    return {
        "random": evaluate.mean_metrics([evaluate.metrics(evaluate.random_baseline(t.queries, t.candidates,
                                                                                   t.excluded, s), t.truth)
                                         for s in range(seeds)]),
        "popularity": evaluate.metrics(evaluate.popularity_baseline(t.queries, activity, t.candidates, t.excluded),
                                       t.truth),
        "tf-idf cosine": evaluate.metrics(evaluate.tfidf_baseline(texts, t.queries, t.candidates, t.excluded),
                                          t.truth),
        "bm25": evaluate.metrics(evaluate.bm25_baseline(texts, t.queries, t.candidates, t.excluded), t.truth),
        "matchmaker": evaluate.metrics(engine_ranking(t, weights), t.truth),
    }
