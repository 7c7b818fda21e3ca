"""Anytime use: solve() streams the constructive schedule, every better one, and the final (proved) result;
the fixed-meeting presolve; reasons as codes."""
from __future__ import annotations

from matchmaker.scheduling import solve, violations
from matchmaker.scheduling.cpsat import tier_weights
from matchmaker.scheduling.dzn import read_dzn
from matchmaker.scheduling.presolve import domains
from matchmaker.scheduling.reasons import describe
from matchmaker.scheduling.synthetic import with_fixed
from tests.conftest import udg_instance
from tests.unit.scheduling.helpers import make_instance


def test_improvements_are_streamed_each_better_and_valid_then_the_proof():
    # The constructive schedule has ~30 breaks; the local search streams better ones, RC2 proves 0 optimal
    # (1.6 s on the development machine; it returns as soon as it is proved).
    instance = read_dzn(udg_instance("tic-12crafc.original"))
    seen = []
    result = solve(instance, time_limit=8, on_improvement=seen.append)
    assert seen[0].status == "GREEDY" and seen[-1] is result and len(seen) >= 3
    assert result.status == "OPTIMAL" and result.report.total_breaks == 0
    weights = tier_weights(instance)
    keys = [(sum(weights[m] for m in r.schedule.placements), -r.report.total_breaks) for r in seen[:-1]]
    assert keys == sorted(set(keys))  # strictly better each time
    assert keys[-1] <= (sum(weights[m] for m in result.schedule.placements), -result.report.total_breaks)
    for streamed in seen:
        assert violations(streamed.schedule, instance) == []
        assert set(streamed.schedule.placements) | set(streamed.unplaced) == set(range(len(instance.meetings)))


def test_a_proof_is_streamed_as_the_last_result():
    instance = make_instance(4, [(0, 1), (2, 3), (0, 2), (1, 3), (0, 3), (1, 2)], n_slots=3, n_tables=2)
    seen = []
    result = solve(instance, time_limit=5, on_improvement=seen.append)
    assert seen[0].status == "GREEDY" and seen[-1] is result and result.status == "OPTIMAL"
    assert all(violations(r.schedule, instance) == [] for r in seen)


def test_presolve_removes_the_slots_fixed_meetings_take():
    base = make_instance(3, [(0, 1), (0, 2), (1, 2)], n_slots=3, n_tables=1)
    instance = with_fixed(base, {0: 1}, 1 / 3, seed=0)
    assert instance.meetings[0].fixed_slot == 1
    assert domains(instance, [0, 1, 2]) == [[1], [0, 2], [0, 2]]  # participant 0 and 1 are taken, and the table
    assert domains(instance, [1, 2]) == [[1], [0, 1, 2], [0, 1, 2]]  # the fixed meeting may be left out


def test_reasons_are_codes_with_an_english_wording():
    assert describe(("participant_at_max", {"participant": 3, "max": 6})) == \
        "participant 3 already has their maximum of 6 meetings"
    assert describe(("slots_taken", {"slots": 2, "causes": [("no_table", 1), ("participant_busy", 1)]})) == \
        "all 2 common available slot(s) are taken: no table left in 1; a participant is already in another meeting in 1"
