"""What a logged-out visitor may see of an event: which events have a public page, and who takes part by kind."""
from __future__ import annotations

from dataclasses import dataclass

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


# A kind is counted on the public page only when at least this many organisations are of it, so that nobody can
# tell who takes part in a small event; smaller kinds are folded into "other", shown only if that many again.
MIN_SHOWN = 3
OTHER = "other"


def visible_summary(counts: list[tuple[str | None, int]], minimum: int = MIN_SHOWN) -> list[tuple[str, int]]:
    """The counts by kind a visitor may see: each kind with at least `minimum` (most first), then the smaller kinds,
    the kind "other" and the unknown one folded into one "other" count if it reaches `minimum` too; nothing when
    fewer than `minimum` take part in all."""
    if not visible_total(counts, minimum):
        return []
    shown = sorted(((kind, count) for kind, count in counts if kind not in (OTHER, None) and count >= minimum),
                   key=lambda item: (-item[1], item[0]))
    folded = sum(count for kind, count in counts if kind in (OTHER, None) or count < minimum)
    return shown + [(OTHER, folded)] if folded >= minimum else shown


def visible_total(counts: list[tuple[str | None, int]], minimum: int = MIN_SHOWN) -> int:
    """How many organisations take part in all, as the page states it beside `visible_summary` (so a kind left out
    of the breakdown does not silently vanish): the total from `minimum` up, else 0 (nothing said)."""
    total = sum(count for _kind, count in counts)
    return total if total >= minimum else 0


@dataclass(frozen=True)
class PublicPage:
    """What the public page says beyond the event's own fields, each worked out once per page."""
    called_off: bool  # closed before its first slot: it did not take place
    took_place: bool  # over, and not called off: the page says who took part, not who takes part so far
    summary: list[tuple[str, int]]  # organisations taking part by kind (`visible_summary`); none if called off
    total: int = 0  # organisations taking part in all (`visible_total`): 0 when the page says nothing of them

    @property
    def complete(self) -> bool:
        """Whether the breakdown by kind names every organisation counted (else the page says "including")."""
        return sum(count for _kind, count in self.summary) == self.total


def public_page(event: Event) -> PublicPage:
    """The public page's facts: whether the event was called off (asked once), whether it took place (closed after it
    began, or past its last slot), and who takes part: how many organisations in all and by kind, no names, no people,
    nothing at all for an event that was called off."""
    from matchmaker.services import events_closing, events_followup

    off = events_closing.called_off(event)
    counts = [] if off else kind_counts(event)
    return PublicPage(called_off=off, took_place=events_followup.is_over(event) and not off,
                      summary=visible_summary(counts), total=visible_total(counts))


def kind_counts(event: Event) -> list[tuple[str | None, int]]:
    """How many organisations of each kind take part (current participants), every kind however small."""
    rows = db.session.execute(
        select(Organisation.kind, func.count(func.distinct(Organisation.id)))
        .join(EventParticipant, EventParticipant.organisation_id == Organisation.id)
        .where(EventParticipant.event_id == event.id, EventParticipant.cancelled.is_(False))
        .group_by(Organisation.kind)).all()
    return [(kind, count) for kind, count in rows]
