"""Small column helpers shared by the models."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import DateTime
from sqlalchemy.types import TypeDecorator


def utcnow() -> datetime:
    """Timezone-aware now, stored as UTC."""
    return datetime.now(timezone.utc)


def as_utc(moment: datetime) -> datetime:
    """A stored moment made timezone-aware: SQLite gives naive datetimes back, and every stored one is UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


def get_owned(model: type, row_id: int, user_id: int):
    """The `model` row `row_id` when its `user_id` is `user_id`, else None (someone else's is as good as absent)."""
    from matchmaker.extensions import db

    row = db.session.get(model, row_id)
    return row if row is not None and row.user_id == user_id else None


class UTCDateTime(TypeDecorator):
    """A moment stored as UTC whatever zone it comes in: SQLite keeps a datetime's clock time and drops its zone, so
    18:00 in Rome came back as 18:00 UTC (a walk: the demo's request deadline shown at 19:00); PostgreSQL converts
    by itself. A naive datetime is taken as UTC already, as every reader of a stored moment does (as_utc)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        return value.astimezone(timezone.utc) if isinstance(value, datetime) and value.tzinfo else value
