"""The agenda's rules: database constraints, manual moves with reasons, versions, publication, iCal, repair."""
from __future__ import annotations

from datetime import timezone

import icalendar
import pytest
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.models import Event, EventSlot, Meeting, MeetingSeat, Unavailability
from matchmaker.services import events, events_moves
from matchmaker.services.events import Conflict
from matchmaker.services.events_agenda import agenda, ical
from matchmaker.services.events_publish import publish
from tests.integration.events.builders import schedule_now, small_event


def _schedule(event, publish_it=False, time_limit=2):
    return schedule_now(event, time_limit, publish_it)


def _place(meeting, slot, table):
    meeting.slot_id, meeting.table_id = slot.id, table.id
    for seat in meeting.seats:
        seat.slot_id = slot.id


def test_the_database_refuses_a_double_booked_participant_or_table(app):
    event, people, meetings = small_event()
    slot, (t1, t2) = event.slots[0], event.tables
    _place(meetings[0], slot, t1)
    db.session.commit()
    _place(meetings[2], slot, t2)  # person 0 twice in slot 0
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    meetings = db.session.execute(db.select(Meeting).order_by(Meeting.id)).scalars().all()
    meetings[1].slot_id, meetings[1].table_id = event.slots[0].id, event.tables[0].id  # table 1 twice
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    seat = MeetingSeat(meeting_id=meetings[1].id, participant_id=people[0].id, slot_id=event.slots[0].id)
    db.session.add(seat)  # the seat table alone refuses it too
    with pytest.raises(IntegrityError):
        db.session.commit()


def test_schedule_publish_move_and_ical_sequence(app):
    event, people, meetings = small_event()
    job = _schedule(event, publish_it=True)
    assert job.state == "done" and job.result["placed"] == 3
    event = db.session.get(Event, event.id)
    assert event.status == "published" and event.report["placed"] == 3
    items = agenda(event, people[0])
    assert len(items) == 2 and items[0]["start"].utcoffset().total_seconds() == 3600  # Rome in March: +01:00
    feed = icalendar.Calendar.from_ical(ical(event, people[0]))
    before = {str(e["uid"]): int(e["sequence"]) for e in feed.walk("VEVENT")}
    meeting = db.session.get(Meeting, meetings[1].id)  # persons 2 and 3
    loaded = events.load(event)
    busy = {p.slot for i, p in loaded.draft().placements.items()
            if set(loaded.instance.meetings[i].participants) & {2, 3}}
    free = next(s for s in range(6) if s not in busy)
    events_moves.move(event, meeting.id, free, 0)
    meeting = db.session.get(Meeting, meeting.id)
    assert meeting.slot.index == free and meeting.pub_slot.index == free  # published at once
    feed = icalendar.Calendar.from_ical(ical(event, people[2]))
    entries = {str(e["uid"]): e for e in feed.walk("VEVENT")}
    uid = f"event-{event.id}-meeting-{meeting.id}@matchmaker"
    assert int(entries[uid]["sequence"]) == 2 and entries[uid].decoded("dtstart") == \
        meeting.slot.starts_at.replace(tzinfo=meeting.slot.starts_at.tzinfo or timezone.utc)
    assert before  # person 0's entries were there before the move
    events_moves.unplace(event, meeting.id)
    entry = {str(e["uid"]): e for e in icalendar.Calendar.from_ical(ical(event, people[2])).walk("VEVENT")}[uid]
    assert str(entry["status"]) == "CANCELLED" and int(entry["sequence"]) == 3


def test_a_move_breaking_a_rule_is_refused_with_the_reason_and_changes_nothing(app):
    event, people, meetings = small_event()
    _schedule(event)
    event = db.session.get(Event, event.id)
    loaded = events.load(event)
    draft = loaded.draft()
    first = draft.placements[0]  # persons 0-1; meeting 2 (persons 0-2) elsewhere
    version = event.version
    with pytest.raises(Conflict) as refused:
        events_moves.move(event, meetings[2].id, first.slot, 1 - first.table)
    assert refused.value.reason[0] == "participant_busy"
    with pytest.raises(Conflict) as refused:
        events_moves.move(event, meetings[1].id, first.slot, first.table)
    assert refused.value.reason[0] == "table_taken"
    db.session.add(Unavailability(participant_id=people[3].id, slot_id=event.slots[5].id))
    db.session.commit()
    with pytest.raises(Conflict) as refused:
        events_moves.move(event, meetings[1].id, 5, 0)
    assert refused.value.reason == ("participant_unavailable", {"participant": 3, "name": "Person 3"})
    assert events.load(db.session.get(Event, event.id)).draft().placements == draft.placements
    assert db.session.get(Event, event.id).version == version


def test_two_organisers_moving_at_once_one_wins(app):
    event, people, meetings = small_event()
    _schedule(event)
    event = db.session.get(Event, event.id)
    seen = event.version  # both organisers' pages show this version
    taken = {p.slot for p in events.load(event).draft().placements.values()}
    free = [s for s in range(6) if s not in taken]
    events_moves.move(event, meetings[1].id, free[0], 0, expected_version=seen)
    with pytest.raises(Conflict) as refused:
        events_moves.move(db.session.get(Event, event.id), meetings[1].id, free[1], 1, expected_version=seen)
    assert refused.value.reason[0] == "changed_meanwhile"
    assert db.session.get(Meeting, meetings[1].id).slot.index == free[0]


