"""The feedback evaluation: a user marks the first page from the truth; how good is the next page, before/after."""
from __future__ import annotations

from dataclasses import dataclass

from matchmaker.matching import evaluate
from matchmaker.matching.feedback import NOT_RELEVANT, Answer, FeedbackWeights, rerank
from matchmaker.matching.rank import Matcher
from matchmaker.matching.scoring import ScoreWeights
from matchmaker.services.matching_eval import CordisTask

PAGE = 10
POOL = 200  # candidates kept per company: the ones the next page may be drawn from (before and after alike)
VARIANTS = {
    "after feedback (the rule)": FeedbackWeights(),
    "  interested only": FeedbackWeights(gamma=0.0, penalty=0.0),
    "  without the not_relevant penalty": FeedbackWeights(penalty=0.0),
}


@dataclass
class FeedbackResult:
    """Metrics of the rest of each ranking (after the first page), before and with each variant's feedback."""

    queries: int
    measured: dict[str, dict[str, float]]


def simulate(task: CordisTask, weights: ScoreWeights = ScoreWeights(), page: int = PAGE,
             pool: int = POOL) -> FeedbackResult:
    """For each company with future partners beyond the first page: answer the first `page` suggestions from the
    truth (a future partner: interested; any other: declined as not relevant), re-rank the rest of the pool."""
    matcher = Matcher(weights=weights).fit(task.docs, task.projects)
    wanted = set(task.candidates)
    ranked = matcher.rank_many(task.queries, "tech-transfer", top=pool + 50)
    vectors, position = matcher.index_.offer_, matcher.index_.position_
    before: evaluate.Ranking = {}
    after: dict[str, evaluate.Ranking] = {name: {} for name in VARIANTS}
    truth: dict[str, set[str]] = {}
    for q in task.queries:
        matches = [m for m in ranked[q] if m.target in wanted][:pool]
        first, rest = matches[:page], matches[page:]
        remaining = task.truth[q] - {m.target for m in first}
        if not remaining or not rest:
            continue
        truth[q] = remaining
        before[q] = [m.target for m in rest]
        answers = [Answer(i, "interested" if m.target in task.truth[q] else "declined",
                          None if m.target in task.truth[q] else NOT_RELEVANT) for i, m in enumerate(first)]
        candidates = vectors[[position[m.target] for m in rest]]
        answered = vectors[[position[m.target] for m in first]]
        for name, fw in VARIANTS.items():
            order = rerank([m.target for m in rest], [m.score for m in rest], candidates, answered, answers, fw)
            after[name][q] = [target for target, _ in order]
    measured = {"before feedback": evaluate.metrics(before, truth, k=page)}
    measured.update({name: evaluate.metrics(ranking, truth, k=page) for name, ranking in after.items()})
    return FeedbackResult(len(truth), measured)
