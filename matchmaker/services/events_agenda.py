"""A participant's published agenda (times in the event's time zone) and its iCalendar feed (icalendar library).

Each meeting keeps one UID for life; its SEQUENCE rises with every published change, and a meeting dropped from
the agenda stays in the feed as STATUS:CANCELLED, so calendar apps update entries instead of duplicating them.
"""
from __future__ import annotations

from zoneinfo import ZoneInfo

from flask_babel import force_locale
from icalendar import Calendar
from icalendar import Event as CalendarEvent
from sqlalchemy import select
from sqlalchemy.orm import aliased

from matchmaker.extensions import db
from matchmaker.models._common import as_utc
from matchmaker.models.event import Event, EventParticipant, EventSlot, EventTable
from matchmaker.models.event_meeting import Meeting, MeetingRequest, MeetingSeat
from matchmaker.models.organisation import Organisation


def agenda(event: Event, participant: EventParticipant) -> list[dict]:
    """The participant's published meetings in slot order: meeting id, slot and table (0-based index and name),
    start and end in the event's time zone, virtual link, partners (name, organisation, organisation id)."""
    zone = ZoneInfo(event.time_zone)
    mine = aliased(MeetingSeat)
    rows = db.session.execute(
        select(Meeting, EventSlot, EventTable).join(mine, mine.meeting_id == Meeting.id)
        .join(EventSlot, EventSlot.id == Meeting.pub_slot_id).join(EventTable, EventTable.id == Meeting.pub_table_id)
        .where(mine.participant_id == participant.id).order_by(EventSlot.index)).all()
    partners = partners_of([m.id for m, _s, _t in rows], participant.id)
    messages = messages_of([m.id for m, _s, _t in rows], participant.id)
    return [{"meeting_id": m.id, "slot": s.index, "table": t.index, "table_name": t.name, "virtual": t.virtual,
             "link": t.link, "start": as_utc(s.starts_at).astimezone(zone), "end": as_utc(s.ends_at).astimezone(zone),
             "partners": partners.get(m.id, []), "sequence": m.sequence, "message": messages.get(m.id)}
            for m, s, t in rows]


def messages_of(meeting_ids: list[int], me: int) -> dict[int, dict]:
    """What the requester wrote when asking for each meeting that has a message, by meeting id: the text, the
    requester's name and whether it is `me`."""
    if not meeting_ids:
        return {}
    return {meeting_id: {"text": text, "from": name, "mine": requester == me}
            for meeting_id, requester, name, text in db.session.execute(
                select(Meeting.id, MeetingRequest.requester_id, EventParticipant.name, MeetingRequest.message)
                .join(MeetingRequest, MeetingRequest.id == Meeting.request_id)
                .join(EventParticipant, EventParticipant.id == MeetingRequest.requester_id)
                .where(Meeting.id.in_(meeting_ids), MeetingRequest.message != ""))}


def message_line(message: dict, quoted: bool = True) -> str:
    """A meeting's message as its reader sees it: 'Your message: “…”' or 'Message from Anna Rossi: “…”'."""
    from flask_babel import gettext

    text = f"“{message['text']}”" if quoted else message["text"]
    if message["mine"]:
        return gettext("Your message: %(message)s", message=text)
    return gettext("Message from %(name)s: %(message)s", name=message["from"], message=text)


def partner_label(name: str, organisation: str | None) -> str:
    """How a meeting partner is named to a participant: 'Laura Sala (Ospedale San Raffaele)', or the name alone."""
    return f"{name} ({organisation})" if organisation else name


def partners_of(meeting_ids: list[int], me: int) -> dict[int, list[dict]]:
    """The other participants of each meeting (participant id, name, organisation, organisation id), by meeting id."""
    result: dict[int, list[dict]] = {}
    if not meeting_ids:
        return result
    for meeting_id, participant_id, name, org_id, org_name in db.session.execute(
            select(MeetingSeat.meeting_id, EventParticipant.id, EventParticipant.name, Organisation.id,
                   Organisation.name)
            .join(EventParticipant, EventParticipant.id == MeetingSeat.participant_id)
            .outerjoin(Organisation, Organisation.id == EventParticipant.organisation_id)
            .where(MeetingSeat.meeting_id.in_(meeting_ids), MeetingSeat.participant_id != me)
            .order_by(MeetingSeat.id)):
        result.setdefault(meeting_id, []).append({"participant_id": participant_id, "name": name,
                                                  "organisation": org_name or "",
                                                  "organisation_id": org_id})
    return result


def ical(event: Event, participant: EventParticipant, host: str = "matchmaker") -> bytes:
    """The participant's feed: every meeting ever published to them, cancelled ones as CANCELLED; words in the
    participant's language (their account's preference, else English)."""
    language = (participant.user.locale if participant.user is not None else None) or "en"
    calendar = Calendar()
    calendar.add("prodid", "-//Matchmaker//B2B agenda//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", event.name)
    calendar.add("x-wr-timezone", event.time_zone)
    rows = db.session.execute(
        select(Meeting, EventSlot, EventTable).join(MeetingSeat, MeetingSeat.meeting_id == Meeting.id)
        .join(EventSlot, EventSlot.id == Meeting.ical_slot_id)
        .outerjoin(EventTable, EventTable.id == Meeting.pub_table_id)
        .where(MeetingSeat.participant_id == participant.id, Meeting.published.is_(True))
        .order_by(EventSlot.index, Meeting.id)).all()
    partners = partners_of([m.id for m, _s, _t in rows], participant.id)
    messages = messages_of([m.id for m, _s, _t in rows], participant.id)
    for meeting, slot, table in rows:
        entry = CalendarEvent()
        entry.add("uid", f"event-{event.id}-meeting-{meeting.id}@{host}")
        entry.add("sequence", meeting.sequence)
        entry.add("dtstamp", as_utc(meeting.updated_at))
        entry.add("dtstart", as_utc(slot.starts_at))
        entry.add("dtend", as_utc(slot.ends_at))
        names = ", ".join(partner_label(p["name"], p["organisation"]) for p in partners.get(meeting.id, []))
        entry.add("summary", f"{event.name}: {names}")
        cancelled = meeting.pub_slot_id is None
        entry.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        if table is not None and not cancelled:
            entry.add("location", location(event, table, language))
            if table.virtual and table.link:
                entry.add("url", table.link)
        if meeting.id in messages:
            with force_locale(language):
                entry.add("description", message_line(messages[meeting.id], quoted=False))
        calendar.add_component(entry)
    return calendar.to_ical()


def location(event: Event, table: EventTable, language: str = "en") -> str:
    """Where a meeting is, as a calendar shows it: 'Table 12, <venue>, <event>' (a virtual room: its name and
    link, then the event), in the participant's language."""
    with force_locale(language):
        if table.virtual:
            place = f"{table.name}: {table.link}" if table.link else table.name
        else:
            place = table_label(table.name)
    return ", ".join(part for part in (place, event.venue, event.name) if part)


def table_label(name: str) -> str:
    """A physical table as people say it: a number or short code gets the word ("Table 12", "Tavolo B3"); a
    named table is its name ("Tavolo Nord", "Sala Volta"), never "Tavolo Tavolo Nord"."""
    from flask_babel import gettext

    return gettext("Table %(name)s", name=name) if len(name) <= 4 and " " not in name else name


def ics_filename(event) -> str:
    """The downloaded calendar's file name: the event's name as a slug ("meet-in-lombardy.ics"), never the token."""
    import re
    import unicodedata

    ascii_name = unicodedata.normalize("NFKD", event.name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60].rstrip("-")
    return f"{slug or 'agenda'}.ics"
