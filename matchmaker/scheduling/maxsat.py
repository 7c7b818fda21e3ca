"""Break minimisation as weighted MaxSAT (Bofill et al.'s encoding), solved by RC2 under a time limit.

Hard: every meeting of `must_place` in exactly one eligible slot, no participant twice in a slot, tables per
slot (counted over clusters of meetings that share a participant), precedences, per-participant maxima, and the
two implied constraints that make the encoding strong: a participant's busy slots number exactly their meetings,
and at most 2 × tables participants are busy in a slot. Soft: "no break ends at slot s" for each participant
(the exact encoding), or "p has no break" with at most one break each (the restricted one, see PORTFOLIO).
"""
from __future__ import annotations

import multiprocessing
import random
import time
from collections.abc import Callable
from multiprocessing.connection import Connection, wait

from pysat.card import CardEnc, EncType, ITotalizer
from pysat.examples.rc2 import RC2
from pysat.formula import WCNF, IDPool
from pysat.solvers import Solver

from matchmaker.scheduling.model import Instance
from matchmaker.scheduling.quality import breaks_of, busy_slots, total_breaks

SAT_SOLVER = "cd19"  # CaDiCaL 1.9.5: the fastest of pysat's back-ends on these encodings (see the note in bench)


class Encoding:
    """The WCNF and the variable ids needed to decode a model."""

    def __init__(self, instance: Instance, must_place: list[int], atmost_encoding: int = EncType.totalizer,
                 equals_encoding: int = EncType.sortnetwrk, per_participant: bool = False):
        self.encodings = {"atmost": atmost_encoding, "equals": equals_encoding}
        self.per_participant = per_participant  # soft: "p has no break" instead of "no break ends at s"
        self.instance = instance
        self.pool = IDPool()
        self.wcnf = WCNF()
        self.meetings = must_place
        self.x: dict[tuple[int, int], int] = {}
        self.used: dict[tuple[int, int], int] = {}
        self._encode()

    def _card(self, lits: list[int], bound: int, kind: str) -> None:
        if kind == "atmost" and len(lits) <= bound:
            return
        if kind == "equals" and bound > len(lits):
            self.wcnf.append([])  # more meetings than usable slots: the hard part is unsatisfiable
            return
        encode = CardEnc.atmost if kind == "atmost" else CardEnc.equals
        for clause in encode(lits=lits, bound=bound, vpool=self.pool, encoding=self.encodings[kind]).clauses:
            self.wcnf.append(clause)

    def _encode(self) -> None:
        inst, hard = self.instance, self.wcnf.append
        n_slots = len(inst.slots)
        meetings_of: list[list[int]] = [[] for _ in range(inst.n_participants)]
        for m in self.meetings:
            slots = inst.eligible_slots(m)
            lits = [self.pool.id(("x", m, s)) for s in slots]
            for s, lit in zip(slots, lits):
                self.x[m, s] = lit
            hard(lits)  # at least one slot (at most one follows from the participants' slots below)
            for p in inst.meetings[m].participants:
                meetings_of[p].append(m)

        for p, meetings in enumerate(meetings_of):
            for s in range(n_slots):
                lits = [self.x[m, s] for m in meetings if (m, s) in self.x]
                if not lits:
                    continue
                u = self.used[p, s] = self.pool.id(("u", p, s))
                for lit in lits:
                    hard([-lit, u])
                hard([-u] + lits)
                self._card(lits, 1, "atmost")
            busy = [self.used[p, s] for s in range(n_slots) if (p, s) in self.used]
            if meetings:  # callers check that `must_place` respects each participant's maximum
                self._card(busy, len(meetings), "equals")  # implied constraint 1

        clusters = self._clusters(meetings_of)
        two_party = all(len(inst.meetings[m].participants) == 2 for m in self.meetings)
        for s in range(n_slots):
            active = []
            for cluster in clusters:
                lits = [self.x[m, s] for m in cluster if (m, s) in self.x]
                if len(lits) == 1:
                    active.append(lits[0])
                elif lits:
                    c = self.pool.id(("c", s, tuple(cluster)))
                    for lit in lits:
                        hard([-lit, c])
                    active.append(c)
            self._card(active, inst.capacity(s), "atmost")
            if two_party:  # implied constraint 2
                busy = [self.used[p, s] for p in range(inst.n_participants) if (p, s) in self.used]
                self._card(busy, 2 * inst.capacity(s), "atmost")

        for before, after in inst.precedences:
            for (m_a, sa), lit_a in ((k, v) for k, v in self.x.items() if k[0] == after):
                for sb in range(sa, n_slots):
                    if (before, sb) in self.x:
                        hard([-lit_a, -self.x[before, sb]])

        self._breaks(meetings_of)

    def _clusters(self, meetings_of: list[list[int]]) -> list[list[int]]:
        """Partition meetings into groups sharing a participant (at most one of a group runs per slot)."""
        left, clusters = set(self.meetings), []
        while left:
            best = max((sorted(left.intersection(ms)) for ms in meetings_of), key=len)
            best = best or [min(left)]
            clusters.append(best)
            left.difference_update(best)
        return clusters

    def _breaks(self, meetings_of: list[list[int]]) -> None:
        """held[p, s]: p met someone earlier that day; a break ends at s if busy at s, free at s-1, held at s-2."""
        inst, hard = self.instance, self.wcnf.append
        for p in range(inst.n_participants):
            if not meetings_of[p]:
                continue
            held: dict[int, int] = {}
            ends: list[int] = []  # "a break of p ends at s", for each possible s
            for s, slot in enumerate(inst.slots):
                first_of_day = s == 0 or inst.slots[s - 1].day != slot.day
                h = self.pool.id(("held", p, s))
                if (p, s) in self.used:
                    hard([-self.used[p, s], h])
                if not first_of_day and s - 1 in held:
                    hard([-held[s - 1], h])
                held[s] = h
                if s >= 2 and (p, s) in self.used and not first_of_day and inst.slots[s - 2].day == slot.day:
                    end = self.pool.id(("break", p, s))
                    ends.append(end)
                    clause = [-self.used[p, s], -held[s - 2], end]
                    if (p, s - 1) in self.used:
                        clause.insert(1, self.used[p, s - 1])
                    hard(clause)
                    if self.per_participant:
                        hard([-end, self.pool.id(("has_break", p))])
                    else:
                        self.wcnf.append([-end], weight=1)
            if self.per_participant and ends:
                has_break = self.pool.id(("has_break", p))
                self.wcnf.append([-has_break], weight=1)
                # Implied: without a break, p's meetings of a day fill consecutive slots, so no two busy slots of
                # the same day lie as many slots apart as p has meetings (halves the search on the hard instances).
                k = len(meetings_of[p])
                busy = sorted(s for s in range(len(inst.slots)) if (p, s) in self.used)
                for i, a in enumerate(busy):
                    for b in busy[i + 1:]:
                        if b - a >= k and inst.slots[a].day == inst.slots[b].day:
                            hard([-self.used[p, a], -self.used[p, b], has_break])
                self._card(ends, 1, "atmost")  # at most one break each: total breaks = participants with one

    def decode(self, model: list[int]) -> dict[int, int]:
        true = {lit for lit in model if lit > 0}
        return {m: s for (m, s), lit in self.x.items() if lit in true}


