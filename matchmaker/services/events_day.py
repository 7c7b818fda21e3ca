"""A participant's event day at a given moment: the meeting under way, the next one and the rest of the day, in the
event's time zone, with each partner's check-in state and the participant's own no-show reports.

Every page of the event day takes "now" from `current_time()`, the one clock (tests freeze it by replacing it).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from matchmaker.models._common import as_utc, utcnow
from matchmaker.models.event import CLOSED as CLOSED_STATUS
from matchmaker.models.event import Event, EventParticipant
from matchmaker.services.events_agenda import agenda
from matchmaker.services.events_checkin import arrived_ids, reported_by

UNPUBLISHED, BEFORE, TODAY, BETWEEN, OVER, CLOSED = "unpublished", "before", "today", "between", "over", "closed"
PAST, NOW, UPCOMING = "past", "now", "upcoming"


def current_time() -> datetime:
    """The event-day clock: now, in UTC (the only place the event-day pages read the time)."""
    return utcnow()


def closed_at(event: Event, now: datetime | None = None) -> datetime | None:
    """When the organisers closed the event (UTC), None while it is not closed. An event closed before the moment
    was recorded counts as closed at `now` (default: `current_time()`): what had not started yet never will."""
    if event.status != CLOSED_STATUS:
        return None
    return as_utc(event.closed_at) if event.closed_at else as_utc(now or current_time())


def started_before_close(event: Event, start: datetime, now: datetime | None = None) -> bool:
    """Whether a meeting starting at `start` had begun when the event was closed (True while it is not closed)."""
    close = closed_at(event, now)
    return close is None or as_utc(start) < close


@dataclass
class MyDay:
    """What "My day" shows: `state` is one of UNPUBLISHED, BEFORE (the event has not started), TODAY (an event day),
    BETWEEN (a day between two event days), OVER, CLOSED (the organisers closed it: no now, no next); `day` is
    the date whose meetings are listed (the first day before the event, the last one after it); `current` and
    `next` are agenda items (see `events_agenda.agenda`), each item with `when` (PAST, NOW,
    UPCOMING), `can_report`, `reported` and each partner's `arrived` flag."""

    state: str
    now: datetime  # in the event's time zone
    day: date | None = None
    first_day: date | None = None
    meetings: list[dict] = field(default_factory=list)
    current: dict | None = None
    next: dict | None = None  # the next meeting, today or on a later day

    @property
    def next_is_today(self) -> bool:
        """Whether the next meeting is on the day shown (else "no more meetings today")."""
        return self.next is not None and self.next["start"].date() == self.day

    @property
    def day_noon(self) -> datetime | None:
        """Midday of the day shown, in the event's zone (for writing the date with the pages' date format)."""
        return datetime.combine(self.day, time(12), self.now.tzinfo) if self.day else None


def my_day(event: Event, participant: EventParticipant, now: datetime | None = None) -> MyDay:
    """The participant's day at `now` (default: `current_time()`), in the event's time zone."""
    zone = ZoneInfo(event.time_zone)
    now = as_utc(now or current_time()).astimezone(zone)
    days = sorted({as_utc(s.starts_at).astimezone(zone).date() for s in event.slots})
    if not event.published_version or not days:
        return MyDay(UNPUBLISHED, now, first_day=days[0] if days else None)
    items = agenda(event, participant)
    close = closed_at(event, now)
    moment = min(now, close.astimezone(zone)) if close else now  # a closed event's day stopped at the close
    _annotate(event, participant, items, moment)
    today = now.date()
    if close is not None:
        day = min(max(today, days[0]), days[-1])
        return MyDay(CLOSED, now, day, days[0], [i for i in items if i["start"].date() == day])
    if today < days[0]:
        state, day = BEFORE, days[0]
    elif today > days[-1]:
        state, day = OVER, days[-1]
    else:
        state, day = (TODAY if today in days else BETWEEN), today
    result = MyDay(state, now, day, days[0], [i for i in items if i["start"].date() == day])
    result.current = next((i for i in items if i["when"] == NOW), None)
    result.next = next((i for i in items if i["when"] == UPCOMING), None)
    return result


def _annotate(event: Event, participant: EventParticipant, items: list[dict], now: datetime) -> None:
    """Mark each item past / now / upcoming, whether a no-show may be reported, and each partner's arrival."""
    partner_ids = [p["participant_id"] for item in items for p in item["partners"]]
    arrived = arrived_ids(event, partner_ids)
    reported = reported_by(participant, [item["meeting_id"] for item in items])
    for item in items:
        item["when"] = PAST if item["end"] <= now else NOW if item["start"] <= now else UPCOMING
        item["can_report"] = item["when"] != UPCOMING
        item["reported"] = item["meeting_id"] in reported
        for partner in item["partners"]:
            partner["arrived"] = partner["participant_id"] in arrived
