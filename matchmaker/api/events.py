"""Event endpoints: the caller's events, an event's grid, the caller's agenda (JSON and iCal), and for the event's
organisers its placed meetings and moving one (409 with the validator's reason when a rule would break).

Slots and tables are numbered from 1 in the API (as in `flask events export` and the UdG files); times are ISO 8601
in the event's time zone, with their offset.
"""
from __future__ import annotations

from typing import Literal

from flask import Response as FlaskResponse
from flask import g
from flask_babel import force_locale
from pydantic import BaseModel, Field
from spectree import Response
from sqlalchemy import select

from matchmaker.api import ApiError, ErrorOut, api_auth, bp, error_response, spec
from matchmaker.extensions import db
from matchmaker.models.event import Event, EventSlot, EventTable
from matchmaker.models.event_meeting import ACTIVE, Meeting, MeetingSeat
from matchmaker.services import events_moves
from matchmaker.services.events import Conflict
from matchmaker.services.events_access import ORGANISER, events_with_role, role
from matchmaker.services.events_agenda import agenda, ical
from matchmaker.services.events_checkin import arrived_ids
from matchmaker.services.events_people import participant_of


class EventItem(BaseModel):
    id: int
    name: str
    status: str
    role: Literal["organiser", "participant", "admin"] = Field(description=(
        "organiser: one of the event's organisers; participant: takes part in it; admin: an administrator who "
        "is not one of its organisers (may use its organiser endpoints all the same)"))


class EventList(BaseModel):
    items: list[EventItem]


class SlotOut(BaseModel):
    index: int
    start: str
    end: str


class TableOut(BaseModel):
    index: int
    name: str
    virtual: bool


class EventOut(BaseModel):
    id: int
    name: str
    time_zone: str
    slots: list[SlotOut]
    tables: list[TableOut]


class Partner(BaseModel):
    name: str
    organisation: str
    arrived: bool = Field(description="checked in at the event by its organisers")


class AgendaMessage(BaseModel):
    """What the requester wrote when asking for the meeting."""

    text: str
    author: str = Field(description="the requester's name")
    mine: bool = Field(description="true when the caller wrote it")


class AgendaItem(BaseModel):
    meeting_id: int
    slot: int
    table: int
    table_name: str
    virtual: bool
    link: str = Field(description="a virtual room's address; empty for a physical table")
    start: str
    end: str
    partners: list[Partner]
    message: AgendaMessage | None = Field(description="null when the meeting was not requested with a message")


class AgendaOut(BaseModel):
    items: list[AgendaItem]


class MeetingOut(BaseModel):
    meeting_id: int
    slot: int
    table: int
    participants: list[int]


class MeetingList(BaseModel):
    items: list[MeetingOut]


class MoveIn(BaseModel):
    slot: int
    table: int


def _event(event_id: int, organiser: bool = False) -> tuple[Event, str]:
    """The event if the caller has a part in it (404 otherwise); organiser endpoints: 403 for participants."""
    event = db.session.get(Event, event_id)
    who = role(g.api_user, event) if event is not None else None
    if who is None:
        raise ApiError(404, "no such event")
    if organiser and who != ORGANISER:
        raise ApiError(403, "only the event's organisers may do this")
    return event, who


@bp.get("/events")
@api_auth
@spec.validate(resp=Response(HTTP_200=EventList, HTTP_401=ErrorOut), tags=["events"])
def list_events():
    """The events the caller organises (role "organiser") or takes part in ("participant"); for an administrator,
    every event ("admin" where they are not one of its organisers)."""
    return EventList(items=[EventItem(id=e.id, name=e.name, status=e.status, role=r)
                            for e, r in events_with_role(g.api_user)])


@bp.get("/events/<int:event_id>")
@api_auth
@spec.validate(resp=Response(HTTP_200=EventOut, HTTP_401=ErrorOut, HTTP_404=ErrorOut), tags=["events"])
def show_event(event_id: int):
    """The event's time zone, slots (numbered from 1, local times with offset) and tables."""
    from matchmaker.events.times import localtime

    event, _who = _event(event_id)
    iso = "%Y-%m-%dT%H:%M:%S%z"
    slots = [SlotOut(index=s.index + 1, start=_iso(localtime(s.starts_at, event.time_zone, iso)),
                     end=_iso(localtime(s.ends_at, event.time_zone, iso))) for s in event.slots]
    tables = [TableOut(index=t.index + 1, name=t.name, virtual=t.virtual) for t in event.tables]
    return EventOut(id=event.id, name=event.name, time_zone=event.time_zone, slots=slots, tables=tables)