def test_swap_exchanges_two_meetings(app):
    event, people, meetings = small_event(pairs=((0, 1), (2, 3)))
    _schedule(event)
    a, b = (db.session.get(Meeting, m.id) for m in meetings)
    places = (a.slot.index, a.table.index), (b.slot.index, b.table.index)
    events_moves.swap(db.session.get(Event, event.id), a.id, b.id)
    a, b = (db.session.get(Meeting, m.id) for m in meetings)
    assert ((b.slot.index, b.table.index), (a.slot.index, a.table.index)) == places


def test_a_failed_job_leaves_the_published_agenda_untouched(app, monkeypatch):
    event, people, meetings = small_event()
    _schedule(event, publish_it=True)
    published = {m.id: (m.pub_slot_id, m.pub_table_id, m.slot_id)
                 for m in db.session.execute(db.select(Meeting)).scalars()}

    def broken(*args, **kwargs):
        raise RuntimeError("solver crashed")

    monkeypatch.setattr("matchmaker.scheduling.solve", broken)
    job = _schedule(db.session.get(Event, event.id), publish_it=True)
    assert job.state == "failed" and "solver crashed" in job.message
    assert {m.id: (m.pub_slot_id, m.pub_table_id, m.slot_id)
            for m in db.session.execute(db.select(Meeting)).scalars()} == published


def test_repair_keeps_published_meetings_and_lists_moves(app):
    event, people, meetings = small_event()
    _schedule(event, publish_it=True)
    before = {m.id: m.pub_slot_id for m in db.session.execute(db.select(Meeting)).scalars()}
    moved = db.session.get(Meeting, meetings[1].id)  # persons 2-3 become unavailable at their slot
    db.session.add(Unavailability(participant_id=people[3].id, slot_id=moved.pub_slot_id))
    db.session.commit()
    job = _schedule(db.session.get(Event, event.id))
    assert job.state == "done" and job.result["moves"] == 1
    report = db.session.get(Event, event.id).report
    assert report["moves"][0]["meeting_id"] == moved.id
    after = {m.id: m.slot_id for m in db.session.execute(db.select(Meeting)).scalars()}
    assert all(after[i] == before[i] for i in before if i != moved.id) and after[moved.id] != before[moved.id]
    # the draft is not published until the organiser publishes
    assert db.session.get(Meeting, moved.id).pub_slot_id == before[moved.id]
    counts = publish(db.session.get(Event, event.id))
    db.session.commit()
    assert counts == {"new": 0, "moved": 1, "cancelled": 0}


def test_slots_are_stored_in_utc(app):
    event, _, _ = small_event()
    first = db.session.execute(db.select(EventSlot).order_by(EventSlot.index)).scalars().first()
    moment = first.starts_at if first.starts_at.tzinfo else first.starts_at.replace(tzinfo=timezone.utc)
    assert moment.astimezone(timezone.utc).hour == 8  # 09:00 in Rome (CET) is 08:00 UTC


def test_a_job_cancelled_while_solving_saves_nothing(app, monkeypatch):
    from matchmaker.jobs import cancel
    from matchmaker.models import Job
    from matchmaker.scheduling.solver import solve as real_solve

    event, people, meetings = small_event()
    _schedule(event, publish_it=True)
    before = {m.id: (m.slot_id, m.pub_slot_id) for m in db.session.execute(db.select(Meeting)).scalars()}
    version = db.session.get(Event, event.id).version

    def solve_then_cancel(instance, **kwargs):
        result = real_solve(instance, **kwargs)
        cancel(db.session.execute(db.select(Job).where(Job.state == "running")).scalar_one())
        return result

    monkeypatch.setattr("matchmaker.scheduling.solve", solve_then_cancel)
    db.session.add(Unavailability(participant_id=people[3].id, slot_id=db.session.get(Meeting, meetings[1].id)
                                  .pub_slot_id))
    db.session.commit()
    job = _schedule(db.session.get(Event, event.id), publish_it=True)
    assert job.state == "cancelled"
    assert {m.id: (m.slot_id, m.pub_slot_id) for m in db.session.execute(db.select(Meeting)).scalars()} == before
    assert db.session.get(Event, event.id).version == version


def test_a_job_never_overwrites_an_organisers_change_made_while_it_ran(app, monkeypatch):
    from matchmaker import scheduling

    event, people, meetings = small_event()
    _schedule(event)
    draft = {m.id: (m.slot_id, m.table_id) for m in db.session.execute(db.select(Meeting)).scalars()}
    real_solve = scheduling.solve

    def solve_while_an_organiser_moves(*args, **kwargs):
        result = real_solve(*args, **kwargs)
        events.bump_version(db.session.get(Event, event.id))  # a manual change committed during the solve
        return result

    monkeypatch.setattr("matchmaker.scheduling.solve", solve_while_an_organiser_moves)
    job = _schedule(db.session.get(Event, event.id))
    assert job.state == "failed"
    assert {m.id: (m.slot_id, m.table_id) for m in db.session.execute(db.select(Meeting)).scalars()} == draft
