"""Break minimisation under a time limit: a large-neighbourhood SAT search (`descent`) and RC2 (MaxSAT) on the
encodings of `encoding`, side by side in processes, streaming every better schedule."""
from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from functools import partial
from multiprocessing.connection import Connection, wait

from pysat.examples.rc2 import RC2

from matchmaker.scheduling.cores import ONE_CORE_POLICY, RC2_NICENESS, lower_priority, usable_cores
from matchmaker.scheduling.descent import (FIRST_CONFLICTS, FIRST_CONFLICTS_WITH_START, FIRST_EXACT_CONFLICTS,
                                           LNS_SAT_SOLVER, descend, first_schedule, send_schedule)
from matchmaker.scheduling.encoding import ENCODINGS, SAT_SOLVER, Encoding
from matchmaker.scheduling.hitting import UNSATISFIABLE, few_breaks_of
from matchmaker.scheduling.model import Instance
from matchmaker.scheduling.quality import breaks_of, busy_slots, total_breaks
from matchmaker.scheduling.stopping import NEVER, POLL_SECONDS, Stop

# The searches, one process per core: a large-neighbourhood search (see _local_search_child), which decides the
# result whenever RC2 cannot end in time, and RC2 on the encoding that allows at most one break per participant
# (one soft clause per participant; it reaches the published optimum on every benchmark instance, much faster
# than the exact encoding, but is optimal only for that restriction, or when it finds no break at all), then on
# the exact encoding, which proves optimality (or shows the meetings cannot all be placed). Until 2026-11-29 a
# second RC2 on another cardinality encoding raced the first (RC2's time is heavy-tailed), a SAT descent took the
# first 15% of the time and the local search joined at 70%: fine on two free cores of our machine (the originals
# at the paper's 36 in 10 s), but on a loaded or 3x slower one RC2 rarely ends on the hard events and the late
# local search had no time (495 breaks on the six hard originals at 10 s on a loaded machine, 121 with this
# design in the same conditions). Figures: bench/scheduling.py and the README.
PORTFOLIO = ("local search", "restricted-totalizer")
# When no one-break-each schedule is found (see _local_search_child), the local search goes on with CP-SAT
# neighbourhoods (lns) instead of SAT ones on the exact encoding if the restricted encoding has more hard clauses
# than this: the long one-day events (21-22 slots, 140,000-290,000 clauses) where building and loading the exact
# encoding takes seconds on a loaded machine. Measured on the 7 generated 0.7%-forbidden-slot variants of every
# third original at 10 s, loaded machine (calibration 1.4-3.1 s): forum-14 222 -> 83 breaks, ticf-13crafc 41 -> 16
# with CP-SAT; on the 10-slot events (60,000-85,000 clauses) the SAT neighbourhoods did better (3 against 12-17).
CPSAT_LNS_MIN_CLAUSES = 120_000
# Above this many hard clauses of the restricted encoding (forum-14 255,000, ticf-14crafa 288,000, their
# precedence and sparse-forbidden-slot variants, ticf-14crafa with 20% fixed meetings 227,000; not forum-14's
# 200,000 nor the 40%-fixed ones; the other originals 23,000-191,000) the local search's
# neighbourhoods on the restricted form are RC2 ones (rc2lns: each a small formula of the freed meetings solved to
# its optimum) instead of SAT calls under assumptions on the whole formula. Measured 2026-11-29/30, one core,
# loaded machine, same cached first schedule, 7 s: see the README's Benchmark figures.
RC2_LNS_MIN_CLAUSES = 220_000
# On those events the RC2 neighbourhoods start at once from the local search's start (the constructive schedule, or
# the placement's / Glucose's first exact one), not from CaDiCaL's first schedule of the restricted encoding, which
# took 3-20 s there on a loaded machine (loading 255,000-290,000 clauses, then 12,000-14,000 conflicts) and often
# came after the time limit: they need only the small formula of each neighbourhood. The RC2 process (beside it)
# computes that first schedule instead, at the local search's priority (lowering its own only after it), and the
# local search takes it as its incumbent when it comes (see rc2lns.search: a better start than the constructive one).
# False: the search before 2026-11-30 (for old-against-new benchmark runs).
RC2_LNS_FROM_START = True
# On those events the local search first anneals its start for this share of its time (anneal: Kempe-chain moves,
# 40-50% fewer breaks than the RC2 neighbourhoods alone at 10 s on forum-14 and ticf-14crafa, see anneal's
# docstring), then goes on with the RC2 neighbourhoods from the annealed schedule. 0: the search before 2026-11-30
# 13:00 UTC.
ANNEAL_SHARE = 0.6
# On the other events, given a complete start and a deadline, it first anneals the start for this share of its time,
# at most ANNEAL_OTHERS_SECONDS (the annealing stalls within seconds there; a proof by the SAT neighbourhoods would
# wait for it, and on one core RC2 gets no time meanwhile), then goes on from the annealed schedule as from its start.
# Measured 2026-11-30 at 15 s, seeds 0-3, forum-13crafb / ticf-13crafb / ticf-13crafc: 6, 6, 6, 6 / 5, 6, 7, 5 /
# 3, 2, 1, 3 breaks with it (paper 6 / 3 / 1) against 6, 6, 6, 6 / 7, 6, 6, 7 / 3, 3, 3, 3 without. 0: the search
# before 2026-11-30 16:30 UTC.
ANNEAL_OTHERS = 0.2
ANNEAL_OTHERS_SECONDS = 3.0


