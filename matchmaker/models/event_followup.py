"""After the event: each participant's answer about each of their meetings, and the event's one request for them."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.extensions import db
from matchmaker.models._common import UTCDateTime, utcnow

HELD, CANCELLED = "held", "cancelled"  # "my partner did not come" is a NoShow row (models/event_day.py), not here


class MeetingFeedback(db.Model):
    """One participant's answer about one published meeting: did it take place, a rating 1-5, a private note
    (its author's only) and whether they want to continue with the partner. One per (meeting, participant)."""

    __tablename__ = "meeting_feedback"
    __table_args__ = (UniqueConstraint("meeting_id", "participant_id"),
                      CheckConstraint("rating IS NULL OR (rating >= 1 AND rating <= 5)", name="rating_range"),
                      CheckConstraint("outcome IS NULL OR outcome IN ('held', 'cancelled')", name="outcome"))

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), index=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id", ondelete="CASCADE"))
    participant_id: Mapped[int] = mapped_column(ForeignKey("event_participant.id", ondelete="CASCADE"), index=True)
    outcome: Mapped[str | None] = mapped_column(String(12))  # held | cancelled | None (a no-show, or not said)
    rating: Mapped[int | None] = mapped_column()
    note: Mapped[str] = mapped_column(Text, default="")
    wants_to_continue: Mapped[bool] = mapped_column(server_default=sa_false(), default=False)
    answered_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class FeedbackAsk(db.Model):
    """The event's participants were asked for their follow-up (once per event: the primary key says so)."""

    __tablename__ = "event_feedback_ask"

    event_id: Mapped[int] = mapped_column(ForeignKey("event.id", ondelete="CASCADE"), primary_key=True)
    asked_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    recipients: Mapped[int] = mapped_column(default=0)
