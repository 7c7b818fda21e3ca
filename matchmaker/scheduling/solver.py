"""solve(): a fast constructive start, then MaxSAT / CP-SAT improvement under a time limit, with reasons."""
from __future__ import annotations

import time
from collections.abc import Callable
from functools import partial

from matchmaker.scheduling import cpsat, maxsat, quality
from matchmaker.scheduling.flowbound import placement_upper_bound
from matchmaker.scheduling.greedy import State, assign_tables, construct
from matchmaker.scheduling.model import Instance, Move, Placement, Result, Schedule
from matchmaker.scheduling.placement import maximise_placement
from matchmaker.scheduling.quality import report
from matchmaker.scheduling.reasons import Reason, unplaced_reason
from matchmaker.scheduling.stopping import NEVER, Stop
from matchmaker.scheduling.stream import Stream

# Above this many meeting×slot variables the exact phase would spend the whole limit in presolve;
# such events keep the constructive schedule (see bench/scheduling.py for the large-event figures).
MAX_EXACT_VARIABLES = 60_000
MAXSAT_SHARE = 0.97  # of the improvement time; the rest goes to fairness or the CP-SAT fallback
PLACEMENT_SHARE = 0.6  # of the improvement time, to choose which meetings to place when not all can be
# MaxSAT chooses them when the max-flow bound leaves at most this many meetings out (a core per meeting left
# out: the benchmark's events leave out 0-3 and take under a second; synthetic events that leave out 100-280
# took RC2 2 s to over 20 s), within this share of the placement time; otherwise, or if it is interrupted,
# CP-SAT chooses, with the rest of the placement time.
MAXSAT_PLACEMENT_MAX_LEFT_OUT = 20
MAXSAT_PLACEMENT_SHARE = 0.5
FAIRNESS_MIN_SECONDS = 0.5  # less than this left after MaxSAT: keep its schedule (building the model takes ~0.3 s)


def _workers() -> int:
    """CP-SAT's portfolio is worth more workers than the cores this process may use (its CPU affinity)."""
    return max(2, min(8, 4 * maxsat.usable_cores()))


def solve(instance: Instance, time_limit: float = 10.0, seed: int = 0, previous: Schedule | None = None,
          workers: int | None = None, exact: bool = True,
          on_improvement: Callable[[Result], None] | None = None,
          should_stop: Callable[[], bool] | None = None) -> Result:
    """Schedule every meeting it can: placement by priority first, then fewest breaks, then fairest breaks.

    With `previous` (repair mode) published meetings keep their slot and table unless they must move;
    the result lists every move. Stops at `time_limit` seconds with the best schedule found so far.
    With workers=1 every phase is single-threaded and seeded, so the same call gives the same schedule.

    Anytime use (a background job): `on_improvement` is called with a Result for the constructive schedule
    (within a second or two), again for every better schedule as the searches find it (more placed by
    priority, then fewer breaks), and last with the returned Result, whose status is OPTIMAL once proved.
    `should_stop` (read every quarter of a second on a thread) ends the search early, say when the job is
    cancelled: the best schedule found so far is returned within about a second.
    """
    stop = Stop(should_stop)
    try:
        return _solve(instance, time_limit, seed, previous, workers, exact, on_improvement, stop)
    finally:
        stop.close()


