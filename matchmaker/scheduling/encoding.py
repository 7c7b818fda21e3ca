"""Break minimisation as weighted MaxSAT: Bofill et al.'s encoding of the meeting×slot problem.

Hard: every meeting of `must_place` in exactly one eligible slot, no participant twice in a slot, tables per
slot (counted over clusters of meetings that share a participant), precedences, per-participant maxima, and the
two implied constraints that make the encoding strong: a participant's busy slots number exactly their meetings,
and at most 2 × tables participants are busy in a slot. Soft: "no break ends at slot s" for each participant
(the exact encoding), or "p has no break" with at most one break each (the restricted one, see maxsat.PORTFOLIO).

With `placement` (a weight per meeting) the meetings become optional and the soft clauses are "m is placed"
instead, with no break clauses: the most meetings that can be placed together (placement.maximise_placement).
"""
from __future__ import annotations

from pysat.card import CardEnc, EncType
from pysat.formula import WCNF, IDPool

from matchmaker.scheduling.model import Instance
from matchmaker.scheduling.presolve import domains

SAT_SOLVER = "cd19"  # CaDiCaL 1.9.5: fastest for RC2 and the descent (the local search: see descent)


class Encoding:
    """The WCNF and the variable ids needed to decode a model."""

    def __init__(self, instance: Instance, must_place: list[int], atmost_encoding: int = EncType.totalizer,
                 equals_encoding: int = EncType.sortnetwrk, per_participant: bool = False,
                 placement: list[int] | None = None):
        self.encodings = {"atmost": atmost_encoding, "equals": equals_encoding}
        self.per_participant = per_participant  # soft: "p has no break" instead of "no break ends at s"
        self.instance = instance
        self.pool = IDPool()
        self.wcnf = WCNF()
        # Hard clauses go straight into this list: WCNF.append recomputes the variable count per clause, which was
        # 60% of the build (2.6 s of forum-14's 250,000 clauses on a loaded machine, in every search process).
        self.hard: list[list[int]] = self.wcnf.hard
        self.meetings = must_place
        self.placement = placement  # weights of the soft "m is placed" clauses, which replace the breaks
        self.placed: dict[int, int] = {}
        self.x: dict[tuple[int, int], int] = {}
        self.used: dict[tuple[int, int], int] = {}
        self._encode()
        self.wcnf.nv = max(self.wcnf.nv, self.pool.top)

    def _card(self, lits: list[int], bound: int, kind: str) -> None:
        if kind == "atmost" and len(lits) <= bound:
            return
        if kind == "equals" and bound > len(lits):
            self.hard.append([])  # more meetings than usable slots: the hard part is unsatisfiable
            return
        encode = CardEnc.atmost if kind == "atmost" else CardEnc.equals
        self.hard.extend(encode(lits=lits, bound=bound, vpool=self.pool, encoding=self.encodings[kind]).clauses)

    def _encode(self) -> None:
        inst, hard = self.instance, self.hard.append
        n_slots = len(inst.slots)
        meetings_of: list[list[int]] = [[] for _ in range(inst.n_participants)]
        # Optional meetings (placement) may leave a fixed one out, which frees its slot: no presolve then.
        domain = domains(inst, self.meetings if self.placement is None else ())
        for m in self.meetings:
            slots = domain[m]
            lits = [self.pool.id(("x", m, s)) for s in slots]
            for s, lit in zip(slots, lits):
                self.x[m, s] = lit
            if self.placement is None:
                hard(lits)  # at least one slot (at most one follows from the participants' slots below)
            else:
                placed = self.placed[m] = self.pool.id(("placed", m))
                hard([-placed] + lits)
                for lit in lits:
                    hard([-lit, placed])
                self.wcnf.append([placed], weight=self.placement[m])
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
            if meetings and self.placement is None:  # callers check that `must_place` respects the maxima
                self._card(busy, len(meetings), "equals")  # implied constraint 1
            elif meetings:  # busy slots + unplaced meetings = meetings
                self._card(busy + [-self.placed[m] for m in meetings], len(meetings), "equals")
                limit = inst.max_meetings[p]
                if limit is not None:
                    self._card(busy, limit, "atmost")

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

        if self.placement is None:
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
        inst, hard = self.instance, self.hard.append
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


ENCODINGS = {"restricted-totalizer": dict(atmost_encoding=EncType.totalizer, equals_encoding=EncType.totalizer,
                                          per_participant=True),
             "restricted-sortnet": dict(atmost_encoding=EncType.sortnetwrk, equals_encoding=EncType.sortnetwrk,
                                        per_participant=True),
             "exact": dict(atmost_encoding=EncType.totalizer, equals_encoding=EncType.totalizer)}
