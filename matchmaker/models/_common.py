"""Small column helpers shared by the models."""
from __future__ import annotations

from datetime import datetime, timezone


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
