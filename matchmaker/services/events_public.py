"""What a logged-out visitor may see of an event: which events have a public page, and who takes part by kind."""
from __future__ import annotations

from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models.event import DRAFT, Event, EventParticipant
from matchmaker.models.organisation import Organisation

# Every phase after the draft: the organisers promote the event by link from registration on, and the link keeps
# working (saying registration is closed) while the event is scheduled, published and after it has closed.
PUBLIC_STATUSES = frozenset({"registration", "requests", "scheduling", "published", "closed"})


def is_public(event: Event) -> bool:
    """True when a logged-out visitor may see the event's page (never a draft)."""
    return event.status != DRAFT and event.status in PUBLIC_STATUSES


def summary(event: Event) -> list[tuple[str, int]]:
    """Organisations taking part, counted by kind (most first): no names, no people."""
    rows = db.session.execute(
        select(Organisation.kind, func.count(func.distinct(Organisation.id)))
        .join(EventParticipant, EventParticipant.organisation_id == Organisation.id)
        .where(EventParticipant.event_id == event.id, EventParticipant.cancelled.is_(False))
        .group_by(Organisation.kind)).all()
    return sorted(((kind, count) for kind, count in rows), key=lambda item: (-item[1], item[0]))


def took_place(event: Event) -> bool:
    """Whether the event is over (closed after it began, or past its last slot): its page says who took part, not
    who takes part so far."""
    from matchmaker.services import events_closing, events_followup

    return events_followup.is_over(event) and not events_closing.called_off(event)
