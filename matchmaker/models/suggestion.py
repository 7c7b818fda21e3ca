"""Persisted match suggestions, so pages never recompute rankings."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.extensions import db
from matchmaker.models._common import UTCDateTime, utcnow


class Suggestion(db.Model):
    """Target organisation suggested to a source organisation, with the parts of its score."""

    __tablename__ = "suggestion"
    __table_args__ = (UniqueConstraint("kind", "source_id", "target_id"),
                      Index("ix_suggestion_kind_source_rank", "kind", "source_id", "rank"))

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # tech-transfer | investor
    source_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    target_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    rank: Mapped[int]
    score: Mapped[float] = mapped_column(Float)
    forward: Mapped[float] = mapped_column(Float, default=0.0)
    backward: Mapped[float] = mapped_column(Float, default=0.0)
    signals: Mapped[dict] = mapped_column(JSON, default=dict)
    computed_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
