"""The half-sample check of evaluate-cordis: each method measured on the same random halves of the queries."""
from types import SimpleNamespace

from matchmaker.services.matching_eval import halves


def test_halves_measure_every_ranked_method_on_the_same_queries():
    truth = {f"q{i}": {"hit"} for i in range(10)}
    task = SimpleNamespace(queries=sorted(truth), truth=truth)
    perfect = {q: ["hit", "miss"] for q in truth}
    half_right = {q: ["hit"] if int(q[1:]) % 2 else ["miss", "hit"] for q in truth}
    samples = halves(task, {"perfect": perfect, "other": half_right, "random": None}, samples=3)
    assert len(samples) == 3 and all(set(s) == {"perfect", "other"} for s in samples)
    assert all(s["perfect"]["MRR"] == 1.0 and s["other"]["MRR"] < 1.0 for s in samples)
    assert samples == halves(task, {"perfect": perfect, "other": half_right}, samples=3)  # seeded
