"""Meeting requests and meetings of an event; the database itself forbids double-booking a person or a table.

A meeting has a draft placement (slot, table: what the scheduler and the organiser's moves produce) and a
published one (what participants see). `MeetingSeat` repeats both slots per participant, so the unique
constraints (participant, slot) and (participant, published slot) hold whatever code writes them; the meeting's
own (table, slot) and (published table, published slot) are unique too. NULLs (unplaced) never collide.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint, false, select,
                        update)
from sqlalchemy.event import listens_for
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.extensions import db
from matchmaker.models._common import UTCDateTime, utcnow
from matchmaker.models.event import Event, EventParticipant, EventSlot, EventTable
from matchmaker.taxonomy import N_

PENDING, ACCEPTED, DECLINED, EXPIRED, WITHDRAWN = "pending", "accepted", "declined", "expired", "withdrawn"
REQUEST_STATES = {PENDING: N_("pending"), ACCEPTED: N_("accepted"), DECLINED: N_("declined"),
                  EXPIRED: N_("expired"), WITHDRAWN: N_("withdrawn")}
DECLINE_REASONS = {"no_fit": N_("Not a fit for us"), "no_time": N_("No time left"),
                   "already_met": N_("We already know each other"), "other": N_("Other")}
ACTIVE, CANCELLED = "active", "cancelled"


def _pair_end(pick):
    """A column default: the lower (min) or higher (max) participant id of the row being inserted."""
    def default(context) -> int:
        params = context.get_current_parameters()
        return pick(params["requester_id"], params["target_id"])
    return default


class MeetingRequest(db.Model):
    """One participant asks another for a meeting; two requests between the same pair become one mutual meeting.

    `pair_low`/`pair_high` are the pair's participant ids in canonical order (filled on insert, held to
    requester/target by a CHECK), so the database allows one request per unordered pair and event: two people
    asking each other at the same moment cannot make two meetings.
    """

    __tablename__ = "meeting_request"
    __table_args__ = (UniqueConstraint("event_id", "requester_id", "target_id"),
                      UniqueConstraint("event_id", "pair_low", "pair_high"),
                      CheckConstraint("pair_low < pair_high AND pair_low IN (requester_id, target_id) "
                                      "AND pair_high IN (requester_id, target_id)", name="pair_ordered"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    requester_id: Mapped[int] = mapped_column(ForeignKey("event_participant.id", ondelete="CASCADE"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("event_participant.id", ondelete="CASCADE"), index=True)
    pair_low: Mapped[int] = mapped_column(default=_pair_end(min))
    pair_high: Mapped[int] = mapped_column(default=_pair_end(max))
    message: Mapped[str] = mapped_column(Text, default="")
    state: Mapped[str] = mapped_column(String(12), default=PENDING, index=True)
    mutual: Mapped[bool] = mapped_column(default=False)
    by_organisers: Mapped[bool] = mapped_column(server_default=false())  # a forced meeting's row: nobody asked
    decline_reason: Mapped[str] = mapped_column(String(20), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    requester: Mapped[EventParticipant] = relationship(foreign_keys=[requester_id])
    target: Mapped[EventParticipant] = relationship(foreign_keys=[target_id])


class Meeting(db.Model):
    """A meeting to schedule (an accepted request, an imported or a forced one) with its draft and published place.

    `number` is what people see and type (1, 2, 3… within the event, unique there): taken on insert from the
    event's counter, which the database raises row by row (two inserts at once cannot take the same number).
    """

    __tablename__ = "meeting"
    __table_args__ = (UniqueConstraint("table_id", "slot_id"), UniqueConstraint("pub_table_id", "pub_slot_id"),
                      UniqueConstraint("event_id", "number"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    number: Mapped[int] = mapped_column()
    request_id: Mapped[int | None] = mapped_column(ForeignKey("meeting_request.id", ondelete="SET NULL"),
                                                   unique=True)
    position: Mapped[int | None] = mapped_column()  # order in an imported file (export keeps it)
    priority: Mapped[int] = mapped_column(default=1)  # scheduling.Priority: 0 one-sided, 1 mutual, 2 forced
    sessions: Mapped[str] = mapped_column(String(60), default="")  # allowed sessions, comma-separated; "": any
    fixed_slot_id: Mapped[int | None] = mapped_column(ForeignKey("event_slot.id", ondelete="SET NULL"))
    locked: Mapped[bool] = mapped_column(default=False)  # organiser-locked: keeps its slot and table
    state: Mapped[str] = mapped_column(String(12), default=ACTIVE, index=True)
    slot_id: Mapped[int | None] = mapped_column(ForeignKey("event_slot.id", ondelete="SET NULL"), index=True)
    table_id: Mapped[int | None] = mapped_column(ForeignKey("event_table.id", ondelete="SET NULL"))
    pub_slot_id: Mapped[int | None] = mapped_column(ForeignKey("event_slot.id", ondelete="SET NULL"), index=True)
    pub_table_id: Mapped[int | None] = mapped_column(ForeignKey("event_table.id", ondelete="SET NULL"))
    published: Mapped[bool] = mapped_column(default=False)  # ever published (iCal keeps it, CANCELLED if dropped)
    # the last published slot (a cancelled meeting is sent to calendars as CANCELLED at that time)
    ical_slot_id: Mapped[int | None] = mapped_column(ForeignKey("event_slot.id", ondelete="SET NULL"))
    sequence: Mapped[int] = mapped_column(default=0)  # iCal SEQUENCE, raised by every published change
    unplaced_reason: Mapped[list | None] = mapped_column(JSON)  # [code, params] from the scheduler
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)

    seats: Mapped[list[MeetingSeat]] = relationship(cascade="all, delete-orphan", passive_deletes=True,
                                                    order_by="MeetingSeat.id")
    slot: Mapped[EventSlot | None] = relationship(foreign_keys=[slot_id])
    table: Mapped[EventTable | None] = relationship(foreign_keys=[table_id])
    pub_slot: Mapped[EventSlot | None] = relationship(foreign_keys=[pub_slot_id])
    pub_table: Mapped[EventTable | None] = relationship(foreign_keys=[pub_table_id])
    ical_slot: Mapped[EventSlot | None] = relationship(foreign_keys=[ical_slot_id])


@listens_for(Meeting, "before_insert")
def _number(_mapper, connection, meeting: Meeting) -> None:
    """The meeting's number in its event: the event's counter, raised in the same transaction."""
    if meeting.number is None:
        table = Event.__table__
        connection.execute(update(table).where(table.c.id == meeting.event_id)
                           .values(meetings_numbered=table.c.meetings_numbered + 1))
        meeting.number = connection.execute(select(table.c.meetings_numbered)
                                            .where(table.c.id == meeting.event_id)).scalar_one()


class MeetingSeat(db.Model):
    """A participant of a meeting, with the meeting's slots repeated so the database forbids double-booking."""

    __tablename__ = "meeting_seat"
    __table_args__ = (UniqueConstraint("meeting_id", "participant_id"), UniqueConstraint("participant_id", "slot_id"),
                      UniqueConstraint("participant_id", "pub_slot_id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("event_participant.id", ondelete="CASCADE"), index=True)
    slot_id: Mapped[int | None] = mapped_column(ForeignKey("event_slot.id", ondelete="SET NULL"))
    pub_slot_id: Mapped[int | None] = mapped_column(ForeignKey("event_slot.id", ondelete="SET NULL"))

    participant: Mapped[EventParticipant] = relationship()


class Precedence(db.Model):
    """Meeting `before_id` must take place in an earlier slot than meeting `after_id`."""

    __tablename__ = "meeting_precedence"
    __table_args__ = (UniqueConstraint("before_id", "after_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    before_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    after_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
