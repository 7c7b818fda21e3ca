"""The compiled steps of the annealing (see anneal): Numba functions on the arrays of anneal._State, a Kempe-chain
move of one meeting with its acceptance test, and a run of many such steps at one temperature. Compiled into Numba's
cache beside this file (`make install`), loaded by anneal on import."""
from __future__ import annotations

import numpy as np
from numba import njit

MAX_CHAIN = 40  # meetings in a chain; longer ones are not tried (they seldom fit both slots' tables)
TOWARDS_BREAKS = 0.7  # share of steps that move a meeting of someone with a break (the others: any meeting)
REJECTED = 1 << 30  # what a step that was not taken returns


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
