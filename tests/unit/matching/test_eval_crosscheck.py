"""The cross-check's grid of blends ranks exactly as the engine does for the same weights."""
from dataclasses import replace

import numpy as np

from matchmaker.matching.documents import COMPANY, RESEARCH, ProfileDoc
from matchmaker.matching.scoring import ScoreWeights
from matchmaker.services import matching_crosscheck
from matchmaker.services.matching_eval import CordisTask, engine_ranking
from tests.unit.matching.corpus import FILLER

TOPICS = ["antibody engineering for oncology", "retinal imaging for neurology", "vaccine adjuvants for infections",
          "wearable sensors for cardiology", "gene therapy for rare diseases"]


def _task() -> CordisTask:
    projects = {f"p{i}": f"Project on {topic} with clinical partners." for i, topic in enumerate(TOPICS)}
    research = [ProfileDoc(f"r{i}", RESEARCH, offer=f"We study {TOPICS[i % 5]} and {TOPICS[(i + 2) % 5]}.",
                           projects=frozenset({f"p{i % 5}", f"p{(i + 1) % 5}"} if i % 2 else {f"p{i % 5}"}),
                           activity=1 + i % 3, partners=frozenset({f"c{(i + 1) % 4}"}))
                for i in range(8)]
    companies = [ProfileDoc(f"c{i}", COMPANY, offer=f"A company working on {TOPICS[i]}.",
                            partners=frozenset({f"r{j}" for j in range(8) if (j + 1) % 4 == i}),
                            projects=frozenset({f"p{i}"}), activity=1) for i in range(4)]
    docs = research + companies + FILLER
    truth = {"c0": {"r2"}, "c1": {"r3", "r5"}, "c2": {"r4"}}
    return CordisTask(docs, sorted(truth), [c.id for c in companies], [r.id for r in research],
                      {c.id: set(c.partners) for c in companies}, truth, projects,
                      {d.id: np.ones(2) / 2 for d in docs}, 0)


def test_every_blend_ranks_as_the_engine_with_those_weights():
    task = _task()
    weights = {"present": ScoreWeights(), "activity first": replace(ScoreWeights(), standing=2.0),
               "text alone": replace(ScoreWeights(), prior=0.01, standing=0.0, network=0.0)}
    grid = matching_crosscheck.grid_rankings(task, weights)
    for label, w in weights.items():
        assert grid[label] == engine_ranking(task, w)
    assert all(not set(grid["present"][q]) & task.excluded[q] for q in task.companies)  # past partners left out
    assert grid["activity first"] != grid["text alone"]  # the weights matter here


def test_the_grid_holds_the_present_rule():
    assert ScoreWeights() in matching_crosscheck.blends().values()
    assert len(matching_crosscheck.blends()) == np.prod([len(v) for v in matching_crosscheck.GRID.values()])
