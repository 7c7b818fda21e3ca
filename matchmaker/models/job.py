"""Background jobs as the UI sees them: kind, who started it, state, progress, message, start and end."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from matchmaker.extensions import db
from matchmaker.models._common import UTCDateTime, utcnow
from matchmaker.models.user import User

QUEUED, RUNNING, DONE, FAILED, CANCELLED = "queued", "running", "done", "failed", "cancelled"
STATES = (QUEUED, RUNNING, DONE, FAILED, CANCELLED)
FINISHED = (DONE, FAILED, CANCELLED)


class Job(db.Model):
    """One unit of long work run by a task-queue worker; the queue message carries only its id and payload."""

    __tablename__ = "job"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    state: Mapped[str] = mapped_column(String(10), default=QUEUED, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"), index=True)
    label: Mapped[str] = mapped_column(String(255), default="")  # what it works on: a file name, an address
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    message: Mapped[str] = mapped_column(String(1000), default="")  # a code of jobs/wording.py, or a fixed text
    message_params: Mapped[dict | None] = mapped_column(JSON)  # the code's parameters (None: a fixed text)
    result: Mapped[dict | None] = mapped_column(JSON)  # what the page that started it shows when it is done
    worker: Mapped[str] = mapped_column(String(120), default="")  # host:pid of the worker running it
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User | None] = relationship()

    @property
    def finished(self) -> bool:
        return self.state in FINISHED

    def as_dict(self) -> dict:
        """The fields `flask jobs show --json` prints."""
        return {"id": self.id, "kind": self.kind, "state": self.state, "done": self.done, "total": self.total,
                "message": self.message}
