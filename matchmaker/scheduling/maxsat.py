"""Break minimisation as weighted MaxSAT (Bofill et al.'s encoding), solved by RC2 under a time limit.

Hard: every meeting of `must_place` in exactly one eligible slot, no participant twice in a slot, tables per
slot (counted over clusters of meetings that share a participant), precedences, per-participant maxima, and the
two implied constraints that make the encoding strong: a participant's busy slots number exactly their meetings,
and at most 2 × tables participants are busy in a slot. Soft: "no break ends at slot s" for each participant.
"""
from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from multiprocessing.connection import wait

from pysat.card import CardEnc, EncType, ITotalizer
from pysat.examples.rc2 import RC2
from pysat.formula import WCNF, IDPool
from pysat.solvers import Solver

from matchmaker.scheduling.model import Instance
from matchmaker.scheduling.quality import total_breaks

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
                    clause = [-self.used[p, s], -held[s - 2], end]
                    if (p, s - 1) in self.used:
                        clause.insert(1, self.used[p, s - 1])
                    hard(clause)
                    if self.per_participant:
                        hard([-end, self.pool.id(("has_break", p))])
                    else:
                        self.wcnf.append([-end], weight=1)
            if self.per_participant and self.pool.obj2id.get(("has_break", p)):
                self.wcnf.append([-self.pool.id(("has_break", p))], weight=1)
                ends = [v for k, v in self.pool.obj2id.items() if k[0] == "break" and k[1] == p]
                self._card(ends, 1, "atmost")  # at most one break each: total breaks = participants with one

    def decode(self, model: list[int]) -> dict[int, int]:
        true = {lit for lit in model if lit > 0}
        return {m: s for (m, s), lit in self.x.items() if lit in true}


# Two searches run side by side on the machine's two cores: RC2 climbs from the lower bound (core-guided) and
# proves optimality; the upper-bound search finds some schedule at once and keeps lowering its breaks, so
# the caller has a good schedule even when the time limit stops both. Figures in bench/scheduling.py.
# The upper-bound search works on a restricted encoding (at most one break per participant, one soft clause per
# participant): much faster to improve, and it gives the optimum on most benchmark instances, but only RC2 on
# the exact encoding proves optimality.
PORTFOLIO = ("core-guided-totalizer", "upper-bound", "core-guided")
ENCODINGS = {"core-guided": dict(atmost_encoding=EncType.sortnetwrk, equals_encoding=EncType.sortnetwrk),
             "core-guided-totalizer": dict(atmost_encoding=EncType.totalizer, equals_encoding=EncType.totalizer),
             "upper-bound": dict(atmost_encoding=EncType.totalizer, equals_encoding=EncType.totalizer,
                                 per_participant=True)}
BOLD_STEP_CONFLICTS = 20_000  # budget for trying to halve the breaks at once before stepping down by one


def _core_guided_child(instance: Instance, must_place: list[int], conn, name: str = "core-guided") -> None:
    """Child process: RC2 to optimality, then send ("optimal", slots) or ("unsat", None)."""
    encoding = Encoding(instance, must_place, **ENCODINGS[name])
    with RC2(encoding.wcnf, solver=SAT_SOLVER) as rc2:
        model = rc2.compute()
        conn.send(("unsat", None) if model is None else ("optimal", encoding.decode(model)))
    conn.close()


def _upper_bound_child(instance: Instance, must_place: list[int], conn) -> None:
    """Child process: send ("improved", slots) for every schedule with fewer breaks, on the restricted encoding."""
    encoding = Encoding(instance, must_place, **ENCODINGS["upper-bound"])
    flags = [-clause[0] for clause in encoding.wcnf.soft]  # soft clauses are [-has_break(p)]
    with Solver(name=SAT_SOLVER, bootstrap_with=encoding.wcnf.hard) as solver:
        if not solver.solve():
            conn.send(("unsat", None))
            return
        best, cost = _decoded(instance, encoding, solver)
        conn.send(("improved", best))
        totalizer = ITotalizer(lits=flags, ubound=max(cost, 1), top_id=encoding.pool.top)
        solver.append_formula(totalizer.cnf.clauses)
        lower = -1  # largest bound shown impossible (for the restricted encoding)
        while cost > lower + 1:
            bound = (lower + cost) // 2
            answer = None
            if bound > lower + 1 and bound < cost - 1:  # try to jump halfway; unknown means step down by one
                solver.conf_budget(BOLD_STEP_CONFLICTS)
                answer = solver.solve_limited(assumptions=[-totalizer.rhs[bound]])
            if answer is None:
                bound = cost - 1
                answer = solver.solve(assumptions=[-totalizer.rhs[bound]])
            if answer:
                best, cost = _decoded(instance, encoding, solver)
                conn.send(("improved", best))
            else:
                lower = bound
    conn.close()


def _decoded(instance: Instance, encoding: Encoding, solver: Solver) -> tuple[dict[int, int], int]:
    """The schedule in the solver's model and its real number of breaks."""
    slots = encoding.decode(solver.get_model())
    return slots, total_breaks(instance, slots)


def minimise_breaks(instance: Instance, must_place: list[int], time_limit: float, workers: int,
                    log: Callable[[str], None]) -> tuple[str, dict[int, int] | None]:
    """Place every meeting of `must_place` with the fewest breaks.

    Returns ("optimal", slots), ("improved", slots) when the time limit stopped the search with a schedule,
    ("unsat", None) when they cannot all be placed, or ("timeout", None). pysat's CaDiCaL cannot be
    interrupted, so each search runs in its own process, ended at the deadline.
    """
    context = multiprocessing.get_context("spawn")  # safe inside a threaded web server, unlike fork
    started = time.monotonic()
    deadline = started + time_limit
    targets = {"core-guided": _core_guided_child, "upper-bound": _upper_bound_child,
               "core-guided-totalizer": _core_guided_child}
    names = PORTFOLIO[:max(1, workers)]  # one process: the exact core-guided search alone
    children = []
    for name in names:
        receiver, sender = context.Pipe(duplex=False)
        extra = (name,) if name.startswith("core-guided-") else ()
        process = context.Process(target=targets[name], args=(instance, must_place, sender, *extra), daemon=True)
        process.start()
        sender.close()
        children.append((name, process, receiver))
    best: dict[int, int] | None = None
    try:
        pending = {receiver: name for name, _, receiver in children}
        while pending:
            ready = wait(list(pending), timeout=max(0.0, deadline - time.monotonic()))
            if not ready:
                break
            for receiver in ready:
                try:
                    status, slots = receiver.recv()
                except EOFError:  # finished or died: the others may still answer
                    del pending[receiver]
                    continue
                if status == "improved":
                    best = slots
                    continue
                log(f"maxsat ({pending[receiver]}): {'not all meetings can be placed' if status == 'unsat' else 'optimal'}"
                    f" after {time.monotonic() - started:.1f}s")
                return status, slots
        log(f"maxsat: stopped at the {time_limit:.1f}s limit " + ("with a schedule" if best else "without a schedule"))
        return ("improved", best) if best is not None else ("timeout", None)
    finally:
        for _, process, receiver in children:
            if process.is_alive():
                process.terminate()
            process.join(timeout=2)
            receiver.close()
