"""The RC2 neighbourhood search (rc2lns, the local search of the largest events): the one-break-each optimum when a
neighbourhood holds the whole event, valid and strictly improving schedules with fixed meetings, precedences and
forbidden slots, reproducible, and stopped between two conflict chunks when its caller says so."""
from __future__ import annotations

import random
import time

import pytest

from matchmaker.scheduling import maxsat, rc2lns, violations
from matchmaker.scheduling.descent import first_schedule, neighbourhood
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


def three_better_schedules_by_rc2_neighbourhoods(monkeypatch, instance, everyone, start):
    """The local-search process of a large event sends ever better valid schedules of `start`'s meetings, with no
    SAT neighbourhood."""
    monkeypatch.setattr(maxsat, "descend", lambda *args: pytest.fail("SAT neighbourhoods used"))
    sink = Sink(limit=3)
    with pytest.raises(Enough):
        maxsat._local_search_child(instance, everyone, sink, dict(start))
    costs = [total_breaks(instance, slots) for _, slots in sink.sent]
    assert costs == sorted(set(costs), reverse=True) and costs[0] < total_breaks(instance, start)
    for _, slots in sink.sent:
        assert set(slots) == set(everyone) and violations(assign_tables(instance, slots), instance) == []


def test_local_search_of_a_large_event_uses_rc2_neighbourhoods_and_ends_at_its_deadline(monkeypatch):
    instance, _ = event_with_everything()
    everyone, start = one_break_each_start(instance)
    monkeypatch.setattr(maxsat, "RC2_LNS_MIN_CLAUSES", 0)  # as on a large event
    three_better_schedules_by_rc2_neighbourhoods(monkeypatch, instance, everyone, start)
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


def constructive_start(seed: int = 3):
    """An event, its meetings and a complete constructive schedule of it in which someone has two breaks or more."""
    instance, placed = event_with_everything(seed)
    everyone = list(range(len(instance.meetings)))
    assert sorted(placed) == everyone and violations(assign_tables(instance, placed), instance) == []
    assert max(breaks_of(b, instance) for b in busy_slots(instance, placed)) >= 2
    return instance, everyone, dict(placed)


def test_from_a_constructive_start_neighbourhoods_never_add_breaks_to_anyone_with_more_than_one():
    instance, everyone, start = constructive_start()
    formula = SubFormula(instance, everyone, domains(instance, everyone))
    before = [breaks_of(b, instance) for b in busy_slots(instance, start)]
    rng = random.Random(0)
    meetings_of = instance.meetings_of()
    for size in (10, 30, 60, len(everyone)):
        free = neighbourhood(instance, start, meetings_of, size, rng)
        found = rc2lns.improve(formula, start, free, lambda: True)
        assert found, size  # the start is one of the neighbourhood's schedules: never "no schedule"
        assert violations(assign_tables(instance, found), instance) == []
        assert all(found[m] == start[m] for m in everyone if m not in free)
        after = [breaks_of(b, instance) for b in busy_slots(instance, found)]
        assert total_breaks(instance, found) <= total_breaks(instance, start)
        assert all(a <= max(1, b) for a, b in zip(after, before))


def test_the_search_improves_a_constructive_start_and_adopts_a_better_schedule_offered():
    instance, everyone, start = constructive_start()
    sent: list[dict[int, int]] = []
    cost, best, proved = rc2lns.search(instance, everyone, dict(start), sent.append, steps(30))
    assert sent and cost == total_breaks(instance, best) < total_breaks(instance, start)
    assert violations(assign_tables(instance, best), instance) == []
    _, good = one_break_each_start(instance)
    good_cost, good, _ = rc2lns.search(instance, everyone, dict(good), lambda s: None, steps(200))
    assert good_cost < total_breaks(instance, start)
    offers = iter([good])  # another search's schedule, offered before the first neighbourhood
    cost, best, _ = rc2lns.search(instance, everyone, dict(start), lambda s: None, steps(1),
                                  offered=lambda: next(offers, None))
    assert cost == good_cost and best == good  # adopted (the one look at the clock allowed no neighbourhood)
    _, first = one_break_each_start(instance)  # the first offered is a restart, whatever its breaks
    assert total_breaks(instance, first) > good_cost
    offers = iter([first])
    best = rc2lns.search(instance, everyone, dict(good), lambda s: None, steps(1), offered=lambda: next(offers))[1]
    assert best == first
    offers, asked = iter([first, start]), []  # later ones only when they have fewer breaks: not the constructive one
    cost = rc2lns.search(instance, everyone, dict(good), lambda s: None, steps(100),
                         offered=lambda: asked.append(1) or next(offers, None))[0]
    assert len(asked) >= 2 and cost <= total_breaks(instance, first) < total_breaks(instance, start)


def test_on_a_large_event_the_local_search_starts_at_once_from_the_constructive_schedule(monkeypatch):
    instance, everyone, start = constructive_start()
    monkeypatch.setattr(maxsat, "RC2_LNS_MIN_CLAUSES", 0)  # as on a large event
    # The full encoding's first schedule never comes (as on a loaded machine at 10 s): it must not be waited for.
    monkeypatch.setattr(maxsat, "first_schedule", lambda *args, **kw: pytest.fail("waited for the first schedule"))
    three_better_schedules_by_rc2_neighbourhoods(monkeypatch, instance, everyone, start)


def test_the_rc2_process_sends_the_first_schedule_for_a_local_search_that_did_not_wait():
    instance, everyone, _ = constructive_start()
    plain, first = Sink(), Sink()
    maxsat._search_child(instance, everyone, plain)
    maxsat._search_child(instance, everyone, first, 0, 0)
    outcome = [[(status, total_breaks(instance, slots)) for status, slots in sink.sent] for sink in (first, plain)]
    assert outcome[0][1:] == outcome[1]  # then RC2 as before (its schedules may differ, not their breaks)
    status, slots = first.sent[0]
    assert status in ("improved", "optimal") and set(slots) == set(everyone)
    assert violations(assign_tables(instance, slots), instance) == []
    assert max(breaks_of(b, instance) for b in busy_slots(instance, slots)) <= 1
