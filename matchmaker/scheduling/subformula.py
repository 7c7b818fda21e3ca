"""The one-break-each MaxSAT formula of one neighbourhood: only the freed meetings' slots are variables; every other
meeting stays where the schedule has it and enters as constants (its participants' busy slots, its table, its
precedences). Hard: as `encoding` for the freed meetings; soft: "p has no break" for each participant touched. A
participant with more than one break in the schedule (a constructive start) may keep as many, not more."""
from __future__ import annotations

from pysat.card import CardEnc, EncType, ITotalizer
from pysat.formula import WCNF

from matchmaker.scheduling.model import Instance
from matchmaker.scheduling.quality import breaks_of, busy_slots

TRUE = 1  # variable 1 is true (a unit clause); -TRUE stands for false
# Measured on forum-14 (2026-11-29): the k-modulo totalizer for "at most", the sequential counter for "equals";
# the plain totalizer made the formula up to 3x larger. 60 / 100 / 150 freed meetings: 16,000-20,000 / 33,000 /
# 65,000 clauses, against 255,000 for the whole event.
ATMOST, EQUALS = EncType.kmtotalizer, EncType.seqcounter


class _Clauses:
    """Hard clauses with TRUE folded away as they are added, and fresh variable ids."""

    def __init__(self) -> None:
        self.clauses: list[list[int]] = [[TRUE]]
        self.top = TRUE

    def new(self) -> int:
        self.top += 1
        return self.top

    def add(self, clause: list[int]) -> None:
        if TRUE not in clause:
            self.clauses.append([lit for lit in clause if lit != -TRUE])

    def card(self, lits: list[int], bound: int, kind: str) -> None:
        if kind == "atmost" and len(lits) <= bound:
            return
        if bound < 0 or bound > len(lits):
            self.clauses.append([])  # cannot hold: the neighbourhood has no schedule
            return
        if kind == "atmost" and bound == 0:
            for lit in lits:
                self.add([-lit])
            return
        encode = CardEnc.atmost if kind == "atmost" else CardEnc.equals
        cnf = encode(lits=lits, bound=bound, top_id=self.top, encoding=ATMOST if kind == "atmost" else EQUALS)
        self.top = max(self.top, cnf.nv)
        self.clauses.extend(cnf.clauses)


