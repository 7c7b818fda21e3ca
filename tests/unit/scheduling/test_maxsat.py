"""The MaxSAT encodings against brute force on small random events (the implied constraints must cut no schedule)."""
from __future__ import annotations

import itertools
import os
import random
import subprocess
import sys
import time

import pytest
from pysat.examples.rc2 import RC2
from pysat.solvers import Solver

from matchmaker.scheduling import Meeting, Priority, Slot, violations
from matchmaker.scheduling import descent, maxsat, placement
from matchmaker.scheduling.cpsat import tier_weights
from matchmaker.scheduling.encoding import ENCODINGS, SAT_SOLVER, Encoding
from matchmaker.scheduling.greedy import assign_tables
from matchmaker.scheduling.model import Placement, Schedule
from matchmaker.scheduling.quality import breaks_of, busy_slots, total_breaks
from matchmaker.scheduling.synthetic import synthetic_event
from tests.unit.scheduling.helpers import make_instance


def small_event(seed: int):
    rng = random.Random(seed)
    n, n_slots = rng.randint(3, 5), rng.randint(4, 6)
    pairs = sorted({tuple(sorted(rng.sample(range(n), 2))) for _ in range(rng.randint(4, 7))})
    slots = tuple(Slot(s // 4, "am" if s % 4 < 2 else "pm", str(s)) for s in range(n_slots))  # two days if > 4
    unavailable = tuple(frozenset(rng.sample(range(n_slots), rng.randint(0, 2))) for _ in range(n))
    return make_instance(n, pairs, n_slots=n_slots, n_tables=2, slots=slots, unavailable=unavailable)


def brute_force(instance, at_most_one_break_each: bool) -> int | None:
    """The fewest total breaks over every placement of all meetings (None: they cannot all be placed)."""
    best = None
    choices = [instance.eligible_slots(m) for m in range(len(instance.meetings))]
    for combo in itertools.product(*choices):
        slots = dict(enumerate(combo))
        schedule = Schedule({m: Placement(s, 0) for m, s in slots.items()})
        by_slot: dict[int, int] = {}
        for m, s in slots.items():  # tables: give each meeting of a slot its own
            schedule.placements[m] = Placement(s, by_slot.setdefault(s, 0))
            by_slot[s] += 1
        if violations(schedule, instance):
            continue
        per_participant = [breaks_of(busy, instance) for busy in busy_slots(instance, slots)]
        if at_most_one_break_each and max(per_participant) > 1:
            continue
        total = sum(per_participant)
        best = total if best is None else min(best, total)
    return best


@pytest.mark.parametrize("seed", range(40))
def test_encodings_reach_the_brute_force_optimum(seed):
    instance = small_event(seed)
    everyone = list(range(len(instance.meetings)))
    for name, restricted in (("restricted-totalizer", True), ("restricted-sortnet", True), ("exact", False)):
        encoding = Encoding(instance, everyone, **ENCODINGS[name])
        with RC2(encoding.wcnf, solver=SAT_SOLVER) as rc2:
            model = rc2.compute()
            expected = brute_force(instance, restricted)
            if expected is None:
                assert model is None, name
                continue
            assert model is not None, name
            slots = encoding.decode(model)
            assert rc2.cost == expected, name
            assert sum(breaks_of(busy, instance) for busy in busy_slots(instance, slots)) == expected, name


def crowded_event(seed: int):
    """A small event where some meetings cannot all be placed: one table, few slots, mixed priorities, a
    precedence and a per-participant maximum."""
    rng = random.Random(seed)
    n, n_slots = rng.randint(3, 5), rng.randint(2, 4)
    pairs = sorted({tuple(sorted(rng.sample(range(n), 2))) for _ in range(rng.randint(4, 6))})
    meetings = tuple(Meeting(pair, rng.choice(list(Priority))) for pair in pairs)
    unavailable = tuple(frozenset(rng.sample(range(n_slots), rng.randint(0, 1))) for _ in range(n))
    maxima = tuple(rng.choice([None, None, 1]) for _ in range(n))
    return make_instance(n, pairs, n_slots=n_slots, n_tables=rng.randint(1, 2), meetings=meetings,
                         unavailable=unavailable, max_meetings=maxima, precedences=((0, len(pairs) - 1),))


def brute_force_placement(instance, weights: list[int]) -> int:
    """The largest total weight of meetings placed together, over every choice of slot or none per meeting."""
    best = 0
    choices = [instance.eligible_slots(m) + [None] for m in range(len(instance.meetings))]
    for combo in itertools.product(*choices):
        by_slot: dict[int, int] = {}
        placements = {}
        for m, s in enumerate(combo):
            if s is not None:
                placements[m] = Placement(s, by_slot.setdefault(s, 0))
                by_slot[s] += 1
        value = sum(weights[m] for m in placements)
        if value > best and not violations(Schedule(placements), instance):
            best = value
    return best


@pytest.mark.parametrize("seed", range(25))
def test_placement_by_maxsat_reaches_the_brute_force_optimum(seed):
    instance = crowded_event(seed)
    weights = tier_weights(instance)
    slots = placement.maximise_placement(instance, weights, time_limit=30)
    assert slots is not None
    assert not violations(assign_tables(instance, slots), instance)
    assert sum(weights[m] for m in slots) == brute_force_placement(instance, weights)


def test_placement_by_maxsat_returns_none_when_interrupted():
    # Over a third of these 300 requests cannot be placed: RC2 needs a core for each, far more than 50 ms.
    instance = synthetic_event(40, 300, 8, seed=3)
    assert placement.maximise_placement(instance, tier_weights(instance), time_limit=0.05) is None


class Sink:
    """Stands in for the pipe to the parent process."""

    def __init__(self):
        self.sent, self.closed = [], False

    def send(self, message):
        self.sent.append(message)

    def close(self):
        self.closed = True


def first_schedule(instance, encoding):
    """Any schedule of the encoding (the SAT solver's first model), as the local search's start."""
    with Solver(name=SAT_SOLVER, bootstrap_with=encoding.wcnf.hard) as solver:
        assert solver.solve()
        return encoding.decode(solver.get_model())


def test_local_search_reaches_and_proves_the_brute_force_optimum_on_small_events():
    checked = 0
    for seed in range(40):
        instance = small_event(seed)
        optimum = brute_force(instance, at_most_one_break_each=False)
        if optimum is None:
            continue
        everyone = list(range(len(instance.meetings)))
        encoding = Encoding(instance, everyone, **ENCODINGS["exact"])
        sink = Sink()
        start = first_schedule(instance, encoding)
        cost, slots = descent.descend(instance, encoding, sink, time.monotonic() + 10, start)
        assert cost == optimum == total_breaks(instance, slots), seed
        if optimum > 0:  # shown optimal on the exact encoding: says so
            assert sink.sent[-1] == ("optimal", slots), seed
        checked += 1
    assert checked >= 20


def medium_event():
    """90 meetings of 30 participants in 12 slots: more than one neighbourhood."""
    rng = random.Random(3)
    n, slots = 30, tuple(Slot(0, "am" if s < 6 else "pm", str(s)) for s in range(12))
    pairs = set()
    while len(pairs) < 90:
        a, b = rng.sample(range(n), 2)
        pairs.add((min(a, b), max(a, b)))
    return make_instance(n, sorted(pairs), n_tables=8, slots=slots)


def test_local_search_sends_ever_better_valid_schedules_keeping_the_rest_in_place():
    instance = medium_event()
    everyone = list(range(len(instance.meetings)))
    encoding = Encoding(instance, everyone, **ENCODINGS["restricted-totalizer"])
    start = first_schedule(instance, encoding)
    sink = Sink()
    cost, best = descent.descend(instance, encoding, sink, time.monotonic() + 3, start)
    assert len(start) > descent.LNS_START_SIZE  # so the search works on neighbourhoods, not on the whole event
    costs = [total_breaks(instance, sent) for _, sent in sink.sent]
    assert costs and costs == sorted(set(costs), reverse=True) and costs[0] < total_breaks(instance, start)
    assert cost == costs[-1] == total_breaks(instance, best)
    for _, sent in sink.sent:
        assert set(sent) == set(everyone)
        assert violations(assign_tables(instance, sent), instance) == []


def test_neighbourhoods_free_about_the_size_asked():
    instance = small_event(1)
    encoding = Encoding(instance, list(range(len(instance.meetings))), **ENCODINGS["exact"])
    schedule = first_schedule(instance, encoding)
    rng = random.Random(0)
    for size in (1, 2, 3):
        for _ in range(20):
            free = descent.neighbourhood(instance, schedule, instance.meetings_of(), size, rng)
            assert free and free <= set(schedule)
            assert len(free) >= min(size, len(schedule))


def test_local_search_child_improves_the_start_to_the_optimum_then_closes():
    instance, optimum = next((small_event(seed), best) for seed in range(40)
                             if (best := brute_force(small_event(seed), at_most_one_break_each=False)))
    everyone = list(range(len(instance.meetings)))
    start = first_schedule(instance, Encoding(instance, everyone, **ENCODINGS["exact"]))
    sink = Sink()
    maxsat._local_search_child(instance, everyone, sink, start)
    assert sink.closed and sink.sent[-1][0] == "optimal"
    assert total_breaks(instance, sink.sent[-1][1]) == optimum
    # and through the parent, which runs it beside the RC2 search when given a start
    status, slots = maxsat.minimise_breaks(instance, everyone, 20, 2, [].append, start=start)
    assert status == "optimal" and total_breaks(instance, slots) == optimum


def test_without_a_start_the_local_search_starts_from_the_sat_solvers_first_schedule():
    instance = medium_event()
    everyone = list(range(len(instance.meetings)))
    log, streamed = [], []
    status, slots = maxsat.minimise_breaks(instance, everyone, 5, 2, log.append, on_best=streamed.append)
    assert status in ("optimal", "improved") and set(slots) == set(everyone)
    assert violations(assign_tables(instance, slots), instance) == []
    assert all(set(s) == set(everyone) for s in streamed)
    breaks = [total_breaks(instance, s) for s in streamed]
    assert breaks == sorted(set(breaks), reverse=True)  # each strictly better


def test_without_a_start_the_child_sends_a_complete_schedule_of_the_exact_encoding_first(monkeypatch):
    """An incomplete constructive schedule gives no start: Glucose's first schedule of the exact encoding comes
    first (someone may have two breaks there), then the one-break-each search, down to the optimum."""
    instance, optimum = next((small_event(seed), best) for seed in range(40)
                             if (best := brute_force(small_event(seed), at_most_one_break_each=False)))
    everyone = list(range(len(instance.meetings)))
    used = []
    real = descent.first_schedule
    monkeypatch.setattr(maxsat, "first_schedule", lambda *args, **kw: used.append(
        (args[1].per_participant, kw.get("sat_solver"))) or real(*args, **kw))
    sink = Sink()
    maxsat._local_search_child(instance, everyone, sink, None)
    assert used[0] == (False, descent.LNS_SAT_SOLVER)  # the exact encoding, on Glucose
    assert sink.closed and sink.sent and all(set(sent) == set(everyone) for _, sent in sink.sent)
    assert all(violations(assign_tables(instance, sent), instance) == [] for _, sent in sink.sent)
    assert total_breaks(instance, sink.sent[-1][1]) == optimum


def test_one_worker_runs_rc2_alone():
    instance = medium_event()
    everyone = list(range(len(instance.meetings)))
    log = []
    status, slots = maxsat.minimise_breaks(instance, everyone, 5, 1, log.append)
    assert not any("local search" in line for line in log), log
    assert status in ("optimal", "improved", "timeout")


def test_usable_cores_follow_the_cpu_affinity_not_the_machine():
    assert maxsat.usable_cores() == len(os.sched_getaffinity(0))


@pytest.mark.skipif(not hasattr(os, "SCHED_IDLE"), reason="idle scheduling class is Linux-only")
def test_with_one_core_rc2_only_takes_what_the_local_search_leaves():
    """On one usable core RC2 runs as an idle-class process (its own process, so not here), and the local search
    beside it still reaches and proves the optimum."""
    probe = ("import os; from matchmaker.scheduling import cores; cores.lower_priority(cores.ONE_CORE_POLICY); "
             "print(os.sched_getscheduler(0) == os.SCHED_IDLE)")
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout == "True\n"
    instance, optimum = next((small_event(seed), best) for seed in range(40)
                             if (best := brute_force(small_event(seed), at_most_one_break_each=False)))
    everyone = list(range(len(instance.meetings)))
    start = first_schedule(instance, Encoding(instance, everyone, **ENCODINGS["exact"]))
    log = []
    status, slots = maxsat.minimise_breaks(instance, everyone, 20, 2, log.append, start=start, cores=1)
    assert status == "optimal" and total_breaks(instance, slots) == optimum
