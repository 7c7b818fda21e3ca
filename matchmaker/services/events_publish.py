"""Publishing an event's draft as its agenda in one transaction, and telling participants what changed."""
from __future__ import annotations

from sqlalchemy import select, update

from matchmaker.extensions import db
from matchmaker.models._common import utcnow
from matchmaker.models.event import DRAFT, PUBLISHED, Event, EventParticipant
from matchmaker.models.event_meeting import ACTIVE, Meeting, MeetingSeat
from matchmaker.services.events import Conflict, _chunks


def publish(event: Event, notify_participants: bool = True) -> dict[str, int]:
    """Make the draft the agenda (pending requests expire, their requesters told): new, moved and cancelled
    meetings raise their iCal SEQUENCE; participants with a change are notified. Returns the
    counts {"new", "moved", "cancelled"}. Expiry, publication and every notification of them are one transaction,
    committed here once all are done (the mails go after it): a failure on the way leaves nothing of them. A draft
    event (`refuse_if_draft`) and a closed one (`events_closing.refuse_if_closed`) are refused."""
    from matchmaker.services.events_closing import expire_all_pending, refuse_if_closed, tell_expired
    from matchmaker.services.notifications import Batch

    refuse_if_draft(event)
    refuse_if_closed(event)
    expired = expire_all_pending(event)  # requests end with the publication: none stays acceptable but never scheduled
    event = db.session.get(Event, event.id)
    changes = draft_changes(event)
    counts = _counts(changes)
    apply_published(list(changes.values()))
    event = db.session.get(Event, event.id)
    event.status, event.published_version = PUBLISHED, event.published_version + 1
    told = Batch()
    if notify_participants and changes:
        notify_changes(event, {mid: kind for mid, (kind, _m) in changes.items()}, told)
    tell_expired(event, expired, told)
    told.commit()
    return counts


def refuse_if_draft(event: Event) -> None:
    """Publishing an event still in status draft is refused (Conflict "publish_draft_event"): publishing would skip
    registration for good (a published event can only be closed), so nobody could ever join it."""
    if event.status == DRAFT:
        raise Conflict("publish_draft_event")


def confirmation(event: Event) -> dict | None:
    """What the organisers must confirm before publishing: {"ending": what it ends (`events_closing.requests_ending`,
    or None), "empty": the draft places no meeting, so every participant would get an empty agenda}; None when
    publishing needs no confirmation."""
    from matchmaker.services.events_closing import draft_count, requests_ending

    ending, empty = requests_ending(event), draft_count(event) == 0
    return {"ending": ending, "empty": empty} if ending or empty else None


def draft_changes(event: Event) -> dict[int, tuple[str, Meeting]]:
    """How the draft differs from the published agenda: meeting id -> ("new" | "moved" | "cancelled", meeting)."""
    changes: dict[int, tuple[str, Meeting]] = {}
    for m in db.session.execute(select(Meeting).where(Meeting.event_id == event.id)).scalars():
        new = (m.slot_id, m.table_id) if m.state == ACTIVE and m.slot_id is not None else (None, None)
        old = (m.pub_slot_id, m.pub_table_id)
        if new != old:
            changes[m.id] = ("new" if old[0] is None else ("cancelled" if new[0] is None else "moved"), m)
    return changes


def unpublished_changes(event: Event) -> dict[str, int] | None:
    """Once an agenda is published: the counts {"new", "moved", "cancelled"} of the draft's changes participants do
    not see yet (a repair run's result waits for Publish); None before the first publication."""
    return _counts(draft_changes(event)) if event.published_version else None


def _counts(changes: dict[int, tuple[str, Meeting]]) -> dict[str, int]:
    counts = {"new": 0, "moved": 0, "cancelled": 0}
    for kind, _m in changes.values():
        counts[kind] += 1
    return counts


def apply_published(changes: list[tuple[str, Meeting]]) -> None:
    """Copy the draft place of each changed meeting to its published place (cleared first), raising SEQUENCE."""
    rows, ids = [], [m.id for _k, m in changes]
    for kind, m in changes:
        placed = kind != "cancelled"
        rows.append({"id": m.id, "pub_slot_id": m.slot_id if placed else None,
                     "pub_table_id": m.table_id if placed else None, "sequence": m.sequence + 1,
                     "ical_slot_id": m.slot_id if placed else (m.pub_slot_id or m.ical_slot_id),
                     "published": True})
    db.session.flush()
    for chunk in _chunks(ids):
        db.session.execute(update(MeetingSeat).where(MeetingSeat.meeting_id.in_(chunk)).values(pub_slot_id=None)
                           .execution_options(synchronize_session=False))
        db.session.execute(update(Meeting).where(Meeting.id.in_(chunk)).values(pub_slot_id=None, pub_table_id=None)
                           .execution_options(synchronize_session=False))
    if rows:
        db.session.execute(update(Meeting), rows)
        seat_rows = [{"id": sid, "pub_slot_id": slot} for sid, slot in db.session.execute(
            select(MeetingSeat.id, Meeting.pub_slot_id).join(Meeting).where(Meeting.id.in_(ids)))
            if slot is not None] if len(ids) <= 900 else _seat_rows(ids)
        if seat_rows:
            db.session.execute(update(MeetingSeat), seat_rows)
    db.session.expire_all()


