"""Pure event rules: the generated slot grid (UTC, breaks, DST) and the reasons a manual change is refused."""
from __future__ import annotations

from datetime import date, timezone

from matchmaker.scheduling import Instance, Meeting, Placement, Schedule, Slot, Table
from matchmaker.services.events_rules import check_changes, generate_slots


def test_slots_fill_sessions_skip_breaks_and_are_utc():
    slots = generate_slots([date(2027, 3, 27), date(2027, 3, 28)], [("am", "09:00", "10:30"), ("pm", "14:00", "15:00")],
                           30, [("09:30", "10:00")], "Europe/Rome")
    first_day = [s for s in slots if s.day == 0]
    assert [(s.session, s.starts_at.strftime("%H:%M")) for s in first_day] == [
        ("am", "08:00"), ("am", "09:00"), ("pm", "13:00"), ("pm", "13:30")]
    assert all(s.starts_at.tzinfo == timezone.utc or s.starts_at.utcoffset().total_seconds() == 0 for s in slots)
    assert [s for s in slots if s.day == 1][0].starts_at.strftime("%H:%M") == "07:00"  # summer time from 28 March


def _instance() -> Instance:
    return Instance(n_participants=4, slots=(Slot(session="am"), Slot(session="am"), Slot(session="pm")),
                    tables=(Table("1"), Table("2")),
                    meetings=(Meeting((0, 1)), Meeting((0, 2)), Meeting((2, 3), sessions=frozenset({"am"})),
                              Meeting((1, 3), fixed_slot=1)),
                    unavailable=(frozenset(), frozenset(), frozenset({2}), frozenset()),
                    precedences=((0, 1),), max_meetings=(None, 1, None, None))


def test_each_refusal_names_its_rule():
    instance = _instance()
    schedule = Schedule({0: Placement(0, 0), 2: Placement(1, 1)})
    assert check_changes(instance, schedule, {1: Placement(0, 1)})[0] == "participant_busy"
    assert check_changes(instance, schedule, {1: Placement(1, 1)})[0] == "table_taken"
    assert check_changes(instance, schedule, {1: Placement(2, 0)}) == ("participant_unavailable", {"participant": 2})
    assert check_changes(instance, schedule, {2: Placement(2, 0)})[0] == "outside_session"
    assert check_changes(instance, schedule, {3: Placement(0, 1)}) == ("fixed_elsewhere", {"slot": 1})
    assert check_changes(instance, Schedule({0: Placement(0, 0)}), {3: Placement(1, 0)})[0] == "participant_at_max"
    assert check_changes(instance, schedule, {1: Placement(0, 5)})[0] == "no_such_table"
    moved = Schedule({0: Placement(1, 0), 1: Placement(0, 1)})
    assert check_changes(instance, moved, {0: Placement(1, 0)})[0] == "precedence"
    assert check_changes(instance, schedule, {0: None}) is None
    assert check_changes(instance, Schedule({0: Placement(0, 0)}), {1: Placement(1, 1)}) is None