def _iso(text: str) -> str:
    """'...+0100' -> '...+01:00' (ISO 8601 extended offset)."""
    return text[:-2] + ":" + text[-2:]


@bp.get("/events/<int:event_id>/agenda")
@api_auth
@spec.validate(resp=Response(HTTP_200=AgendaOut, HTTP_401=ErrorOut, HTTP_404=ErrorOut), tags=["events"])
def event_agenda(event_id: int):
    """The caller's published meetings (an organiser who does not take part has none): where and when, the
    partners and whether each has checked in, and the message the requester wrote."""
    event, _who = _event(event_id)
    participant = participant_of(event, g.api_user)
    items = agenda(event, participant) if participant is not None and not participant.cancelled else []
    arrived = arrived_ids(event, [p["participant_id"] for i in items for p in i["partners"]])
    return AgendaOut(items=[AgendaItem(
        meeting_id=i["meeting_id"], slot=i["slot"] + 1, table=i["table"] + 1, table_name=i["table_name"],
        virtual=i["virtual"], link=i["link"] if i["virtual"] else "", start=i["start"].isoformat(),
        end=i["end"].isoformat(),
        partners=[Partner(name=p["name"], organisation=p["organisation"], arrived=p["participant_id"] in arrived)
                  for p in i["partners"]],
        message=AgendaMessage(text=i["message"]["text"], author=i["message"]["from"], mine=i["message"]["mine"])
        if i["message"] else None) for i in items])


@bp.get("/events/<int:event_id>/agenda.ics")
@api_auth
def event_agenda_ics(event_id: int):
    """The caller's agenda as iCalendar (stable UIDs, rising SEQUENCE, CANCELLED meetings)."""
    event, _who = _event(event_id)
    participant = participant_of(event, g.api_user)
    if participant is None:
        raise ApiError(404, "you take no part in this event's meetings")
    return FlaskResponse(ical(event, participant), mimetype="text/calendar")


def _meeting_out(meeting_ids: list[int] | None, event: Event) -> list[MeetingOut]:
    query = (select(Meeting.id, EventSlot.index, EventTable.index).join(EventSlot, EventSlot.id == Meeting.slot_id)
             .join(EventTable, EventTable.id == Meeting.table_id)
             .where(Meeting.event_id == event.id, Meeting.state == ACTIVE).order_by(EventSlot.index, EventTable.index))
    if meeting_ids is not None:
        query = query.where(Meeting.id.in_(meeting_ids))
    rows = db.session.execute(query).all()
    seats: dict[int, list[int]] = {}
    for meeting_id, participant_id in db.session.execute(
            select(MeetingSeat.meeting_id, MeetingSeat.participant_id).join(Meeting)
            .where(Meeting.event_id == event.id).order_by(MeetingSeat.id)):
        seats.setdefault(meeting_id, []).append(participant_id)
    return [MeetingOut(meeting_id=m, slot=s + 1, table=t + 1, participants=seats.get(m, [])) for m, s, t in rows]


@bp.get("/events/<int:event_id>/meetings")
@api_auth
@spec.validate(resp=Response(HTTP_200=MeetingList, HTTP_401=ErrorOut, HTTP_403=ErrorOut, HTTP_404=ErrorOut),
               tags=["events"])
def event_meetings(event_id: int):
    """Organisers: every placed meeting of the agenda being worked on (the draft; equal to the published agenda
    once published, as moves on a published agenda are published at once)."""
    event, _who = _event(event_id, organiser=True)
    return MeetingList(items=_meeting_out(None, event))


@bp.post("/events/<int:event_id>/meetings/<int:meeting_id>/move")
@api_auth
@spec.validate(resp=Response(HTTP_200=MeetingOut, HTTP_401=ErrorOut, HTTP_403=ErrorOut, HTTP_404=ErrorOut,
                             HTTP_409=ErrorOut), tags=["events"])
def move_meeting(event_id: int, meeting_id: int, json: MoveIn):
    """Organisers: move a meeting to slot/table (numbered from 1); 409 with the reason when a rule would break
    (nothing changes then). On a published agenda the move is published at once."""
    from matchmaker.events.wording import refusal

    event, _who = _event(event_id, organiser=True)
    meeting = db.session.get(Meeting, meeting_id)
    if meeting is None or meeting.event_id != event.id or meeting.state != ACTIVE:
        raise ApiError(404, "no such meeting")
    try:
        events_moves.move(event, meeting_id, json.slot - 1, json.table - 1)
    except Conflict as exc:
        with force_locale("en"):
            return error_response(409, refusal(exc.reason), reason=exc.reason[0])
    return _meeting_out([meeting_id], db.session.get(Event, event_id))[0]
