"""B2B events: the event, its organisers, its slot grid (UTC), its tables, its participants and their availability."""
from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.extensions import db
from matchmaker.models._common import UTCDateTime, utcnow
from matchmaker.taxonomy import N_

if TYPE_CHECKING:
    from matchmaker.models.organisation import Organisation
    from matchmaker.models.user import User

DRAFT, REGISTRATION, REQUESTS, SCHEDULING, PUBLISHED, CLOSED = (
    "draft", "registration", "requests", "scheduling", "published", "closed")
STATUSES = (DRAFT, REGISTRATION, REQUESTS, SCHEDULING, PUBLISHED, CLOSED)
STATUS_LABELS = {DRAFT: N_("Draft"), REGISTRATION: N_("Registration open"), REQUESTS: N_("Requests open"),
                 SCHEDULING: N_("Scheduling"), PUBLISHED: N_("Published"), CLOSED: N_("Closed")}


class Event(db.Model):
    """A partnering day: its settings, status, draft report and the optimistic version organisers' moves check."""

    __tablename__ = "event"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    venue: Mapped[str] = mapped_column(String(200), default="")
    time_zone: Mapped[str] = mapped_column(String(64), default="Europe/Rome")
    status: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    slot_minutes: Mapped[int] = mapped_column(default=20)
    max_meetings: Mapped[int | None] = mapped_column()  # per participant; None: no limit
    request_quota: Mapped[int | None] = mapped_column()  # requests one participant may send; None: no limit
    request_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime())
    grid: Mapped[dict | None] = mapped_column(JSON)  # the days/sessions/breaks the slots were generated from
    source: Mapped[str] = mapped_column(String(200), default="")  # e.g. the .dzn file it was imported from
    version: Mapped[int] = mapped_column(default=1)  # raised by every change of placements (compare-and-set)
    published_version: Mapped[int] = mapped_column(default=0)  # raised by every publication
    meetings_numbered: Mapped[int] = mapped_column(server_default="0")  # the last meeting's number (database-side)
    report: Mapped[dict | None] = mapped_column(JSON)  # the latest draft's quality report and moves
    schedule_job_id: Mapped[int | None] = mapped_column(ForeignKey("job.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # when the status became closed

    slots: Mapped[list[EventSlot]] = relationship(order_by="EventSlot.index", cascade="all, delete-orphan",
                                                  passive_deletes=True)
    tables: Mapped[list[EventTable]] = relationship(order_by="EventTable.index", cascade="all, delete-orphan",
                                                    passive_deletes=True)
    organisers: Mapped[list[EventOrganiser]] = relationship(cascade="all, delete-orphan", passive_deletes=True)


class EventOrganiser(db.Model):
    """A user who runs this event (organisers of one event cannot touch another)."""

    __tablename__ = "event_organiser"
    __table_args__ = (UniqueConstraint("event_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user.id", ondelete="CASCADE"), index=True)

    user: Mapped[User] = relationship()


class EventSlot(db.Model):
    """One meeting slot, stored in UTC; `index` orders an event's slots (a day's slots are consecutive)."""

    __tablename__ = "event_slot"
    __table_args__ = (UniqueConstraint("event_id", "index"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    index: Mapped[int] = mapped_column()
    day: Mapped[int] = mapped_column(default=0)
    session: Mapped[str] = mapped_column(String(20), default="am")
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime())
    capacity: Mapped[int | None] = mapped_column()  # tables usable in this slot; None: all


class EventTable(db.Model):
    """A numbered or named table, or a virtual room with its link."""

    __tablename__ = "event_table"
    __table_args__ = (UniqueConstraint("event_id", "index"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    index: Mapped[int] = mapped_column()
    name: Mapped[str] = mapped_column(String(80))
    virtual: Mapped[bool] = mapped_column(default=False)
    link: Mapped[str] = mapped_column(String(500), default="")


def _token() -> str:
    return secrets.token_urlsafe(24)


class EventParticipant(db.Model):
    """A person of an organisation taking part (imported participants may have no account); one participant per
    account and per e-mail (when one is given) in an event."""

    __tablename__ = "event_participant"
    __table_args__ = (UniqueConstraint("event_id", "user_id"), UniqueConstraint("ical_token"),
                      Index("uq_event_participant_email", "event_id", "email", unique=True,
                            sqlite_where=text("email <> ''"), postgresql_where=text("email <> ''")))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"),
                                                        index=True)
    name: Mapped[str] = mapped_column(String(120))
    email: Mapped[str] = mapped_column(String(254), default="")
    max_meetings: Mapped[int | None] = mapped_column()  # overrides the event's maximum
    cancelled: Mapped[bool] = mapped_column(default=False)
    # with `cancelled`: the participant withdrew by themselves (they may register again), not the organisers
    withdrawn: Mapped[bool] = mapped_column(server_default=sa_false())  # no Python default: old-revision inserts
    ical_token: Mapped[str] = mapped_column(String(64), default=_token)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    # Added by the organisers to an event still in draft and not told yet (events_welcome.welcome_held tells them when
    # it opens); no Python default: old-revision inserts
    held_back: Mapped[bool] = mapped_column(server_default=sa_false())

    user: Mapped[User | None] = relationship()
    organisation: Mapped[Organisation | None] = relationship()


class Unavailability(db.Model):
    """A slot in which a participant cannot meet."""

    __tablename__ = "event_unavailability"
    __table_args__ = (UniqueConstraint("participant_id", "slot_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("event_participant.id", ondelete="CASCADE"), index=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("event_slot.id", ondelete="CASCADE"), index=True)
