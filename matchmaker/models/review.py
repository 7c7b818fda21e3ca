"""Reviewing suggestions: an organisation's answer about a partner, its history, interests and connections.

Everything is keyed by organisation ids (never by suggestion row ids), so a rebuild of the suggestions or a
re-import of the same data (which updates organisations in place by external id) keeps every answer.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.extensions import db
from matchmaker.models._common import UTCDateTime, utcnow

INTERESTED, SAVED, DECLINED = "interested", "saved", "declined"
STATES = (INTERESTED, SAVED, DECLINED)
# Why a partner is declined, as codes (worded by matches/labels.py). Investors have their own (INVESTOR_REASONS:
# outside the thesis or sectors, stage, ticket too small or too large, already in the portfolio or a competitor's
# backer); every code stays valid for every answer, so older answers keep theirs.
TECH_REASONS = ("not_relevant", "too_early", "too_late", "no_capacity", "ip_unclear", "already_in_contact", "other")
INVESTOR_REASONS = ("outside_thesis", "stage_mismatch", "ticket_too_small", "ticket_too_large", "portfolio_conflict",
                    "other")
REASONS = TECH_REASONS[:-1] + INVESTOR_REASONS


class Feedback(db.Model):
    """The current answer of an organisation about one suggested partner, per match kind."""

    __tablename__ = "feedback"
    __table_args__ = (UniqueConstraint("organisation_id", "target_id", "kind"),
                      CheckConstraint("state IN ('interested', 'saved', 'declined')", name="state"),
                      CheckConstraint("organisation_id <> target_id", name="not_self"))

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # tech-transfer | investor
    state: Mapped[str] = mapped_column(String(12))
    reason: Mapped[str | None] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class FeedbackEvent(db.Model):
    """Who did what and when (interested, save, decline, undo), for colleagues of the same organisation."""

    __tablename__ = "feedback_event"
    __table_args__ = (Index("ix_feedback_event_org_target", "organisation_id", "target_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(12))  # interested | save | decline | undo | withdraw
    reason: Mapped[str | None] = mapped_column(String(30))
    note: Mapped[str] = mapped_column(Text, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Interest(db.Model):
    """One organisation said it is interested in another (from a suggestion or a profile page)."""

    __tablename__ = "interest"
    __table_args__ = (UniqueConstraint("organisation_id", "target_id"),
                      CheckConstraint("organisation_id <> target_id", name="not_self"))

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)


class Connection(db.Model):
    """Two organisations interested in each other (double opt-in); the pair is stored once, lower id first."""

    __tablename__ = "connection"
    __table_args__ = (UniqueConstraint("low_id", "high_id"),
                      CheckConstraint("low_id < high_id", name="ordered"))

    id: Mapped[int] = mapped_column(primary_key=True)
    low_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    high_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    connected_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    withdrawn_by_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"))

    def other(self, organisation_id: int) -> int:
        """The id of the other organisation of the pair."""
        return self.high_id if organisation_id == self.low_id else self.low_id