def _search_child(instance: Instance, must_place: list[int], conn, niceness: int | str = 0,
                  first_above: float = float("inf")) -> None:
    """Child process: RC2 on the restricted encoding (after implicit hitting sets, hitting.few_breaks_of, which
    answer instead when its optimum is 0 or 1 break), sending ("improved", slots), or ("optimal", slots) when it
    has no break at all; then RC2 on the exact encoding, sending ("optimal", slots) or ("unsat", None).
    `niceness`: see cores.lower_priority. Above `first_above` hard clauses it first sends the SAT solver's first
    schedule of the restricted encoding (RC2's own solver, without assumptions), at the caller's priority, for a local
    search that did not wait for it (see RC2_LNS_FROM_START), and yields the CPU only then."""
    if first_above == float("inf"):
        lower_priority(niceness)
    restricted = Encoding(instance, must_place, **ENCODINGS["restricted-totalizer"])
    first = len(restricted.wcnf.hard) > first_above
    if first_above < float("inf") and not first:
        lower_priority(niceness)
    with RC2(restricted.wcnf, solver=SAT_SOLVER) as rc2:
        if first:
            rc2.oracle.conf_budget(FIRST_CONFLICTS_WITH_START)  # as the local search gave it before
            if rc2.oracle.solve_limited():
                send_schedule(instance, restricted.decode(rc2.oracle.get_model()), conn)
            lower_priority(niceness)
        model = few_breaks_of(restricted.wcnf, SAT_SOLVER)  # optimum 0 or 1: implicit hitting sets, often faster
        model = rc2.compute() if model is None else None if model == UNSATISFIABLE else model
        if model is not None and send_schedule(instance, restricted.decode(model), conn) == 0:
            conn.close()
            return  # no break at all: nothing left to prove
    exact = Encoding(instance, must_place, **ENCODINGS["exact"])
    with RC2(exact.wcnf, solver=SAT_SOLVER) as rc2:
        model = rc2.compute()
        conn.send(("unsat", None) if model is None else ("optimal", exact.decode(model)))
    conn.close()


