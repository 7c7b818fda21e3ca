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
    18:00 in Rome came back as 18:00 UTC (a walk: the demo's request deadline shown at 19:00). A naive datetime is
    UTC, as every reader of a stored moment takes it (as_utc): it is bound as such, so PostgreSQL does not read it in
    its session's zone. Migrations write the column as sa.DateTime(timezone=True) (migrations/env.py)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):
        if not isinstance(value, datetime):
            return value
        return value.astimezone(timezone.utc) if value.tzinfo else value.replace(tzinfo=timezone.utc)

    def coerce_compared_value(self, op, value):
        """Only a datetime compared with the column is bound through this type (a timedelta added to it, a string
        compared with it, keep their own types)."""
        return self if isinstance(value, datetime) else self.impl.coerce_compared_value(op, value)


def render_item(type_, obj, autogen_context):
    """Alembic's autogenerate writes UTCDateTime as the column type it stores (the conversion to UTC is the models'
    business), so a generated migration needs no import of the models (migrations/env.py)."""
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False