def _solve(instance: Instance, time_limit: float, seed: int, previous: Schedule | None, workers: int | None,
           exact: bool, on_improvement: Callable[[Result], None] | None, stop: Stop) -> Result:
    """solve() with its stop signal."""
    started = time.monotonic()
    log: list[str] = []
    kept = {m: p.slot for m, p in (previous.placements.items() if previous else ())
            if 0 <= m < len(instance.meetings) and p.slot in instance.eligible_slots(m)}
    n_vars = sum(len(instance.eligible_slots(m)) for m in range(len(instance.meetings)))
    exact = exact and n_vars <= MAX_EXACT_VARIABLES
    # Without an exact phase, the repairs of the constructive phase get the whole time limit.
    repair_time = min(2.0, time_limit * 0.2) if exact else time_limit * 0.95
    state = construct(instance, seed=seed, start=kept, deadline=started + repair_time)
    slots = dict(state.slot)
    log.append(f"constructive: {len(slots)}/{len(instance.meetings)} placed in {time.monotonic() - started:.2f}s")
    status = "GREEDY"
    stream = Stream(instance, on_improvement,
                    lambda found, label: build_result(instance, found, previous, label, started, []))
    stream.offer(slots, "GREEDY")

    remaining = time_limit - (time.monotonic() - started)
    if exact and remaining > 0.2 and instance.meetings:
        slots, status = _improve(instance, slots, previous, remaining, seed, workers or _workers(), log,
                                 stream.offer, stop)
    elif n_vars > MAX_EXACT_VARIABLES:
        log.append(f"exact phase skipped: {n_vars} meeting×slot variables (limit {MAX_EXACT_VARIABLES})")

    if stop.stopped:
        log.append(f"stopped by the caller after {time.monotonic() - started:.1f}s")
    result = build_result(instance, slots, previous, status, started, log)
    stream.final(result)
    return result


def build_result(instance: Instance, slots: dict[int, int], previous: Schedule | None, status: str,
                 started: float, log: list[str]) -> Result:
    """Tables, reasons for what is unplaced, moves (repair mode) and the report of a meeting -> slot mapping."""
    # A published meeting that keeps its slot keeps its table too.
    keep = {m: p.table for m, p in previous.placements.items() if p.slot == slots.get(m)} if previous else {}
    schedule = assign_tables(instance, slots, keep=keep)
    final = State(instance)
    for m, s in slots.items():
        final.place(m, s)
    unplaced = {m: unplaced_reason(instance, final, m) for m in range(len(instance.meetings)) if m not in slots}
    moves = _moves(instance, previous, schedule, unplaced) if previous else []
    return Result(schedule=schedule, unplaced=unplaced, report=report(instance, schedule), status=status,
                  seconds=time.monotonic() - started, moves=moves, log=list(log))


