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


def test_cross_check_chooses_on_one_half_and_measures_on_the_other():
    from matchmaker.matching.evaluate import cross_check

    truth = {f"q{i}": {"hit"} for i in range(12)}
    good_on_even = {q: ["hit"] if int(q[1:]) % 2 == 0 else ["miss", "miss2", "hit"] for q in truth}
    good_on_odd = {q: ["hit"] if int(q[1:]) % 2 else ["miss", "miss2", "hit"] for q in truth}
    baseline = {q: ["miss", "hit"] for q in truth}
    rows = cross_check({"even": good_on_even, "odd": good_on_odd}, ["even", "odd"], {"base": baseline}, truth,
                       splits=4)
    assert len(rows) == 8
    for row in rows:
        # the variant chosen on the other half is measured here: its MRR follows that half's share of its queries
        assert row["variant"] in ("even", "odd") and 0.0 < row["engine"]["MRR"] <= 1.0
        assert row["base"]["MRR"] == 0.5
    # a variant that is never allowed is never chosen, however good
    only_odd = cross_check({"even": good_on_even, "odd": good_on_odd}, ["odd"], {"base": baseline}, truth, splits=2)
    assert {row["variant"] for row in only_odd} == {"odd"}
    for first, second in zip(rows[::2], rows[1::2]):  # one halving, both ways: the two halves part the queries
        assert set(first["measured_on"]) | set(second["measured_on"]) == set(truth)
        assert not set(first["measured_on"]) & set(second["measured_on"])
        chosen_on = set(truth) - set(first["measured_on"])  # the variant chosen is the better one there
        assert first["variant"] == ("even" if sum(int(q[1:]) % 2 == 0 for q in chosen_on) * 2 >= len(chosen_on)
                                    else "odd") or sum(int(q[1:]) % 2 == 0 for q in chosen_on) * 2 == len(chosen_on)
    assert rows == cross_check({"even": good_on_even, "odd": good_on_odd}, ["even", "odd"], {"base": baseline}, truth,
                               splits=4)  # seeded


def test_margin_is_a_paired_bootstrap_over_the_queries():
    from matchmaker.matching.evaluate import margin, metrics, per_query

    truth = {f"q{i}": {"hit"} for i in range(20)}
    first = {q: ["hit", "miss"] for q in truth}
    second = {q: ["miss", "hit"] for q in truth}
    values = per_query(second, truth)
    assert set(values) == set(truth) and all(v["MRR"] == 0.5 and v["recall@10"] == 1.0 for v in values.values())
    assert metrics(second, truth)["MRR"] == 0.5
    assert margin(first, second, truth, "MRR") == (0.5, 0.5, 0.5, 1.0)  # ahead on every query: no spread
    mixed = {q: first[q] if int(q[1:]) % 2 else second[q] for q in truth}
    mean, low, high, ahead = margin(mixed, second, truth, "MRR")
    assert mean == 0.25 and 0.0 < low < 0.25 < high < 0.5 and ahead == 1.0
    mean, low, high, ahead = margin(second, mixed, truth, "MRR")
    assert mean == -0.25 and ahead == 0.0
    assert margin(mixed, second, truth, "recall@10")[:3] == (0.0, 0.0, 0.0)  # same recall on every query
    assert margin(mixed, second, truth, "MRR", seed=5) == margin(mixed, second, truth, "MRR", seed=5)  # seeded
