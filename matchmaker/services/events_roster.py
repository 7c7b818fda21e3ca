"""The organiser's list of an event's participants, filtered by a name (of the person or their organisation)."""
from __future__ import annotations

from sqlalchemy import func, or_, select

from matchmaker.extensions import db
from matchmaker.models.event import Event, EventParticipant
from matchmaker.models.organisation import Organisation

MAX_QUERY = 100


def roster(event: Event, query: str = "") -> tuple[list[EventParticipant], int]:
    """The participants by name whose name or organisation contains `query` (any case), and the event's total."""
    base = select(EventParticipant).where(EventParticipant.event_id == event.id)
    total = db.session.scalar(select(func.count()).select_from(base.subquery()))
    words = query.strip()[:MAX_QUERY]
    if words:
        pattern = "%" + words.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        base = base.outerjoin(Organisation, Organisation.id == EventParticipant.organisation_id).where(or_(
            func.lower(EventParticipant.name).like(pattern, escape="\\"),
            func.lower(Organisation.name).like(pattern, escape="\\")))
    return list(db.session.execute(base.order_by(EventParticipant.name)).scalars()), total
