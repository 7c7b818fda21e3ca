"""Scheduling again on the event day: meetings that already took place stay where they were, and no new meeting goes
into a slot that has begun (manual changes were refused there, "slot_over", but a scheduler run placed meetings in
slots already over; noticed in the 2026-12-01 events walk)."""
from __future__ import annotations

from datetime import timedelta

from matchmaker.extensions import db
from matchmaker.models import EventSlot, Meeting, MeetingSeat
from matchmaker.models._common import utcnow
from tests.helpers import login, make_user
from tests.integration.events.builders import published_event, schedule_now


def _morning_over(event_id: int) -> None:
    """The three morning slots (indices 0-2) have begun: the event is under way."""
    for slot in db.session.execute(db.select(EventSlot).where(EventSlot.event_id == event_id,
                                                              EventSlot.index < 3)).scalars():
        slot.starts_at = utcnow() - timedelta(minutes=90 - 20 * slot.index)
        slot.ends_at = slot.starts_at + timedelta(minutes=20)
    db.session.commit()


def _meeting(event_id: int, people, a: int, b: int, sessions: str = "") -> int:
    meeting = Meeting(event_id=event_id, priority=1, sessions=sessions)
    meeting.seats = [MeetingSeat(participant_id=people[a].id), MeetingSeat(participant_id=people[b].id)]
    db.session.add(meeting)
    db.session.commit()
    return meeting.id


def test_a_run_on_the_day_keeps_what_took_place_and_places_nothing_new_in_the_past(app, client):
    organiser = make_user(role="organiser")
    event, people, meetings = published_event(organiser=organiser)  # 0-1 and 2-3 in slot 0, published
    morning_only = _meeting(event.id, people, 0, 2, sessions="am")
    anytime = _meeting(event.id, people, 1, 3)
    _morning_over(event.id)
    job = schedule_now(event)
    assert job.state == "done", job.message
    for meeting in meetings:
        kept = db.session.get(Meeting, meeting.id)
        assert (kept.slot.index, kept.table_id) == (0, kept.pub_table_id)  # took place there: not moved
    late = db.session.get(Meeting, anytime)
    assert late.slot is not None and late.slot.index >= 3  # the afternoon, not a slot already over
    missed = db.session.get(Meeting, morning_only)
    assert missed.slot_id is None and missed.unplaced_reason == ["slots_over", {}]
    login(client, organiser)
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert "every slot the participants had in common has already begun" in page
    italian = client.get(f"/events/{event.id}/schedule", headers={"Accept-Language": "it"}).get_data(as_text=True)
    assert "tutte le fasce orarie che i partecipanti avevano in comune sono già iniziate" in italian


def test_before_the_day_every_slot_is_open(app):
    event, people, _meetings = published_event()
    morning_only = _meeting(event.id, people, 0, 2, sessions="am")
    job = schedule_now(event)
    assert job.state == "done", job.message
    assert db.session.get(Meeting, morning_only).slot.index in (1, 2)
