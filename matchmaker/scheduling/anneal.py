"""Simulated annealing on the breaks: a meeting moves to another slot, taking along its Kempe chain (the meetings of
the two slots linked to it through shared participants, which swap slots with it), as in exam timetabling. A chain
swap never puts anyone in two meetings at once, so every step stays a valid schedule; a step that costs something
(the breaks it adds, plus IDLE_WEIGHT for each idle slot it adds inside breaks) is taken with probability
exp(-cost / temperature), the temperature falling geometrically from T_START to T_END over the time given.

The first phase of the local search (maxsat.ANNEAL_SHARE on the largest events, maxsat.ANNEAL_OTHERS on the
others), where the SAT and RC2 neighbourhoods would start far from the optimum. The steps (kempe) are compiled with
Numba (2.1 million a second on forum-14 here, against 40,000-50,000 in the pure-Python version of 2026-11-30, which at
30 s and 90 s of its time ended at 5 / 3 and 5 / 4 breaks on forum-14 / ticf-14crafa, optimum 2 / 0). A state is
arrays: each participant's meeting per slot (-1: free), each meeting's slot, its allowed slots, its precedences; a
step recounts the breaks of the participants whose slots it swaps by a scan of their row.
"""
from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np

from matchmaker.scheduling.kempe import MAX_CHAIN, REJECTED, _breaks, _chain, _run, _seed, _step
from matchmaker.scheduling.model import Instance
from matchmaker.scheduling.presolve import domains

T_START, T_END = 0.6, 0.02  # a step adding one break: taken 19% of the time at first, never at the end (e^-50)
SEND_EVERY = 0.25  # seconds between two schedules sent to the caller (the best one so far, if it improved)
CHUNK = 20_000  # steps between two looks at the clock (and two temperatures): ~10 ms
# What a step costs is the breaks it adds plus this much for each idle slot it adds inside someone's breaks: a step
# that shortens a break without closing it is taken, which leads to the closing one. Measured 2026-11-30, annealing
# alone for 3 s from the constructive schedule, seeds 0-2, two runs side by side on the two cores: weight 0 / 0.1 /
# 0.3 / 0.6, forum-14 18 / 12 / 11 / 12 breaks in all, ticf-14crafa 9 / 7 / 3 / 1, ticf-13crafb 24 / 22 / 25 / 24,
# ticf-13crafc 12 / 8 / 7 / 9, forum-13crafb 31 / 29 / 30 / 33.
IDLE_WEIGHT = 0.3


