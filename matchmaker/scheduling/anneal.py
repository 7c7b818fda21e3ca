"""Simulated annealing on the breaks: a meeting moves to another slot, taking along its Kempe chain (the meetings of
the two slots linked to it through shared participants, which swap slots with it), as in exam timetabling. A chain
swap never puts anyone in two meetings at once, so every step stays a valid schedule; a step that costs something
(the breaks it adds, plus IDLE_WEIGHT for each idle slot it adds inside breaks) is taken with probability
exp(-cost / temperature), the temperature falling geometrically from T_START to T_END over the time given.

The first phase of the local search (maxsat.ANNEAL_SHARE on the largest events, maxsat.ANNEAL_OTHERS on the
others), where the SAT and RC2 neighbourhoods would start far from the optimum. The steps are compiled with Numba
(2.1 million a second on forum-14 here, against 40,000-50,000 in the pure-Python version of 2026-11-30, which at
30 s and 90 s of its time ended at 5 / 3 and 5 / 4 breaks on forum-14 / ticf-14crafa, optimum 2 / 0). A state is
arrays: each participant's meeting per slot (-1: free), each meeting's slot, its allowed slots, its precedences; a
step recounts the breaks of the participants whose slots it swaps by a scan of their row.
"""
from __future__ import annotations

import time
from collections.abc import Callable

import numpy as np
from numba import njit

from matchmaker.scheduling.model import Instance
from matchmaker.scheduling.presolve import domains

T_START, T_END = 0.6, 0.02  # a step adding one break: taken 19% of the time at first, never at the end (e^-50)
MAX_CHAIN = 40  # meetings in a chain; longer ones are not tried (they seldom fit both slots' tables)
SEND_EVERY = 0.25  # seconds between two schedules sent to the caller (the best one so far, if it improved)
TOWARDS_BREAKS = 0.7  # share of steps that move a meeting of someone with a break (the others: any meeting)
CHUNK = 20_000  # steps between two looks at the clock (and two temperatures): ~10 ms
REJECTED = 1 << 30  # what a step that was not taken returns
# What a step costs is the breaks it adds plus this much for each idle slot it adds inside someone's breaks: a step
# that shortens a break without closing it is taken, which leads to the closing one. Measured 2026-11-30, annealing
# alone for 3 s from the constructive schedule, seeds 0-2, two runs side by side on the two cores: weight 0 / 0.1 /
# 0.3 / 0.6, forum-14 18 / 12 / 11 / 12 breaks in all, ticf-14crafa 9 / 7 / 3 / 1, ticf-13crafb 24 / 22 / 25 / 24,
# ticf-13crafc 12 / 8 / 7 / 9, forum-13crafb 31 / 29 / 30 / 33.
IDLE_WEIGHT = 0.3


@njit(cache=True)
def _breaks(at, p, a, b, day):
    """Breaks of participant p and the idle slots they span, with slots a and b swapped (a = b: as they are)."""
    breaks = idle = 0
    last = -1  # p's last busy slot so far
    for s in range(at.shape[1]):
        t = b if s == a else a if s == b else s
        if at[p, t] >= 0:
            if last >= 0 and day[last] == day[s] and s - last > 1:
                breaks += 1
                idle += s - last - 1
            last = s
    return breaks, idle


@njit(cache=True)
def _chain(m, a, b, slot, parts, at, chain, mark, stamp):
    """Collect in `chain` the meetings of slots a and b linked to m (in a) through shared participants, marking them
    with `stamp`; returns their number (more than MAX_CHAIN: stopped there)."""
    chain[0] = m
    mark[m] = stamp
    n, i = 1, 0
    while i < n and n <= MAX_CHAIN:
        x = chain[i]
        i += 1
        other = b if slot[x] == a else a
        for k in range(parts.shape[1]):
            p = parts[x, k]
            if p < 0:
                break
            y = at[p, other]
            if y >= 0 and mark[y] != stamp:
                mark[y] = stamp
                chain[n] = y
                n += 1
    return n


