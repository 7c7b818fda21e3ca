"""Asking for the follow-up: once an event with a published agenda ends (its last slot is over) or its organisers
close it after it began, each participant with an account gets one notification, and a mail in their language
through the task queue, linking to their follow-up page. Never twice: the event's `event_feedback_ask` row (its
primary key) is written in the same transaction as the notifications. Closing an event queues its ask at once
(`queue_ask`); a worker also looks for due events every five minutes (events that simply ended, and a safety net).

RECENT (30 days) keeps events that ended long ago from being asked: on the first deployment of the follow-up, or
after the worker was down for weeks, people would otherwise be asked about meetings they no longer remember well.
An event is due from the end of its last slot (or its close), so in normal running it is asked within minutes."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from huey import crontab
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.jobs.queue import huey
from matchmaker.jobs.runner import handler, in_app
from matchmaker.models._common import as_utc
from matchmaker.models.event import CLOSED, Event, EventParticipant, EventSlot
from matchmaker.models.event_followup import FeedbackAsk
from matchmaker.models.event_meeting import Meeting, MeetingSeat
from matchmaker.models.job import Job
from matchmaker.models.user import User
from matchmaker.services import events_day

RECENT = timedelta(days=30)  # events that ended longer ago than this are not asked (e.g. on the first deployment)
CODE = "event_feedback_requested"
JOB = "event-followup-ask"


def due(now: datetime | None = None, event_id: int | None = None) -> list[Event]:
    """Events to ask now (only `event_id` when given): an agenda was published, not asked yet, over or closed once
    it had begun (an event called off before its first meeting asks nobody), its last slot ended within RECENT (or
    is still to come)."""
    now = as_utc(now or events_day.current_time()).astimezone(timezone.utc)  # stored moments are UTC
    ends = select(EventSlot.event_id, db.func.min(EventSlot.starts_at).label("start"),
                  db.func.max(EventSlot.ends_at).label("end")).group_by(EventSlot.event_id).subquery()
    rows = db.session.execute(
        select(Event, ends.c.end).join(ends, ends.c.event_id == Event.id)
        .outerjoin(FeedbackAsk, FeedbackAsk.event_id == Event.id)
        .where(FeedbackAsk.event_id.is_(None), Event.published_version > 0, ends.c.start <= now,
               db.or_(Event.status == CLOSED, ends.c.end <= now), ends.c.end >= now - RECENT,
               *(() if event_id is None else (Event.id == event_id,)))
        .order_by(Event.id)).all()
    return [event for event, _end in rows]


def recipients(event: Event) -> list[User]:
    """The active accounts of the event's current participants with at least one published meeting."""
    with_meetings = select(MeetingSeat.participant_id).join(Meeting, Meeting.id == MeetingSeat.meeting_id).where(
        Meeting.event_id == event.id, Meeting.pub_slot_id.is_not(None))
    return list(db.session.execute(
        select(User).join(EventParticipant, EventParticipant.user_id == User.id)
        .where(EventParticipant.event_id == event.id, EventParticipant.cancelled.is_(False),
               EventParticipant.id.in_(with_meetings), User.active.is_(True))
        .distinct().order_by(User.id)).scalars())


def ask(event: Event) -> int:
    """Ask the event's participants for their follow-up (notification + mail); how many were asked, 0 when the
    event was asked before (by this or a concurrent worker)."""
    users = recipients(event)
    try:
        with db.session.begin_nested():
            db.session.add(FeedbackAsk(event_id=event.id, recipients=len(users)))
    except IntegrityError:
        return 0
    if not users:
        db.session.commit()
        return 0
    from matchmaker.services.notifications import notify_many

    notify_many(users, CODE, {"event": event.name}, f"/events/{event.id}/followup")  # commits the row with them
    return len(users)


def ask_due(now: datetime | None = None) -> int:
    """Ask every event that is due; how many participants were asked in all."""
    return sum(ask(event) for event in due(now))


def queue_ask(event: Event, user_id: int | None = None) -> Job | None:
    """Closing the event asks at once: an `event-followup-ask` job on the task queue when the event is due (the
    caller has committed the close); None when it is not (called off before it began, asked already, ended more
    than RECENT ago). The periodic task stays the safety net (a queue that was down, an event that just ended)."""
    if not due(event_id=event.id):
        return None
    from matchmaker.jobs import enqueue

    return enqueue(JOB, {"event_id": event.id}, user_id=user_id, label=event.name)


@handler(JOB)
def ask_job(progress, payload: dict) -> dict:
    """The job behind `queue_ask`: ask the event if it is still due (once only, whoever comes first)."""
    events = due(event_id=payload["event_id"])
    asked = ask(events[0]) if events else 0
    return {"message": "followup_asked", "message_params": {"num": asked}}


@huey.periodic_task(crontab(minute="*/5"))
def ask_for_followups() -> None:
    """The worker's look for events that ended or were closed since last time."""
    in_app(ask_due)
