"""The annealing (the first phase of the local search on the largest events): every step keeps every rule (fixed
meetings, forbidden slots, precedences, tables, days), its count of breaks is the schedule's, a Kempe chain swap
makes room where no single move can, it is reproducible for a number of steps, and the schedules it sends get
strictly better and end with the one it returns."""
from __future__ import annotations

import math
import random
import time
from dataclasses import replace

import pytest

from matchmaker.scheduling import anneal as annealing
from matchmaker.scheduling import maxsat, rc2lns, violations
from matchmaker.scheduling.anneal import _State, anneal
from matchmaker.scheduling.greedy import assign_tables
from matchmaker.scheduling.model import Slot
from matchmaker.scheduling.quality import total_breaks
from tests.unit.scheduling.test_lns import brute_force_cases, event_with_everything, steps
from tests.unit.scheduling.test_maxsat import Sink
from tests.unit.scheduling.helpers import make_instance

FAR = float("inf")


def _valid(instance, slots) -> bool:
    return violations(assign_tables(instance, slots), instance) == []


def _over_two_days(instance):
    """The same event with its morning on one day and its afternoon on the next (no break across the night)."""
    days = tuple(replace(slot, day=0 if slot.session == "am" else 1) for slot in instance.slots)
    return replace(instance, slots=days)


@pytest.mark.parametrize("days", [1, 2])
def test_every_step_keeps_the_rules_and_counts_the_breaks_right(days):
    instance, start = event_with_everything()
    if days == 2:
        instance = _over_two_days(instance)
        assert len({slot.day for slot in instance.slots}) == 2
    state, rng = _State(instance, start), random.Random(1)
    fixed = {m for m, meeting in enumerate(instance.meetings) if meeting.fixed_slot is not None}
    movable, taken = sorted(set(start) - fixed), 0
    for i in range(3000):
        m = rng.choice(movable)
        b = rng.choice(state.domain[m])
        if b != state.slot[m]:
            taken += state.step(m, b, 0.5, rng.random())
        if i % 100 == 0:
            assert state.breaks == total_breaks(instance, state.schedule()) and _valid(instance, state.schedule())
    slots = state.schedule()
    assert taken > 100 and state.breaks == total_breaks(instance, slots) and _valid(instance, slots)
    assert all(slots[m] == instance.meetings[m].fixed_slot for m in fixed)


def test_a_kempe_chain_swap_makes_room_where_no_single_move_can():
    # One table, four slots. A-B in slot 0, A-C in slot 3, C-D in slot 1: A (0, 3) and C (1, 3) have a break each.
    # A-C cannot move to slot 1 alone (C meets D there, at the only table); its chain swaps A-C and C-D between
    # slots 3 and 1: A (0, 1) has no break left, C (1, 3) keeps its one.
    instance = make_instance(4, [(0, 1), (0, 2), (2, 3)], n_slots=4, n_tables=1,
                             slots=tuple(Slot(0, "am", str(s)) for s in range(4)))
    start = {0: 0, 1: 3, 2: 1}
    state = _State(instance, start)
    assert state.breaks == total_breaks(instance, start) == 2
    assert state.chain(1, 3, 1) == {1, 2}
    assert state.step(1, 1, 1e-9, 0.99)  # fewer breaks: always taken
    assert state.schedule() == {0: 0, 1: 1, 2: 3} and state.breaks == total_breaks(instance, state.schedule()) == 1
    assert _valid(instance, state.schedule())


def test_it_reaches_the_optimum_of_small_events_and_sends_ever_better_schedules():
    reached = checked = improved = 0
    for seed, instance, optimum, start in brute_force_cases(at_most_one_break_each=False):
        sent = []
        breaks, slots = anneal(instance, dict(start), FAR, sent.append, seed=seed, max_steps=20_000)
        assert breaks == total_breaks(instance, slots) >= optimum and _valid(instance, slots), seed
        costs = [total_breaks(instance, s) for s in sent]
        assert costs == sorted(set(costs), reverse=True) and all(c < total_breaks(instance, start) for c in costs)
        assert not sent or sent[-1] == slots
        reached += breaks == optimum
        improved += breaks < total_breaks(instance, start)
        checked += 1
    assert checked >= 15 and reached == checked and improved >= 3


def test_same_seed_same_steps_same_schedule_and_a_larger_event_improves():
    instance, start = event_with_everything()
    runs = [anneal(instance, dict(start), FAR, lambda s: None, seed=4, max_steps=30_000) for _ in range(2)]
    assert runs[0] == runs[1]
    breaks, slots = runs[0]
    assert breaks < total_breaks(instance, start) and _valid(instance, slots)


