"""A small event for the tests: participants (optionally with accounts), slots, tables, meetings."""
from __future__ import annotations

from datetime import date

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant, Meeting, MeetingSeat
from matchmaker.services.events_import import create_event
from tests.helpers import make_org, make_user


def small_event(people: int = 4, pairs=((0, 1), (2, 3), (0, 2)), tables: int = 2, organiser=None,
                accounts: bool = False) -> tuple[Event, list[EventParticipant], list[Meeting]]:
    """An event on one day, two sessions of three 20-minute slots, `tables` tables, the given meetings."""
    event = create_event("Meet in Italy", "Europe/Rome", [date(2027, 3, 10)],
                         [("am", "09:00", "10:00"), ("pm", "14:00", "15:00")], 20, [],
                         [(f"T{i + 1}", False, "") for i in range(tables)],
                         organiser_id=organiser.id if organiser else None, status="requests")
    participants = []
    for i in range(people):
        user = make_user(organisation_id=make_org().id) if accounts else None
        participants.append(EventParticipant(event_id=event.id, name=f"Person {i}", user_id=user.id if user else None,
                                             organisation_id=user.organisation_id if user else None))
    db.session.add_all(participants)
    db.session.flush()
    meetings = []
    for a, b in pairs:
        meeting = Meeting(event_id=event.id, priority=1)
        meeting.seats = [MeetingSeat(participant_id=participants[a].id), MeetingSeat(participant_id=participants[b].id)]
        meetings.append(meeting)
    db.session.add_all(meetings)
    db.session.commit()
    return event, participants, meetings


def schedule_now(event: Event, time_limit: float = 2, publish: bool = False):
    """Run the scheduling job in the foreground, as the worker would; returns the job."""
    from matchmaker.jobs.runner import run
    from matchmaker.models import Job
    from matchmaker.services import events_job

    job = Job(kind=events_job.KIND)
    db.session.add(job)
    db.session.commit()
    run(job.id, {"event_id": event.id, "time_limit": time_limit, "workers": 1, "publish": publish})
    db.session.expire_all()
    return db.session.get(Job, job.id)


def published_event(organiser=None, places=((0, 0), (0, 1)), pairs=((0, 1), (2, 3))):
    """A small event with accounts whose meetings are placed at (slot, table) `places` and published (no notice)."""
    from matchmaker.services import events_moves
    from matchmaker.services.events_publish import publish

    event, people, meetings = small_event(organiser=organiser, accounts=True, pairs=pairs)
    for meeting, (slot, table) in zip(meetings, places):
        events_moves.move(event, meeting.id, slot, table)
    publish(db.session.get(Event, event.id), notify_participants=False)
    db.session.commit()
    return db.session.get(Event, event.id), people, meetings