def _local_search_child(instance: Instance, must_place: list[int], conn, start: dict[int, int] | None,
                        deadline: float = float("inf"), rc2_min_clauses: float | None = None,
                        inbox: Connection | None = None, from_start: bool | None = None,
                        anneal_share: float | None = None, anneal_others: float | None = None) -> None:
    """Child process: the neighbourhood search (descent.descend) until ended, sending ("improved", slots) for each
    better schedule, ("optimal", slots) when the exact encoding shows no better one exists.

    It first works on the restricted encoding (at most one break each: a quarter fewer breaks in the same time on
    the crafb, crafc and precedence variants): from `start` if no one has two breaks there, else from the SAT
    solver's (CaDiCaL's) first schedule of it, straight to neighbourhoods (a constructive start with 80-120
    breaks is far from the 0-6 of the optimum, the restricted encoding's first schedule much closer; the
    descent's global steps took 2-3 s on the crafb events of a loaded machine for one break less, where the
    neighbourhoods then took 49 to 25 breaks in 2 s). It goes on with the exact encoding once the restricted one
    is exhausted, or from `start` if the restricted encoding has no schedule (someone must have two breaks, as
    often with forbidden slots); on a large event, CP-SAT neighbourhoods (lns) replace the SAT ones in that last
    case (see CPSAT_LNS_MIN_CLAUSES). On the largest events the neighbourhoods on the restricted form are RC2 ones
    (rc2lns, see RC2_LNS_MIN_CLAUSES; `rc2_min_clauses`, the caller's value of it, since a forkserver child
    imported this module afresh), which stop by themselves at `deadline`; there they start at once from `start`
    when there is one (RC2_LNS_FROM_START, `from_start` the caller's value) and take the RC2 process's first
    schedule, which the parent forwards on `inbox`, when it comes (see rc2lns.search); with ANNEAL_SHARE
    (`anneal_share`) they first anneal it for that share of the time, and take the RC2 process's schedules only when
    better; on the other events a complete `start` is annealed first, for ANNEAL_OTHERS of the time
    (`anneal_others`), ANNEAL_OTHERS_SECONDS at most. Without `start` (the constructive
    schedule left meetings out) the start is Glucose's first schedule of the exact encoding, found in a fraction of
    a second, so that a complete schedule is streamed early even when the restricted encoding's first schedule
    takes seconds or never comes."""
    from matchmaker.scheduling.anneal import anneal  # Numba: preloaded by the fork server, not by the web app

    send = partial(send_schedule, instance, conn=conn)
    exact = None
    if start is None:
        # No complete constructive schedule: Glucose's first schedule of the exact encoding comes at once (0.2-0.7 s
        # on the 20 originals under load, where CaDiCaL took 3-5 s on the largest), so a complete schedule is
        # streamed even if nothing else arrives in time (forum-14.prec15 once ended a meeting short that way).
        exact = Encoding(instance, must_place, **ENCODINGS["exact"])
        start = first_schedule(instance, exact, conn, FIRST_EXACT_CONFLICTS, sat_solver=LNS_SAT_SOLVER)
    restricted = Encoding(instance, must_place, **ENCODINGS["restricted-totalizer"])
    rc2_min_clauses = RC2_LNS_MIN_CLAUSES if rc2_min_clauses is None else rc2_min_clauses
    from_start = RC2_LNS_FROM_START if from_start is None else from_start
    large = len(restricted.wcnf.hard) > rc2_min_clauses
    others = ANNEAL_OTHERS if anneal_others is None else anneal_others
    if not large and others > 0 and start is not None and deadline < float("inf"):
        seconds = min(others * (deadline - time.monotonic()), ANNEAL_OTHERS_SECONDS)
        _, start = anneal(instance, start, time.monotonic() + seconds, send)
    one_each = start is not None and max((breaks_of(taken, instance) for taken in busy_slots(instance, start)),
                                         default=0) <= 1
    first = start if one_each or (large and from_start and start is not None) else first_schedule(
        instance, restricted, conn, FIRST_CONFLICTS if start is None else FIRST_CONFLICTS_WITH_START)
    if first is None and start is not None and len(restricted.wcnf.hard) > CPSAT_LNS_MIN_CLAUSES:
        # No one-break-each schedule in sight (forbidden slots often force two breaks on someone) and a large
        # encoding: CP-SAT neighbourhoods on the exact objective from `start` (lns), which need no encoding at all.
        from matchmaker.scheduling import lns  # OR-Tools: only this branch needs it
        lns.search(instance, must_place, start, send)
        conn.close()
        return
    cost = None
    if first is not None and large:
        from matchmaker.scheduling import rc2lns

        share = ANNEAL_SHARE if anneal_share is None else anneal_share
        annealed = share > 0 and deadline < float("inf")
        if annealed:
            _, first = anneal(instance, first, time.monotonic() + share * (deadline - time.monotonic()), send)
        cost, found, proved = rc2lns.search(instance, must_place, first, send, lambda: time.monotonic() < deadline,
                                            offered=partial(_latest, inbox), take_first_offer=not annealed)
        if not proved:  # the deadline: the parent ends this process now
            conn.close()
            return
        start = found
    elif first is not None:
        cost, found = descend(instance, restricted, conn, float("inf"), first)
        if start is None or (cost is not None and cost < total_breaks(instance, start)):
            start = found
    if cost != 0:
        descend(instance, exact or Encoding(instance, must_place, **ENCODINGS["exact"]), conn, float("inf"), start)
    conn.close()


def _latest(inbox: Connection | None) -> dict[int, int] | None:
    """The last schedule waiting on `inbox` (None if none)."""
    latest = None
    try:
        while inbox is not None and inbox.poll():
            latest = inbox.recv()
    except (EOFError, OSError):  # the parent closed it
        pass
    return latest


