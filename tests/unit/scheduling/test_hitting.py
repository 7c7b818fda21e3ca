"""Implicit hitting sets (hitting.few_breaks) against brute force, and their place in the RC2 process."""
from __future__ import annotations

import pytest
from pysat.solvers import Solver

from matchmaker.scheduling import hitting, maxsat
from matchmaker.scheduling.encoding import ENCODINGS, SAT_SOLVER, Encoding
from matchmaker.scheduling.quality import total_breaks
from tests.unit.scheduling.test_maxsat import brute_force, small_event
from tests.unit.scheduling.test_rc2lns import Sink


def violated(model: list[int], soft: list[int]) -> int:
    return len(set(soft) - set(model))


@pytest.mark.parametrize("seed", range(40))
def test_few_breaks_finds_the_restricted_optimum_or_says_it_is_above_the_cap(seed):
    instance = small_event(seed)
    encoding = Encoding(instance, list(range(len(instance.meetings))), **ENCODINGS["restricted-totalizer"])
    soft = [clause[0] for clause in encoding.wcnf.soft]
    expected = brute_force(instance, at_most_one_break_each=True)
    for cap in (0, 1, 2, 99):
        with Solver(name=SAT_SOLVER, bootstrap_with=encoding.wcnf.hard) as oracle:
            found = hitting.few_breaks(oracle, soft, cap)
        if expected is None:  # told at once when refuted without assumptions; else RC2 decides (None)
            assert found == hitting.UNSATISFIABLE or (found is None and cap < len(soft))
        elif expected > cap:
            assert found is None
        else:
            assert violated(found, soft) == expected
            assert total_breaks(instance, encoding.decode(found)) == expected


def test_the_small_events_cover_every_outcome():
    optima = {brute_force(small_event(seed), at_most_one_break_each=True) for seed in range(40)}
    assert None in optima and 0 in optima and 1 in optima and max(o for o in optima if o is not None) >= 2


def test_three_pairwise_exclusive_softs_need_two_violations():
    a, b, c = 1, 2, 3
    hard = [[-a, -b], [-b, -c], [-a, -c]]
    for cap, expected in ((0, None), (1, None), (2, 2), (5, 2)):
        with Solver(name=SAT_SOLVER, bootstrap_with=hard) as oracle:
            found = hitting.few_breaks(oracle, [a, b, c], cap)
        assert (found if found is None else violated(found, [a, b, c])) == expected
    with Solver(name=SAT_SOLVER, bootstrap_with=[[4], [-4]]) as oracle:
        assert hitting.few_breaks(oracle, [a, b, c], 5) == hitting.UNSATISFIABLE


def pigeonhole(pigeons: int, holes: int, first: int) -> list[list[int]]:
    """Unsatisfiable for more pigeons than holes, and only after many conflicts."""
    var = {(p, h): first + p * holes + h for p in range(pigeons) for h in range(holes)}
    return [[var[p, h] for h in range(holes)] for p in range(pigeons)] + [
        [-var[p, h], -var[q, h]] for h in range(holes) for p in range(pigeons) for q in range(p + 1, pigeons)]


def test_the_conflict_budget_hands_a_hard_refusal_over_to_rc2():
    s1, s2 = 1, 2  # not both without a break; with either, a pigeonhole (many conflicts) must be refuted
    hard = [[-s1, -s2]] + [[-s1, *c] for c in pigeonhole(8, 7, first=10)] + \
        [[-s2, *c] for c in pigeonhole(8, 7, first=100)]
    with Solver(name=SAT_SOLVER, bootstrap_with=hard) as oracle:
        assert hitting.few_breaks(oracle, [s1, s2], 5, max_conflicts=100) is None
    with Solver(name=SAT_SOLVER, bootstrap_with=hard) as oracle:
        found = hitting.few_breaks(oracle, [s1, s2], 5, max_conflicts=10**7)
        assert found is not None and violated(found, [s1, s2]) == 2


def test_the_first_call_is_never_cut_short():
    """It is RC2's own first call: a budget would only make RC2 redo it."""
    with Solver(name=SAT_SOLVER, bootstrap_with=pigeonhole(8, 7, first=10)) as oracle:
        assert hitting.few_breaks(oracle, [1, 2], 5, max_conflicts=1) == hitting.UNSATISFIABLE


@pytest.mark.parametrize("seed", range(40))
def test_the_rc2_process_asks_rc2_only_above_the_cap_and_sends_the_same_breaks(seed, monkeypatch):
    instance = small_event(seed)
    everyone = list(range(len(instance.meetings)))
    computed: list[int] = []

    class CountedRC2(maxsat.RC2):  # the process's RC2 only (the hitting-set solver runs an RC2 of its own)
        def compute(self):
            computed.append(1)
            return super().compute()

    monkeypatch.setattr(maxsat, "RC2", CountedRC2)
    with_ihs, without = Sink(), Sink()
    maxsat._search_child(instance, everyone, with_ihs)
    calls_with, cap = len(computed), hitting.MAX_COST
    monkeypatch.setattr(hitting, "MAX_COST", -1)  # RC2 alone, as before
    maxsat._search_child(instance, everyone, without)
    calls_without = len(computed) - calls_with
    sent = [[(status, slots and total_breaks(instance, slots)) for status, slots in sink.sent]
            for sink in (with_ihs, without)]
    assert sent[0] == sent[1]
    expected = brute_force(instance, at_most_one_break_each=True)
    # RC2 on the restricted form only when that has a schedule and its optimum is above the cap (the exact form's
    # RC2 runs either way unless there is no break at all).
    if expected is None:  # no restricted schedule: RC2 is spared only when IHS refuted it without assumptions
        assert calls_without - calls_with in (0, 1)
    else:
        assert calls_without - calls_with == (1 if expected <= cap else 0)
