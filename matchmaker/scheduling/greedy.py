"""Fast constructive scheduling: the first-fit baseline, and a break-aware greedy with ejection repairs."""
from __future__ import annotations

import random
import time

from matchmaker.scheduling.model import Instance, Placement, Schedule


class State:
    """A partial schedule with the occupancy indexes needed to test and apply moves in O(participants)."""

    def __init__(self, instance: Instance):
        self.instance = instance
        self.slot: dict[int, int] = {}
        self.busy: list[dict[int, int]] = [dict() for _ in range(instance.n_participants)]  # p -> slot -> meeting
        self.load = [0] * len(instance.slots)
        self.before, self.after = instance.precedence_lists

    def fits(self, m: int, s: int) -> bool:
        """Can meeting m go into slot s now (it is in no slot)?"""
        inst = self.instance
        if self.load[s] >= inst.capacity(s):
            return False
        for p in inst.meetings[m].participants:
            if s in self.busy[p]:
                return False
            limit = inst.max_meetings[p]
            if limit is not None and len(self.busy[p]) >= limit:
                return False
        return self.order_ok(m, s)

    def order_ok(self, m: int, s: int) -> bool:
        return (all(self.slot.get(b, -1) < s for b in self.before.get(m, ()))
                and all(self.slot.get(a, len(self.instance.slots)) > s for a in self.after.get(m, ())))

    def place(self, m: int, s: int) -> None:
        self.slot[m] = s
        self.load[s] += 1
        for p in self.instance.meetings[m].participants:
            self.busy[p][s] = m

    def remove(self, m: int) -> int:
        s = self.slot.pop(m)
        self.load[s] -= 1
        for p in self.instance.meetings[m].participants:
            del self.busy[p][s]
        return s

    def gap_cost(self, m: int, s: int) -> int:
        """How much placing m in s would add to breaks (0: adjacent to, or first of, each participant's day)."""
        slots, cost = self.instance.slots, 0
        for p in self.instance.meetings[m].participants:
            same_day = [t for t in self.busy[p] if slots[t].day == slots[s].day]
            if not same_day:
                continue
            if s - 1 in self.busy[p] or s + 1 in self.busy[p]:
                continue
            cost += 1 if min(same_day) > s or max(same_day) < s else 0  # extends the span with a hole
        return cost

    def schedule(self) -> Schedule:
        """Assign tables slot by slot (locked tables first) and return the schedule."""
        return assign_tables(self.instance, self.slot)


def assign_tables(instance: Instance, slots: dict[int, int], keep: dict[int, int] | None = None) -> Schedule:
    """Give every placed meeting a table: locked tables, then the previous table (`keep`), then the lowest free."""
    keep = keep or {}
    by_slot: dict[int, list[int]] = {}
    for m, s in slots.items():
        by_slot.setdefault(s, []).append(m)
    placements: dict[int, Placement] = {}
    for s, meetings in by_slot.items():
        taken: set[int] = set()
        rest = []
        for m in sorted(meetings):
            wanted = instance.meetings[m].locked_table
            wanted = keep.get(m) if wanted is None else wanted
            if wanted is not None and wanted not in taken and wanted < instance.capacity(s):
                placements[m] = Placement(s, wanted)
                taken.add(wanted)
            else:
                rest.append(m)
        free = (t for t in range(instance.capacity(s)) if t not in taken)
        for m in rest:
            placements[m] = Placement(s, next(free))
    return Schedule(placements)


def priority_order(instance: Instance) -> list[int]:
    """Meetings by priority tier, then input order: what most event tools do."""
    return sorted(range(len(instance.meetings)), key=lambda m: (-instance.meetings[m].priority, m))


def first_fit(instance: Instance) -> Schedule:
    """Baseline: each meeting, by priority, into the first slot where everyone and a table are free."""
    state = State(instance)
    for m in priority_order(instance):
        for s in instance.eligible_slots(m):
            if state.fits(m, s):
                state.place(m, s)
                break
    return state.schedule()


