"""Where the scheduler's processes run: how many cores this process may use, and how RC2 beside a local search
yields the CPU (a lower priority, or the idle class on one core)."""
from __future__ import annotations

import os

# Beside a local search, RC2 runs at a lower priority: on two free cores each has its own and this changes
# nothing; when the cores are shared (one core, or a loaded machine) the local search, which decides the result
# whenever RC2 cannot end in time, keeps the CPU, and RC2 still gets what the local search leaves.
RC2_NICENESS = 10
# With one usable core (`taskset -c 0`, a container limited to one CPU) RC2 could only run at the local search's
# expense, and on the events where it matters it cannot end in time there (alone on a free core of our machine it
# took 5-26 s on the five hard originals, three times that on the machine): it then runs as an idle-class
# process, on the CPU only when the local search leaves it (e.g. once the local search has ended with a proof).
ONE_CORE_POLICY = "idle"


def usable_cores() -> int:
    """How many cores this process may run on (its CPU affinity, e.g. under taskset), not how many the machine has."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        return os.cpu_count() or 1


def lower_priority(niceness: int | str) -> None:
    """This process (RC2 beside a local search) yields the CPU: by `niceness`, or, for ONE_CORE_POLICY, as an
    idle-class process where the platform has one (else at the lowest priority)."""
    if niceness == ONE_CORE_POLICY:
        try:
            os.sched_setscheduler(0, os.SCHED_IDLE, os.sched_param(0))
            return
        except (AttributeError, OSError):
            niceness = 19
    if niceness:
        os.nice(niceness)