# The searches, one process per core. Each "restricted" search solves, by RC2, the encoding that allows at most
# one break per participant with one soft clause per participant: it reaches the published optimum on every
# benchmark instance, much faster than the exact encoding, but is optimal only for that restriction (or when it
# finds no break at all). RC2's time on these problems is heavy-tailed and depends on how the cardinality
# constraints are encoded, so the two processes race the same model in two encodings. RC2 reports nothing until
# it is done, so the totalizer process first spends DESCENT_SHARE of the time on a SAT search that streams ever
# better schedules (what the caller keeps if neither RC2 finishes), and after RC2 it runs RC2 on the exact
# encoding, which proves optimality (or shows the meetings cannot all be placed). On some events neither RC2 ends
# within 10 s (crafb with forbidden slots, 25% precedences): a large-neighbourhood search (`_descend` from a start)
# then joins at LATE_SEARCH_SHARE of the time, and replaces the sortnet race when the caller already has a schedule
# of exactly the meetings to order (the placement phase's). Figures: bench/scheduling.py.
PORTFOLIO = ("restricted-totalizer", "restricted-sortnet")
ENCODINGS = {"restricted-totalizer": dict(atmost_encoding=EncType.totalizer, equals_encoding=EncType.totalizer,
                                          per_participant=True),
             "restricted-sortnet": dict(atmost_encoding=EncType.sortnetwrk, equals_encoding=EncType.sortnetwrk,
                                        per_participant=True),
             "exact": dict(atmost_encoding=EncType.totalizer, equals_encoding=EncType.totalizer)}
