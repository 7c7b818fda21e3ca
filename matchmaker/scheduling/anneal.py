"""Simulated annealing on the breaks: a meeting moves to another slot, taking along its Kempe chain (the meetings of
the two slots linked to it through shared participants, which swap slots with it), as in exam timetabling. A chain
swap never puts anyone in two meetings at once, so every step stays a valid schedule; a step that adds breaks is
taken with probability exp(-added / temperature), the temperature falling geometrically from T_START to T_END
over the time given.

The first phase of the local search on the largest events (maxsat.RC2_LNS_MIN_CLAUSES), where the SAT and RC2
neighbourhoods start far from the optimum: measured 2026-11-30, one core beside a test run, 10 s, seeds 0-3, from
the constructive schedule, forum-14 / ticf-14crafa (optimum 2 / 0): RC2 neighbourhoods alone 18, 8, 17, 11 /
8, 23, 16, 20 breaks; annealing alone 13, 9, 10, 9 / 12, 10, 5, 9; annealing for 60% of the time, then RC2
neighbourhoods from its schedule 9, 9, 10, 7 / 7, 7, 10, 10. On the 13-slot events it did worse than the SAT
descent (forum-13crafb 13-15 against 6-9), so it is not used there. Pure Python: 40,000-50,000 steps a second.
"""
from __future__ import annotations

import math
import random
import time
from collections.abc import Callable

from matchmaker.scheduling.model import Instance
from matchmaker.scheduling.presolve import domains

T_START, T_END = 0.6, 0.02  # a step adding one break: taken 19% of the time at first, never at the end (e^-50)
MAX_CHAIN = 40  # meetings in a chain; longer ones are not tried (they seldom fit both slots' tables)
SEND_EVERY = 0.25  # seconds between two schedules sent to the caller (the best one so far, if it improved)
TOWARDS_BREAKS = 0.7  # share of steps that move a meeting of someone with a break (the others: any meeting)
CHECK_EVERY = 1000  # steps between two looks at the clock


class _State:
    """A complete schedule with what a step needs: each participant's slots as a bit mask (a zero bit between
    days, so that a run of meetings never spans two days), who meets in which slot, and each slot's load."""

    def __init__(self, instance: Instance, slots: dict[int, int]) -> None:
        self.instance = instance
        n = len(instance.slots)
        self.bit = [1 << (s + instance.slots[s].day) for s in range(n)]
        days = sorted({slot.day for slot in instance.slots})
        self.day_masks = [sum(self.bit[s] for s in range(n) if instance.slots[s].day == d) for d in days]
        self.capacity = [instance.capacity(s) for s in range(n)]
        self.participants = [meeting.participants for meeting in instance.meetings]
        domain = domains(instance, list(slots))
        self.domain = {m: domain[m] for m in slots}
        self.allowed = {m: set(d) for m, d in self.domain.items()}
        self.slot = dict(slots)
        self.load = [0] * n
        self.mask = [0] * instance.n_participants
        self.meeting_at: list[dict[int, int]] = [{} for _ in range(instance.n_participants)]  # p -> slot -> m
        for m, s in self.slot.items():
            self.load[s] += 1
            for p in self.participants[m]:
                self.mask[p] |= self.bit[s]
                self.meeting_at[p][s] = m
        self.before, self.after = instance.precedence_lists
        self.breaks = sum(self.breaks_of(mask) for mask in self.mask)

    def breaks_of(self, mask: int) -> int:
        """Gaps between a participant's meetings: runs of busy slots less one per day with any."""
        if not mask:
            return 0
        runs = (mask & ~(mask << 1)).bit_count()
        return runs - sum(1 for day in self.day_masks if mask & day)

    def chain(self, m: int, a: int, b: int) -> set[int]:
        """The meetings of slots a and b linked to m (in a) through shared participants."""
        chain, todo = {m}, [m]
        while todo and len(chain) <= MAX_CHAIN:
            x = todo.pop()
            other = b if self.slot[x] == a else a
            for p in self.participants[x]:
                y = self.meeting_at[p].get(other)
                if y is not None and y not in chain:
                    chain.add(y)
                    todo.append(y)
        return chain

    def in_order(self, m: int, s: int, moved: dict[int, int]) -> bool:
        """Whether m in slot s keeps its precedences, with `moved` moved (as greedy.State.order_ok: a meeting not
        in the schedule constrains nothing)."""
        return (all(moved.get(b, self.slot.get(b, -1)) < s for b in self.before.get(m, ()))
                and all(moved.get(a, self.slot.get(a, len(self.capacity))) > s for a in self.after.get(m, ())))

    def step(self, m: int, b: int, temperature: float, rng: random.Random) -> bool:
        """Move m to slot b with its chain if the result is valid and the annealing takes it."""
        a = self.slot[m]
        chain = self.chain(m, a, b)
        if len(chain) > MAX_CHAIN:
            return False
        moved = {x: b if self.slot[x] == a else a for x in chain}
        to_b = sum(1 for s in moved.values() if s == b)
        to_a = len(chain) - to_b
        if self.load[b] + to_b - to_a > self.capacity[b] or self.load[a] + to_a - to_b > self.capacity[a]:
            return False
        if not all(s in self.allowed[x] and self.in_order(x, s, moved) for x, s in moved.items()):
            return False
        swap = self.bit[a] | self.bit[b]
        masks = {}
        for x in chain:
            for p in self.participants[x]:
                if p not in masks:
                    # p changes slot only if it meets in just one of the two (in both: the chain swaps both)
                    one = (self.meeting_at[p].get(a) is None) != (self.meeting_at[p].get(b) is None)
                    masks[p] = self.mask[p] ^ swap if one else self.mask[p]
        added = sum(self.breaks_of(mask) - self.breaks_of(self.mask[p]) for p, mask in masks.items())
        if added > 0 and rng.random() >= math.exp(-added / temperature):
            return False
        for x in chain:
            self.load[self.slot[x]] -= 1
            for p in self.participants[x]:
                del self.meeting_at[p][self.slot[x]]
        for x, s in moved.items():
            self.slot[x] = s
            self.load[s] += 1
            for p in self.participants[x]:
                self.meeting_at[p][s] = x
        for p, mask in masks.items():
            self.mask[p] = mask
        self.breaks += added
        return True


