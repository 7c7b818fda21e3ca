"""The event day: who has arrived (check-in, one row per participant) and meetings a participant reports as no-shows."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.extensions import db
from matchmaker.models._common import UTCDateTime, utcnow


class CheckIn(db.Model):
    """A participant checked in at the venue by an organiser; undoing the check-in deletes the row, so the database
    holds at most one per participant."""

    __tablename__ = "event_checkin"
    __table_args__ = (UniqueConstraint("participant_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("event_participant.id", ondelete="CASCADE"))
    arrived_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    by_user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))


class NoShow(db.Model):
    """A participant says their partner did not come to a published meeting (once per meeting and reporter)."""

    __tablename__ = "meeting_no_show"
    __table_args__ = (UniqueConstraint("meeting_id", "reporter_id"),
                      CheckConstraint("reporter_id <> absent_id", name="not_self"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    reporter_id: Mapped[int] = mapped_column(ForeignKey("event_participant.id", ondelete="CASCADE"), index=True)
    absent_id: Mapped[int] = mapped_column(ForeignKey("event_participant.id", ondelete="CASCADE"), index=True)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
