"""SAT searches that stream ever better schedules of an encoding: global descent steps on the break count, then a
large-neighbourhood search (most meetings kept in place as assumptions). Used inside the MaxSAT processes."""
from __future__ import annotations

import random
import time

from pysat.card import ITotalizer
from pysat.solvers import Solver

from matchmaker.scheduling.encoding import SAT_SOLVER, Encoding
from matchmaker.scheduling.model import Instance
from matchmaker.scheduling.quality import breaks_of, busy_slots, total_breaks

FIRST_CONFLICTS = 200_000  # for the first schedule (the largest events need about 2 s)
# With a schedule to fall back on: the restricted encoding's first schedule took 10,000-15,000 conflicts on the
# 20 originals, but 155,000 (16-20 s on a loaded machine) on forum-14.forb0003 / ticf-14crafa.forb0003, where
# the search then had nothing but the constructive schedule at 10 s; past this budget it improves that one.
FIRST_CONFLICTS_WITH_START = 25_000
# For the exact encoding's first schedule when the constructive one is incomplete (Glucose 3: 200-2,500 conflicts on
# the 20 originals and forum-14.prec15; CaDiCaL needed 5,000-25,000 on the largest).
FIRST_EXACT_CONFLICTS = 50_000
# Per global step, so that the descent stops on time: it is only checked between calls, and with 20,000 the
# descent overran its 1.5 s by 0.6-1.8 s on the crafb, crafc and 14-slot events, which delayed RC2 by as much
# (measured alone: same breaks at the deadline with 5,000, ending 0.0-0.2 s late).
DESCENT_CONFLICTS = 5_000
LNS_CONFLICTS = 2_000  # per neighbourhood: most are decided within it
LNS_START_SIZE, LNS_MIN_SIZE = 30, 10  # meetings freed per neighbourhood
# At most this many breaks fewer asked of one neighbourhood. Asking one fewer, 33 of 44 neighbourhoods of
# forum-14.original succeeded in 6 s (0.12 s each, each one break less): far from the optimum most neighbourhoods
# can give more.
LNS_MAX_STEP = 8
LNS_AROUND_BREAKS = 0.5  # share of neighbourhoods grown around a participant with a break (the rest: slot windows)
# The SAT solver of a search from a given start: its many short assumption calls are cheaper in Glucose 3 than in
# CaDiCaL (10-20% fewer breaks after 4 s alone on 12 hard variants, both encodings, Glucose 4 and MiniSat 2.2
# close behind; 212 instead of 304 breaks on the same 12 in the 10 s race). From scratch, CaDiCaL finds the first
# schedule of the large events sooner (1.7 s against 2.7-5.8 s), so the descent keeps it.
LNS_SAT_SOLVER = "g3"


