"""Event-day records: organisers check participants in (one row each, undone by deleting it) and participants
report a partner who did not come to a published meeting; the organisers' figures of both."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from matchmaker.extensions import db
from matchmaker.models._common import as_utc
from matchmaker.models.event import Event, EventParticipant, EventSlot
from matchmaker.models.event_day import CheckIn, NoShow
from matchmaker.models.event_meeting import Meeting, MeetingSeat
from matchmaker.models.organisation import Organisation
from matchmaker.services.events import Conflict

ROSTER_LIMIT = 200  # rows on the check-in page; a search narrows it down


def arrived_ids(event: Event, participant_ids: list[int]) -> set[int]:
    """Which of these participants of the event have checked in."""
    if not participant_ids:
        return set()
    return set(db.session.execute(select(CheckIn.participant_id).where(
        CheckIn.event_id == event.id, CheckIn.participant_id.in_(set(participant_ids)))).scalars())


def check_in(event: Event, participant: EventParticipant, by_user_id: int | None,
             now: datetime | None = None) -> bool:
    """Mark the participant arrived and commit; False when they already were. A cancelled participation is
    refused (`not_participating`), and so is a check-in outside the desk's hours (`events_desk.require_open`)."""
    from matchmaker.services.events_day import current_time as events_day_now
    from matchmaker.services.events_desk import require_open

    if participant.event_id != event.id or participant.cancelled:
        raise Conflict("not_participating", {"name": participant.name})
    require_open(event, now)
    if arrived_ids(event, [participant.id]):
        return False
    try:
        with db.session.begin_nested():  # two organisers at the door at once: the unique constraint decides
            db.session.add(CheckIn(event_id=event.id, participant_id=participant.id, by_user_id=by_user_id,
                                   arrived_at=as_utc(now or events_day_now()).astimezone(timezone.utc)))
    except IntegrityError:
        return False
    db.session.commit()
    return True


def undo_check_in(event: Event, participant: EventParticipant, now: datetime | None = None) -> bool:
    """Take back a check-in (a mistake at the desk) and commit; False when there was none. Refused outside the
    desk's hours, like a check-in (`events_desk.require_open`): the record of who came stands after the event."""
    from matchmaker.services.events_desk import require_open

    require_open(event, now)
    done = db.session.execute(delete(CheckIn).where(CheckIn.event_id == event.id,
                                                    CheckIn.participant_id == participant.id))
    db.session.commit()
    return bool(done.rowcount)


def counts(event: Event) -> dict[str, int]:
    """{"arrived", "registered"}: checked-in and current (not cancelled) participants."""
    registered = db.session.scalar(select(func.count(EventParticipant.id)).where(
        EventParticipant.event_id == event.id, EventParticipant.cancelled.is_(False)))
    arrived = db.session.scalar(select(func.count(CheckIn.id)).join(
        EventParticipant, EventParticipant.id == CheckIn.participant_id).where(
        CheckIn.event_id == event.id, EventParticipant.cancelled.is_(False)))
    return {"arrived": arrived or 0, "registered": registered or 0}


def roster(event: Event, query: str = "", limit: int = ROSTER_LIMIT) -> tuple[list[dict], int]:
    """Current participants matching `query` (in the person's or the organisation's name, any case), by name,
    each {"participant", "organisation", "arrived_at"}; and how many match in all."""
    where = [EventParticipant.event_id == event.id, EventParticipant.cancelled.is_(False)]
    if query.strip():
        like = f"%{query.strip().lower()}%"
        where.append(or_(func.lower(EventParticipant.name).like(like), func.lower(Organisation.name).like(like)))
    base = select(EventParticipant, Organisation.name, CheckIn.arrived_at).outerjoin(
        Organisation, Organisation.id == EventParticipant.organisation_id).outerjoin(
        CheckIn, CheckIn.participant_id == EventParticipant.id).where(*where)
    total = db.session.scalar(select(func.count()).select_from(base.subquery()))
    rows = db.session.execute(base.order_by(func.lower(EventParticipant.name), EventParticipant.id).limit(limit))
    return [{"participant": p, "organisation": org or "", "arrived_at": as_utc(at) if at else None}
            for p, org, at in rows], total or 0


def _my_published(participant: EventParticipant, meeting_id: int) -> tuple[Meeting, EventSlot, int]:
    """The participant's published meeting, its slot and the partner's participant id; 404-like otherwise."""
    mine, other = aliased(MeetingSeat), aliased(MeetingSeat)
    row = db.session.execute(
        select(Meeting, EventSlot, other.participant_id).join(mine, mine.meeting_id == Meeting.id)
        .join(other, (other.meeting_id == Meeting.id) & (other.participant_id != participant.id))
        .join(EventSlot, EventSlot.id == Meeting.pub_slot_id)
        .where(Meeting.id == meeting_id, mine.participant_id == participant.id)
        .order_by(other.id).limit(1)).first()
    if row is None:
        raise Conflict("no_such_meeting")
    return row[0], row[1], row[2]


