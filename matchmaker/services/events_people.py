"""Participants and meeting requests: register, add, import, availability, request within quota, answer, force."""
from __future__ import annotations

from sqlalchemy import delete, func, or_, select
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.models._common import as_utc, utcnow
from matchmaker.models.event import (DRAFT, REGISTRATION, REQUESTS, Event, EventParticipant, EventSlot,
                                     Unavailability)
from matchmaker.models.event_meeting import (ACCEPTED, CANCELLED, DECLINE_REASONS, DECLINED, EXPIRED, PENDING,
                                             WITHDRAWN, Meeting, MeetingRequest, MeetingSeat)
from matchmaker.models.organisation import Organisation
from matchmaker.models.user import User
from matchmaker.scheduling import Priority
from matchmaker.services.events import Conflict
from matchmaker.services.events_cancel import cancel_participant, meeting_count, reinstate  # noqa: F401 (its callers)
from matchmaker.services.events_enrol import (ImportReport, import_rows,  # noqa: F401 (the import's names)
                                              participant_rows)


def register(event: Event, user: User) -> EventParticipant:
    """The user's participation (created once, as a person of their organisation); committed. A participation the
    organisers cancelled is refused (Conflict "cancelled_by_organiser"): only they can reinstate it; one the user
    withdrew themselves is taken up again."""
    found = participant_of(event, user)
    if found is not None:
        if found.cancelled and not found.withdrawn:
            raise Conflict("cancelled_by_organiser")
        if found.withdrawn:  # they withdrew themselves: back in (their released meetings stay cancelled)
            found.cancelled = found.withdrawn = False
            db.session.commit()
        return found
    participant = db.session.execute(select(EventParticipant).where(  # added by the organisers by e-mail: claimed
        EventParticipant.event_id == event.id, EventParticipant.email == (user.email or "").lower(),
        EventParticipant.email != "", EventParticipant.user_id.is_(None))).scalar()
    if participant is not None and participant.cancelled:
        raise Conflict("cancelled_by_organiser")
    if participant is None:
        participant = EventParticipant(event_id=event.id, user_id=user.id, organisation_id=user.organisation_id,
                                       name=user.name, email=(user.email or "").lower())
        db.session.add(participant)
    else:
        participant.user_id, participant.organisation_id = user.id, user.organisation_id
    db.session.commit()
    return participant


def participant_of(event: Event, user: User) -> EventParticipant | None:
    """The user's participation in the event, if any."""
    return db.session.execute(select(EventParticipant).where(EventParticipant.event_id == event.id,
                                                             EventParticipant.user_id == user.id)).scalar()


def import_in_background(event: Event, data: bytes, filename: str, user_id: int | None, mode: str = "good"):
    """Queue a big participant import as an `import-event-people` job; returns the job."""
    from matchmaker.jobs import enqueue

    return enqueue("import-event-people", {"event_id": event.id, "data": data, "filename": filename, "mode": mode,
                                           "inviter_id": user_id}, user_id=user_id, label=filename)


def set_unavailable(participant: EventParticipant, slot_ids: set[int]) -> None:
    """Replace the participant's unavailable slots (ids of the event's slots); committed. Refused once the event is
    over (its last slot ended, or the organisers closed it): availability then changes nothing but the record
    ("availability_called_off" for an event called off before it began, "event_over" otherwise)."""
    from matchmaker.services.events_closing import called_off
    from matchmaker.services.events_followup import is_over

    event = db.session.get(Event, participant.event_id)
    if is_over(event):
        raise Conflict("availability_called_off" if called_off(event) else "event_over", {})
    valid = set(db.session.execute(select(EventSlot.id).where(EventSlot.event_id == participant.event_id,
                                                              EventSlot.id.in_(slot_ids))).scalars())
    db.session.execute(delete(Unavailability).where(Unavailability.participant_id == participant.id))
    db.session.add_all([Unavailability(participant_id=participant.id, slot_id=s) for s in sorted(valid)])
    db.session.commit()


def sent_count(participant: EventParticipant) -> int:
    """Requests the participant sent that count against the quota (not withdrawn or expired)."""
    return db.session.execute(select(func.count()).select_from(MeetingRequest).where(
        MeetingRequest.requester_id == participant.id,
        MeetingRequest.state.in_((PENDING, ACCEPTED, DECLINED)))).scalar_one()


def requests_closed(event: Event, requester: EventParticipant) -> tuple[str, dict] | None:
    """Why `requester` cannot send meeting requests now, as a code with parameters; None while they can."""
    if event.status != REQUESTS:
        return ("not_open_yet", {}) if event.status in (DRAFT, REGISTRATION) else ("requests_over", {})
    if event.request_deadline and utcnow() > as_utc(event.request_deadline):
        return "deadline_passed", {"when": as_utc(event.request_deadline)}
    if event.request_quota is not None and sent_count(requester) >= event.request_quota:
        return "quota_reached", {"quota": event.request_quota}
    return None


