"""Organisers' manual changes: move, swap, unplace, place; lock; checked by the rules, the version and the database.

A change on a published event is published at once (iCal SEQUENCE raised, the participants notified).
"""
from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.models._common import as_utc, utcnow
from matchmaker.models.event import PUBLISHED, Event
from matchmaker.models.event_meeting import Meeting
from matchmaker.scheduling import Placement
from matchmaker.scheduling.quality import report
from matchmaker.services import events
from matchmaker.services.events import Conflict
from matchmaker.services.events_closing import refuse_if_closed
from matchmaker.services.events_publish import publish_at_once
from matchmaker.services.events_rules import check_changes

TAKEN_OUT = "taken_out_by_organisers"  # stored as a meeting's unplaced reason when the organisers unplace it


def change(event: Event, changes: dict[int, tuple[int, int] | None], expected_version: int | None = None,
           past: bool = False) -> list[str]:
    """Apply meeting id -> (slot index, table index) or None (unplace) to the draft, or raise Conflict with the
    validator's reason ("no_change" when every meeting is already where asked); committed. On a published agenda
    the change is published at once: returns the names of the people notified (else []). `expected_version` is the
    event version the organiser's page showed. A meeting is not put in a slot that has begun ("slot_over") unless
    `past` (the demo's past event, laid out after the fact). A closed event's agenda is not changed (a walk: the
    form stayed, and its refusal spoke of a slot that had begun)."""
    refuse_if_closed(event)
    version = event.version if expected_version is None else expected_version
    loaded = events.load(event)
    wanted: dict[int, Placement | None] = {}
    for meeting_id, where in changes.items():
        if meeting_id not in loaded.meeting_index:
            raise Conflict("no_such_meeting", {"meeting": meeting_id})
        wanted[loaded.meeting_index[meeting_id]] = Placement(*where) if where is not None else None
    schedule = loaded.draft()
    if all(schedule.placements.get(index) == placement for index, placement in wanted.items()):
        raise Conflict("no_change", {})  # already there, already unplaced, swapped with itself: not "changed"
    for index, placement in wanted.items():
        if placement is not None and loaded.meetings[index].locked \
                and schedule.placements.get(index) != placement:
            raise Conflict("meeting_locked", {})
    reason = check_changes(loaded.instance, schedule, wanted)
    if reason is not None:
        raise Conflict(*_named(loaded, reason))
    now = utcnow()
    into_past = [index for index, placement in wanted.items() if placement is not None
                 and as_utc(loaded.slots[placement.slot].starts_at) <= now
                 and schedule.placements.get(index) != placement]
    if into_past and not past:
        raise Conflict("slot_over", {})  # the event day: a meeting is not put where the time has passed
    for index, placement in wanted.items():
        schedule.placements.pop(index, None)
        if placement is not None:
            schedule.placements[index] = placement
    try:
        events.bump_version(event, version)
        taken_out = {k: (TAKEN_OUT, {}) for k, i in enumerate(sorted(wanted)) if wanted[i] is None}
        events.write_draft(_only(loaded, wanted), _subset(schedule, wanted), taken_out)
        _refresh_report(event, loaded, schedule)
        told = publish_at_once(event, [loaded.meetings[i].id for i in wanted]) if event.status == PUBLISHED else []
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise Conflict("changed_meanwhile") from None
    return told


def _named(loaded: events.Loaded, reason: tuple[str, dict]) -> tuple[str, dict]:
    """The engine's reason with its indices turned into what the organiser sees: the participant's name and the
    other meeting's number."""
    code, params = reason
    params = dict(params)
    if isinstance(params.get("participant"), int):
        params["name"] = loaded.participants[params["participant"]].name
    if isinstance(params.get("meeting"), int):
        params["number"] = loaded.meetings[params["meeting"]].number
    return code, params


# What changed the draft since the last run, counted apart on the report: the organisers' manual changes, a
# participant's own withdrawal, the organisers' cancelling of a participation (the last two are not grid changes).
SINCE_RUN = ("manual_changes", "withdrawals", "cancellations")


def refresh_report(event: Event, cause: str = "manual_changes") -> None:
    """The quality report of the draft as it now is (after a participant was cancelled, say: `cause` is one of
    SINCE_RUN), if the event has one; the caller commits."""
    if event.report:
        loaded = events.load(event)
        _refresh_report(event, loaded, loaded.draft(), cause)


def _refresh_report(event: Event, loaded: events.Loaded, schedule, cause: str = "manual_changes") -> None:
    """The draft's quality report recomputed after a change (cheap: no solve; the solve's status, time and repair
    moves are kept, with the count of changes since, per cause)."""
    assert cause in SINCE_RUN, cause
    event = db.session.get(Event, event.id)
    previous = dict(event.report or {})
    event.report = {**previous, **events.quality_dict(report(loaded.instance, schedule)),
                    cause: int(previous.get(cause) or 0) + 1}


def _only(loaded: events.Loaded, wanted: dict) -> events.Loaded:
    """The loaded event restricted to the changed meetings (write_draft rewrites only those)."""
    meetings = [loaded.meetings[i] for i in sorted(wanted)]
    return events.Loaded(loaded.instance, meetings, loaded.participants, loaded.slots, loaded.tables,
                         {m.id: loaded.seats.get(m.id, []) for m in meetings})


def _subset(schedule, wanted: dict):
    from matchmaker.scheduling import Schedule

    order = sorted(wanted)
    return Schedule({k: schedule.placements[i] for k, i in enumerate(order) if i in schedule.placements})


def by_number(event: Event, number: int | None) -> int:
    """The id of the event's meeting with this number (what the organiser types); Conflict if there is none."""
    found = db.session.execute(db.select(Meeting.id).where(Meeting.event_id == event.id,
                                                           Meeting.number == (number or 0))).scalar()
    if found is None:
        raise Conflict("no_such_meeting", {"number": number})
    return found


def move(event: Event, meeting_id: int, slot: int, table: int, expected_version: int | None = None) -> list[str]:
    """Move (or place) one meeting at slot/table index."""
    return change(event, {meeting_id: (slot, table)}, expected_version)


def swap(event: Event, first_id: int, second_id: int, expected_version: int | None = None) -> list[str]:
    """Exchange the places of two placed meetings."""
    a, b = db.session.get(Meeting, first_id), db.session.get(Meeting, second_id)
    if a is None or b is None or a.slot is None or b.slot is None:
        raise Conflict("not_placed", {})
    return change(event, {a.id: (b.slot.index, b.table.index), b.id: (a.slot.index, a.table.index)},
                  expected_version)


def unplace(event: Event, meeting_id: int, expected_version: int | None = None) -> list[str]:
    """Take a meeting out of the agenda (it stays requested)."""
    return change(event, {meeting_id: None}, expected_version)


def set_locked(event: Event, meeting_id: int, locked: bool) -> None:
    """Lock a placed meeting to its slot and table (the scheduler keeps it), or unlock it; committed. Not on a
    closed event, whose agenda no longer changes."""
    refuse_if_closed(event)
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.event_id != event.id:
        raise Conflict("no_such_meeting", {"meeting": meeting_id})
    if locked and meeting.slot_id is None:
        raise Conflict("not_placed", {})
    meeting.locked = locked
    db.session.commit()
