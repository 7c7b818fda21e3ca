"""A solve stops early when its caller asks (a cancelled job), with the best schedule so far."""
from __future__ import annotations

import threading
import time
import pytest

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
    assert interrupted == ["running"] and stop.stopped
    with stop.hook(lambda: interrupted.append("later")):  # a phase that starts after the stop is told at once
        pass
    assert interrupted == ["running", "later"]
    stop.close()


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