def _improve(instance: Instance, hint: dict[int, int], previous: Schedule | None, time_limit: float, seed: int,
             workers: int, log: list[str], offer: Callable[[dict[int, int], str], None], stop: Stop = NEVER
             ) -> tuple[dict[int, int], str]:
    """Which meetings to place, then the fewest breaks for them (MaxSAT), then the fairest spread (CP-SAT).

    When every meeting can be placed, MaxSAT places them all. Otherwise MaxSAT or CP-SAT first chooses which
    meetings to place (by priority, see _placement) and MaxSAT then orders those. Repair mode, and anything
    MaxSAT cannot finish, goes to lexicographic CP-SAT phases.
    """
    deadline = time.monotonic() + time_limit
    on_best = partial(offer, status="FEASIBLE")
    if previous is not None:
        return _cpsat_phases(instance, hint, previous, time_limit, seed, workers, log, on_best=on_best, stop=stop)
    # The local search and RC2 side by side whenever workers > 1, also on one core (RC2 then only takes what the
    # local search leaves: see cores.ONE_CORE_POLICY); workers=1: RC2 alone (reproducible).
    processes = min(workers, len(maxsat.PORTFOLIO))
    everyone = list(range(len(instance.meetings)))
    if _all_placeable_at_first_sight(instance):
        # The constructive schedule, when complete, is where the local search starts at once (not with workers=1:
        # a local search stopped by the clock would make the result depend on the machine's speed).
        start = hint if len(hint) == len(everyone) and processes > 1 else None
        status, slots = maxsat.minimise_breaks(instance, everyone, time_limit * MAXSAT_SHARE, processes,
                                               log.append, start=start, on_best=on_best, stop=stop)
        if status in ("optimal", "improved"):
            if status == "optimal":
                offer(slots, "FEASIBLE")
            # Every meeting placed and not a single break is optimal whoever found it (the RC2 proof may not
            # have come in time).
            proved = status == "optimal" or quality.total_breaks(instance, slots) == 0
            return _fairness(instance, everyone, slots, proved, deadline, seed, workers, log, stop)
        if status == "timeout":  # not even a schedule: CP-SAT from the constructive one
            return _cpsat_phases(instance, hint, None, deadline - time.monotonic(), seed, workers, log,
                                 on_best=on_best, stop=stop)
        # "unsat": the meetings cannot all be placed

    if _placement_is_best(instance, hint):
        # Nothing places more: the breaks get all the time (under load the placement MaxSAT overran its share,
        # 8 s of 10 on forum-14 with 0.7% forbidden slots, leaving 1.3 s and 117 breaks).
        slots, placement_status = dict(hint), "OPTIMAL"
        log.append(f"placement: the constructive {len(slots)} reach the max-flow bound (optimal)")
    else:
        placement_time = (deadline - time.monotonic()) * PLACEMENT_SHARE
        slots, placement_status = _placement(instance, hint, placement_time, seed, workers, log, stop)
    offer(slots, "FEASIBLE")
    chosen, breaks = sorted(slots), quality.total_breaks(instance, slots)
    if breaks == 0:  # nothing to order (no break, or nothing placeable)
        status, ordered = "optimal", slots
    elif stop.stopped:
        status, ordered = "improved", slots
    else:
        status, ordered = maxsat.minimise_breaks(instance, chosen, (deadline - time.monotonic()) * MAXSAT_SHARE,
                                                 processes, log.append, start=slots, on_best=on_best, stop=stop)
    if status not in ("optimal", "improved"):
        return _cpsat_phases(instance, slots, None, deadline - time.monotonic(), seed, workers, log,
                             must_place=chosen, on_best=on_best, stop=stop)
    offer(ordered, "FEASIBLE")
    ordered_breaks = quality.total_breaks(instance, ordered)
    if ordered_breaks > breaks:
        ordered = slots  # the placement phase's schedule happens to have fewer breaks
    breaks = min(breaks, ordered_breaks)
    # Optimal only if nothing better exists at all: the most meetings placed, and not a single break.
    proved = placement_status == "OPTIMAL" and breaks == 0
    return _fairness(instance, chosen, ordered, proved, deadline, seed, workers, log, stop)


def _placement(instance: Instance, hint: dict[int, int], time_limit: float, seed: int, workers: int,
               log: list[str], stop: Stop = NEVER) -> tuple[dict[int, int], str]:
    """The meetings to place (by priority) and a schedule of them, with a CP-SAT status ("OPTIMAL": no
    schedule places more, by weight). MaxSAT first when few meetings must be left out; CP-SAT otherwise."""
    started = time.monotonic()
    if len(instance.meetings) - placement_upper_bound(instance) <= MAXSAT_PLACEMENT_MAX_LEFT_OUT:
        weights = cpsat.tier_weights(instance)
        slots = maximise_placement(instance, weights, time_limit * MAXSAT_PLACEMENT_SHARE, stop)
        if slots is not None:
            log.append(f"placement (MaxSAT): {len(slots)} (optimal) in {time.monotonic() - started:.2f}s")
            return slots, "OPTIMAL"
        log.append(f"placement (MaxSAT): interrupted after {time.monotonic() - started:.2f}s")
    cm = cpsat.build_model(instance, breaks=False)
    placement = cpsat.Phase("placement", cpsat.placement_objective(cm), True, 1.0)
    return cpsat.solve_lexicographic(cm, [placement], time_limit - (time.monotonic() - started), seed, hint,
                                     workers, log.append, stop=stop)


