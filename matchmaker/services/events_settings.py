"""An event's status and time zone after creation: which status moves are allowed, correcting the time zone."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models._common import as_utc
from matchmaker.models.event import CLOSED, PUBLISHED, STATUSES, Event, EventSlot
from matchmaker.services.events import Conflict

BEFORE_PUBLICATION = STATUSES[:STATUSES.index(PUBLISHED)]  # draft, registration, requests, scheduling
UTC = ZoneInfo("UTC")


def allowed_statuses(event: Event) -> list[str]:
    """The statuses the manage form offers. Before the first publication: any status before "published" (going
    back reopens a phase) or closed; "published" only through Publish, which makes the agenda. Once an agenda is
    published: published or closed, never back to a phase that would hide it from the participants. A called-off
    event stays closed: its participants were told it is cancelled and nothing would tell them it is on again."""
    from matchmaker.services.events_closing import called_off

    if called_off(event):
        return [CLOSED]
    if event.published_version:
        allowed = [PUBLISHED, CLOSED]
    else:
        allowed = [*BEFORE_PUBLICATION, CLOSED]
    return allowed if event.status in allowed else [event.status, *allowed]


def set_status(event: Event, status: str) -> None:
    """Change the status if `allowed_statuses` allows it (the caller commits), noting when it was closed; else
    Conflict "status_not_allowed" ("called_off_final" for a called-off event)."""
    if status != event.status and status not in allowed_statuses(event):
        from matchmaker.services.events_closing import called_off

        if called_off(event):
            raise Conflict("called_off_final")
        raise Conflict("status_not_allowed", {"status": status})
    if status == CLOSED and event.status != CLOSED:  # the event day stops here (see events_day.closed_at)
        from matchmaker.services.events_day import current_time

        event.closed_at = current_time()
    elif status != CLOSED:
        event.closed_at = None
    event.status = status


def change_time_zone(event: Event, zone: str) -> None:
    """Correct the event's time zone before its agenda is published: every slot keeps its clock time (09:00 stays
    09:00, now in `zone`), so it moves in absolute time, as does the request deadline; the caller commits.
    Conflict "zone_after_publication" once published."""
    if zone == event.time_zone:
        return
    if event.published_version:
        raise Conflict("zone_after_publication")
    old, new = ZoneInfo(event.time_zone), ZoneInfo(zone)

    def moved(moment):
        return as_utc(moment).astimezone(old).replace(tzinfo=new).astimezone(UTC) if moment else moment

    for slot in db.session.execute(select(EventSlot).where(EventSlot.event_id == event.id)).scalars():
        slot.starts_at, slot.ends_at = moved(slot.starts_at), moved(slot.ends_at)
    event.request_deadline = moved(event.request_deadline)
    event.time_zone = zone
    event.version += 1


def deletable(event: Event) -> bool:
    """Only a draft that never had an agenda nor anyone taking part (cancelled people included) may be deleted."""
    from matchmaker.models.event import DRAFT, EventParticipant

    return event.status == DRAFT and not event.published_version and db.session.scalar(
        select(EventParticipant.id).where(EventParticipant.event_id == event.id).limit(1)) is None


def delete_event(event: Event) -> None:
    """Delete a deletable event with its grid, tables and organisers (the database cascades); committed.
    Conflict "event_not_deletable" otherwise."""
    from sqlalchemy import delete

    if not deletable(event):
        raise Conflict("event_not_deletable")
    db.session.execute(delete(Event).where(Event.id == event.id))
    db.session.commit()