DESCENT_SHARE = 0.15
LATE_SEARCH_SHARE = 0.8  # of the time: then a local search joins the two RC2 searches
DESCENT_CONFLICTS = 20_000  # per SAT call, so that the descent can stop on time
LNS_CONFLICTS = 2_000  # per neighbourhood: most are decided within it
LNS_START_SIZE, LNS_MIN_SIZE = 30, 10  # meetings freed per neighbourhood
LNS_AROUND_BREAKS = 0.5  # share of neighbourhoods grown around a participant with a break (the rest: slot windows)


def _search_child(instance: Instance, must_place: list[int], conn, name: str, descent_seconds: float = 0.0) -> None:
    """Child process: RC2 on the restricted encoding `name`, sending ("improved", slots), or ("optimal", slots)
    when it has no break at all; the totalizer process first streams a descent and afterwards sends
    ("optimal", slots) or ("unsat", None) from RC2 on the exact encoding; when the restricted encoding has no
    schedule, the other process streams a descent on the exact encoding."""
    restricted = Encoding(instance, must_place, **ENCODINGS[name])
    if descent_seconds > 0 and _descend(instance, restricted, conn, time.monotonic() + descent_seconds)[0] == 0:
        conn.close()
        return  # no break at all: nothing left to prove
    with RC2(restricted.wcnf, solver=SAT_SOLVER) as rc2:
        model = rc2.compute()
        if model is not None:
            slots = restricted.decode(model)
            conn.send(("optimal" if total_breaks(instance, slots) == 0 else "improved", slots))
    if model is None and name != "restricted-totalizer":
        # Some participant needs two breaks (or nothing can be placed): while the totalizer process proves the
        # exact optimum, this one streams ever better schedules of the exact encoding.
        _descend(instance, Encoding(instance, must_place, **ENCODINGS["exact"]), conn, float("inf"))
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
    for each better schedule, ("optimal", slots) when the exact encoding shows no better one exists. When no one
    has two breaks in the start, the search first keeps it that way, on the restricted encoding (a quarter fewer
    breaks in the same time on the crafb, crafc and precedence variants), and goes on with the exact one once
    that is exhausted."""
    restricted = None
    if start is None:
        restricted = Encoding(instance, must_place, **ENCODINGS["restricted-totalizer"])
        try:
            start = inbox.recv()
        except EOFError:  # the search ended before it was needed
            conn.close()
            return
    cost = None
    if max((breaks_of(taken, instance) for taken in busy_slots(instance, start)), default=0) <= 1:
        restricted = restricted or Encoding(instance, must_place, **ENCODINGS["restricted-totalizer"])
        cost, start = _descend(instance, restricted, conn, float("inf"), start)  # returns once shown optimal
    if cost != 0:
        _descend(instance, Encoding(instance, must_place, **ENCODINGS["exact"]), conn, float("inf"), start)
    conn.close()


def _descend(instance: Instance, encoding: Encoding, conn, deadline: float, start: dict[int, int] | None = None,
             seed: int = 0) -> tuple[int | None, dict[int, int] | None]:
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
    with Solver(name=SAT_SOLVER, bootstrap_with=encoding.wcnf.hard) as solver:
        if start is None:
            solver.conf_budget(DESCENT_CONFLICTS * 10)
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
        rng, size = random.Random(seed), LNS_START_SIZE
        meetings_of = instance.meetings_of()
        while cost > lower + 1 and time.monotonic() < deadline:
            free = _neighbourhood(instance, slots, meetings_of, size, rng)
            kept = [encoding.x[m, s] for m, s in slots.items() if m not in free]
            solver.conf_budget(LNS_CONFLICTS)
            answer = solver.solve_limited(assumptions=kept + [-totalizer.rhs[cost - 1]])
            if answer:
                slots, cost = _send(instance, encoding, solver, conn)
            elif answer is False:
                if set(solver.get_core() or ()) <= {-totalizer.rhs[cost - 1]}:
                    lower = cost - 1  # impossible whatever is kept: the encoding's optimum
                size = min(len(slots), size + size // 10 + 1)
            else:
                size = max(LNS_MIN_SIZE, size * 4 // 5)
    if 0 < cost == lower + 1 and not encoding.per_participant:
        conn.send(("optimal", slots))  # shown optimal on the exact encoding
    return cost, slots


def _neighbourhood(instance: Instance, slots: dict[int, int], meetings_of: list[list[int]], size: int,
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
    """Send the solver's schedule as an improvement (as optimal when it has no break); return it, its breaks."""
    slots = encoding.decode(solver.get_model())
    breaks = total_breaks(instance, slots)
    conn.send(("optimal" if breaks == 0 else "improved", slots))
    return slots, breaks