def _fairness(instance: Instance, must_place: list[int], slots: dict[int, int], optimal: bool, deadline: float,
              seed: int, workers: int, log: list[str], stop: Stop = NEVER) -> tuple[dict[int, int], str]:
    """CP-SAT: the smallest spread of breaks between participants, total breaks held at their best value."""
    if optimal and quality.total_breaks(instance, slots) == 0:
        log.append("breaks spread (max - min): 0, no break at all")
        return slots, "OPTIMAL"
    if stop.stopped or deadline - time.monotonic() < FAIRNESS_MIN_SECONDS:
        # Too little time to build the fairness model (a schedule from the one-break-each search has a spread
        # of at most 1 anyway).
        log.append("breaks spread (max - min): skipped, " + ("stopped" if stop.stopped else "no time left"))
        return slots, "FEASIBLE"
    cm = cpsat.build_model(instance, must_place=set(must_place))
    cm.model.Add(sum(cm.breaks) <= quality.total_breaks(instance, slots))
    phases = [cpsat.Phase("breaks spread (max - min)", cpsat.fairness_spread(cm), False, 1.0)]
    slots, spread_status = cpsat.solve_lexicographic(cm, phases, deadline - time.monotonic(), seed, slots,
                                                     workers, log.append, stop=stop)
    return slots, spread_status if optimal else "FEASIBLE"


def _placement_is_best(instance: Instance, slots: dict[int, int]) -> bool:
    """No schedule places more by priority: as many meetings as the max-flow bound, and only meetings of the
    lowest tier requested left out."""
    lowest = min(meeting.priority for meeting in instance.meetings)
    return (all(instance.meetings[m].priority == lowest for m in range(len(instance.meetings)) if m not in slots)
            and len(slots) >= placement_upper_bound(instance))


def _all_placeable_at_first_sight(instance: Instance) -> bool:
    """Every meeting has a slot; no participant has more meetings than their maximum or their free slots."""
    if any(not instance.eligible_slots(m) for m in range(len(instance.meetings))):
        return False
    for p, meetings in enumerate(instance.meetings_of()):
        limit = instance.max_meetings[p]
        free = len(instance.slots) - len(instance.unavailable[p])
        if (limit is not None and len(meetings) > limit) or len(meetings) > free:
            return False
    return True


def _cpsat_phases(instance: Instance, hint: dict[int, int], previous: Schedule | None, time_limit: float,
                  seed: int, workers: int, log: list[str], must_place: list[int] | None = None,
                  on_best: Callable[[dict[int, int]], None] | None = None, stop: Stop = NEVER
                  ) -> tuple[dict[int, int], str]:
    """Lexicographic CP-SAT: placement by priority, published meetings kept, breaks, then fairness.

    With `must_place` (meetings already chosen by a placement phase) it starts at the breaks."""
    if must_place is None and len(hint) == len(instance.meetings):
        must_place = list(hint)
    all_placed = must_place is not None
    cm = cpsat.build_model(instance, must_place=set(must_place or ()))
    published = set(previous.placements) if previous else set()
    phases = []
    if not all_placed:
        phases.append(cpsat.Phase("placement", cpsat.placement_objective(cm, extra_top=published), True, 0.5))
    if previous:
        stay = [cm.x[m, p.slot] for m, p in previous.placements.items() if (m, p.slot) in cm.x]
        phases.append(cpsat.Phase("published meetings kept in place", sum(stay), True, 0.3))
    phases.append(cpsat.Phase("total breaks", sum(cm.breaks), False, 0.85))
    phases.append(cpsat.Phase("breaks spread (max - min)", cpsat.fairness_spread(cm), False, 1.0))
    return cpsat.solve_lexicographic(cm, phases, time_limit, seed, hint, workers, log.append, on_best, stop)


def _moves(instance: Instance, previous: Schedule, schedule: Schedule, unplaced: dict[int, Reason]) -> list[Move]:
    """Every published meeting whose slot or table changed, or that could not be kept at all (reason codes)."""
    moves = []
    for m, old in sorted(previous.placements.items()):
        new = schedule.placements.get(m)
        if new == old:
            continue
        if new is None:
            moves.append(Move(m, old, None, unplaced.get(m, ("no_longer_requested", {}))))
        else:
            if new.slot == old.slot:
                reason = "table_reassigned"
            elif old.slot not in instance.eligible_slots(m):
                reason = "slot_no_longer_possible"
            else:
                reason = "moved_to_make_room"
            moves.append(Move(m, old, Placement(new.slot, new.table), (reason, {})))
    return moves