def descend(instance: Instance, encoding: Encoding, conn, deadline: float, start: dict[int, int] | None = None
            ) -> tuple[int | None, dict[int, int] | None]:
    """Until `deadline`: ever better schedules of the encoding, each sent as found. Returns the fewest breaks
    found and that schedule (None, None: no schedule).

    From the SAT solver's first schedule: global steps (try to halve the gap to the largest bound shown
    impossible, else step down by one) while they succeed within their conflict budget; then, or at once from
    `start` (a valid schedule of the encoding's meetings), a large-neighbourhood search: keep most meetings in
    their slots (as assumptions) and ask for one break fewer, freeing the meetings around a participant with a
    break or those of a window of slots. A neighbourhood that is solved within its budget grows, one that runs
    out of it shrinks; a bound shown impossible whatever is kept (the core holds only the bound) proves the
    encoding's optimum."""
    flags = [-clause[0] for clause in encoding.wcnf.soft]  # soft clauses are [-has_break(p)] or [-break_end(p, s)]
    with Solver(name=SAT_SOLVER if start is None else LNS_SAT_SOLVER, bootstrap_with=encoding.wcnf.hard) as solver:
        if start is None:
            solver.conf_budget(FIRST_CONFLICTS)
            if not solver.solve_limited():
                return None, None  # unsatisfiable or no schedule yet: RC2 decides
            slots, cost = _send(instance, encoding, solver, conn)
        else:
            slots, cost = dict(start), total_breaks(instance, start)
        totalizer = ITotalizer(lits=flags, ubound=max(cost, 1), top_id=encoding.pool.top)
        solver.append_formula(totalizer.cnf.clauses)
        lower = -1  # largest bound shown impossible
        while start is None and cost > lower + 1 and time.monotonic() < deadline:
            halfway = (lower + cost) // 2
            bound = halfway if lower + 1 < halfway < cost - 1 else cost - 1
            solver.conf_budget(DESCENT_CONFLICTS)
            answer = solver.solve_limited(assumptions=[-totalizer.rhs[bound]])
            if answer is None and bound != cost - 1:  # the bold step is unknown: step down by one
                solver.conf_budget(DESCENT_CONFLICTS)
                bound = cost - 1
                answer = solver.solve_limited(assumptions=[-totalizer.rhs[bound]])
            if answer:
                slots, cost = _send(instance, encoding, solver, conn)
            elif answer is False:
                lower = bound
            else:
                break  # global steps have become too hard: search neighbourhoods
        rng, size = random.Random(0), LNS_START_SIZE  # the same neighbourhoods for the same start
        meetings_of = instance.meetings_of()
        step = 1  # breaks fewer asked of a neighbourhood: doubles while they succeed, halves when one does not
        while cost > lower + 1 and time.monotonic() < deadline:
            free = neighbourhood(instance, slots, meetings_of, size, rng)
            kept = [encoding.x[m, s] for m, s in slots.items() if m not in free]
            bound = max(lower + 1, cost - step)
            solver.conf_budget(LNS_CONFLICTS)
            answer = solver.solve_limited(assumptions=kept + [-totalizer.rhs[bound]])
            if answer:
                slots, cost = _send(instance, encoding, solver, conn)
                step = min(step * 2, LNS_MAX_STEP)
            else:
                step = max(1, step // 2)
            if answer is False:
                if set(solver.get_core() or ()) <= {-totalizer.rhs[bound]}:
                    lower = bound  # impossible whatever is kept: a lower bound of the encoding's optimum
                size = min(len(slots), size + size // 10 + 1)
            elif answer is None:
                size = max(LNS_MIN_SIZE, size * 4 // 5)
    if 0 < cost == lower + 1 and not encoding.per_participant:
        conn.send(("optimal", slots))  # shown optimal on the exact encoding
    return cost, slots


def first_schedule(instance: Instance, encoding: Encoding, conn, conflicts: int = FIRST_CONFLICTS,
                   sat_solver: str = SAT_SOLVER) -> dict[int, int] | None:
    """The SAT solver's first schedule of the encoding (sent as found), or None if it finds none within
    `conflicts`: a start for the neighbourhood search when the caller's has someone with two breaks."""
    with Solver(name=sat_solver, bootstrap_with=encoding.wcnf.hard) as solver:
        solver.conf_budget(conflicts)
        if not solver.solve_limited():
            return None
        return _send(instance, encoding, solver, conn)[0]


def neighbourhood(instance: Instance, slots: dict[int, int], meetings_of: list[list[int]], size: int,
                  rng: random.Random) -> set[int]:
    """About `size` meetings to free: spreading from a participant with a break through the people they meet,
    or (half of the time, and when no one has a break) those of a window of consecutive slots."""
    busy = busy_slots(instance, slots)
    with_break = [p for p, taken in enumerate(busy) if breaks_of(taken, instance)]
    free: set[int] = set()
    if with_break and rng.random() < LNS_AROUND_BREAKS:
        frontier = [rng.choice(with_break)]
        while frontier and len(free) < size:
            p = frontier.pop(0)
            mine = [m for m in meetings_of[p] if m in slots and m not in free]
            rng.shuffle(mine)
            for m in mine[:size - len(free)]:
                free.add(m)
                frontier.extend(q for q in instance.meetings[m].participants if q != p)
        return free
    by_slot: dict[int, list[int]] = {}
    for m, s in slots.items():
        by_slot.setdefault(s, []).append(m)
    low = high = rng.randrange(len(instance.slots))
    free.update(by_slot.get(low, ()))
    while len(free) < size and (low > 0 or high < len(instance.slots) - 1):
        if high < len(instance.slots) - 1:
            high += 1
            free.update(by_slot.get(high, ()))
        if len(free) < size and low > 0:
            low -= 1
            free.update(by_slot.get(low, ()))
    return free


def _send(instance: Instance, encoding: Encoding, solver: Solver, conn) -> tuple[dict[int, int], int]:
    """Send the solver's schedule (see send_schedule); return it and its breaks."""
    slots = encoding.decode(solver.get_model())
    return slots, send_schedule(instance, slots, conn)


def send_schedule(instance: Instance, slots: dict[int, int], conn) -> int:
    """Send a schedule to the parent as an improvement, or as optimal when it has no break; return its breaks."""
    breaks = total_breaks(instance, slots)
    conn.send(("optimal" if breaks == 0 else "improved", slots))
    return breaks
