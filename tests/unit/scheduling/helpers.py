"""Small hand-made instances for scheduler tests."""
from __future__ import annotations

from matchmaker.scheduling import Instance, Meeting, Priority, Slot, Table


def make_instance(n_participants: int, pairs: list[tuple[int, int]], n_slots: int = 4, n_tables: int = 2,
                  **kwargs) -> Instance:
    """Every pair becomes a mutual meeting; slots are one morning session on one day."""
    meetings = kwargs.pop("meetings", None) or tuple(Meeting((a, b), Priority.MUTUAL) for a, b in pairs)
    slots = kwargs.pop("slots", None) or tuple(Slot(0, "am", str(s)) for s in range(n_slots))
    return Instance(n_participants=n_participants, slots=slots,
                    tables=tuple(Table(str(t)) for t in range(n_tables)), meetings=tuple(meetings), **kwargs)