class SubFormula:
    """What every neighbourhood of one schedule's meetings shares: their slot domains, meetings per participant and
    precedences."""

    def __init__(self, instance: Instance, scheduled: list[int], domain: list[list[int]]):
        self.instance, self.domain = instance, domain
        self.count = [0] * instance.n_participants  # scheduled meetings per participant
        for m in scheduled:
            for p in instance.meetings[m].participants:
                self.count[p] += 1
        self.before, self.after = instance.precedence_lists

    def build(self, slots: dict[int, int], free: set[int]) -> tuple[WCNF, dict[tuple[int, int], int]]:
        """The formula of `slots` with the meetings of `free` freed, and its meeting×slot variables; `slots` is one of
        its models (each touched participant may have at most one break, or as many as `slots` gives them)."""
        inst, n = self.instance, len(self.instance.slots)
        kept = {m: s for m, s in slots.items() if m not in free}
        busy = busy_slots(inst, kept)
        now = busy_slots(inst, slots)
        load = [0] * n
        for s in kept.values():
            load[s] += 1
        f = _Clauses()
        x: dict[tuple[int, int], int] = {}
        per_slot: list[list[int]] = [[] for _ in range(n)]
        free_of: dict[int, list[int]] = {}
        for m in sorted(free):
            people = inst.meetings[m].participants
            low = max((kept[b] for b in self.before.get(m, ()) if b in kept), default=-1)
            high = min((kept[a] for a in self.after.get(m, ()) if a in kept), default=n)
            lits = []
            for s in self.domain[m]:
                if low < s < high and load[s] < inst.capacity(s) and not any(s in busy[p] for p in people):
                    x[m, s] = f.new()
                    lits.append(x[m, s])
                    per_slot[s].append(x[m, s])
            f.clauses.append(lits)  # at least one slot (at most one follows from the participants' counts)
            for p in people:
                free_of.setdefault(p, []).append(m)
        for b, a in inst.precedences:
            if b in free and a in free:
                for sa in self.domain[a]:
                    for sb in range(sa, n):
                        if (a, sa) in x and (b, sb) in x:
                            f.add([-x[a, sa], -x[b, sb]])
        for s in range(n):
            f.card(per_slot[s], inst.capacity(s) - load[s], "atmost")
        wcnf = WCNF()
        for p in sorted(free_of):
            for lit in self._participant(f, p, busy[p], free_of[p], x, max(1, breaks_of(now[p], inst))):
                wcnf.append([-lit], weight=1)
        wcnf.hard.extend(f.clauses)  # not WCNF.append: it recounts the variables clause by clause
        wcnf.nv = max(wcnf.nv, f.top)
        return wcnf, x

    def _participant(self, f: _Clauses, p: int, fixed: set[int], mine: list[int],
                     x: dict[tuple[int, int], int], most: int = 1) -> list[int]:
        """p's busy slots, "busy slots = meetings" and at most `most` breaks; literals whose count is p's breaks
        beyond those the kept meetings decide ("p has a break" when `most` is 1; none when the kept meetings decide
        them all)."""
        inst, n = self.instance, len(self.instance.slots)
        used: dict[int, int] = {}
        for s in range(n):
            lits = [x[m, s] for m in mine if (m, s) in x]
            if s in fixed or not lits:
                used[s] = TRUE if s in fixed else -TRUE
            elif len(lits) == 1:
                used[s] = lits[0]
            else:
                used[s] = f.new()
                for lit in lits:
                    f.add([-lit, used[s]])
                f.add([-used[s]] + lits)
                f.card(lits, 1, "atmost")
        f.card([u for u in used.values() if abs(u) != TRUE], len(mine), "equals")
        held: dict[int, int] = {}  # p met someone earlier that day (at or before s)
        ends: list[int] = []  # "a break of p ends at s"
        for s, slot in enumerate(inst.slots):
            first_of_day = s == 0 or inst.slots[s - 1].day != slot.day
            previous = -TRUE if first_of_day else held[s - 1]
            if TRUE in (used[s], previous):
                held[s] = TRUE
            elif used[s] == previous == -TRUE:
                held[s] = -TRUE
            else:
                held[s] = f.new()
                f.add([-used[s], held[s]])
                f.add([-previous, held[s]])
            if s < 2 or first_of_day or inst.slots[s - 2].day != slot.day or used[s] == -TRUE:
                continue
            premise = [used[s], -used[s - 1], held[s - 2]]
            if -TRUE in premise:
                continue
            if all(lit == TRUE for lit in premise):
                ends.append(TRUE)
                continue
            ends.append(f.new())
            f.add([-lit for lit in premise] + [ends[-1]])
        variable = [e for e in ends if e != TRUE]
        room = most - ends.count(TRUE)
        if not variable or room <= 0:  # the kept meetings decide p's breaks
            f.card(variable, room, "atmost")
            return []
        if most > 1:  # a start where p has more than one break: each counts
            return self._counted(f, variable, room)
        f.card(variable, 1, "atmost")
        has_break = f.new()
        for e in variable:
            f.add([-e, has_break])
        # Implied, as in `encoding`: without a break, no two busy slots of a day as far apart as p's meetings.
        possible = [s for s in range(n) if used[s] != -TRUE]
        for i, a in enumerate(possible):
            for b in possible[i + 1:]:
                if b - a >= self.count[p] and inst.slots[a].day == inst.slots[b].day:
                    f.add([-used[a], -used[b], has_break])
        return [has_break]

    @staticmethod
    def _counted(f: _Clauses, ends: list[int], room: int) -> list[int]:
        """At most `room` of the break ends `ends`; literals "at least k+1 of them" (k < room), one soft clause each,
        so that every break counts."""
        with ITotalizer(lits=ends, ubound=room, top_id=f.top) as counter:
            f.top = counter.top_id
            f.clauses.extend(counter.cnf.clauses)
            if len(counter.rhs) > room:
                f.add([-counter.rhs[room]])
            return list(counter.rhs[:room])
