"""What the review log says (`FeedbackEvent`: who of an organisation answered what about a partner, and when):
the history shown on the suggestion cards, and which answer made an organisation's present interest."""
from __future__ import annotations

from sqlalchemy import bindparam, select

from matchmaker.extensions import db
from matchmaker.models import FeedbackEvent, User
from matchmaker.services.review import has_interest

_HISTORY = (  # built once: the suggestions page asks on every visit
    select(FeedbackEvent, User).outerjoin(User, User.id == FeedbackEvent.user_id)
    .where(FeedbackEvent.organisation_id == bindparam("org"),
           FeedbackEvent.target_id.in_(bindparam("targets", expanding=True)))
    .order_by(FeedbackEvent.at.desc(), FeedbackEvent.id.desc()))


def history(organisation_id: int, target_ids: list[int]) -> dict[int, list[tuple[FeedbackEvent, User | None]]]:
    """Who of the organisation did what and when about each target, newest first."""
    if not target_ids:
        return {}
    rows = db.session.execute(_HISTORY, {"org": organisation_id, "targets": target_ids}).all()
    result: dict[int, list] = {}
    for event, user in rows:
        result.setdefault(event.target_id, []).append((event, user))
    return result


def interest_origin(organisation_id: int, target_id: int) -> str | None:
    """The kind logged with the answer that made the organisation's present interest in the target (the first
    "interested" since its last withdrawal, decline or undo): "" from a profile page or the API, a suggestion kind,
    "followup" from an event's follow-up; None when it has no interest or no such answer is logged."""
    if not has_interest(organisation_id, target_id):
        return None
    rows = db.session.execute(select(FeedbackEvent.action, FeedbackEvent.kind).where(
        FeedbackEvent.organisation_id == organisation_id, FeedbackEvent.target_id == target_id)
        .order_by(FeedbackEvent.id.desc())).all()
    origin = None
    for action, kind in rows:
        if action in ("withdraw", "decline", "undo"):
            break
        if action == "interested":
            origin = kind
    return origin