def construct(instance: Instance, seed: int = 0, start: dict[int, int] | None = None,
              deadline: float | None = None) -> State:
    """Most-constrained-first greedy that keeps meetings adjacent, then ejection repairs for what is left."""
    rng = random.Random(seed)
    state = State(instance)
    for m, s in (start or {}).items():
        if state.fits(m, s):
            state.place(m, s)
    eligible = [instance.eligible_slots(m) for m in range(len(instance.meetings))]
    degree = [len(ms) for ms in instance.meetings_of()]
    overload = _overload(instance, eligible, degree)
    noise = [rng.random() for _ in instance.meetings]
    # Within a tier: meetings whose participants are not over-asked first (a participant asked for more meetings
    # than they have slots can take only some, best spent on partners who have no other way to meet), then
    # the fewest possible slots, then the busiest participant.
    order = sorted((m for m in range(len(instance.meetings)) if m not in state.slot),
                   key=lambda m: (-instance.meetings[m].priority, instance.meetings[m].fixed_slot is None,
                                  sum(overload[p] for p in instance.meetings[m].participants), len(eligible[m]),
                                  -max(degree[p] for p in instance.meetings[m].participants), noise[m]))
    for m in order:
        place_best(state, m, eligible[m])
    repair(state, eligible, rng, deadline)
    return state


def place_best(state: State, m: int, slots: list[int]) -> bool:
    """Place m in the free slot of `slots` that adds the fewest breaks (then the emptiest, then the earliest)."""
    free = [s for s in slots if state.fits(m, s)]
    if free:
        state.place(m, min(free, key=lambda s: (state.gap_cost(m, s), state.load[s], s)))
    return bool(free)


def _overload(instance: Instance, eligible: list[list[int]], degree: list[int]) -> list[float]:
    """Per participant, the share of their requests that cannot all be held: 1 - capacity / requests, at least 0.

    Capacity is the number of slots any of their meetings could use, capped by their maximum."""
    usable: list[set[int]] = [set() for _ in range(instance.n_participants)]
    for m, meeting in enumerate(instance.meetings):
        for p in meeting.participants:
            usable[p].update(eligible[m])
    result = []
    for p in range(instance.n_participants):
        capacity = len(usable[p]) if instance.max_meetings[p] is None else min(len(usable[p]), instance.max_meetings[p])
        result.append(max(0.0, 1.0 - capacity / degree[p]) if degree[p] else 0.0)
    return result


def repair(state: State, eligible: list[list[int]], rng: random.Random, deadline: float | None) -> None:
    """Place unplaced meetings by moving one blocking meeting elsewhere (ejection chains of depth one)."""
    inst = state.instance
    improved = True
    while improved and (deadline is None or time.monotonic() < deadline):
        improved = False
        unplaced = sorted((m for m in range(len(inst.meetings)) if m not in state.slot),
                          key=lambda m: (-inst.meetings[m].priority, len(eligible[m])))
        for m in unplaced:
            if deadline is not None and time.monotonic() > deadline:
                return
            if _try_place_with_one_move(state, m, eligible, rng):
                improved = True


def _try_place_with_one_move(state: State, m: int, eligible: list[list[int]], rng: random.Random) -> bool:
    inst = state.instance
    free = [s for s in eligible[m] if state.fits(m, s)]
    if free:  # (slot 0 is a valid slot: test the list, not the slot numbers)
        state.place(m, free[0])
        return True
    slots = list(eligible[m])
    rng.shuffle(slots)
    for s in slots:
        blockers = {state.busy[p][s] for p in inst.meetings[m].participants if s in state.busy[p]}
        if len(blockers) > 1:
            continue
        if not blockers and state.load[s] >= inst.capacity(s):
            candidates = [b for b, bs in state.slot.items() if bs == s and inst.meetings[b].fixed_slot is None]
            blockers = set(rng.sample(candidates, min(3, len(candidates))))
            for b in blockers:
                if _relocate_then_place(state, b, m, s, eligible):
                    return True
            continue
        for b in blockers:
            if inst.meetings[b].fixed_slot is None and inst.meetings[b].priority <= inst.meetings[m].priority \
                    and _relocate_then_place(state, b, m, s, eligible):
                return True
    return _place_by_ejecting_lower(state, m, eligible)


