"""The RC2 neighbourhood search (rc2lns, the local search of the largest events): the one-break-each optimum when a
neighbourhood holds the whole event, valid and strictly improving schedules with fixed meetings, precedences and
forbidden slots, reproducible, and stopped between two conflict chunks when its caller says so."""
from __future__ import annotations

import time

import pytest

from matchmaker.scheduling import maxsat, rc2lns, violations
from matchmaker.scheduling.descent import first_schedule
from matchmaker.scheduling.dzn import read_dzn
from matchmaker.scheduling.encoding import ENCODINGS, Encoding
from matchmaker.scheduling.greedy import assign_tables
from matchmaker.scheduling.presolve import domains
from matchmaker.scheduling.quality import breaks_of, busy_slots, total_breaks
from matchmaker.scheduling.subformula import SubFormula
from tests.conftest import udg_instance
from tests.unit.scheduling.test_lns import Enough, brute_force_cases, event_with_everything, steps


class Sink:
    """A connection that keeps what is sent (or an `on_send` hook)."""

    def __init__(self, limit: int | None = None):
        self.sent: list = []
        self.limit, self.closed = limit, False

    def send(self, message):
        self.sent.append(message)
        if self.limit is not None and len(self.sent) == self.limit:
            raise Enough

    def close(self):
        self.closed = True


def one_break_each_start(instance):
    """The SAT solver's first schedule of the one-break-each form (the start the local search gets)."""
    everyone = list(range(len(instance.meetings)))
    start = first_schedule(instance, Encoding(instance, everyone, **ENCODINGS["restricted-totalizer"]), Sink())
    assert start is not None and max(breaks_of(b, instance) for b in busy_slots(instance, start)) <= 1
    return everyone, start


def test_a_neighbourhood_holding_the_whole_event_reaches_the_one_break_each_optimum():
    checked = 0
    for seed, instance, optimum, start in brute_force_cases(at_most_one_break_each=True):
        if max(breaks_of(b, instance) for b in busy_slots(instance, start)) > 1:
            continue  # the search starts from a one-break-each schedule
        everyone = sorted(start)
        found = rc2lns.improve(SubFormula(instance, everyone, domains(instance, everyone)), start, set(everyone),
                               lambda: True)
        assert found and total_breaks(instance, found) == optimum, seed
        assert violations(assign_tables(instance, found), instance) == []
        sent: list = []
        cost, slots, proved = rc2lns.search(instance, everyone, dict(start), sent.append, steps(40))
        assert proved and cost == optimum == total_breaks(instance, slots), seed
        checked += 1
    assert checked >= 15


def test_neighbourhoods_keep_every_rule_and_send_strictly_better_schedules():
    instance, _ = event_with_everything()
    everyone, start = one_break_each_start(instance)
    assert len(everyone) > rc2lns.START_SIZE  # so the search works on neighbourhoods, not on the whole event
    sent: list[dict[int, int]] = []
    cost, best, _ = rc2lns.search(instance, everyone, dict(start), sent.append, steps(200))
    costs = [total_breaks(instance, s) for s in sent]
    assert costs and costs == sorted(set(costs), reverse=True) and costs[0] < total_breaks(instance, start)
    assert cost == costs[-1] == total_breaks(instance, best)
    for schedule in sent:
        assert set(schedule) == set(everyone)
        assert violations(assign_tables(instance, schedule), instance) == []
        assert max(breaks_of(b, instance) for b in busy_slots(instance, schedule)) <= 1


def test_same_start_and_calls_give_the_same_schedule():
    instance, _ = event_with_everything(seed=5)
    everyone, start = one_break_each_start(instance)
    runs = [rc2lns.search(instance, everyone, dict(start), lambda s: None, steps(60)) for _ in range(2)]
    assert runs[0] == runs[1]


def test_the_budget_is_spent_in_chunks_with_the_caller_asked_between_them():
    instance = read_dzn(udg_instance("forum-14.original"))
    everyone, start = one_break_each_start(instance)
    formula = SubFormula(instance, everyone, domains(instance, everyone))
    free = set(everyone)  # the whole event: far more than one chunk of conflicts
    asked = []
    assert rc2lns.improve(formula, start, free, lambda: asked.append(1) or len(asked) < 3) is None
    assert len(asked) == 3  # two chunks ran, the third was refused
    assert rc2lns.improve(formula, start, free, lambda: True, limit=1) is None  # out of its conflicts


def test_the_search_stops_soon_after_its_caller_says_so():
    instance = read_dzn(udg_instance("forum-14.original"))
    everyone, start = one_break_each_start(instance)
    sent: list = []
    started = time.monotonic()
    cost, slots, proved = rc2lns.search(instance, everyone, dict(start), sent.append,
                                        lambda: time.monotonic() < started + 1.0)
    assert time.monotonic() - started < 6  # generous (a loaded machine): one chunk, a build; bench/ measures speed
    assert not proved and cost == total_breaks(instance, slots) <= total_breaks(instance, start)
    assert violations(assign_tables(instance, slots), instance) == []


def test_local_search_of_a_large_event_uses_rc2_neighbourhoods_and_ends_at_its_deadline(monkeypatch):
    instance, _ = event_with_everything()
    everyone, start = one_break_each_start(instance)
    monkeypatch.setattr(maxsat, "RC2_LNS_MIN_CLAUSES", 0)  # as on a large event
    monkeypatch.setattr(maxsat, "descend", lambda *args: pytest.fail("SAT neighbourhoods used"))
    sink = Sink(limit=3)
    with pytest.raises(Enough):
        maxsat._local_search_child(instance, everyone, sink, dict(start))
    costs = [total_breaks(instance, slots) for _, slots in sink.sent]
    assert costs == sorted(set(costs), reverse=True) and costs[0] < total_breaks(instance, start)
    for _, slots in sink.sent:
        assert set(slots) == set(everyone) and violations(assign_tables(instance, slots), instance) == []
    exact = []
    monkeypatch.setattr(maxsat, "descend", lambda *args: exact.append(args) or (0, None))  # after a proof only
    sink = Sink()
    started = time.monotonic()
    maxsat._local_search_child(instance, everyone, sink, dict(start), started + 0.5)
    assert sink.closed and time.monotonic() - started < 5
    assert not exact or total_breaks(instance, sink.sent[-1][1]) > 0  # the exact form only after a proof


def test_only_the_largest_events_get_rc2_neighbourhoods():
    sizes = {}
    for name in ("forum-14.original", "ticf-14crafa.original", "ticf-13crafb.original", "forum-13crafb.original"):
        instance = read_dzn(udg_instance(name))
        everyone = list(range(len(instance.meetings)))
        sizes[name] = len(Encoding(instance, everyone, **ENCODINGS["restricted-totalizer"]).wcnf.hard)
    large = {name for name, size in sizes.items() if size > maxsat.RC2_LNS_MIN_CLAUSES}
    assert large == {"forum-14.original", "ticf-14crafa.original"}, sizes
