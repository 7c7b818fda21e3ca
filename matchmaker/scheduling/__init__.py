"""Pure B2B meeting scheduler (no Flask, no SQLAlchemy): types, solver, validator, report, .dzn reader."""
from matchmaker.scheduling.model import (Instance, Meeting, Move, Placement, Priority, Report, Result, Schedule,
                                         Slot, Table)
from matchmaker.scheduling.solver import solve
from matchmaker.scheduling.validate import violations

__all__ = ["Instance", "Meeting", "Move", "Placement", "Priority", "Report", "Result", "Schedule", "Slot", "Table",
           "solve", "violations"]