def _place_by_ejecting_lower(state: State, m: int, eligible: list[list[int]]) -> bool:
    """Place m in a slot held by other meetings of its participants: those of lower tiers leave it, those of its
    own tier or above move to another slot (which lower-tier meetings may have to leave in turn). Everything that
    leaves moves to a free slot if it can, else waits for the next repair round. Only meetings of lower tiers than
    m ever lose their slot, so placement gets lexicographically better: one meeting of a tier outweighs any
    number of lower ones."""
    inst = state.instance
    tier = inst.meetings[m].priority
    options = []
    for s in eligible[m]:
        blockers = {state.busy[p][s] for p in inst.meetings[m].participants if s in state.busy[p]}
        if blockers and all(inst.meetings[b].fixed_slot is None for b in blockers):
            # cheapest first: fewest meetings of its own tier to move, then the lowest tiers to eject
            moving = sum(inst.meetings[b].priority >= tier for b in blockers)
            options.append((moving, sorted((inst.meetings[b].priority for b in blockers), reverse=True), s, blockers))
    for _, _, s, blockers in sorted(options):
        journal: list[tuple[str, int, int]] = []
        ejected = _eject_for(state, m, s, blockers, tier, eligible, journal)
        if ejected is None:
            _undo(state, journal)
            continue
        for b in sorted(ejected):
            place_best(state, b, eligible[b])
        return True
    return False


def _eject_for(state: State, m: int, s: int, blockers: set[int], tier: int, eligible: list[list[int]],
               journal: list[tuple[str, int, int]]) -> set[int] | None:
    """Clear slot s of `blockers` and place m there; returns the lower-tier meetings left unplaced, or None if
    a blocker of m's tier or above finds no other slot (the journal lets the caller undo every step)."""
    inst = state.instance
    for b in blockers:
        journal.append(("removed", b, state.remove(b)))
    if not state.fits(m, s):
        return None
    state.place(m, s)
    journal.append(("placed", m, s))
    ejected = {b for b in blockers if inst.meetings[b].priority < tier}
    for b in sorted(blockers - ejected):
        target = None
        for t in eligible[b]:
            if t == s:
                continue
            if state.fits(b, t):
                target = t
                break
            in_way = {state.busy[p][t] for p in inst.meetings[b].participants if t in state.busy[p]}
            if in_way and all(inst.meetings[c].priority < tier and inst.meetings[c].fixed_slot is None
                              for c in in_way):
                for c in in_way:
                    journal.append(("removed", c, state.remove(c)))
                if state.fits(b, t):
                    ejected |= in_way
                    target = t
                    break
                for c in in_way:
                    state.place(c, t)
                    journal.pop()
        if target is None:
            return None
        state.place(b, target)
        journal.append(("placed", b, target))
    return ejected


def _undo(state: State, journal: list[tuple[str, int, int]]) -> None:
    for action, meeting, slot in reversed(journal):
        if action == "placed":
            state.remove(meeting)
        else:
            state.place(meeting, slot)


def _relocate_then_place(state: State, b: int, m: int, s: int, eligible: list[list[int]]) -> bool:
    """Move meeting b out of slot s to another slot, then place m in s; undo if either fails."""
    old = state.remove(b)
    if state.fits(m, s):
        state.place(m, s)
        for t in eligible[b]:
            if t != old and state.fits(b, t):
                state.place(b, t)
                return True
        state.remove(m)
    state.place(b, old)
    return False