def test_the_rc2_neighbourhoods_keep_an_annealed_start_against_a_worse_offer(monkeypatch):
    instance, placed = event_with_everything()
    everyone = sorted(placed)
    _, good = anneal(instance, dict(placed), FAR, lambda s: None, seed=2, max_steps=30_000)
    worse = dict(placed)
    assert total_breaks(instance, worse) > total_breaks(instance, good)
    started_from = []
    real = rc2lns.improve
    monkeypatch.setattr(rc2lns, "improve", lambda formula, slots, *args, **kwargs: started_from.append(
        total_breaks(instance, slots)) or real(formula, slots, *args, **kwargs))
    for take, first in ((True, worse), (False, good)):
        started_from.clear()
        cost, _, _ = rc2lns.search(instance, everyone, dict(good), lambda s: None, steps(1),
                                   offered=lambda: dict(worse), take_first_offer=take)
        assert started_from == [total_breaks(instance, first)], take
    assert cost <= total_breaks(instance, good)


def test_a_step_that_adds_breaks_is_taken_by_the_draw_and_a_meeting_left_out_constrains_nothing():
    # One table, four slots; A-B in slot 0, A-C in slot 1: no break. Moving A-C to slot 3 gives A a break: taken
    # with a draw under e^-cost/T, refused above it. B-D (meeting 2) must come after A-C but is not in the schedule.
    instance = make_instance(4, [(0, 1), (0, 2), (1, 3)], n_slots=4, n_tables=1,
                             slots=tuple(Slot(0, "am", str(s)) for s in range(4)))
    instance = replace(instance, precedences=((1, 2),))
    start = {0: 0, 1: 1}
    state = _State(instance, start)
    assert state.breaks == 0
    threshold = math.exp(-(1 + 2 * annealing.IDLE_WEIGHT))  # one break more, of two idle slots, at temperature 1
    assert not state.step(1, 3, 1.0, threshold + 0.02)  # refused, nothing changed
    assert state.schedule() == start and state.breaks == 0
    assert state.step(1, 3, 1.0, threshold - 0.02)  # taken, though meeting 2 would have to come after slot 3
    assert state.schedule() == {0: 0, 1: 3} and state.breaks == total_breaks(instance, state.schedule()) == 1


def test_cold_steps_shorten_breaks_they_cannot_close_and_never_lengthen_them(monkeypatch):
    # One table, five slots; A meets B in slot 0 and C in slot 2 or 4: one break either way, of one or three idle
    # slots. With IDLE_WEIGHT the longer break costs more: cold, A-C moves from 4 to 2, never from 2 to 4; on breaks
    # alone both moves cost nothing and both are taken.
    instance = make_instance(3, [(0, 1), (0, 2)], n_slots=5, n_tables=1,
                             slots=tuple(Slot(0, "am", str(s)) for s in range(5)))
    for weight in (annealing.IDLE_WEIGHT, 0.0):
        monkeypatch.setattr(annealing, "IDLE_WEIGHT", weight)
        for before, after in ((4, 2), (2, 4)):
            state = _State(instance, {0: 0, 1: before})
            assert state.pidle.tolist() == [before - 1, 0, 0]
            taken = state.step(1, after, 1e-9, 0.999)
            assert taken == (weight == 0 or after == 2), (weight, before)
            assert state.breaks == 1 and state.pidle.tolist() == [(after if taken else before) - 1, 0, 0]


@pytest.mark.parametrize("deadline", [True, False])
def test_the_local_search_of_another_event_anneals_its_start_first_for_a_capped_time(monkeypatch, deadline):
    seed, instance, optimum, start = next(case for case in brute_force_cases(at_most_one_break_each=False)
                                          if total_breaks(instance := case[1], case[3]) > case[2])
    calls = []
    real = annealing.anneal

    def spy(event, slots, until, send, *args, **kwargs):
        calls.append(until - time.monotonic())
        return real(event, slots, until, send, *args, **kwargs)

    monkeypatch.setattr(annealing, "anneal", spy)
    monkeypatch.setattr(maxsat, "ANNEAL_OTHERS_SECONDS", 0.2)
    sink = Sink()
    maxsat._local_search_child(instance, sorted(start), sink, dict(start),
                               time.monotonic() + 60 if deadline else float("inf"))
    assert len(calls) == deadline and all(0 < seconds <= 0.2 for seconds in calls)
    assert sink.closed and sink.sent[-1][0] == "optimal"
    assert total_breaks(instance, sink.sent[-1][1]) == optimum, seed
    for _, slots in sink.sent:
        assert set(slots) == set(start) and _valid(instance, slots)
