"""A published event day for the event-day tests: meetings placed at chosen slots and tables, then published."""
from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from matchmaker.extensions import db
from matchmaker.models import Event, EventSlot, MeetingRequest
from matchmaker.services.events_publish import publish
from tests.integration.events.builders import small_event

ROME = ZoneInfo("Europe/Rome")
# small_event's grid, 10 March 2027 (CET): slots 0-2 at 09:00, 09:20, 09:40; slots 3-5 at 14:00, 14:20, 14:40
PLACES = ((0, 0), (0, 1), (1, 0), (3, 0))  # (slot, table) of each pair below
PAIRS = ((0, 1), (2, 3), (0, 2), (0, 3))  # Person 0 meets 1 at 09:00, 2 at 09:20, 3 at 14:00


def rome(hour: int, minute: int = 0, day: int = 10) -> datetime:
    """A moment of March 2027 in Rome (the event's zone)."""
    return datetime(2027, 3, day, hour, minute, tzinfo=ROME)


def published_day(organiser=None, message: str = "", virtual_link: str = ""):
    """Four people with accounts; the meetings of PAIRS placed at PLACES and published. Person 1 asked Person 0
    for their meeting with `message`. With `virtual_link`, table 2 is a virtual room with that address."""
    event, people, meetings = small_event(pairs=PAIRS, organiser=organiser, accounts=True)
    slots = db.session.execute(db.select(EventSlot).where(EventSlot.event_id == event.id)
                               .order_by(EventSlot.index)).scalars().all()
    for meeting, (slot, table) in zip(meetings, PLACES):
        meeting.slot_id, meeting.table_id = slots[slot].id, event.tables[table].id
        for seat in meeting.seats:
            seat.slot_id = slots[slot].id
    if virtual_link:
        event.tables[1].virtual, event.tables[1].link, event.tables[1].name = True, virtual_link, "Room B"
    request = MeetingRequest(event_id=event.id, requester_id=people[1].id, target_id=people[0].id, message=message,
                             state="accepted")
    db.session.add(request)
    db.session.flush()
    meetings[0].request_id = request.id
    db.session.commit()
    publish(db.session.get(Event, event.id), notify_participants=False)
    db.session.commit()
    return db.session.get(Event, event.id), people, meetings
