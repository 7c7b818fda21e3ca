"""When the check-in desk is open: from the evening before the event's first day (18:00 in its time zone, for a
welcome or badge pick-up the night before) until its last slot ends or its organisers close it. Before, the desk
says when it opens; after, its list stays readable but nobody is checked in or out. An event still in draft
(registration not open) or called off has no desk and no badges at all (`withheld`); a published agenda is not
needed (badges are printed weeks before it, and the desk works on the day whether meetings were published or not)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models._common import as_utc
from matchmaker.models.event import DRAFT, Event, EventSlot
from matchmaker.services.events import Conflict

OPENS_AT = time(18)  # local time on the evening before the first day
NO_SLOTS, BEFORE, OPEN, OVER, CLOSED = "no_slots", "before", "open", "over", "closed"
NOT_OPENED, CALLED_OFF = "not_opened", "called_off"  # `withheld`: no desk, no badges


@dataclass(frozen=True)
class Desk:
    """The desk's state at a moment: NOT_OPENED or CALLED_OFF (`withheld`), NO_SLOTS (no grid yet), BEFORE, OPEN,
    OVER (the last slot ended) or CLOSED (by the organisers); `opens` and `ends` in UTC (None without slots and when
    withheld), `ends` the close when it came first."""

    state: str
    opens: datetime | None = None
    ends: datetime | None = None

    @property
    def is_open(self) -> bool:
        """Whether people can be checked in (or undone) now."""
        return self.state == OPEN


def withheld(event: Event) -> str | None:
    """Why the event has no check-in desk and no badges: NOT_OPENED (still a draft: registration has not opened, so
    nobody is expected yet) or CALLED_OFF (closed before it began: nobody is expected any more); None otherwise."""
    from matchmaker.services.events_closing import called_off

    if event.status == DRAFT:
        return NOT_OPENED
    return CALLED_OFF if called_off(event) else None


def desk(event: Event, now: datetime | None = None) -> Desk:
    """The check-in desk of the event at `now` (default: the event-day clock)."""
    from matchmaker.services.events_day import closed_at, current_time

    reason = withheld(event)
    if reason is not None:
        return Desk(reason)
    now = as_utc(now or current_time())
    first, last = db.session.execute(select(func.min(EventSlot.starts_at), func.max(EventSlot.ends_at)).where(
        EventSlot.event_id == event.id)).one()
    close = closed_at(event, now)
    if first is None:
        return Desk(CLOSED if close else NO_SLOTS)
    zone = ZoneInfo(event.time_zone)
    eve = as_utc(first).astimezone(zone).date() - timedelta(days=1)
    opens = datetime.combine(eve, OPENS_AT, zone).astimezone(timezone.utc)
    ends = (min(as_utc(last), close) if close else as_utc(last)).astimezone(timezone.utc)
    if close is not None:
        return Desk(CLOSED, opens, ends)
    if now >= ends:
        return Desk(OVER, opens, ends)
    return Desk(BEFORE if now < opens else OPEN, opens, ends)


def require_open(event: Event, now: datetime | None = None) -> None:
    """Refuse a check-in or its undoing outside the desk's hours: `checkin_not_opened` (a draft event),
    `checkin_called_off`, `checkin_not_open` {"opens": ISO time, or absent without slots}, `checkin_over` {"end": ISO
    time}, `checkin_closed` (the organisers closed the event)."""
    state = desk(event, now)
    if state.state in (NOT_OPENED, CALLED_OFF):
        raise Conflict(f"checkin_{state.state}", {})
    if state.state == BEFORE:
        raise Conflict("checkin_not_open", {"opens": state.opens.isoformat()})
    if state.state == NO_SLOTS:
        raise Conflict("checkin_not_open", {})
    if state.state == OVER:
        raise Conflict("checkin_over", {"end": state.ends.isoformat()})
    if state.state == CLOSED:
        raise Conflict("checkin_closed", {})
