"""Seeded synthetic brokerage events, shaped like large partnering days, and seeded variants of an existing
event (forbidden slots, fixed meetings, precedences), for benchmarks and tests."""
from __future__ import annotations

import random
from dataclasses import replace

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


# Variants of an existing instance, built the way the UdG benchmark derives its families from the base events
# (forbXXXX: random forbidden slots replacing the event's own; fixedXXX: a share of meetings fixed; precXX:
# precedences), so the benchmark can measure the scheduler on variants it was never tuned on. Fixed slots and
# precedences are taken from a valid schedule of the base instance, so that schedule stays valid for the variant.

def with_forbidden(instance: Instance, density: float, seed: int = 0) -> Instance:
    """Each (participant, slot) pair forbidden with probability `density`, replacing the instance's own."""
    rng = random.Random(seed)
    unavailable = tuple(frozenset(s for s in range(len(instance.slots)) if rng.random() < density)
                        for _ in range(instance.n_participants))
    return replace(instance, unavailable=unavailable, name=f"{_base(instance)}.forb{round(density * 10_000):04d}")


def with_fixed(instance: Instance, slots: dict[int, int], share: float, seed: int = 0) -> Instance:
    """`share` of the meetings (drawn among those placed in `slots`) fixed to their slot there."""
    rng = random.Random(seed)
    placed = sorted(slots)
    chosen = set(rng.sample(placed, min(len(placed), round(share * len(instance.meetings)))))
    meetings = tuple(replace(meeting, fixed_slot=slots[m]) if m in chosen else meeting
                     for m, meeting in enumerate(instance.meetings))
    return replace(instance, meetings=meetings, name=f"{_base(instance)}.fixed{round(share * 100):03d}")


def with_precedences(instance: Instance, slots: dict[int, int], share: float, seed: int = 0,
                     any_pair: bool = False) -> Instance:
    """For `share` of the meetings placed in `slots`, a precedence on a meeting placed earlier there: one of the
    same participant's, as in the UdG precedence files (each of tic-12.prec15's 24 pairs shares a participant: a
    business that wants to meet one partner before another), or with `any_pair` any earlier meeting (a harder
    stress family: orders between strangers' meetings chain the whole event together)."""
    rng = random.Random(seed)
    placed = sorted(slots)
    meetings_of = instance.meetings_of()
    pairs = set(instance.precedences)
    for after in rng.sample(placed, min(len(placed), round(share * len(instance.meetings)))):
        if any_pair:
            earlier = [m for m in placed if slots[m] < slots[after]]
        else:
            earlier = [m for p in instance.meetings[after].participants for m in meetings_of[p]
                       if m in slots and slots[m] < slots[after]]
        if earlier:
            pairs.add((rng.choice(earlier), after))
    suffix = "any" if any_pair else ""
    return replace(instance, precedences=tuple(sorted(pairs)),
                   name=f"{_base(instance)}.prec{round(share * 100):02d}{suffix}")


def _base(instance: Instance) -> str:
    return instance.name.rsplit(".", 1)[0]  # "forum-13.original" -> "forum-13"; a name without a dot stays
