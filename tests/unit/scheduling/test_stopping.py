"""A solve stops early when its caller asks (a cancelled job), with the best schedule so far."""
from __future__ import annotations

import itertools
import threading
import time

import pytest
from ortools.sat.python import cp_model

from matchmaker.scheduling import Schedule, solve, violations
from matchmaker.scheduling.dzn import read_dzn
from matchmaker.scheduling.stopping import Stop
from tests.conftest import udg_instance


def test_the_flag_fires_the_running_phase_and_later_ones_see_it():
    asked = threading.Event()
    stop = Stop(asked.is_set, poll=0.01)
    interrupted = []
    with stop.hook(lambda: interrupted.append("running")):
        assert not stop.stopped
        asked.set()
        deadline = time.monotonic() + 2
        while not interrupted and time.monotonic() < deadline:
            time.sleep(0.01)
    assert interrupted and set(interrupted) == {"running"} and stop.stopped  # told again at each poll meanwhile
    stop.close()  # no more polls: what follows is told once, at once
    told = len(interrupted)
    with stop.hook(lambda: interrupted.append("later")):  # a phase that starts after the stop is told at once
        pass
    assert interrupted[told:] == ["later"]


def _golomb_ruler(marks: int = 12, top: int = 200) -> cp_model.CpModel:
    """A model CP-SAT cannot finish in seconds (the shortest ruler with 12 marks whose differences all differ)."""
    model = cp_model.CpModel()
    ticks = [model.NewIntVar(0, top, f"t{i}") for i in range(marks)]
    model.Add(ticks[0] == 0)
    for a, b in zip(ticks, ticks[1:]):
        model.Add(b > a)
    differences = []
    for i, j in itertools.combinations(range(marks), 2):
        d = model.NewIntVar(1, top, f"d{i}_{j}")
        model.Add(d == ticks[j] - ticks[i])
        differences.append(d)
    model.AddAllDifferent(differences)
    model.Minimize(ticks[-1])
    return model


def test_a_stop_that_comes_before_the_search_has_started_still_ends_it():
    """CpSolver.stop_search does nothing before Solve has made its search: the stop is told again at every poll
    (once lost this way, a repair solve ran 51 s of its 60 in CI)."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = 20
    solver.parameters.num_workers = 2
    stop = Stop(lambda: True, poll=0.01)
    started = time.monotonic()
    with stop.hook(solver.stop_search):
        while not stop.stopped:  # the stop has fired, and been sent to a solver not yet searching
            time.sleep(0.01)
        solver.Solve(_golomb_ruler())
    stop.close()
    assert time.monotonic() - started < 5


def test_an_unreadable_flag_does_not_stop_and_close_ends_the_thread():
    def broken() -> bool:
        raise ConnectionError("queue storage away")

    stop = Stop(broken, poll=0.01)
    time.sleep(0.05)
    assert not stop.stopped
    stop.close()
    assert not any(t.name == "scheduling-stop" and t.is_alive() for t in threading.enumerate())


@pytest.mark.parametrize("name, workers", [("forum-14.original", 2), ("forum-14.original", 1),
                                           ("forum-13crafb.forb0003", 2)])
def test_a_long_solve_returns_soon_after_the_stop_with_a_valid_schedule(name, workers):
    instance = read_dzn(udg_instance(name))
    started = time.monotonic()
    result = solve(instance, time_limit=60, workers=workers, should_stop=lambda: time.monotonic() - started > 1.5)
    elapsed = time.monotonic() - started
    assert elapsed < 8, f"stopped after {elapsed:.1f}s of a 60-s limit"
    assert violations(result.schedule, instance) == []
    assert result.report.placed >= len(instance.meetings) - 3
    assert any("stopped by the caller" in line for line in result.log)


def test_repair_mode_stops_too():
    instance = read_dzn(udg_instance("forum-14.original"))
    first = solve(instance, time_limit=2, workers=2)
    published = Schedule({m: p for m, p in first.schedule.placements.items() if m % 3 == 0})  # a third published
    started = time.monotonic()
    result = solve(instance, time_limit=60, workers=2, previous=published,
                   should_stop=lambda: time.monotonic() - started > 1.0)
    assert time.monotonic() - started < 8
    assert violations(result.schedule, instance) == []
    assert any("stopped by the caller" in line for line in result.log)
