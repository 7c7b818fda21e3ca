"""The fitted matching engine shared by every process: persisted fits and the edits made since."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.extensions import db
from matchmaker.models._common import UTCDateTime, utcnow


class EngineSnapshot(db.Model):
    """A pickled fitted engine; the newest row is the one every process loads."""

    __tablename__ = "engine_snapshot"

    id: Mapped[int] = mapped_column(primary_key=True)
    base_change: Mapped[int] = mapped_column(default=0)  # the last EngineChange the fit already saw
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    # The fingerprint of the engine code that pickled it: a snapshot of other code is never unpickled.
    code: Mapped[str] = mapped_column(String(32), default="", server_default="")


class EngineChange(db.Model):
    """One profile edit applied to the engine without a refit; its id is the engine's version stamp."""

    __tablename__ = "engine_change"

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