def request_meeting(event: Event, requester: EventParticipant, target: EventParticipant,
                    message: str = "") -> MeetingRequest:
    """Ask `target` for a meeting (while requests are open, within the quota and before the deadline); a request
    the other way already there makes one mutual meeting. Committed; raises Conflict with a reason code."""
    existing = _pair(event, requester.id, target.id)  # the one request of the pair, whoever sent it
    withdrawn = existing is not None and existing.state == WITHDRAWN
    theirs = existing if existing is not None and not withdrawn and existing.requester_id == target.id else None
    closed = requests_closed(event, requester)
    # the same rule that the suggested-meetings page explains; accepting their request costs no quota
    if closed is not None and not (closed[0] == "quota_reached" and theirs is not None):
        code, params = closed
        raise Conflict("requests_closed" if code in ("not_open_yet", "requests_over") else code, params)
    if requester.id == target.id or target.event_id != event.id or target.cancelled:
        raise Conflict("invalid_partner")
    if requester.organisation_id is not None and target.organisation_id == requester.organisation_id:
        raise Conflict("same_organisation", {"name": target.name})  # colleagues meet at the office, not here
    if withdrawn:  # the pair's one row, asked anew
        return _renew(event, existing, requester, target, message)
    if existing is not None and theirs is None:
        raise Conflict("already_requested")
    if theirs is not None:  # they asked first (even if it was declined or expired): theirs becomes mutual
        return _accept_theirs(event, theirs, requester, target)
    request = MeetingRequest(event_id=event.id, requester_id=requester.id, target_id=target.id,
                             message=message[:2000])
    db.session.add(request)
    try:
        db.session.commit()
    except IntegrityError:  # the database allows one request per pair: a request sent at the same moment won
        db.session.rollback()
        winner = _pair(event, requester.id, target.id)
        if winner is None or winner.requester_id != target.id:
            raise Conflict("already_requested") from None
        return _accept_theirs(event, winner, requester, target)
    tell(target, "event_request_received", requester, event, f"/events/{event.id}/my-requests")
    return request


def _renew(event: Event, row: MeetingRequest, requester: EventParticipant, target: EventParticipant,
           message: str) -> MeetingRequest:
    """A withdrawn request between the pair becomes this new one (the database keeps one request per pair)."""
    row.requester_id, row.target_id, row.message, row.state = requester.id, target.id, message[:2000], PENDING
    row.mutual, row.decline_reason, row.answered_at, row.created_at = False, "", None, utcnow()
    db.session.commit()
    tell(target, "event_request_received", requester, event, f"/events/{event.id}/my-requests")
    return row


def withdraw(request: MeetingRequest, sender: EventParticipant) -> None:
    """The sender withdraws their request while it is pending (it no longer counts against the quota); committed.
    Conflict "not_pending" once answered; only the sender may (the caller checks who they are)."""
    if request.requester_id != sender.id:
        raise Conflict("invalid_partner")
    if request.state != PENDING:
        raise Conflict("not_pending")
    request.state, request.answered_at = WITHDRAWN, utcnow()
    db.session.commit()


def _accept_theirs(event: Event, theirs: MeetingRequest, requester: EventParticipant,
                   target: EventParticipant) -> MeetingRequest:
    """`requester` asks someone who already asked them: their pending, declined or expired request is accepted as a
    mutual meeting (an already accepted one is refused with no side effect; a meeting the organisers cancelled
    stays cancelled: only they bring it back)."""
    if theirs.state not in (PENDING, DECLINED, EXPIRED):
        db.session.rollback()
        raise Conflict("already_requested")
    theirs.mutual = True
    accept(theirs, priority=Priority.MUTUAL, reactivate=False)
    tell(target, "event_request_accepted", requester, event, f"/events/{event.id}/my-requests")
    return theirs


def tell(whom: EventParticipant, code: str, who: EventParticipant, event: Event, link: str, **params) -> None:
    """Notify a participant who has an account (the foundation's notify: in-app row, and mail if wanted), naming
    `who` and their organisation (what the reader recognises)."""
    from matchmaker.services.notifications import notify

    if whom.user is not None:
        organisation = who.organisation.name if who.organisation else ""
        notify(whom.user, code, {"name": who.name, "organisation": organisation, "event": event.name, **params},
               link)


