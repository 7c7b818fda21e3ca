"""The MaxSAT encodings against brute force on small random events (the implied constraints must cut no schedule)."""
from __future__ import annotations

import itertools
import random

import pytest
from pysat.examples.rc2 import RC2

from matchmaker.scheduling import Slot, violations
from matchmaker.scheduling.maxsat import ENCODINGS, SAT_SOLVER, Encoding
from matchmaker.scheduling.model import Placement, Schedule
from matchmaker.scheduling.quality import breaks_of, busy_slots
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
