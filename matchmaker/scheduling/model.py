"""Types of the B2B scheduling problem: the instance, a schedule, and the result with its report."""
from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from functools import cached_property


class Priority(IntEnum):
    """Why a meeting is wanted; higher tiers are placed first (lexicographically)."""

    ONE_SIDED = 0
    MUTUAL = 1
    FORCED = 2


@dataclass(frozen=True)
class Slot:
    """One time slot; slots are ordered by index, and a day's slots are consecutive."""

    day: int = 0
    session: str = "am"  # e.g. "am" / "pm"; meetings may be restricted to sessions
    label: str = ""
    capacity: int | None = None  # tables usable in this slot (None: all tables)


@dataclass(frozen=True)
class Table:
    """A meeting point: a numbered table, or a virtual room."""

    name: str
    virtual: bool = False


@dataclass(frozen=True)
class Meeting:
    """A meeting to place between two or more participants (indices into the instance's participants)."""

    participants: tuple[int, ...]
    priority: Priority = Priority.MUTUAL
    sessions: frozenset[str] | None = None  # allowed sessions; None: any
    fixed_slot: int | None = None  # must take place in this slot
    locked_table: int | None = None  # with fixed_slot: organiser-locked table too
    key: str = ""  # caller's id, carried through untouched


@dataclass(frozen=True)
class Instance:
    """Everything the scheduler needs; indices are 0-based."""

    n_participants: int
    slots: tuple[Slot, ...]
    tables: tuple[Table, ...]
    meetings: tuple[Meeting, ...]
    unavailable: tuple[frozenset[int], ...] = ()  # per participant: slots they cannot meet
    precedences: tuple[tuple[int, int], ...] = ()  # (before, after): meeting `before` in an earlier slot
    max_meetings: tuple[int | None, ...] = ()  # per participant; None or missing: no limit
    name: str = ""

    def __post_init__(self) -> None:
        if not self.unavailable:
            object.__setattr__(self, "unavailable", tuple(frozenset() for _ in range(self.n_participants)))
        if not self.max_meetings:
            object.__setattr__(self, "max_meetings", tuple(None for _ in range(self.n_participants)))

    def capacity(self, slot: int) -> int:
        """How many meetings can run in `slot` at once."""
        cap = self.slots[slot].capacity
        return len(self.tables) if cap is None else min(cap, len(self.tables))

    def meetings_of(self) -> list[list[int]]:
        """For each participant, the indices of their meetings."""
        result: list[list[int]] = [[] for _ in range(self.n_participants)]
        for index, meeting in enumerate(self.meetings):
            for p in meeting.participants:
                result[p].append(index)
        return result

    @cached_property
    def precedence_lists(self) -> tuple[dict[int, list[int]], dict[int, list[int]]]:
        """(before, after): for each meeting with precedences, the meetings that must come before it and those that
        must come after it (shared: read, never change them)."""
        before: dict[int, list[int]] = {}
        after: dict[int, list[int]] = {}
        for b, a in self.precedences:
            after.setdefault(b, []).append(a)
            before.setdefault(a, []).append(b)
        return before, after

    @cached_property
    def _eligible(self) -> tuple[tuple[int, ...], ...]:
        result = []
        for meeting in self.meetings:
            candidates = range(len(self.slots)) if meeting.fixed_slot is None else [meeting.fixed_slot]
            result.append(tuple(s for s in candidates
                                if 0 <= s < len(self.slots)
                                and (meeting.sessions is None or self.slots[s].session in meeting.sessions)
                                and all(s not in self.unavailable[p] for p in meeting.participants)
                                and self.capacity(s) > 0))
        return tuple(result)

    def eligible_slots(self, index: int) -> list[int]:
        """Slots the meeting may use: its sessions, its fixed slot, everyone's availability, a table.

        Computed once per instance (instances are immutable); every phase asks for them.
        """
        return list(self._eligible[index])


@dataclass(frozen=True)
class Placement:
    """Where a meeting takes place."""

    slot: int
    table: int


@dataclass
class Schedule:
    """meeting index -> placement; meetings absent from the mapping are not placed."""

    placements: dict[int, Placement] = field(default_factory=dict)

    def slot_of(self, index: int) -> int | None:
        placement = self.placements.get(index)
        return None if placement is None else placement.slot

    def copy(self) -> Schedule:
        return Schedule(dict(self.placements))


@dataclass(frozen=True)
class Move:
    """A previously published meeting that changed place (or was dropped: `new` is None)."""

    meeting: int
    old: Placement
    new: Placement | None
    reason: tuple[str, dict]  # a code with parameters (reasons.describe words it)


@dataclass
class Report:
    """How good a schedule is, in the terms organisers and participants care about."""

    requested: int
    placed: int
    placed_by_priority: dict[str, tuple[int, int]]  # tier -> (placed, requested)
    total_breaks: int
    breaks_per_participant: list[int]
    max_breaks: int
    min_breaks: int
    meetings_per_participant: tuple[int, float, int]  # min, median, max (participants with requests)
    tables_used_per_slot: list[int]


@dataclass
class Result:
    """A schedule, why each unplaced meeting is unplaced, its quality report, and how the solve went."""

    schedule: Schedule
    unplaced: dict[int, tuple[str, dict]]  # meeting -> (code, parameters); reasons.describe words it
    report: Report
    status: str  # OPTIMAL, FEASIBLE (time limit), GREEDY (no improvement phase)
    seconds: float
    moves: list[Move] = field(default_factory=list)
    log: list[str] = field(default_factory=list)
