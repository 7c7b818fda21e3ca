"""Suggested meetings for one event: the matching engine's partners of the participant's organisation, restricted to
the event's registered participants, with the engine's reasons."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload, lazyload

from matchmaker.extensions import db
from matchmaker.models.event import EventParticipant
from matchmaker.models.organisation import Organisation

# a participant's organisation (its name and link on the cards) in the same statement, without its tags
WITH_ORGANISATION = (joinedload(EventParticipant.organisation).options(lazyload(Organisation.tags)),)


def suggested(participant: EventParticipant, limit: int = 30) -> list[tuple[EventParticipant, object, object]]:
    """(partner participant, stored suggestion, reasons) best first, both kinds of match, own organisation out
    (only the partners listed are explained)."""
    from matchmaker.services.review_list import capped
    from matchmaker.services.suggestions import explainer, stored_suggestions

    if participant.organisation_id is None:
        return []
    organisation = db.session.get(Organisation, participant.organisation_id)
    by_org: dict[int, list[EventParticipant]] = {}
    for other in db.session.execute(select(EventParticipant).options(*WITH_ORGANISATION).where(
            EventParticipant.event_id == participant.event_id, EventParticipant.cancelled.is_(False),
            EventParticipant.organisation_id.is_not(None),
            EventParticipant.organisation_id != participant.organisation_id)).scalars():
        by_org.setdefault(other.organisation_id, []).append(other)
    if not by_org:
        return []
    rows = []
    for kind in ("tech-transfer", "investor"):
        for suggestion, target in stored_suggestions(organisation, kind):
            rows.extend((other, suggestion, target) for other in by_org.get(target.id, []))
    rows.sort(key=lambda row: -row[1].score)
    seen, result = set(), []
    for row in rows:
        if row[0].id not in seen:
            seen.add(row[0].id)
            result.append(row)
    result = result[:limit]
    reasons = explainer(organisation)
    # the labels agree with the order, as on the suggestions page: no "Strong" below a "Good"
    return [(other, s, r) for (other, s, _t), r in zip(result, capped([reasons(s, t) for _o, s, t in result]))]
