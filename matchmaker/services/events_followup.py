"""After the event: a participant answers about each of their published meetings (did it take place, a rating 1-5, a
private note, "I want to continue with this partner"). "My partner did not come" is the event day's no-show report
(events_checkin), not a second record; "continue" is interest through the suggestions' service (review), so a
mutual one connects the two organisations exactly as there, and unticking it takes that interest back as there."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import aliased

from matchmaker.extensions import db
from matchmaker.models._common import as_utc
from matchmaker.models.event import CLOSED, Event, EventParticipant, EventSlot
from matchmaker.models.event_followup import CANCELLED, HELD, MeetingFeedback
from matchmaker.models.event_meeting import Meeting, MeetingSeat
from matchmaker.models.organisation import Organisation
from matchmaker.models.user import User
from matchmaker.services import events_checkin, events_day, review, review_log
from matchmaker.services.events import Conflict
from matchmaker.services.events_agenda import agenda

NO_SHOW = "no_show"
OUTCOMES = (HELD, NO_SHOW, CANCELLED)
NOTE_MAX = 2000


def last_end(event: Event) -> datetime | None:
    """When the event's last slot ends (UTC), None without slots."""
    end = db.session.scalar(select(db.func.max(EventSlot.ends_at)).where(EventSlot.event_id == event.id))
    return as_utc(end) if end is not None else None


def is_over(event: Event, now: datetime | None = None) -> bool:
    """The follow-up is open once the organisers closed the event or its last slot has ended."""
    if event.status == CLOSED:
        return True
    end = last_end(event)
    return end is not None and end <= as_utc(now or events_day.current_time())


def answers_of(participant: EventParticipant) -> dict[int, MeetingFeedback]:
    """The participant's own answers, by meeting id."""
    rows = db.session.execute(select(MeetingFeedback).where(MeetingFeedback.participant_id == participant.id))
    return {row.meeting_id: row for row in rows.scalars()}


def meetings(event: Event, participant: EventParticipant) -> list[dict]:
    """The participant's published meetings (agenda items) each with `outcome` (held / no_show / cancelled / None),
    `rating`, `note`, `continue` from their own answer, `connected` with each partner's organisation, `can_continue`
    (a partner's organisation, not their own, that "continue" expresses interest in), and
    `closed_before` (the organisers closed the event before it began: it did not take place, nothing to ask)."""
    items = agenda(event, participant)
    answers = answers_of(participant)
    no_shows = events_checkin.reported_by(participant, [item["meeting_id"] for item in items])
    for item in items:
        item["closed_before"] = not events_day.started_before_close(event, item["start"])
        answer = answers.get(item["meeting_id"])
        item["outcome"] = NO_SHOW if item["meeting_id"] in no_shows else (answer.outcome if answer else None)
        item["rating"] = answer.rating if answer else None
        item["note"] = answer.note if answer else ""
        item["continue"] = bool(answer and answer.wants_to_continue)
        item["answered"] = answer is not None or item["meeting_id"] in no_shows
        item["connected"] = any(review.is_connected(participant.organisation_id, p["organisation_id"])
                                for p in item["partners"])
        item["can_continue"] = participant.organisation_id is not None and any(  # "continue" reaches someone
            p["organisation_id"] not in (None, participant.organisation_id) for p in item["partners"])
    return items


def _rating(value) -> int | None:
    if value in (None, ""):
        return None
    try:
        rating = int(value)
    except (TypeError, ValueError):
        raise Conflict("bad_rating") from None
    if not 1 <= rating <= 5:
        raise Conflict("bad_rating")
    return rating


def answer(event: Event, participant: EventParticipant, meeting_id: int, outcome: str, rating=None,
           note: str = "", wants_to_continue: bool = False, user: User | None = None,
           now: datetime | None = None) -> bool:
    """Store the participant's one answer about their published meeting and commit; returns whether the answer's
    "continue" left them connected with the partner. Refused (Conflict): `not_over`, `no_such_meeting`,
    `closed_before` (the event was closed before the meeting began), `bad_outcome`, `bad_rating` (not 1-5),
    `not_rated` {"outcome"} (a rating of a meeting that did not take place), `note_too_long`."""
    if not is_over(event, now):
        raise Conflict("not_over")
    item = next((i for i in agenda(event, participant) if i["meeting_id"] == meeting_id), None)
    if item is None:
        raise Conflict("no_such_meeting")
    if not events_day.started_before_close(event, item["start"], now):
        raise Conflict("closed_before")
    if outcome not in OUTCOMES:
        raise Conflict("bad_outcome")
    rating = _rating(rating)
    if rating is not None and outcome != HELD:  # as the reader chose it: "cancelled" or "my partner did not come"
        raise Conflict("not_rated", {"outcome": outcome})
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise Conflict("note_too_long", {"max": NOTE_MAX})
    before = answers_of(participant).get(meeting_id)
    had_continue = bool(before and before.wants_to_continue)
    if outcome == NO_SHOW:  # the event day's report is the record; reported at the meeting's start if need be
        moment = max(as_utc(now or events_day.current_time()), item["start"])
        events_checkin.report_no_show(participant, meeting_id, moment)
    else:
        events_checkin.withdraw_no_show(participant, meeting_id)
    _store(event, participant, meeting_id, {"outcome": outcome if outcome != NO_SHOW else None, "rating": rating,
                                            "note": note, "wants_to_continue": bool(wants_to_continue)})
    db.session.commit()
    if wants_to_continue:
        return _continue(participant, item, user)
    if had_continue:  # unticked: the interest this answer expressed is taken back (review's rule)
        _withdraw(participant, item, user)
    return False