@njit(cache=True)
def _step(m, b, temperature, u, slot, parts, allowed, prec, at, pbreaks, pidle, load, cap, day, work, mark, pmark,
          pnew, pnewidle, stamp, idle_weight):
    """Move m to slot b with its chain if the result keeps every rule and the annealing takes it (`u`: a uniform
    draw). Returns the breaks it added, or REJECTED. `prec`: CSR (pointers, meetings) of the meetings that must come
    before each meeting, then of those that must come after it; `work`, `mark`, `pmark`, `pnew`: scratch."""
    a = slot[m]
    n = _chain(m, a, b, slot, parts, at, work, mark, stamp)
    if n > MAX_CHAIN:
        return REJECTED
    to_b = 0
    for i in range(n):
        if slot[work[i]] == a:
            to_b += 1
    if load[b] + 2 * to_b - n > cap[b] or load[a] + n - 2 * to_b > cap[a]:
        return REJECTED
    before_ptr, before, after_ptr, after = prec
    for i in range(n):
        x = work[i]
        s = b if slot[x] == a else a
        if not allowed[x, s]:
            return REJECTED
        for j in range(before_ptr[x], before_ptr[x + 1]):
            y = before[j]
            sy = (b if slot[y] == a else a) if mark[y] == stamp else slot[y]
            if sy >= s:  # -1: not in the schedule, constrains nothing
                return REJECTED
        for j in range(after_ptr[x], after_ptr[x + 1]):
            y = after[j]
            sy = (b if slot[y] == a else a) if mark[y] == stamp else slot[y]
            if 0 <= sy <= s:
                return REJECTED
    added = added_idle = 0
    for i in range(n):
        x = work[i]
        for k in range(parts.shape[1]):
            p = parts[x, k]
            if p < 0:
                break
            if pmark[p] != stamp:
                pmark[p] = stamp
                # p changes slot only if it meets in just one of the two (in both: the chain swaps both)
                if (at[p, a] < 0) != (at[p, b] < 0):
                    pnew[p], pnewidle[p] = _breaks(at, p, a, b, day)
                else:
                    pnew[p], pnewidle[p] = pbreaks[p], pidle[p]
                added += pnew[p] - pbreaks[p]
                added_idle += pnewidle[p] - pidle[p]
    cost = added + idle_weight * added_idle
    if cost > 0 and u >= np.exp(-cost / temperature):
        return REJECTED
    for i in range(n):
        x = work[i]
        load[slot[x]] -= 1
        for k in range(parts.shape[1]):
            if parts[x, k] >= 0:
                at[parts[x, k], slot[x]] = -1
    for i in range(n):
        x = work[i]
        slot[x] = b if slot[x] == a else a
        load[slot[x]] += 1
        for k in range(parts.shape[1]):
            p = parts[x, k]
            if p >= 0:
                at[p, slot[x]] = x
                pbreaks[p] = pnew[p]
                pidle[p] = pnewidle[p]
    return added


@njit(cache=True)
def _seed(seed):
    np.random.seed(seed)


@njit(cache=True)
def _run(steps, temperature, breaks, best, best_slot, movable, meetings_of, domain, slot, parts, allowed, prec, at,
         pbreaks, pidle, load, cap, day, work, mark, pmark, pnew, pnewidle, stamp, someone, idle_weight):
    """`steps` annealing steps at `temperature` from `breaks` (the current count), keeping the best schedule in
    `best_slot` (with `best` breaks); returns (breaks, best, the last stamp used). `movable`: meetings with more than
    one slot; `meetings_of`, `domain`: CSR of each participant's movable meetings, each meeting's slots;
    `someone`: scratch for the participants with a break."""
    with_break = 0
    for i in range(steps):
        if best == 0:
            break
        if i % 1000 == 0:
            with_break = 0
            for p in range(pbreaks.shape[0]):
                if pbreaks[p] > 0 and meetings_of[0][p + 1] > meetings_of[0][p]:
                    someone[with_break] = p
                    with_break += 1
        if with_break and np.random.random() < TOWARDS_BREAKS:
            p = someone[np.random.randint(with_break)]
            start, end = meetings_of[0][p], meetings_of[0][p + 1]
            m = meetings_of[1][start + np.random.randint(end - start)]
        else:
            m = movable[np.random.randint(movable.shape[0])]
        start, end = domain[0][m], domain[0][m + 1]
        b = domain[1][start + np.random.randint(end - start)]
        if b == slot[m]:
            continue
        stamp += 1
        added = _step(m, b, temperature, np.random.random(), slot, parts, allowed, prec, at, pbreaks, pidle, load,
                      cap, day, work, mark, pmark, pnew, pnewidle, stamp, idle_weight)
        if added != REJECTED:
            breaks += added
            if breaks < best:
                best = breaks
                best_slot[:] = slot
    return breaks, best, stamp


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
