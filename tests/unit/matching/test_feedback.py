"""The feedback re-ranking: a Rocchio move towards interested partners, away from declined ones."""
from __future__ import annotations

import numpy as np
from scipy import sparse

from matchmaker.matching.feedback import Answer, FeedbackWeights, adjustments, rerank


def rows(*vectors) -> sparse.csr_matrix:
    m = np.array(vectors, dtype=float)
    return sparse.csr_matrix(m / np.linalg.norm(m, axis=1, keepdims=True))


# Three topics: organoids, cardiology, software.
ORGANOID, CARDIO, SOFTWARE = [1, 0, 0], [0, 1, 0], [0, 0, 1]
CANDIDATES = rows([0.2, 1, 0], [1, 0.2, 0], [0.1, 0, 1])  # cardio-ish, organoid-ish, software-ish
IDS, SCORES = ["cardio", "organoid", "software"], [0.30, 0.29, 0.28]


def test_no_answers_changes_nothing():
    assert not adjustments(CANDIDATES, rows(ORGANOID), []).any()
    assert [i for i, _ in rerank(IDS, SCORES, CANDIDATES, rows(ORGANOID), [])] == IDS


def test_interest_pulls_similar_partners_up():
    order = rerank(IDS, SCORES, CANDIDATES, rows(ORGANOID), [Answer(0, "interested")])
    assert order[0][0] == "organoid"


def test_a_decline_pushes_similar_partners_down_and_not_relevant_pushes_harder():
    plain = adjustments(CANDIDATES, rows(CARDIO), [Answer(0, "declined", "too_early")])
    harsh = adjustments(CANDIDATES, rows(CARDIO), [Answer(0, "declined", "not_relevant")])
    assert plain[0] < 0 and harsh[0] < plain[0]  # the cardio candidate loses most
    assert harsh[2] == plain[2]  # the software candidate is not near the declined partner: no penalty
    order = rerank(IDS, SCORES, CANDIDATES, rows(CARDIO), [Answer(0, "declined", "not_relevant")])
    assert order[-1][0] == "cardio"


def test_it_is_rocchio_on_dot_products():
    answered = rows(ORGANOID, SOFTWARE)
    w = FeedbackWeights(beta=0.5, gamma=0.25, penalty=0.0)
    got = adjustments(CANDIDATES, answered, [Answer(0, "interested"), Answer(1, "declined", "too_late")], w)
    dense = CANDIDATES.toarray()
    expected = 0.5 * dense @ answered.toarray()[0] - 0.25 * dense @ answered.toarray()[1]
    assert np.allclose(got, expected)


def test_ties_keep_the_given_order():
    order = rerank(["a", "b"], [0.1, 0.1], rows(SOFTWARE, SOFTWARE), rows(ORGANOID), [Answer(0, "interested")])
    assert [i for i, _ in order] == ["a", "b"]
