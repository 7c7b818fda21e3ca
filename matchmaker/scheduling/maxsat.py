"""Break minimisation under a time limit: RC2 (MaxSAT) searches on the encodings of `encoding`, raced in
processes, with the SAT searches of `descent` streaming schedules meanwhile."""
from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection, wait

from pysat.examples.rc2 import RC2

from matchmaker.scheduling.descent import descend, first_schedule, send_schedule
from matchmaker.scheduling.encoding import ENCODINGS, SAT_SOLVER, Encoding
from matchmaker.scheduling.model import Instance
from matchmaker.scheduling.quality import breaks_of, busy_slots, total_breaks

# The searches, one process per core. Each "restricted" search solves, by RC2, the encoding that allows at most
# one break per participant with one soft clause per participant: it reaches the published optimum on every
# benchmark instance, much faster than the exact encoding, but is optimal only for that restriction (or when it
# finds no break at all). RC2's time on these problems is heavy-tailed and depends on how the cardinality
# constraints are encoded, so the two processes race the same model in two encodings. RC2 reports nothing until
# it is done, so the totalizer process first spends DESCENT_SHARE of the time on a SAT search that streams ever
# better schedules (what the caller keeps if neither RC2 finishes), and after RC2 it runs RC2 on the exact
# encoding, which proves optimality (or shows the meetings cannot all be placed). On some events neither RC2 ends
# within 10 s (crafb with forbidden slots, 25% precedences): a large-neighbourhood search (`descend` from a
# start) then joins at LATE_SEARCH_SHARE of the time, and replaces the sortnet race when the caller already has a
# schedule of exactly the meetings to order (the placement phase's). Figures: bench/scheduling.py.
PORTFOLIO = ("restricted-totalizer", "restricted-sortnet")
DESCENT_SHARE = 0.15
LATE_SEARCH_SHARE = 0.7  # of the time: then a local search joins the two RC2 searches
# RC2 for the placement runs in the caller's process, stopped by an interrupt (which pysat's CaDiCaL lacks);
# Glucose 3 is as fast on it (0.1-0.7 s on every benchmark instance and variant; CaDiCaL 0.1-1.7 s).
PLACEMENT_SAT_SOLVER = "g3"
# Beside a local search, RC2 runs at a lower priority: on two free cores each has its own and this changes
# nothing; when the cores are shared (one core, or a loaded machine) the local search, which decides the result
# whenever RC2 cannot end in time, keeps the CPU, and RC2 still gets what the local search leaves.
RC2_NICENESS = 10


def maximise_placement(instance: Instance, weights: list[int], time_limit: float) -> dict[int, int] | None:
    """The most meetings that can be placed together, weighted by `weights`: RC2 on the encoding with a soft
    clause "m is placed" per meeting instead of the breaks. None if the time limit interrupted it.

    Core-guided MaxSAT suits events where few meetings must be left out: each core it finds is a set of
    meetings of which one must go. On the benchmark's events with forbidden slots it proves the best placement
    in under a second, where CP-SAT found no proof in 10 s and placed 1-5 fewer; when hundreds must be left
    out it needs as many cores and is slower than CP-SAT (see solver._placement).
    """
    everyone = list(range(len(instance.meetings)))
    encoding = Encoding(instance, everyone, **ENCODINGS["exact"], placement=weights)
    with RC2(encoding.wcnf, solver=PLACEMENT_SAT_SOLVER) as rc2:
        timer = threading.Timer(time_limit, rc2.interrupt)
        timer.start()
        try:
            model = rc2.compute(expect_interrupt=True)
        finally:
            timer.cancel()
    return None if model is None else encoding.decode(model)


def _search_child(instance: Instance, must_place: list[int], conn, name: str, descent_seconds: float = 0.0,
                  niceness: int = 0) -> None:
    """Child process: RC2 on the restricted encoding `name`, sending ("improved", slots), or ("optimal", slots)
    when it has no break at all; the totalizer process first streams a descent and afterwards sends
    ("optimal", slots) or ("unsat", None) from RC2 on the exact encoding; when the restricted encoding has no
    schedule, the other process streams a descent on the exact encoding."""
    if niceness:
        os.nice(niceness)
    restricted = Encoding(instance, must_place, **ENCODINGS[name])
    if descent_seconds > 0 and descend(instance, restricted, conn, time.monotonic() + descent_seconds)[0] == 0:
        conn.close()
        return  # no break at all: nothing left to prove
    with RC2(restricted.wcnf, solver=SAT_SOLVER) as rc2:
        model = rc2.compute()
        if model is not None:
            send_schedule(instance, restricted.decode(model), conn)
    if model is None and name != "restricted-totalizer":
        # Some participant needs two breaks (or nothing can be placed): while the totalizer process proves the
        # exact optimum, this one streams ever better schedules of the exact encoding.
        descend(instance, Encoding(instance, must_place, **ENCODINGS["exact"]), conn, float("inf"))
    elif name == "restricted-totalizer":
        exact = Encoding(instance, must_place, **ENCODINGS["exact"])
        with RC2(exact.wcnf, solver=SAT_SOLVER) as rc2:
            model = rc2.compute()
            conn.send(("unsat", None) if model is None else ("optimal", exact.decode(model)))
    conn.close()


