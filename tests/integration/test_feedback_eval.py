"""The evaluate-feedback simulation: answers on the first page from the truth, the next page measured."""
from __future__ import annotations

import numpy as np

from matchmaker.matching.documents import COMPANY, RESEARCH, ProfileDoc
from matchmaker.services.feedback_eval import simulate
from matchmaker.services.matching_eval import CordisTask

TOPICS = {"cardio": "cardiac arrhythmia catheter ablation electrophysiology heart rhythm",
          "liver": "liver hepatocyte organoid toxicology hepatic fibrosis",
          "brain": "neuron glia cortex epilepsy neural circuits"}


def task() -> CordisTask:
    research = []
    for topic, words in TOPICS.items():
        for i in range(8):
            # Each lab mentions its own topic and a little of a shared vocabulary that blurs the first ranking.
            research.append(ProfileDoc(f"{topic}{i}", RESEARCH, offer=f"{words} {'biomarkers assays ' * (i % 3)} "
                                       f"lab number {i} clinical translational research"))
    company = ProfileDoc("acme", COMPANY, seek="biomarkers assays clinical translational research heart liver brain")
    docs = [company, *research]
    truth = {"acme": {f"cardio{i}" for i in range(8)}}
    return CordisTask(docs, ["acme"], ["acme"], [d.id for d in research], {"acme": set()}, truth, {},
                      {d.id: np.zeros(1) for d in docs}, 0)


def test_interest_in_first_page_partners_lifts_their_kind_on_the_next_page(app):
    result = simulate(task(), page=4, pool=20)
    assert result.queries == 1
    before, after = result.measured["before feedback"], result.measured["after feedback (the rule)"]
    assert set(before) == {"recall@10", "hit@10", "MRR", "nDCG@10"}
    assert before["recall@10"] < 1 and after["recall@10"] > before["recall@10"]
    assert after["nDCG@10"] > before["nDCG@10"] and after["MRR"] >= before["MRR"]
