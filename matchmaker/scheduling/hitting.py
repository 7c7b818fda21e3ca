"""Implicit hitting sets (IHS, as in MaxHS) for an optimum of few breaks on the one-break-each form, before RC2.

With one soft literal per participant ("p has no break"), a core is a set of participants of whom at least one must
have a break. IHS asks the SAT solver for a schedule in which only the members of a smallest hitting set of the cores
found so far may have a break, every other participant's literal assumed; each refusal is a new core. A schedule
found so is optimal (its breaks are at most the hitting set's size, a lower bound). RC2 instead asks "at most k of
the cores' members" through a totalizer, one call that can take far longer: on ticf-13crafc (optimum 1, one core of
46 participants) RC2's last call took 20 s alone on a core of our machine, where IHS tried ten hitting sets in 3.6 s
in all, each call constrained by every participant's assumption but one. With larger optima the hitting sets
multiply (forum-13crafb, optimum 6: over 48 s against RC2's 16 s), so IHS gives up above `max_cost` and RC2 goes on
from scratch: not on IHS's SAT solver, whose learnt clauses and phases sent RC2 elsewhere (ticf-13crafb: 96 s
instead of its 29 s; RC2's time is heavy-tailed, and a fresh solver keeps the run measured). Measured on the 20
originals, IHS against RC2 alone, seconds to the restricted optimum: README, "Benchmark figures".
"""
from __future__ import annotations

from pysat.examples.hitman import Hitman
from pysat.formula import WCNF
from pysat.solvers import Solver

# Hitting sets of at most this many participants are tried (optimum 0 or 1); above it, RC2. Measured on the
# originals: with optimum 0 or 1 IHS was as fast or faster (ticf-13crafc 3.6 s against 21.7 s, forum-13crafc 2.5 s
# against 4.8 s); with 3 equal (ticf-13crafb 29.5 s against 28.8 s); with 4 or 6 slower (tic-13crafc 3.1 against
# 1.2 s, forum-13crafb over 40 against 16 s).
MAX_COST = 1
# IHS's budget after its first call, in conflicts (the same on any machine): ticf-13crafc's optimum took 19,937 in
# all, forum-13crafc's 17,579, giving up took 17 on forum-14 and 1,406 on ticf-13crafb; an event whose
# one-participant hitting sets are many and hard to refuse goes to RC2 after it instead of trying them all. The first
# call (everyone without a break) is not limited: it is RC2's own first call (ticf-14crafa's optimum 0: 60,552
# conflicts), which a budget could only cut short for RC2 to redo.
MAX_CONFLICTS = 100_000

UNSATISFIABLE = "unsatisfiable"


def few_breaks(oracle, soft: list[int], max_cost: int | None = None,
               max_conflicts: int | None = None) -> list[int] | str | None:
    """A model of `oracle` (a pysat solver holding the hard clauses, with conflict budgets: CaDiCaL) violating as few
    of the unit soft literals `soft` as possible, if that is at most `max_cost` (MAX_COST by default); UNSATISFIABLE
    when the hard clauses are refuted without any assumption; None otherwise: the optimum is above `max_cost`, or the
    hard clauses may be unsatisfiable, or `max_conflicts` (MAX_CONFLICTS) were spent. RC2 decides then."""
    max_cost = MAX_COST if max_cost is None else max_cost
    budget = MAX_CONFLICTS if max_conflicts is None else max_conflicts
    spent = None
    with Hitman(htype="sorted") as hitman:
        allowed: set[int] = set()
        while len(allowed) <= max_cost:
            assumptions = [literal for literal in soft if literal not in allowed]
            if spent is None:  # the first call (no break at all) is RC2's own first call: never limited
                answer = oracle.solve(assumptions=assumptions)
                spent = _conflicts(oracle)
            else:
                left = budget - (_conflicts(oracle) - spent)
                if left <= 0:
                    return None
                oracle.conf_budget(left)
                answer = oracle.solve_limited(assumptions=assumptions)
                if answer is None:  # out of budget
                    return None
            if answer:
                return oracle.get_model()
            core = oracle.get_core()
            if not core:
                return UNSATISFIABLE
            hitman.hit(core)
            allowed = set(hitman.get())
    return None


def _conflicts(oracle) -> int:
    return oracle.accum_stats().get("conflicts", 0)


def few_breaks_of(wcnf: WCNF, solver: str, max_cost: int | None = None,
                  max_conflicts: int | None = None) -> list[int] | str | None:
    """few_breaks on a SAT solver of its own holding `wcnf`'s hard clauses (its soft clauses are unit literals)."""
    with Solver(name=solver, bootstrap_with=wcnf.hard) as oracle:
        return few_breaks(oracle, [clause[0] for clause in wcnf.soft], max_cost, max_conflicts)