def _local_search_child(instance: Instance, must_place: list[int], conn, start: dict[int, int] | None,
                        inbox: Connection | None = None) -> None:
    """Child process: improve `start` (or, if None, the schedule it then receives from `inbox`: it gets its
    encoding ready while it waits, asleep) by the neighbourhood search until ended, sending ("improved", slots)
    for each better schedule, ("optimal", slots) when the exact encoding shows no better one exists.

    The search first works on the restricted encoding (at most one break each: a quarter fewer breaks in the
    same time on the crafb, crafc and precedence variants): from `start` if no one has two breaks there, else
    from the SAT solver's own first schedule (a constructive start with 80-120 breaks is far from the 0-6 of
    the optimum; the restricted encoding's first schedule is much closer). It goes on with the exact encoding
    once that is exhausted, or if the restricted encoding has no schedule."""
    restricted = Encoding(instance, must_place, **ENCODINGS["restricted-totalizer"])
    if start is None:
        try:
            start = inbox.recv()
        except EOFError:  # the search ended before it was needed
            conn.close()
            return
    one_each = max((breaks_of(taken, instance) for taken in busy_slots(instance, start)), default=0) <= 1
    # Straight to the neighbourhoods from the restricted encoding's first schedule: the descent's global steps
    # took 2-3 s there on the 195-meeting crafb events of a loaded 2-core machine for one break less, while
    # the neighbourhoods then took 49 to 25 breaks in 2 s.
    first = start if one_each else first_schedule(instance, restricted, conn)
    cost = None
    if first is not None:
        cost, found = descend(instance, restricted, conn, float("inf"), first)
        if cost is not None and cost < total_breaks(instance, start):
            start = found
    if cost != 0:
        descend(instance, Encoding(instance, must_place, **ENCODINGS["exact"]), conn, float("inf"), start)
    conn.close()


def minimise_breaks(instance: Instance, must_place: list[int], time_limit: float, workers: int,
                    log: Callable[[str], None], start: dict[int, int] | None = None,
                    on_best: Callable[[dict[int, int]], None] | None = None) -> tuple[str, dict[int, int] | None]:
    """Place every meeting of `must_place` with the fewest breaks.

    With `start` (a valid schedule of exactly those meetings, e.g. the constructive one) the second process
    improves it by local search from the first second instead of racing RC2: on a machine 3x slower than ours
    RC2 rarely ends on the hard events, and the local search, not RC2, decides the result. Otherwise a third process
    builds its encoding and waits, asleep, until LATE_SEARCH_SHARE of the time; then it improves the best
    schedule so far by local search, and the three share two cores. Joining earlier costs the RC2 runs that end
    late: while the descent overran its deadline (see descent.DESCENT_CONFLICTS), RC2 ended 7.6-8.9 s into
    forum-13crafb.original and at 70% missed its optimum in 3 of 6 runs; since it stops on time RC2 ends there
    6.9-7.4 s in, and at 70% the originals kept their optima in each of 4 benchmark runs while the variants
    ended with 8-18% fewer breaks than at 80% (see the README's figures).

    Returns ("optimal", slots), ("improved", slots) when the time limit stopped the search with a schedule,
    ("unsat", None) when they cannot all be placed, or ("timeout", None). `on_best` gets every better schedule
    as it arrives (the anytime stream). pysat's CaDiCaL cannot be interrupted, so each search runs in its own
    process, ended at the deadline.
    """
    context = multiprocessing.get_context("spawn")  # safe inside a threaded web server, unlike fork
    started = time.monotonic()
    deadline = started + time_limit
    late_start = started + LATE_SEARCH_SHARE * time_limit if workers > 1 else deadline
    if start is not None and set(start) != set(must_place):
        start = None
    children: list[tuple[multiprocessing.Process, Connection]] = []

    def launch(name: str, target: Callable, *args) -> None:
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=target, args=(instance, must_place, sender, *args), daemon=True)
        process.start()
        sender.close()
        children.append((process, receiver))
        pending[receiver] = name

    pending: dict[Connection, str] = {}
    late: Connection | None = None  # to the local search that waits for the best schedule at `late_start`
    # One process (workers=1, reproducible runs): no descent, whose result would depend on the machine's speed.
    launch(PORTFOLIO[0], _search_child, PORTFOLIO[0],
           DESCENT_SHARE * time_limit if workers > 1 and start is None else 0.0,
           RC2_NICENESS if workers > 1 and start is not None else 0)
    if workers > 1:
        if start is None:
            launch(PORTFOLIO[1], _search_child, PORTFOLIO[1])
            inbox, late = context.Pipe(duplex=False)
            launch("local search", _local_search_child, None, inbox)
            inbox.close()
        else:
            launch("local search", _local_search_child, start)
    best: dict[int, int] | None = dict(start) if start is not None else None
    try:
        while pending:
            now = time.monotonic()
            if late is not None and best is not None and now >= late_start:
                log(f"maxsat: local search joins from {total_breaks(instance, best)} breaks after {now - started:.1f}s")
                late.send(best)
                late.close()
                late = None
            ready = wait(list(pending), timeout=max(0.0, (late_start if now < late_start else deadline) - now))
            if not ready:
                if time.monotonic() >= deadline:
                    break
                continue
            for receiver in ready:
                try:
                    status, slots = receiver.recv()
                except EOFError:  # finished or died: the others may still answer
                    del pending[receiver]
                    continue
                if status == "improved":
                    breaks = total_breaks(instance, slots)
                    if best is None or breaks < total_breaks(instance, best):
                        log(f"maxsat ({pending[receiver]}): {breaks} breaks after {time.monotonic() - started:.1f}s")
                        best = slots
                        if on_best is not None:
                            on_best(slots)
                    continue
                outcome = "not all meetings can be placed" if status == "unsat" else "optimal"
                log(f"maxsat ({pending[receiver]}): {outcome} after {time.monotonic() - started:.1f}s")
                return status, slots
        log(f"maxsat: stopped at the {time_limit:.1f}s limit " + ("with a schedule" if best else "without a schedule"))
        return ("improved", best) if best is not None else ("timeout", None)
    finally:
        if late is not None:
            late.close()
        for process, receiver in children:
            if process.is_alive():
                process.terminate()
            process.join(timeout=2)
            receiver.close()
