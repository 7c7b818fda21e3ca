"""CP-SAT large-neighbourhood search on the breaks: free the meetings of a few participants (or of a window of
slots), keep every other meeting in its slot, and let CP-SAT find the fewest breaks for the freed ones, starting
from the incumbent (a hint). Each neighbourhood is a small model of its own (only the freed meetings, the rest as
constants), solved single-threaded on deterministic time, so the same start gives the same sequence."""
from __future__ import annotations

import random
from collections.abc import Callable

from ortools.sat.python import cp_model

from matchmaker.scheduling.descent import neighbourhood
from matchmaker.scheduling.model import Instance
from matchmaker.scheduling.presolve import domains
from matchmaker.scheduling.quality import breaks_of, busy_slots, total_breaks

START_SIZE, MIN_SIZE = 20, 8  # meetings freed per neighbourhood: grows when solved to optimality, else shrinks
DETERMINISTIC_LIMIT = 0.1  # CP-SAT deterministic seconds per neighbourhood (about wall seconds on our machine)


class Neighbourhoods:
    """The search state: the incumbent schedule, its breaks, and what a neighbourhood may use."""

    def __init__(self, instance: Instance, must_place: list[int], start: dict[int, int], seed: int = 0):
        self.instance, self.slots = instance, dict(start)
        self.domain = domains(instance, must_place)
        self.meetings_of = instance.meetings_of()
        self.before, self.after = instance.precedence_lists  # meeting -> meetings that must come before / after it
        self.cost = total_breaks(instance, self.slots)
        self.rng, self.size, self.seed = random.Random(seed), START_SIZE, seed

    def step(self) -> bool:
        """Solve one neighbourhood; True if the incumbent got fewer breaks. Equally good schedules are taken
        too (they move the search across plateaus)."""
        free = neighbourhood(self.instance, self.slots, self.meetings_of, self.size, self.rng)
        found, optimal = self._solve(free)
        if optimal:
            self.size = min(len(self.slots), self.size + self.size // 10 + 1)
        else:
            self.size = max(MIN_SIZE, self.size * 4 // 5)
        if found is None:
            return False
        self.slots.update(found)
        cost = total_breaks(self.instance, self.slots)
        better = cost < self.cost
        self.cost = cost
        return better

    def _solve(self, free: set[int]) -> tuple[dict[int, int] | None, bool]:
        """The fewest breaks for the participants of `free` with every other meeting kept in place."""
        inst, slots = self.instance, self.slots
        busy = busy_slots(inst, {m: s for m, s in slots.items() if m not in free})
        load = [0] * len(inst.slots)
        for m, s in slots.items():
            if m not in free:
                load[s] += 1
        model = cp_model.CpModel()
        x: dict[tuple[int, int], cp_model.IntVar] = {}
        hints: list[tuple[cp_model.IntVar, int]] = []
        for m in free:
            people = inst.meetings[m].participants
            options = [s for s in self.domain[m]
                       if load[s] < inst.capacity(s) and not any(s in busy[p] for p in people)]
            for s in options:
                x[m, s] = model.NewBoolVar("")
                hints.append((x[m, s], int(slots[m] == s)))
            model.AddExactlyOne(x[m, s] for s in options)
        per_slot: dict[int, list[cp_model.IntVar]] = {}
        for (m, s), var in x.items():
            per_slot.setdefault(s, []).append(var)
        for s, lits in per_slot.items():
            if len(lits) > inst.capacity(s) - load[s]:
                model.Add(sum(lits) <= inst.capacity(s) - load[s])
        position = {m: sum(s * x[m, s] for s in range(len(inst.slots)) if (m, s) in x) for m in free}
        for m in free:
            for a in self.after.get(m, ()):
                model.Add(position[m] + 1 <= (position[a] if a in free else slots[a]))
            for b in self.before.get(m, ()):
                if b not in free:
                    model.Add(position[m] >= slots[b] + 1)
        people = sorted({p for m in free for p in inst.meetings[m].participants})
        current = {p: breaks_of(busy_slots(inst, {m: slots[m] for m in self.meetings_of[p] if m in slots})[p], inst)
                   for p in people}
        objective = [self._breaks(model, p, busy[p], free, x, hints) for p in people]
        model.Minimize(sum(objective))
        for var, value in hints:
            model.AddHint(var, value)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        solver.parameters.random_seed = self.seed
        solver.parameters.max_deterministic_time = DETERMINISTIC_LIMIT
        # A safety net only: on a machine 50 times slower than ours (or as loaded) a neighbourhood would end on the
        # wall clock and the sequence would stop being reproducible; the search's caller ends it at its time limit.
        solver.parameters.max_time_in_seconds = 50 * DETERMINISTIC_LIMIT
        status = solver.Solve(model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None, False
        if round(solver.ObjectiveValue()) > sum(current.values()):
            return None, status == cp_model.OPTIMAL
        found = {m: s for (m, s), var in x.items() if solver.BooleanValue(var)}
        return found, status == cp_model.OPTIMAL

    def _breaks(self, model: cp_model.CpModel, p: int, fixed: set[int], free: set[int],
                x: dict[tuple[int, int], cp_model.IntVar], hints: list) -> cp_model.LinearExprT:
        """p's breaks: per day, blocks of busy slots minus one; slots of kept meetings are constants."""
        inst = self.instance
        mine = [m for m in self.meetings_of[p] if m in free]
        incumbent = {self.slots[m] for m in self.meetings_of[p] if m in self.slots}
        terms: list = []
        days: dict[int, list[int]] = {}
        for s, slot in enumerate(inst.slots):
            days.setdefault(slot.day, []).append(s)
        for day_slots in days.values():
            used = {}
            for s in day_slots:
                if s in fixed:
                    used[s] = 1
                else:
                    lits = [x[m, s] for m in mine if (m, s) in x]
                    if lits:
                        model.AddAtMostOne(lits)
                        used[s] = sum(lits)
            if not used:
                continue
            starts: list = []
            for s in day_slots:
                if s not in used:
                    continue
                previous = used.get(s - 1) if s - 1 in day_slots else None
                if isinstance(used[s], int) and previous is None:
                    starts.append(1)
                    continue
                if isinstance(used[s], int) and isinstance(previous, int):
                    continue
                start = model.NewBoolVar("")
                model.Add(start >= used[s] - (previous if previous is not None else 0))
                hints.append((start, int(s in incumbent and (s - 1 not in incumbent or previous is None))))
                starts.append(start)
            if any(s in fixed for s in day_slots):
                terms.append(sum(starts) - 1)
            else:
                active = model.NewBoolVar("")
                model.Add(active <= sum(used.values()))
                hints.append((active, int(any(s in incumbent for s in day_slots))))
                terms.append(sum(starts) - active)
        return sum(terms)


def search(instance: Instance, must_place: list[int], start: dict[int, int], send: Callable[[dict[int, int]], None],
           keep_going: Callable[[], bool] = lambda: True, seed: int = 0) -> tuple[int, dict[int, int]]:
    """Neighbourhood after neighbourhood while `keep_going()`, sending each schedule with fewer breaks; returns the
    fewest breaks found and that schedule."""
    state = Neighbourhoods(instance, must_place, start, seed)
    best, best_slots = state.cost, dict(state.slots)
    while best > 0 and keep_going():
        state.step()
        if state.cost < best:
            best, best_slots = state.cost, dict(state.slots)
            send(best_slots)
    return best, best_slots
