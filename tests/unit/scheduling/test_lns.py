"""The CP-SAT neighbourhood search (lns): optimal on events small enough to be one neighbourhood, valid and
strictly improving on larger ones with fixed meetings, precedences and forbidden slots, and reproducible."""
from __future__ import annotations

import random
from dataclasses import replace

import pytest

from matchmaker.scheduling import Meeting, Priority, Slot, lns, maxsat, violations
from matchmaker.scheduling.greedy import assign_tables, construct
from matchmaker.scheduling.quality import total_breaks
from tests.unit.scheduling.helpers import make_instance
from tests.unit.scheduling.test_maxsat import brute_force, small_event


def steps(n: int):
    """keep_going for exactly n neighbourhoods (a count, not the clock: the same on any machine)."""
    left = [n]

    def keep_going() -> bool:
        left[0] -= 1
        return left[0] >= 0
    return keep_going


def event_with_everything(seed: int = 3):
    """90 meetings of 30 participants in 12 slots over two sessions, with forbidden slots, a fifth of the meetings
    fixed where a schedule put them, and precedences between meetings of one participant taken from it."""
    rng = random.Random(seed)
    n, slots = 30, tuple(Slot(0, "am" if s < 6 else "pm", str(s)) for s in range(12))
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < 90:
        a, b = rng.sample(range(n), 2)
        pairs.add((min(a, b), max(a, b)))
    unavailable = tuple(frozenset(rng.sample(range(12), 1)) if rng.random() < 0.2 else frozenset() for _ in range(n))
    base = make_instance(n, sorted(pairs), n_tables=9, slots=slots, unavailable=unavailable)
    placed = construct(base, seed=0).slot
    fixed = set(rng.sample(sorted(placed), 18))
    meetings = tuple(replace(m, fixed_slot=placed[i]) if i in fixed else m for i, m in enumerate(base.meetings))
    by_person = base.meetings_of()
    precedences = []
    for p in range(n):
        mine = sorted((placed[m], m) for m in by_person[p] if m in placed)
        if len(mine) >= 2 and rng.random() < 0.3:
            precedences.append((mine[0][1], mine[-1][1]))
    return replace(base, meetings=meetings, precedences=tuple(precedences)), placed


def brute_force_cases(at_most_one_break_each: bool):
    """(seed, instance, brute-force optimum, constructive schedule) of the small events whose meetings all fit."""
    for seed in range(40):
        instance = small_event(seed)
        optimum = brute_force(instance, at_most_one_break_each)
        start = construct(instance, seed=0).slot
        if optimum is not None and len(start) == len(instance.meetings):
            yield seed, instance, optimum, start


def test_one_neighbourhood_holding_the_whole_event_reaches_the_brute_force_optimum():
    checked = 0
    for seed, instance, optimum, start in brute_force_cases(at_most_one_break_each=False):
        assert len(start) <= lns.START_SIZE
        sent = []
        cost, slots = lns.search(instance, sorted(start), dict(start), sent.append, steps(3))
        assert cost == optimum == total_breaks(instance, slots), seed
        assert violations(assign_tables(instance, slots), instance) == []
        checked += 1
    assert checked >= 15


def test_neighbourhoods_keep_every_rule_and_send_strictly_better_schedules():
    instance, placed = event_with_everything()
    everyone = list(range(len(instance.meetings)))
    assert set(placed) == set(everyone) and not violations(assign_tables(instance, placed), instance)
    assert len(everyone) > lns.START_SIZE  # so the search works on neighbourhoods, not on the whole event
    sent: list[dict[int, int]] = []
    cost, best = lns.search(instance, everyone, dict(placed), sent.append, steps(15))
    costs = [total_breaks(instance, s) for s in sent]
    assert costs and costs == sorted(set(costs), reverse=True) and costs[0] < total_breaks(instance, placed)
    assert cost == costs[-1] == total_breaks(instance, best)
    for schedule in sent:
        assert set(schedule) == set(everyone)
        assert violations(assign_tables(instance, schedule), instance) == []


def test_same_start_and_number_of_neighbourhoods_give_the_same_schedule():
    instance, placed = event_with_everything(seed=5)
    everyone = list(range(len(instance.meetings)))
    runs = [lns.search(instance, everyone, dict(placed), lambda s: None, steps(8)) for _ in range(2)]
    assert runs[0] == runs[1]


class Enough(Exception):
    """Ends the local search child (which runs until its parent ends it) after a few schedules."""


def test_local_search_uses_neighbourhoods_when_someone_must_have_two_breaks(monkeypatch):
    # Participant 0 is free only in slots 0, 2, 4, 6, 8 and 10-11 and meets five people: at least two breaks, so no
    # schedule has at most one break each, and on a large event the local search goes to the CP-SAT neighbourhoods.
    instance, _ = event_with_everything(seed=7)
    extra = tuple(Meeting((0, q), Priority.MUTUAL) for q in (25, 26, 27, 28, 29))
    instance = replace(instance, meetings=tuple(m for m in instance.meetings if 0 not in m.participants) + extra,
                       unavailable=(frozenset({1, 3, 5, 7, 9}),) + instance.unavailable[1:], precedences=())
    start = construct(instance, seed=0).slot
    everyone = list(range(len(instance.meetings)))
    assert set(start) == set(everyone)
    monkeypatch.setattr(maxsat, "CPSAT_LNS_MIN_CLAUSES", 0)  # as on a large event
    monkeypatch.setattr(maxsat, "descend", lambda *args: pytest.fail("SAT neighbourhoods used"))

    class Sink:
        sent: list = []

        def send(self, message):
            self.sent.append(message)
            if len(self.sent) == 3:
                raise Enough

    sink = Sink()
    with pytest.raises(Enough):
        maxsat._local_search_child(instance, everyone, sink, dict(start))
    costs = [total_breaks(instance, slots) for status, slots in sink.sent]
    assert all(status == "improved" for status, _ in sink.sent)
    assert costs == sorted(set(costs), reverse=True) and costs[0] < total_breaks(instance, start)
    for _, slots in sink.sent:
        assert set(slots) == set(everyone) and violations(assign_tables(instance, slots), instance) == []


def test_a_constructive_schedule_at_the_flow_bound_is_kept_as_the_placement():
    # Participant 0 asks for four meetings in three slots: at most three can be placed, and the constructive
    # schedule places three, so no placement search runs and the breaks get the time.
    from matchmaker.scheduling import solve

    instance = make_instance(5, [(0, 1), (0, 2), (0, 3), (0, 4), (1, 2)], n_slots=3, n_tables=2)
    result = solve(instance, time_limit=3)
    assert result.report.placed == 3 + 1 and not violations(result.schedule, instance)
    assert any("reach the max-flow bound" in line for line in result.log), result.log
    assert not any(line.startswith("placement (") for line in result.log)