def _forward(forward: Connection, slots: dict[int, int]) -> None:
    """Offer the local search a better schedule found by the other process (it may have ended: then nothing)."""
    try:
        forward.send(slots)
    except (BrokenPipeError, OSError):
        pass


def _context() -> multiprocessing.context.BaseContext:
    """A fork server with this module and the annealing's compiled steps preloaded: safe inside a threaded web
    server or job worker (unlike fork), and a search process starts in ~0.02 s instead of the 0.3-0.4 s of spawn,
    which re-imports everything, and the 0.8 s of importing Numba and loading the steps from its cache (three times
    that on a machine 3x slower, out of each solve's time limit)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__, "matchmaker.scheduling.anneal"])
    return context


def minimise_breaks(instance: Instance, must_place: list[int], time_limit: float, workers: int,
                    log: Callable[[str], None], start: dict[int, int] | None = None,
                    on_best: Callable[[dict[int, int]], None] | None = None,
                    cores: int | None = None, stop: Stop = NEVER) -> tuple[str, dict[int, int] | None]:
    """Place every meeting of `must_place` with the fewest breaks.

    With workers > 1 the local search and RC2 run side by side from the start, RC2 at a lower CPU priority
    (RC2_NICENESS; with one usable core, `cores` or else usable_cores(), as an idle-class process: see
    ONE_CORE_POLICY); the local search starts from `start` (a valid schedule of exactly those meetings, e.g. the
    constructive one or the placement phase's) or from the SAT solver's first schedule. With workers=1
    (reproducible runs) RC2 alone: a local search stopped by the clock would make the result depend on the
    machine's speed.

    Returns ("optimal", slots), ("improved", slots) when the time limit stopped the search with a schedule,
    ("unsat", None) when they cannot all be placed, or ("timeout", None). `on_best` gets every better schedule
    as it arrives (the anytime stream). pysat's CaDiCaL cannot be interrupted, so each search runs in its own
    process, ended at the deadline, or within POLL_SECONDS once `stop` fires (returning what it has, as at the
    deadline).
    """
    context = _context()
    cores = usable_cores() if cores is None else cores
    started = time.monotonic()
    deadline = started + time_limit
    if start is not None and set(start) != set(must_place):
        start = None
    children: list[tuple[multiprocessing.Process, Connection]] = []
    pending: dict[Connection, str] = {}

    def launch(name: str, target: Callable, *args) -> None:
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=target, args=(instance, must_place, sender, *args), daemon=True)
        process.start()
        sender.close()
        children.append((process, receiver))
        pending[receiver] = name

    inbox, forward = context.Pipe(duplex=False) if RC2_LNS_FROM_START else (None, None)  # for the local search
    if workers > 1:
        launch("local search", _local_search_child, start, deadline, RC2_LNS_MIN_CLAUSES, inbox, RC2_LNS_FROM_START,
               ANNEAL_SHARE, ANNEAL_OTHERS)
    if inbox is not None:
        inbox.close()
    niceness = (RC2_NICENESS if cores > 1 else ONE_CORE_POLICY) if workers > 1 else 0
    launch("restricted-totalizer", _search_child, niceness,
           RC2_LNS_MIN_CLAUSES if workers > 1 and RC2_LNS_FROM_START else float("inf"))
    best: dict[int, int] | None = dict(start) if start is not None and workers > 1 else None
    try:
        while pending and not stop.stopped:
            ready = wait(list(pending), timeout=min(POLL_SECONDS, max(0.0, deadline - time.monotonic())))
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
                    if forward is not None and pending[receiver] != "local search":
                        _forward(forward, slots)  # the local search may take it even if not the best (rc2lns)
                    if best is None or breaks < total_breaks(instance, best):
                        log(f"maxsat ({pending[receiver]}): {breaks} breaks after {time.monotonic() - started:.1f}s")
                        best = slots
                        if on_best is not None:
                            on_best(slots)
                    continue
                outcome = "not all meetings can be placed" if status == "unsat" else "optimal"
                log(f"maxsat ({pending[receiver]}): {outcome} after {time.monotonic() - started:.1f}s")
                return status, slots
        ended = "stopped by the caller" if stop.stopped else f"stopped at the {time_limit:.1f}s limit"
        log(f"maxsat: {ended} " + ("with a schedule" if best else "without a schedule"))
        return ("improved", best) if best is not None else ("timeout", None)
    finally:
        for process, receiver in children:
            if process.is_alive():
                process.terminate()
            process.join(timeout=2)
            receiver.close()
        if forward is not None:
            forward.close()
