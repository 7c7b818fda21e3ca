"""RC2 neighbourhoods: free the meetings around a participant with a break (or of a window of slots), build the
one-break-each formula of just those meetings (`subformula`), and let RC2 on CaDiCaL find its optimum: every
solved neighbourhood gives its fewest breaks, not just a few fewer. The local search of the largest events (see
maxsat.RC2_LNS_MIN_CLAUSES). CaDiCaL cannot be interrupted, so each neighbourhood's conflict budget is spent in
chunks, with `keep_going` asked between them."""
from __future__ import annotations

import random
from collections.abc import Callable

from pysat.examples.rc2 import RC2

from matchmaker.scheduling.descent import neighbourhood
from matchmaker.scheduling.encoding import SAT_SOLVER
from matchmaker.scheduling.model import Instance
from matchmaker.scheduling.presolve import domains
from matchmaker.scheduling.quality import breaks_of, busy_slots, total_breaks
from matchmaker.scheduling.subformula import SubFormula

CONFLICTS = 50_000  # per neighbourhood, over all of RC2's SAT calls (20,000 did worse, 100,000 no better)
CHUNK = 2_000  # conflicts between two looks at the clock: 0.05-0.5 s of CaDiCaL on a loaded machine
START_SIZE, MIN_SIZE = 30, 10  # meetings freed: grows when a neighbourhood is solved, shrinks when out of budget


class _OutOfBudget(Exception):
    """The neighbourhood's conflicts are spent, or the caller said stop."""


class _BudgetedRC2(RC2):
    """RC2 whose SAT calls share one conflict budget, spent CHUNK conflicts at a time with `keep_going` asked in
    between (RC2 sends every SAT call through `_call_oracle`)."""

    def __init__(self, formula, limit: int, keep_going: Callable[[], bool]):
        super().__init__(formula, solver=SAT_SOLVER)
        self.limit, self.keep_going = limit, keep_going

    def _call_oracle(self, assumptions=(), expect_interrupt=False):
        while True:
            spent = self.oracle.accum_stats().get("conflicts", 0)
            if spent >= self.limit or not self.keep_going():
                raise _OutOfBudget
            self.oracle.conf_budget(int(min(CHUNK, self.limit - spent)))
            answer = self.oracle.solve_limited(assumptions=list(assumptions))
            if answer is not None:
                return answer


def improve(formula: SubFormula, slots: dict[int, int], free: set[int], keep_going: Callable[[], bool],
            limit: int = CONFLICTS) -> dict[int, int] | None | bool:
    """The best schedule of `slots` with only the meetings of `free` moved (it may be `slots` itself); None if
    the budget or `keep_going` ended RC2 first; False if no one-break-each schedule keeps the others in place."""
    wcnf, x = formula.build(slots, free)
    with _BudgetedRC2(wcnf, limit, keep_going) as rc2:
        try:
            model = rc2.compute()
        except _OutOfBudget:
            return None
    if model is None:
        return False
    true = {lit for lit in model if lit > 0}
    return {**slots, **{m: s for (m, s), lit in x.items() if lit in true}}


def search(instance: Instance, must_place: list[int], start: dict[int, int], send: Callable[[dict[int, int]], None],
           keep_going: Callable[[], bool] = lambda: True, seed: int = 0,
           offered: Callable[[], dict[int, int] | None] = lambda: None, take_first_offer: bool = True
           ) -> tuple[int, dict[int, int], bool]:
    """Neighbourhood after neighbourhood from `start` (a schedule of `must_place`; participants with more than one
    break there keep at most as many) while `keep_going()`, sending each schedule with fewer breaks. The first
    schedule `offered()` between two neighbourhoods (the SAT solver's first schedule of the whole one-break-each
    form, from the other process) replaces the incumbent whatever its breaks: a better start (measured 2026-11-30 on
    forum-14 and ticf-14crafa, one core, loaded: from the constructive schedule 123 / 128 breaks, 53 / 50 after
    2.5 s, then stalled at 38 / 30 at 10 s; from that first schedule, 48-67 breaks at 2-4 s, 13 at 10 s); later ones
    only when they have fewer breaks (every one, without `take_first_offer`: a start already better, such as the
    annealing's). The caller streams the best schedule whoever found it.
    Returns the fewest breaks found, that schedule, and whether it is shown optimal for the one-break-each form (a
    neighbourhood of every meeting solved from a schedule with at most one break each)."""
    formula = SubFormula(instance, must_place, domains(instance, must_place))
    meetings_of = instance.meetings_of()
    slots, cost = dict(start), total_breaks(instance, start)
    rng, size = random.Random(seed), START_SIZE
    restarted = not take_first_offer
    while cost > 0 and keep_going():
        other = offered()
        if other is not None and (not restarted or total_breaks(instance, other) < cost):
            slots, cost, restarted = dict(other), total_breaks(instance, other), True
        free = neighbourhood(instance, slots, meetings_of, size, rng)
        whole = len(free) == len(slots) and one_break_each(instance, slots)
        found = improve(formula, slots, free, keep_going)
        if found is None:
            size = max(MIN_SIZE, size * 4 // 5)
            continue
        size = min(len(slots), size + size // 10 + 1)
        if found and total_breaks(instance, found) < cost:
            slots, cost = found, total_breaks(instance, found)
            send(slots)
        if whole:
            return cost, slots, True  # RC2's optimum over every meeting: nothing better with one break each
    return cost, slots, cost == 0


def one_break_each(instance: Instance, slots: dict[int, int]) -> bool:
    """Whether no participant has more than one break in `slots`."""
    return all(breaks_of(taken, instance) <= 1 for taken in busy_slots(instance, slots))
