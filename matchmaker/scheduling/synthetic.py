"""Seeded synthetic brokerage events, shaped like large partnering days, for benchmarks and tests."""
from __future__ import annotations

import random

from matchmaker.scheduling.model import Instance, Meeting, Priority, Slot, Table


def synthetic_event(n_participants: int, n_requests: int, n_slots: int, n_tables: int | None = None,
                    seed: int = 0, tiers: tuple[float, float] = (0.05, 0.35)) -> Instance:
    """A one-day event: morning and afternoon sessions, popular participants in demand, some unavailability.

    Popularity follows a heavy tail (a few participants are asked by many), so some participants are asked
    for more meetings than there are slots, as at real events; 10% of participants miss 1-4 slots, 10% of
    meetings are restricted to one session; priorities: `tiers` gives the shares of forced and mutual meetings
    (by default 5% forced, 35% mutual, 60% one-sided; (0, 0): all one-sided, every request equally wanted).
    """
    rng = random.Random(seed)
    tables = n_tables or max(1, int(n_requests / n_slots * 1.1))
    morning = n_slots // 2 + n_slots % 2
    slots = tuple(Slot(0, "am" if s < morning else "pm", f"{9 + s // 3}:{(s % 3) * 20:02d}") for s in range(n_slots))
    weights = [1.0 / (rank + 10) ** 0.8 for rank in range(n_participants)]
    rng.shuffle(weights)
    pairs: set[tuple[int, int]] = set()
    people = list(range(n_participants))
    while len(pairs) < n_requests:
        a, b = rng.choices(people, weights=weights, k=2)
        if a != b:
            pairs.add((min(a, b), max(a, b)))
    meetings = []
    for a, b in sorted(pairs):
        roll = rng.random()
        priority = (Priority.FORCED if roll < tiers[0] else Priority.MUTUAL if roll < tiers[0] + tiers[1]
                    else Priority.ONE_SIDED)
        sessions = frozenset({rng.choice(["am", "pm"])}) if rng.random() < 0.10 else None
        meetings.append(Meeting((a, b), priority, sessions, key=f"{a}-{b}"))
    rng.shuffle(meetings)
    unavailable = tuple(frozenset(rng.sample(range(n_slots), rng.randint(1, 4))) if rng.random() < 0.10
                        else frozenset() for _ in range(n_participants))
    return Instance(n_participants=n_participants, slots=slots, tables=tuple(Table(str(t + 1)) for t in range(tables)),
                    meetings=tuple(meetings), unavailable=unavailable,
                    name=f"synthetic-{n_participants}p-{n_requests}m-{n_slots}s")
