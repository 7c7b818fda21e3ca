"""The audit log: organisers' and admins' changes to other people's data (imports, roles, invitations)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.extensions import db
from matchmaker.models._common import UTCDateTime, utcnow


class AuditEntry(db.Model):
    """One change made by someone to data that is not theirs; never edited, read by admins."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    actor: Mapped[str] = mapped_column(String(254), default="")  # who, as they were then (e-mail or "command line")
    action: Mapped[str] = mapped_column(String(40), index=True)  # a code: import, role, invitation, profile
    target: Mapped[str] = mapped_column(String(300), default="")  # what, as it was then
    details: Mapped[dict] = mapped_column(JSON, default=dict)