def anneal(instance: Instance, slots: dict[int, int], deadline: float, send: Callable[[dict[int, int]], None],
           seed: int = 0, max_steps: int | None = None) -> tuple[int, dict[int, int]]:
    """Anneal the complete schedule `slots` (meeting -> slot; a valid one) until `deadline` (time.monotonic()) or
    `max_steps`, sending the best schedule at most every SEND_EVERY seconds while it improves, and once more at the
    end if the last was not sent. Returns its breaks and the best schedule (`slots` itself if none was better)."""
    state = _State(instance, slots)
    rng = random.Random(seed)
    best, best_slots, sent = state.breaks, dict(slots), state.breaks
    meetings = [m for m in slots if len(state.domain[m]) > 1]
    meetings_of: list[list[int]] = [[] for _ in range(instance.n_participants)]
    for m in meetings:
        for p in state.participants[m]:
            meetings_of[p].append(m)
    started = last_sent = time.monotonic()
    span = max(deadline - started, 1e-3)
    temperature, steps = T_START, 0

    def with_break() -> list[int]:  # participants with a break and a meeting that can move
        return [p for p, mask in enumerate(state.mask) if meetings_of[p] and state.breaks_of(mask)]

    someone_with_a_break = with_break()
    while meetings and best > 0 and (max_steps is None or steps < max_steps):
        steps += 1
        if steps % CHECK_EVERY == 0:
            now = time.monotonic()
            if now >= deadline:
                break
            share = (now - started) / span if max_steps is None else steps / max_steps
            temperature = T_START * (T_END / T_START) ** share
            someone_with_a_break = with_break()
            if best < sent and now - last_sent >= SEND_EVERY:
                send(dict(best_slots))
                sent, last_sent = best, now
        if someone_with_a_break and rng.random() < TOWARDS_BREAKS:
            m = rng.choice(meetings_of[rng.choice(someone_with_a_break)])
        else:
            m = rng.choice(meetings)
        b = rng.choice(state.domain[m])
        if b != state.slot[m] and state.step(m, b, temperature, rng) and state.breaks < best:
            best, best_slots = state.breaks, dict(state.slot)
    if best < sent:
        send(dict(best_slots))
    return best, best_slots