def minimise_breaks(instance: Instance, must_place: list[int], time_limit: float, workers: int,
                    log: Callable[[str], None], start: dict[int, int] | None = None
                    ) -> tuple[str, dict[int, int] | None]:
    """Place every meeting of `must_place` with the fewest breaks.

    With `start` (a valid schedule of exactly those meetings: the caller chose them, so placing them all is
    possible) the second process improves it by local search instead of racing RC2. Otherwise a third process
    builds its encoding and waits, asleep, until LATE_SEARCH_SHARE of the time; then it improves the best
    schedule so far by local search, and the three share two cores. Joining earlier costs the RC2 runs that end
    late: at 70% forum-13crafb.original missed its optimum in 3 of 6 runs (RC2 ends 7.6-8.9 s in), at 80% in
    none of 6.

    Returns ("optimal", slots), ("improved", slots) when the time limit stopped the search with a schedule,
    ("unsat", None) when they cannot all be placed, or ("timeout", None). pysat's CaDiCaL cannot be
    interrupted, so each search runs in its own process, ended at the deadline.
    """
    context = multiprocessing.get_context("spawn")  # safe inside a threaded web server, unlike fork
    started = time.monotonic()
    deadline = started + time_limit
    late_start = started + LATE_SEARCH_SHARE * time_limit if workers > 1 else deadline
    if start is not None and set(start) != set(must_place):
        start = None
    children: list[tuple[str, multiprocessing.Process, Connection]] = []

    def launch(name: str, target: Callable, *args) -> None:
        receiver, sender = context.Pipe(duplex=False)
        process = context.Process(target=target, args=(instance, must_place, sender, *args), daemon=True)
        process.start()
        sender.close()
        children.append((name, process, receiver))
        pending[receiver] = name

    pending: dict[Connection, str] = {}
    late: Connection | None = None  # to the local search that waits for the best schedule at `late_start`
    # One process (workers=1, reproducible runs): no descent, whose result would depend on the machine's speed.
    launch(PORTFOLIO[0], _search_child, PORTFOLIO[0], DESCENT_SHARE * time_limit if workers > 1 else 0.0)
    if workers > 1:
        if start is None:
            launch(PORTFOLIO[1], _search_child, PORTFOLIO[1])
            inbox, late = context.Pipe(duplex=False)
            launch("local search", _local_search_child, None, inbox)
            inbox.close()
        else:
            launch("local search", _local_search_child, start)
    best: dict[int, int] | None = None
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
                    continue
                log(f"maxsat ({pending[receiver]}): {'not all meetings can be placed' if status == 'unsat' else 'optimal'}"
                    f" after {time.monotonic() - started:.1f}s")
                return status, slots
        log(f"maxsat: stopped at the {time_limit:.1f}s limit " + ("with a schedule" if best else "without a schedule"))
        return ("improved", best) if best is not None else ("timeout", None)
    finally:
        if late is not None:
            late.close()
        for _, process, receiver in children:
            if process.is_alive():
                process.terminate()
            process.join(timeout=2)
            receiver.close()
