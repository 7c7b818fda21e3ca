"""What changed on each participant's published agenda: the meetings a publication moved, added or cancelled, with
their partners and new place (the notification names them), and the latest such changes a participant was told of
(their agenda marks those meetings)."""
from __future__ import annotations

from collections import defaultdict

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Notification
from matchmaker.models._common import as_utc
from matchmaker.models.event import Event, EventParticipant, EventSlot, EventTable
from matchmaker.models.event_meeting import Meeting, MeetingSeat
from matchmaker.models.organisation import Organisation
from matchmaker.services.events import _chunks
from matchmaker.services.events_agenda import partner_label

NAMED = 5  # meetings named in one notification (the rest are in the counts)
CODE = "event_agenda_changed"
KINDS = ("new", "moved", "cancelled")
# A manual change on a published agenda joins the participant's unread notice of earlier manual changes of this
# event if the first of them was made less than this ago, instead of adding one notice per move
# (events_publish.publish_at_once); never a publication's notice, which tells of the agenda as a whole.
MERGE_MINUTES = 15


def per_participant(kinds: dict[int, str]) -> dict[int, list[dict]]:
    """participant id -> the changed meetings of theirs: id, number, kind, partners (names with their organisations,
    as the agenda names them), new start/end (UTC ISO) and table name (none for a cancelled meeting), in slot order."""
    seats: dict[int, list[tuple[int, str]]] = defaultdict(list)
    places: dict[int, tuple[Meeting, EventSlot | None, EventTable | None]] = {}
    for chunk in _chunks(list(kinds)):
        for meeting_id, pid, name, organisation in db.session.execute(
                select(MeetingSeat.meeting_id, EventParticipant.id, EventParticipant.name, Organisation.name)
                .join(EventParticipant, EventParticipant.id == MeetingSeat.participant_id)
                .outerjoin(Organisation, Organisation.id == EventParticipant.organisation_id)
                .where(MeetingSeat.meeting_id.in_(chunk)).order_by(MeetingSeat.id)):
            seats[meeting_id].append((pid, partner_label(name, organisation)))
        for meeting, slot, table in db.session.execute(
                select(Meeting, EventSlot, EventTable).outerjoin(EventSlot, EventSlot.id == Meeting.pub_slot_id)
                .outerjoin(EventTable, EventTable.id == Meeting.pub_table_id).where(Meeting.id.in_(chunk))):
            places[meeting.id] = (meeting, slot, table)
    found: dict[int, list[dict]] = defaultdict(list)
    for meeting_id, (meeting, slot, table) in places.items():
        placed = kinds[meeting_id] != "cancelled" and slot is not None
        for pid, _name in seats[meeting_id]:
            found[pid].append({
                "meeting": meeting_id, "number": meeting.number, "kind": kinds[meeting_id],
                "partners": ", ".join(n for p, n in seats[meeting_id] if p != pid),
                "start": as_utc(slot.starts_at).isoformat() if placed else None,
                "end": as_utc(slot.ends_at).isoformat() if placed else None,
                "table": table.name if placed and table is not None else None,
                "order": slot.index if placed else -1})
    for items in found.values():
        items.sort(key=lambda item: (item["order"], item["number"]))
    return found


def last_told(user_id: int, event: Event) -> dict[int, str]:
    """meeting id -> kind of change, from the latest agenda-change notification the user got for `event`: every
    meeting it counted ("changed"; a notice stored before it lists only the NAMED ones it names)."""
    params = db.session.execute(select(Notification.params).where(
        Notification.user_id == user_id, Notification.code == CODE, Notification.link == f"/events/{event.id}/agenda")
        .order_by(Notification.created_at.desc(), Notification.id.desc()).limit(1)).scalar()
    params = params or {}
    if "changed" in params:
        return {int(meeting): kind for meeting, kind in params["changed"]}
    return {int(m["meeting"]): m["kind"] for m in params.get("meetings", []) if "meeting" in m}


def merged(old: dict, new: dict) -> dict:
    """An unread notice of manual changes (`old`) once a later change's parameters (`new`) join them: every meeting
    either counted, each with its latest place and kind (a meeting the notice told of as new and moved since is
    still new to its reader; otherwise the later kind holds: a new meeting cancelled since is told as cancelled,
    since a mail may have announced it), counted again; the meetings of the later change are named first (its mail
    is about them), then the others by time, NAMED in all; `since` (when the notice's first change was made) kept."""
    def changed(params: dict) -> list:
        return params.get("changed") or [[item["meeting"], item["kind"]] for item in params.get("meetings", [])
                                         if "meeting" in item]

    kinds = {int(meeting): kind for meeting, kind in changed(old)}
    latest = set()
    for meeting, kind in changed(new):
        latest.add(int(meeting))
        kinds[int(meeting)] = "new" if kinds.get(int(meeting)) == "new" and kind == "moved" else kind
    items = {int(item["meeting"]): item for item in old.get("meetings", []) if "meeting" in item}
    items.update((int(item["meeting"]), item) for item in new.get("meetings", []))
    named = sorted((dict(item, kind=kinds[meeting]) for meeting, item in items.items() if meeting in kinds),
                   key=lambda item: (int(item["meeting"]) not in latest, item.get("start") or "",
                                     item.get("number") or 0))
    counts = {kind: sum(1 for k in kinds.values() if k == kind) for kind in KINDS}
    return dict(new) | counts | {"meetings": named[:NAMED], "changed": [[m, k] for m, k in kinds.items()],
                                 "since": old.get("since", new.get("since"))}
