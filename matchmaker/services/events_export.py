"""All meetings of an event as CSV or XLSX: slot time (event time zone), table, both participants and organisations,
and their e-mails for the event's organisers (the contact rule: organisers see participants' contact details);
headers in the reader's language, the file named after the event and its first day."""
from __future__ import annotations

import csv
import io
import re
import unicodedata
from zoneinfo import ZoneInfo

from flask_babel import gettext
from openpyxl import Workbook
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models.event import Event, EventParticipant, EventSlot, EventTable
from matchmaker.models.event_meeting import Meeting, MeetingSeat
from matchmaker.models.organisation import Organisation
from matchmaker.services.events_access import ORGANISER, role
from matchmaker.services.events_agenda import ics_filename
from matchmaker.taxonomy import N_

HEADER = [N_("Meeting"), N_("Start"), N_("End"), N_("Table"), N_("Participant 1"), N_("Organisation 1"),
          N_("Participant 2"), N_("Organisation 2")]
EMAIL_HEADER = [N_("E-mail 1"), N_("E-mail 2")]


def header(emails: bool) -> list[str]:
    """The columns' names in the current language (the e-mail columns only when they are given)."""
    return [gettext(h) for h in HEADER + (EMAIL_HEADER if emails else [])]


def may_see_emails(user, event: Event) -> bool:
    """The contact rule for the export: the event's organisers (and admins) see its participants' e-mails."""
    return role(user, event) == ORGANISER


def filename(event: Event, fmt: str, published: bool = True, words: str | None = None) -> str:
    """'meet-in-italy-2027-03-10-meetings.csv' (the draft: '...-draft.csv'; another export's `words`, such as
    'follow-up'), in the reader's language."""
    first = db.session.execute(select(EventSlot.starts_at).where(EventSlot.event_id == event.id)
                               .order_by(EventSlot.index).limit(1)).scalar()
    day = _local(first, ZoneInfo(event.time_zone))[:10] if first is not None else ""
    words = words or (gettext("meetings") if published else gettext("draft"))
    stem = "-".join(part for part in (ics_filename(event)[:-4], day, _slug(words)) if part)
    return f"{stem}.{fmt}"


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def rows(event: Event, published: bool = True, emails: bool = False) -> list[list]:
    """One row per placed meeting, in slot then table order (the two participants' e-mails last, with `emails`)."""
    zone = ZoneInfo(event.time_zone)
    slot_col, table_col = (Meeting.pub_slot_id, Meeting.pub_table_id) if published \
        else (Meeting.slot_id, Meeting.table_id)
    meetings = db.session.execute(
        select(Meeting.id, Meeting.number, EventSlot.starts_at, EventSlot.ends_at, EventTable.name)
        .join(EventSlot, EventSlot.id == slot_col).join(EventTable, EventTable.id == table_col)
        .where(Meeting.event_id == event.id).order_by(EventSlot.index, EventTable.index)).all()
    people: dict[int, list[str]] = {}
    addresses: dict[int, list[str]] = {}
    for meeting_id, name, org, email in db.session.execute(
            select(MeetingSeat.meeting_id, EventParticipant.name, Organisation.name, EventParticipant.email)
            .join(EventParticipant, EventParticipant.id == MeetingSeat.participant_id)
            .outerjoin(Organisation, Organisation.id == EventParticipant.organisation_id)
            .join(Meeting, Meeting.id == MeetingSeat.meeting_id).where(Meeting.event_id == event.id)
            .order_by(MeetingSeat.id)):
        people.setdefault(meeting_id, []).extend([name, org or ""])
        addresses.setdefault(meeting_id, []).append(email or "")
    result = []
    for meeting_id, number, start, end, table in meetings:
        local = [_local(start, zone), _local(end, zone)]
        row = [number, *local, table, *(people.get(meeting_id, []) + ["", "", "", ""])[:4]]
        result.append(row + (addresses.get(meeting_id, []) + ["", ""])[:2] if emails else row)
    return result


def _local(moment, zone: ZoneInfo) -> str:
    from datetime import timezone

    moment = moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M")


def spreadsheet_csv(buffer: io.StringIO):
    """A CSV writer a spreadsheet of the reader's language opens in columns: ';' in Italian (where ',' is the
    decimal separator and Excel splits on ';'), ',' otherwise; files are written as UTF-8 with a BOM."""
    from flask_babel import get_locale

    locale = get_locale()
    return csv.writer(buffer, delimiter=";" if locale is not None and locale.language == "it" else ",")


def export(event: Event, fmt: str, published: bool = True, emails: bool = False) -> tuple[bytes, str]:
    """The file's bytes and its MIME type (the caller decides `emails` with may_see_emails)."""
    data = rows(event, published, emails)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = spreadsheet_csv(buffer)
        writer.writerow(header(emails))
        writer.writerows(data)
        return buffer.getvalue().encode("utf-8-sig"), "text/csv"
    book = Workbook()
    sheet = book.active
    sheet.title = gettext("meetings")[:31]
    sheet.append(header(emails))
    for row in data:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
