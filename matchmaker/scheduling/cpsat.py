"""Exact improvement phase: a CP-SAT model solved lexicographically (placement, then breaks, then fairness)."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from matchmaker.scheduling.model import Instance, Priority
from matchmaker.scheduling.presolve import domains
from matchmaker.scheduling.stopping import NEVER, Stop

STOP_MARGIN = 0.3  # seconds: see solve_lexicographic


def tier_weights(instance: Instance, extra_top: set[int] = frozenset()) -> list[int]:
    """Weights that make placement lexicographic: one meeting of a tier outweighs all meetings of lower tiers.

    `extra_top` (repair mode: already published meetings) sit above every tier.
    """
    counts = {tier: 0 for tier in Priority}
    for m, meeting in enumerate(instance.meetings):
        if m not in extra_top:
            counts[meeting.priority] += 1
    weight, weights_by_tier = 1, {}
    for tier in sorted(Priority):
        weights_by_tier[tier] = weight
        weight *= counts[tier] + 1
    return [weight if m in extra_top else weights_by_tier[meeting.priority]
            for m, meeting in enumerate(instance.meetings)]


def placement_objective(cm: CpSatModel, extra_top: set[int] = frozenset()) -> cp_model.LinearExprT:
    """Meetings placed, weighted by tier (see tier_weights), to maximise."""
    return sum(w * cm.placed[m] for m, w in enumerate(tier_weights(cm.instance, extra_top)))


@dataclass
class Phase:
    """One objective of the lexicographic sequence."""

    name: str
    expr: cp_model.LinearExprT
    maximize: bool
    share: float  # of the remaining time


@dataclass
class CpSatModel:
    """The CP-SAT model of an instance, with handles on the variables the phases and decoding need."""

    instance: Instance
    model: cp_model.CpModel = field(default_factory=cp_model.CpModel)
    x: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    placed: dict[int, cp_model.LinearExprT] = field(default_factory=dict)
    breaks: list[cp_model.LinearExprT] = field(default_factory=list)
    used: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    starts: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)
    active: dict[tuple[int, int], cp_model.IntVar] = field(default_factory=dict)

    def add_hint(self, slots: dict[int, int]) -> None:
        """Hint a complete assignment (auxiliary variables included), so CP-SAT starts from this schedule."""
        self.model.ClearHints()
        for (m, s), var in self.x.items():
            self.model.AddHint(var, slots.get(m) == s)
        busy = {(p, s) for m, s in slots.items() for p in self.instance.meetings[m].participants}
        for key, var in self.used.items():
            self.model.AddHint(var, key in busy)
        for (p, s), var in self.starts.items():
            previous = s > 0 and self.instance.slots[s - 1].day == self.instance.slots[s].day and (p, s - 1) in busy
            self.model.AddHint(var, (p, s) in busy and not previous)
        for (p, day), var in self.active.items():
            self.model.AddHint(var, any(q == p and self.instance.slots[s].day == day for q, s in busy))

    def decode(self, solver: cp_model.CpSolver) -> dict[int, int]:
        return {m: s for (m, s), var in self.x.items() if solver.BooleanValue(var)}


def build_model(instance: Instance, must_place: set[int] = frozenset(), breaks: bool = True) -> CpSatModel:
    """Booleans x[m, s] for eligible slots; `used` per participant and slot; blocks of busy slots for breaks
    (left out with breaks=False: a lighter model, for choosing which meetings to place)."""
    cm = CpSatModel(instance)
    model, n_slots = cm.model, len(instance.slots)
    domain = domains(instance, must_place)
    for m in range(len(instance.meetings)):
        slots = domain[m]
        for s in slots:
            cm.x[m, s] = model.NewBoolVar(f"x{m}_{s}")
        cm.placed[m] = sum(cm.x[m, s] for s in slots)
        model.Add(cm.placed[m] == 1 if m in must_place else cm.placed[m] <= 1)

    by_slot: dict[int, list[int]] = {}
    for (m, s) in cm.x:
        by_slot.setdefault(s, []).append(m)
    for s, meetings in by_slot.items():
        model.Add(sum(cm.x[m, s] for m in meetings) <= instance.capacity(s))

    meetings_of = instance.meetings_of()
    used: dict[tuple[int, int], cp_model.LinearExprT] = {}
    for p, meetings in enumerate(meetings_of):
        for s in range(n_slots):
            terms = [cm.x[m, s] for m in meetings if (m, s) in cm.x]
            if terms:
                u = model.NewBoolVar(f"u{p}_{s}")
                model.Add(u == sum(terms))  # also forbids double-booking p in s
                used[p, s] = cm.used[p, s] = u
        total = sum(used[p, s] for s in range(n_slots) if (p, s) in used)
        # Implied (Bofill et al.): a participant's busy slots number exactly their placed meetings.
        model.Add(total == sum(cm.placed[m] for m in meetings))
        if instance.max_meetings[p] is not None:
            model.Add(total <= instance.max_meetings[p])
    if all(len(m.participants) == 2 for m in instance.meetings):
        for s in range(n_slots):  # implied: at most two busy participants per table
            busy = [used[p, s] for p in range(instance.n_participants) if (p, s) in used]
            if busy:
                model.Add(sum(busy) <= 2 * instance.capacity(s))

    for before, after in instance.precedences:
        for sa in domain[after]:
            for sb in domain[before]:
                if sb >= sa and (after, sa) in cm.x and (before, sb) in cm.x:
                    model.AddBoolOr([cm.x[after, sa].Not(), cm.x[before, sb].Not()])

    if not breaks:
        return cm
    days = sorted({slot.day for slot in instance.slots})
    for p in range(instance.n_participants):
        if not meetings_of[p]:
            cm.breaks.append(0)
            continue
        terms = []
        for day in days:
            day_slots = [s for s in range(n_slots) if instance.slots[s].day == day and (p, s) in used]
            if not day_slots:
                continue
            starts = []
            for s in day_slots:
                start = cm.starts[p, s] = model.NewBoolVar(f"b{p}_{s}")
                previous = used.get((p, s - 1)) if s > 0 and instance.slots[s - 1].day == day else None
                model.Add(start >= used[p, s] - previous if previous is not None else start >= used[p, s])
                starts.append(start)
            active = cm.active[p, day] = model.NewBoolVar(f"a{p}_{day}")
            model.Add(active <= sum(used[p, s] for s in day_slots))
            terms.append(sum(starts) - active)  # blocks of busy slots minus one = breaks that day
        cm.breaks.append(sum(terms))
    return cm


def fairness_spread(cm: CpSatModel) -> cp_model.LinearExprT:
    """max - min breaks over participants who have meetings to place."""
    bound = len(cm.instance.slots)
    high, low = cm.model.NewIntVar(0, bound, "max_breaks"), cm.model.NewIntVar(0, bound, "min_breaks")
    for p, meetings in enumerate(cm.instance.meetings_of()):
        if meetings:
            cm.model.Add(high >= cm.breaks[p])
            cm.model.Add(low <= cm.breaks[p])
    return high - low


def solve_lexicographic(cm: CpSatModel, phases: list[Phase], time_limit: float, seed: int,
                        hint: dict[int, int], workers: int, log: Callable[[str], None],
                        on_best: Callable[[dict[int, int]], None] | None = None, stop: Stop = NEVER
                        ) -> tuple[dict[int, int], str]:
    """Optimise each phase in turn, keeping earlier objectives at their best value; returns slots and status
    (`on_best` gets each phase's schedule).

    Stops cleanly at the time limit, or when `stop` fires, with the best schedule found so far (at worst the hint).
    """
    deadline = time.monotonic() + time_limit
    best, all_optimal = dict(hint), True
    for i, phase in enumerate(phases):
        remaining = deadline - time.monotonic()
        if remaining <= 0.05 or stop.stopped:
            log(f"{phase.name}: skipped, " + ("stopped" if stop.stopped else "no time left"))
            all_optimal = False
            break
        # The last phase ends at the deadline; CP-SAT stops up to ~0.25 s late when it runs more workers than there
        # are cores (measured: 1.43 s for a 1.2 s budget on 2 cores), so it is asked to stop that much earlier.
        budget = (max(0.05, remaining - STOP_MARGIN) if i == len(phases) - 1
                  else max(0.05, remaining * phase.share))
        cm.add_hint(best)
        if phase.maximize:
            cm.model.Maximize(phase.expr)
        else:
            cm.model.Minimize(phase.expr)
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = workers
        if workers == 1:  # reproducible: stop on deterministic time, with wall time only as a safety net
            solver.parameters.max_deterministic_time = budget
            solver.parameters.max_time_in_seconds = budget * 3
        else:
            solver.parameters.max_time_in_seconds = budget
        solver.parameters.random_seed = seed
        with stop.hook(solver.stop_search):
            status = solver.Solve(cm.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            log(f"{phase.name}: no solution in {budget:.1f}s ({solver.StatusName(status)}); keeping the previous one")
            all_optimal = False
            break
        best = cm.decode(solver)
        if on_best is not None:
            on_best(best)
        value = round(solver.ObjectiveValue())
        optimal = status == cp_model.OPTIMAL
        log(f"{phase.name}: {value} ({'optimal' if optimal else 'bound ' + str(round(solver.BestObjectiveBound()))})"
            f" in {solver.WallTime():.2f}s")
        # Later phases may not make this objective worse.
        cm.model.Add(phase.expr >= value if phase.maximize else phase.expr <= value)
        all_optimal = all_optimal and optimal
    return best, "OPTIMAL" if all_optimal else "FEASIBLE"