def cancelled_partners(participant: EventParticipant) -> set[int]:
    """Ids of the people whose request-made meeting with `participant` the organisers cancelled."""
    return set(db.session.execute(select(MeetingSeat.participant_id).join(Meeting).join(
        MeetingRequest, Meeting.request_id == MeetingRequest.id).where(
        Meeting.state == CANCELLED, MeetingSeat.participant_id != participant.id,
        or_(MeetingRequest.requester_id == participant.id, MeetingRequest.target_id == participant.id))).scalars())


def _pair(event: Event, a: int, b: int) -> MeetingRequest | None:
    """The request between two participants, in either direction (the database keeps one per pair)."""
    return db.session.execute(select(MeetingRequest).where(
        MeetingRequest.event_id == event.id, MeetingRequest.pair_low == min(a, b),
        MeetingRequest.pair_high == max(a, b))).scalar()


def accept(request: MeetingRequest, priority: Priority = Priority.ONE_SIDED, reactivate: bool = True) -> Meeting:
    """Accept a request (by its target, or the organiser on their behalf): it becomes a meeting; committed. A
    cancelled meeting of the request is brought back only with `reactivate` (the organisers' paths)."""
    request.state, request.answered_at = ACCEPTED, utcnow()
    meeting = db.session.execute(select(Meeting).where(Meeting.request_id == request.id)).scalar()
    if meeting is None:
        meeting = Meeting(event_id=request.event_id, request_id=request.id, priority=int(priority))
        meeting.seats = [MeetingSeat(participant_id=request.requester_id),
                         MeetingSeat(participant_id=request.target_id)]
        db.session.add(meeting)
    else:
        meeting.priority = max(meeting.priority, int(priority))
        if reactivate or meeting.state != CANCELLED:
            meeting.state = "active"
    db.session.commit()
    return meeting


def decline(request: MeetingRequest, reason: str) -> None:
    """Decline a pending request with a reason code; committed."""
    if reason not in DECLINE_REASONS:
        raise Conflict("invalid_reason")
    if request.state != PENDING:
        raise Conflict("not_pending")
    request.state, request.decline_reason, request.answered_at = DECLINED, reason, utcnow()
    db.session.commit()


def force(event: Event, first: EventParticipant, second: EventParticipant) -> tuple[Meeting, bool]:
    """The organiser's forced meeting between two participants (priority forced); committed. Two colleagues of one
    organisation are refused (`colleagues`, naming both and it), as their own request to each other is; two who
    already have a forced meeting too (`already_forced`: nothing would change). Returns the meeting and whether the
    two had already agreed to it (an accepted request of theirs, now placed first)."""
    if first.organisation_id is not None and first.organisation_id == second.organisation_id:
        organisation = db.session.get(Organisation, first.organisation_id)
        raise Conflict("colleagues", {"first": first.name, "second": second.name,
                                      "organisation": organisation.name if organisation else ""})
    request = _pair(event, first.id, second.id)
    if request is not None and db.session.execute(select(Meeting.id).where(
            Meeting.request_id == request.id, Meeting.state == "active",
            Meeting.priority >= int(Priority.FORCED))).first():
        raise Conflict("already_forced", {"first": first.name, "second": second.name})  # not "added" a second time
    was_asked = request is not None and request.state == ACCEPTED and not request.by_organisers
    if request is None:  # nobody asked: the request row is the organisers' (the participants see it as theirs)
        request = MeetingRequest(event_id=event.id, requester_id=first.id, target_id=second.id, by_organisers=True)
        db.session.add(request)
        db.session.flush()
    return accept(request, priority=Priority.FORCED), was_asked


def over_maximum(event: Event, people: list[EventParticipant]) -> list[tuple[str, int, int]]:
    """(name, meetings, maximum) of those of `people` with more meetings than their maximum (their own, else the
    event's): the scheduler will leave some out, the forced ones placed first."""
    found = []
    for person in people:
        limit = person.max_meetings or event.max_meetings
        count = meeting_count(person)
        if limit and count > limit:
            found.append((person.name, count, limit))
    return found


def expire_pending(event: Event) -> int:
    """Requests still pending after the deadline expire; committed; returns how many."""
    if not event.request_deadline or utcnow() <= as_utc(event.request_deadline):
        return 0
    requests = db.session.execute(select(MeetingRequest).where(MeetingRequest.event_id == event.id,
                                                               MeetingRequest.state == PENDING)).scalars().all()
    for request in requests:
        request.state = EXPIRED
    db.session.commit()
    return len(requests)


def requests_of(participant: EventParticipant) -> list[MeetingRequest]:
    """The participant's sent and received requests, newest first."""
    return list(db.session.execute(select(MeetingRequest).where(or_(
        MeetingRequest.requester_id == participant.id, MeetingRequest.target_id == participant.id))
        .order_by(MeetingRequest.id.desc())).scalars())