FOLLOWUP = "followup"  # the kind the review log records for interest given or taken back by a follow-up answer


def _store(event: Event, participant: EventParticipant, meeting_id: int, values: dict) -> MeetingFeedback:
    """Insert or update the (meeting, participant) row; a concurrent insert of the same answer becomes an update."""
    where = select(MeetingFeedback).where(MeetingFeedback.meeting_id == meeting_id,
                                          MeetingFeedback.participant_id == participant.id)
    row = db.session.execute(where).scalar_one_or_none()
    if row is None:
        try:
            with db.session.begin_nested():
                row = MeetingFeedback(event_id=event.id, meeting_id=meeting_id, participant_id=participant.id,
                                      **values)
                db.session.add(row)
            return row
        except IntegrityError:
            row = db.session.execute(where).scalar_one()
    for key, value in values.items():
        setattr(row, key, value)
    return row


def _continue(participant: EventParticipant, item: dict, user: User | None) -> bool:
    """Interest from the participant's organisation in each partner's (the suggestions' rule: mutual connects);
    whether they are connected with every one of them now (False when there was nobody to express it to).
    Partners without an organisation, or of the same one, are skipped."""
    mine = db.session.get(Organisation, participant.organisation_id) if participant.organisation_id else None
    if mine is None:
        return False
    answers = []
    for partner in item["partners"]:
        target = db.session.get(Organisation, partner["organisation_id"]) if partner["organisation_id"] else None
        if target is None or target.id == mine.id:
            continue
        answers.append(review.express_interest(mine, target, "interested", user, via=FOLLOWUP))
    return bool(answers) and all(answers)


def _withdraw(participant: EventParticipant, item: dict, user: User | None) -> None:
    """Take back the interest the participant's "continue" expressed in each partner's organisation, through the
    suggestions' service (a connection it made ends and the other side is told, as for any withdrawal), unless
    another follow-up answer from their organisation still wants to continue with that organisation. An interest
    the organisation had expressed elsewhere first (a suggestion, a profile page: say, they were connected before
    the event) was not the follow-up's to give, so it is not the follow-up's to take back."""
    mine = participant.organisation_id
    for partner in item["partners"]:
        target = db.session.get(Organisation, partner["organisation_id"]) if partner["organisation_id"] else None
        if target is None or mine is None or target.id == mine or _still_wanted(mine, target.id):
            continue
        if review_log.interest_origin(mine, target.id) != FOLLOWUP:
            continue
        review.express_interest(db.session.get(Organisation, mine), target, "withdraw", user, via=FOLLOWUP)


def _still_wanted(organisation_id: int, target_id: int) -> bool:
    """Whether a follow-up answer of a member of the organisation still wants to continue with a meeting whose
    other side includes the target organisation (any event)."""
    me, them = aliased(EventParticipant), aliased(EventParticipant)
    other = aliased(MeetingSeat)
    return db.session.execute(
        select(MeetingFeedback.id).join(me, me.id == MeetingFeedback.participant_id)
        .join(other, other.meeting_id == MeetingFeedback.meeting_id).join(them, them.id == other.participant_id)
        .where(MeetingFeedback.wants_to_continue.is_(True), me.organisation_id == organisation_id,
               them.organisation_id == target_id).limit(1)).first() is not None


def personal_records(participant: EventParticipant) -> list[dict]:
    """The participant's own answers for their personal data download (the private note included: it is theirs)."""
    rows = db.session.execute(
        select(MeetingFeedback, Meeting.number).join(Meeting, Meeting.id == MeetingFeedback.meeting_id)
        .where(MeetingFeedback.participant_id == participant.id).order_by(MeetingFeedback.id))
    return [{"meeting": number, "took_place": row.outcome, "rating": row.rating, "note": row.note,
             "wants_to_continue": row.wants_to_continue, "answered_at": as_utc(row.answered_at).isoformat()}
            for row, number in rows]