def _seat_rows(ids: list[int]) -> list[dict]:
    rows = []
    for chunk in _chunks(ids):
        rows += [{"id": sid, "pub_slot_id": slot} for sid, slot in db.session.execute(
            select(MeetingSeat.id, Meeting.pub_slot_id).join(Meeting).where(Meeting.id.in_(chunk)))
            if slot is not None]
    return rows


def publish_at_once(event: Event, meeting_ids: list[int], notify: bool = True) -> list[str]:
    """On a published agenda, publish these meetings' draft places now and notify their participants (a manual
    change; a cancelled participation tells its partners itself: `notify=False`); the caller commits. Returns the
    names of the people notified."""
    changed = []
    for meeting in db.session.execute(select(Meeting).where(Meeting.id.in_(meeting_ids))).scalars():
        placed = meeting.state == ACTIVE and meeting.slot_id is not None
        new = (meeting.slot_id, meeting.table_id) if placed else (None, None)
        old = (meeting.pub_slot_id, meeting.pub_table_id)
        if new != old:
            changed.append(("new" if old[0] is None else "cancelled" if new[0] is None else "moved", meeting))
    apply_published(changed)
    return notify_changes(event, {m.id: kind for kind, m in changed}, merge=True) if notify and changed else []


def notify_changes(event: Event, kinds: dict[int, str], batch=None, merge: bool = False) -> list[str]:
    """One notification per participant with an account whose agenda changed, naming the meetings (partners, new
    time and table; events_changes), all in one commit (which commits the publication with it), or added to
    `batch` (a notifications.Batch: its commit does that); returns their names as the event's participants.
    `merge` (a manual change): a participant's unread notice of earlier manual changes of this event, the first made
    less than events_changes.MERGE_MINUTES ago, takes the change in (events_changes.merged: this change's meetings
    named first) and rises to the top, instead of a notice per move; its mail tells the whole notice as it now is."""
    from matchmaker.models.user import User
    from matchmaker.services.events_changes import KINDS, NAMED, per_participant
    from matchmaker.services.notifications import Batch

    changed = per_participant(kinds)
    recipients, names = [], []
    base = {"event": event.name, "zone": event.time_zone}
    for chunk in _chunks(list(changed)):
        for participant_id, name, user in db.session.execute(select(EventParticipant.id, EventParticipant.name, User)
                                                             .join(User, User.id == EventParticipant.user_id)
                                                             .where(EventParticipant.id.in_(chunk))):
            names.append(name)  # as the organiser's lists name them (an account's own name may differ)
            items = changed[participant_id]
            counts = {kind: sum(1 for item in items if item["kind"] == kind) for kind in KINDS}
            meetings = [{k: v for k, v in item.items() if k != "order"} for item in items[:NAMED]]
            every = [[item["meeting"], item["kind"]] for item in items]  # all of them: the agenda marks each
            recipients.append((user, base | counts | {"meetings": meetings, "changed": every}))
    told, link = batch if batch is not None else Batch(), f"/events/{event.id}/agenda"
    if merge and recipients:
        recipients = _merge_into_unread(recipients, link, told)
        since = {"since": utcnow().isoformat()}  # a notice of manual changes, which later ones may join
        recipients = [(user, params | since) for user, params in recipients]
    if recipients:
        told.add(recipients, "event_agenda_changed", link)
    if batch is None:
        told.commit()
    return names


def _merge_into_unread(recipients: list, link: str, told) -> list:
    """Fold each recipient's change into their unread notice of manual changes of the event whose first change is
    younger than MERGE_MINUTES (its mail queued on `told`); return the recipients who have none (they get a notice of
    their own)."""
    from datetime import datetime, timedelta

    from matchmaker.models import Notification
    from matchmaker.services.events_changes import CODE, MERGE_MINUTES, merged

    now, unread = utcnow(), {}
    since = now - timedelta(minutes=MERGE_MINUTES)
    for chunk in _chunks([user.id for user, _params in recipients]):
        for note in db.session.execute(select(Notification).where(
                Notification.user_id.in_(chunk), Notification.code == CODE, Notification.link == link,
                Notification.read_at.is_(None), Notification.created_at >= since)
                .order_by(Notification.created_at, Notification.id)).scalars():
            first = (note.params or {}).get("since")  # a publication's notice has none: never joined
            if first and datetime.fromisoformat(first) >= since:
                unread[note.user_id] = note  # the latest of them
    fresh = []
    for user, params in recipients:
        note = unread.get(user.id)
        if note is None:
            fresh.append((user, params))
            continue
        note.params, note.created_at = merged(note.params or {}, params), now
        told.mail_on_commit(user, CODE, note.params, link)
    return fresh