def _csr(lists: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
    pointers = np.zeros(len(lists) + 1, dtype=np.int64)
    pointers[1:] = np.cumsum([len(items) for items in lists])
    return pointers, np.array([x for items in lists for x in items], dtype=np.int64)


class _State:
    """A complete schedule as the arrays the compiled steps work on."""

    def __init__(self, instance: Instance, slots: dict[int, int]) -> None:
        n_meetings, n_slots = len(instance.meetings), len(instance.slots)
        self.meetings = list(slots)
        domain = domains(instance, self.meetings)
        self.domain = {m: domain[m] for m in slots}
        width = max((len(meeting.participants) for meeting in instance.meetings), default=1)
        self.parts = np.full((n_meetings, width), -1, dtype=np.int64)
        self.allowed = np.zeros((n_meetings, n_slots), dtype=np.bool_)
        self.slot = np.full(n_meetings, -1, dtype=np.int64)
        self.at = np.full((instance.n_participants, n_slots), -1, dtype=np.int64)
        self.load = np.zeros(n_slots, dtype=np.int64)
        for m, meeting in enumerate(instance.meetings):
            self.parts[m, :len(meeting.participants)] = meeting.participants
        for m, s in slots.items():
            self.allowed[m, self.domain[m]] = True
            self.slot[m] = s
            self.at[list(instance.meetings[m].participants), s] = m
            self.load[s] += 1
        self.cap = np.array([instance.capacity(s) for s in range(n_slots)], dtype=np.int64)
        self.day = np.array([slot.day for slot in instance.slots], dtype=np.int64)
        before, after = instance.precedence_lists
        self.prec = (*_csr([before.get(m, []) for m in range(n_meetings)]),
                     *_csr([after.get(m, []) for m in range(n_meetings)]))
        counts = [_breaks(self.at, p, 0, 0, self.day) for p in range(instance.n_participants)]
        self.pbreaks = np.array([breaks for breaks, _ in counts], dtype=np.int64)
        self.pidle = np.array([idle for _, idle in counts], dtype=np.int64)
        self.breaks = int(self.pbreaks.sum())
        self.work = np.zeros(MAX_CHAIN + width + 1, dtype=np.int64)
        self.mark = np.zeros(n_meetings, dtype=np.int64)
        self.pmark = np.zeros(instance.n_participants, dtype=np.int64)
        self.pnew = np.zeros(instance.n_participants, dtype=np.int64)
        self.pnewidle = np.zeros(instance.n_participants, dtype=np.int64)
        self.stamp = 0

    def schedule(self, slot: np.ndarray | None = None) -> dict[int, int]:
        """The schedule as meeting -> slot (`slot`: an array like self.slot, e.g. the best one kept)."""
        slot = self.slot if slot is None else slot
        return {m: int(slot[m]) for m in self.meetings}

    def chain(self, m: int, a: int, b: int) -> set[int]:
        """The meetings of slots a and b linked to m (in a) through shared participants."""
        self.stamp += 1
        n = _chain(m, a, b, self.slot, self.parts, self.at, self.work, self.mark, self.stamp)
        return {int(x) for x in self.work[:n]}

    def step(self, m: int, b: int, temperature: float, u: float) -> bool:
        """Move m to slot b with its chain if the result is valid and the annealing takes it (`u`: a draw in [0, 1))."""
        self.stamp += 1
        added = _step(m, b, temperature, u, self.slot, self.parts, self.allowed, self.prec, self.at, self.pbreaks,
                      self.pidle, self.load, self.cap, self.day, self.work, self.mark, self.pmark, self.pnew,
                      self.pnewidle, self.stamp, IDLE_WEIGHT)
        if added == REJECTED:
            return False
        self.breaks += added
        return True


def anneal(instance: Instance, slots: dict[int, int], deadline: float, send: Callable[[dict[int, int]], None],
           seed: int = 0, max_steps: int | None = None) -> tuple[int, dict[int, int]]:
    """Anneal the complete schedule `slots` (meeting -> slot; a valid one) until `deadline` (time.monotonic()) or
    `max_steps`, sending the best schedule at most every SEND_EVERY seconds while it improves, and once more at the
    end if the last was not sent. Returns its breaks and the best schedule (`slots` itself if none was better).
    Same seed and `max_steps` (no deadline): same schedule."""
    state = _State(instance, slots)
    movable = np.array([m for m in slots if len(state.domain[m]) > 1], dtype=np.int64)
    meetings_of: list[list[int]] = [[] for _ in range(instance.n_participants)]
    for m in movable:
        for p in instance.meetings[m].participants:
            meetings_of[p].append(int(m))
    csr_meetings_of = _csr(meetings_of)
    csr_domain = _csr([state.domain.get(m, []) for m in range(len(instance.meetings))])
    someone = np.zeros(instance.n_participants, dtype=np.int64)
    best_slot = state.slot.copy()
    breaks = best = sent = initial = state.breaks
    _seed(seed)
    started = last_sent = time.monotonic()
    span = max(deadline - started, 1e-3)
    steps = 0
    while movable.size and best > 0 and (max_steps is None or steps < max_steps):
        now = time.monotonic()
        if now >= deadline:
            break
        share = (now - started) / span if max_steps is None else steps / max_steps
        chunk = CHUNK if max_steps is None else min(CHUNK, max_steps - steps)
        breaks, best, state.stamp = _run(
            chunk, T_START * (T_END / T_START) ** share, breaks, best, best_slot, movable, csr_meetings_of,
            csr_domain, state.slot, state.parts, state.allowed, state.prec, state.at, state.pbreaks, state.pidle,
            state.load, state.cap, state.day, state.work, state.mark, state.pmark, state.pnew, state.pnewidle,
            state.stamp, someone, IDLE_WEIGHT)
        steps += chunk
        if best < sent and now - last_sent >= SEND_EVERY:
            send(state.schedule(best_slot))
            sent, last_sent = best, now
    if best < sent:
        send(state.schedule(best_slot))
    return int(best), state.schedule(best_slot) if best < initial else dict(slots)


def _warm_up() -> None:
    """Compile the steps (about 7 s here, written to Numba's cache beside this file; `make install` does it), or load
    them from the cache (0.3-0.5 s), with a one-step run on a two-meeting event: on import, so that the search
    processes forked from maxsat's fork server, which preloads this module, find them ready."""
    from matchmaker.scheduling.model import Meeting, Slot, Table

    event = Instance(3, tuple(Slot() for _ in range(3)), (Table("1"),), (Meeting((0, 1)), Meeting((1, 2))),
                     precedences=((0, 1),))
    anneal(event, {0: 0, 1: 2}, float("inf"), lambda slots: None, max_steps=1)


_warm_up()