def report_no_show(participant: EventParticipant, meeting_id: int, now: datetime) -> bool:
    """The participant says their partner did not come to this published meeting of theirs (once it has begun),
    committed; False when already reported. Refused: `no_such_meeting` (not theirs or not published), `not_started`,
    `event_closed` (the organisers closed the event before the meeting began: it never took place)."""
    from matchmaker.services.events_day import started_before_close

    meeting, slot, absent = _my_published(participant, meeting_id)
    if not started_before_close(db.session.get(Event, meeting.event_id), slot.starts_at, now):
        raise Conflict("event_closed")
    if as_utc(slot.starts_at) > as_utc(now):
        raise Conflict("not_started")
    if reported_by(participant, [meeting.id]):
        return False
    try:
        with db.session.begin_nested():
            db.session.add(NoShow(event_id=meeting.event_id, meeting_id=meeting.id, reporter_id=participant.id,
                                  absent_id=absent, reported_at=as_utc(now)))
    except IntegrityError:
        return False
    db.session.commit()
    return True


def withdraw_no_show(participant: EventParticipant, meeting_id: int) -> bool:
    """Take back the participant's report (the partner came late after all) and commit; False when there was
    none."""
    done = db.session.execute(delete(NoShow).where(NoShow.meeting_id == meeting_id,
                                                   NoShow.reporter_id == participant.id))
    db.session.commit()
    return bool(done.rowcount)


def reported_by(participant: EventParticipant, meeting_ids: list[int]) -> set[int]:
    """Which of these meetings the participant has reported as a no-show."""
    if not meeting_ids:
        return set()
    return set(db.session.execute(select(NoShow.meeting_id).where(
        NoShow.reporter_id == participant.id, NoShow.meeting_id.in_(set(meeting_ids)))).scalars())


def no_shows(event: Event) -> list[dict]:
    """Every no-show report of the event for its organisers, by slot then meeting (a meeting's reports together):
    meeting id and number, slot start (UTC), reporter and absent participant (each with organisation), whether the
    absent one had checked in, and `contested` when the meeting's reports name different absentees (each side says
    the other did not come), `after_close` when it was filed after the organisers closed the event (from the
    follow-up, about a meeting that had begun)."""
    reporter, absent = aliased(EventParticipant), aliased(EventParticipant)
    reporter_org, absent_org = aliased(Organisation), aliased(Organisation)
    rows = db.session.execute(
        select(NoShow, Meeting.number, EventSlot.starts_at, reporter.name, reporter_org.name, absent.id,
               absent.name, absent_org.name)
        .join(Meeting, Meeting.id == NoShow.meeting_id)
        .outerjoin(EventSlot, EventSlot.id == Meeting.pub_slot_id)
        .join(reporter, reporter.id == NoShow.reporter_id).join(absent, absent.id == NoShow.absent_id)
        .outerjoin(reporter_org, reporter_org.id == reporter.organisation_id)
        .outerjoin(absent_org, absent_org.id == absent.organisation_id)
        .where(NoShow.event_id == event.id).order_by(EventSlot.starts_at, Meeting.number, NoShow.id)).all()
    from matchmaker.services.events_day import closed_at

    arrived = arrived_ids(event, [r[5] for r in rows])
    close = closed_at(event)
    absent_of: dict[int, set[int]] = {}
    for row in rows:
        absent_of.setdefault(row[0].meeting_id, set()).add(row[5])
    return [{"meeting_id": report.meeting_id, "number": number, "start": as_utc(start) if start else None,
             "reporter": r_name, "reporter_organisation": r_org or "", "absent": a_name,
             "absent_organisation": a_org or "", "absent_arrived": a_id in arrived,
             "reported_at": as_utc(report.reported_at), "contested": len(absent_of[report.meeting_id]) > 1,
             "after_close": close is not None and as_utc(report.reported_at) >= close}
            for report, number, start, r_name, r_org, a_id, a_name, a_org in rows]


def no_show_meetings(reports: list[dict]) -> int:
    """How many meetings the `no_shows` reports are about (two sides reporting each other make one meeting)."""
    return len({r["meeting_id"] for r in reports})


def personal_records(participant: EventParticipant) -> dict:
    """The participant's own event-day records for their personal data download: when they were checked in, the
    no-shows they reported (meeting time, partner's name) and the meetings they were reported absent from (time)."""
    arrived = db.session.scalar(select(CheckIn.arrived_at).where(CheckIn.participant_id == participant.id))
    partner = aliased(EventParticipant)
    reported = db.session.execute(
        select(EventSlot.starts_at, partner.name).select_from(NoShow).join(Meeting, Meeting.id == NoShow.meeting_id)
        .outerjoin(EventSlot, EventSlot.id == Meeting.ical_slot_id).join(partner, partner.id == NoShow.absent_id)
        .where(NoShow.reporter_id == participant.id).order_by(NoShow.id)).all()
    absent = db.session.execute(
        select(EventSlot.starts_at).select_from(NoShow).join(Meeting, Meeting.id == NoShow.meeting_id)
        .outerjoin(EventSlot, EventSlot.id == Meeting.ical_slot_id)
        .where(NoShow.absent_id == participant.id).order_by(NoShow.id)).scalars().all()

    def iso(moment):
        return as_utc(moment).isoformat() if moment is not None else None
    return {"checked_in_at": iso(arrived),
            "no_shows_reported": [{"meeting_starts_at": iso(at), "partner": name} for at, name in reported],
            "reported_absent_from": [{"meeting_starts_at": iso(at)} for at in absent]}
