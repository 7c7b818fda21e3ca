"""The dates an organiser gives, checked: a request deadline after the event's end is refused (nobody could be
scheduled); a first day already past is accepted with a warning (an event entered after the fact)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models._common import as_utc
from matchmaker.models.event import Event, EventSlot
from matchmaker.services.events import Conflict


def planned_end(first_day: date, days: int, sessions: list[tuple[str, str, str]]) -> datetime:
    """The end of the last session of the last day, in the event's clock time (naive), from the create form."""
    last = max(time.fromisoformat(end) for _code, _start, end in sessions)
    return datetime.combine(first_day + timedelta(days=max(days, 1) - 1), last)


def event_end(event: Event) -> datetime | None:
    """The end of the event's last slot in its clock time (naive); None without slots."""
    end = db.session.scalar(select(func.max(EventSlot.ends_at)).where(EventSlot.event_id == event.id))
    return as_utc(end).astimezone(ZoneInfo(event.time_zone)).replace(tzinfo=None) if end is not None else None


def check_deadline(deadline: datetime | None, end: datetime | None) -> None:
    """Conflict "deadline_after_event" (with the event's end) when the deadline, in the event's clock time, falls
    after the event's end."""
    if deadline is not None and end is not None and deadline > end:
        raise Conflict("deadline_after_event", {"end": end})


def first_day_past(first_day: date | None, zone: str) -> bool:
    """True when the first day is before today in the event's time zone (a warning, not a refusal)."""
    return first_day is not None and first_day < datetime.now(ZoneInfo(zone)).date()


def session_problems(am: tuple[str, str], pm: tuple[str, str] | None) -> dict[str, tuple[str, dict]]:
    """A grid's sessions checked (times as HH:MM, already readable): {form field: (code, params)} for a session
    ending before (or when) it starts ("session_backwards") and an afternoon starting before the morning ends
    ("sessions_overlap"); empty when the sessions are in order."""
    problems: dict[str, tuple[str, dict]] = {}
    am_start, am_end = (time.fromisoformat(t.zfill(5)) for t in am)
    if am_end <= am_start:
        problems["am_end"] = ("session_backwards", {"start": am[0], "end": am[1]})
    if pm is not None:
        pm_start, pm_end = (time.fromisoformat(t.zfill(5)) for t in pm)
        if pm_end <= pm_start:
            problems["pm_end"] = ("session_backwards", {"start": pm[0], "end": pm[1]})
        if "am_end" not in problems and pm_start < am_end:
            problems["pm_start"] = ("sessions_overlap", {"start": pm[0], "end": am[1]})
    return problems


def break_problem(breaks: list[tuple[str, str]], sessions: list[tuple[str, str]]) -> tuple[str, dict] | None:
    """The first break (HH:MM pairs, already readable) that cannot be: ending when or before it starts
    ("break_backwards"), or overlapping no session ("break_outside": it would take no slot away, and the organiser
    would believe in a pause that is not there); None when every break is possible."""
    spans = [(time.fromisoformat(a.zfill(5)), time.fromisoformat(b.zfill(5))) for a, b in sessions]
    for start, end in breaks:
        begins, ends = time.fromisoformat(start.zfill(5)), time.fromisoformat(end.zfill(5))
        if ends <= begins:
            return "break_backwards", {"start": start, "end": end}
        if not any(begins < b and a < ends for a, b in spans):
            return "break_outside", {"start": start, "end": end,
                                     "sessions": ", ".join(f"{a}–{b}" for a, b in sessions)}
    return None
