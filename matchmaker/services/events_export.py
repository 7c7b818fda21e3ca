"""All meetings of an event as CSV or XLSX: slot time (event time zone), table, both participants and organisations."""
from __future__ import annotations

import csv
import io
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models.event import Event, EventParticipant, EventSlot, EventTable
from matchmaker.models.event_meeting import Meeting, MeetingSeat
from matchmaker.models.organisation import Organisation

HEADER = ["meeting", "start", "end", "table", "participant_1", "organisation_1", "participant_2", "organisation_2"]


def rows(event: Event, published: bool = True) -> list[list]:
    """One row per placed meeting, in slot then table order."""
    zone = ZoneInfo(event.time_zone)
    slot_col, table_col = (Meeting.pub_slot_id, Meeting.pub_table_id) if published \
        else (Meeting.slot_id, Meeting.table_id)
    meetings = db.session.execute(
        select(Meeting.id, Meeting.number, EventSlot.starts_at, EventSlot.ends_at, EventTable.name)
        .join(EventSlot, EventSlot.id == slot_col).join(EventTable, EventTable.id == table_col)
        .where(Meeting.event_id == event.id).order_by(EventSlot.index, EventTable.index)).all()
    people: dict[int, list[str]] = {}
    for meeting_id, name, org in db.session.execute(
            select(MeetingSeat.meeting_id, EventParticipant.name, Organisation.name)
            .join(EventParticipant, EventParticipant.id == MeetingSeat.participant_id)
            .outerjoin(Organisation, Organisation.id == EventParticipant.organisation_id)
            .join(Meeting, Meeting.id == MeetingSeat.meeting_id).where(Meeting.event_id == event.id)
            .order_by(MeetingSeat.id)):
        people.setdefault(meeting_id, []).extend([name, org or ""])
    result = []
    for meeting_id, number, start, end, table in meetings:
        local = [_local(start, zone), _local(end, zone)]
        result.append([number, *local, table, *(people.get(meeting_id, []) + ["", "", "", ""])[:4]])
    return result


def _local(moment, zone: ZoneInfo) -> str:
    from datetime import timezone

    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def export(event: Event, fmt: str, published: bool = True) -> tuple[bytes, str]:
    """The file's bytes and its MIME type."""
    data = rows(event, published)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(HEADER)
        writer.writerows(data)
        return buffer.getvalue().encode("utf-8-sig"), "text/csv"
    book = Workbook()
    sheet = book.active
    sheet.title = "meetings"
    sheet.append(HEADER)
    for row in data:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
