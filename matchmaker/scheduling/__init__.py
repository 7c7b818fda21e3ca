"""Pure B2B meeting scheduler (no Flask, no SQLAlchemy): types, solver, validator, report, .dzn reader."""
from __future__ import annotations

from typing import TYPE_CHECKING

from matchmaker.scheduling.model import (Instance, Meeting, Move, Placement, Priority, Report, Result, Schedule,
                                         Slot, Table)
from matchmaker.scheduling.validate import violations

if TYPE_CHECKING:
    from matchmaker.scheduling.solver import solve

__all__ = ["Instance", "Meeting", "Move", "Placement", "Priority", "Report", "Result", "Schedule", "Slot", "Table",
           "solve", "violations"]


def __getattr__(name: str):
    # solve() pulls in OR-Tools (and pandas), a quarter of a second: the MaxSAT worker processes, which import
    # this package, need neither.
    if name == "solve":
        from matchmaker.scheduling.solver import solve
        return solve
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
