"""Organisers' insight into reviewing: answers per match kind, decline reasons, organisations without suggestions."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import case, func, or_, select, union
from sqlalchemy.orm import aliased

from matchmaker.extensions import db
from matchmaker.matching.rank import TARGET_SIDE
from matchmaker.models import Connection, Feedback, Interest, Organisation, Suggestion
from matchmaker.models.review import DECLINED, REASONS, TECH_REASONS
from matchmaker.services.matching import side_of
from matchmaker.taxonomy import KINDS


@dataclass
class KindStats:
    """One match kind: suggestions stored, how many were answered, the shares of each answer, decline reasons."""

    kind: str
    suggestions: int = 0
    reviewed: int = 0
    interested: int = 0
    declined: int = 0
    connections: int = 0
    reasons: dict[str, int] = field(default_factory=dict)

    def rate(self, count: int) -> float:
        """A share of the reviewed suggestions (0 when none was reviewed)."""
        return count / self.reviewed if self.reviewed else 0.0

    def widest(self) -> int:
        """The largest reason count (the bar chart's scale)."""
        return max(self.reasons.values(), default=0) or 1


def _pair_kind(a, b):
    """The match kind of a pair of organisations (an SQL expression): "investor" when either side is an investor,
    else "tech-transfer" (interests and connections carry no list kind: they may come from any page)."""
    return case((or_(a.kind == "investor", b.kind == "investor"), "investor"), else_="tech-transfer")


def _interests():
    """Every present interest, with its pair's match kind."""
    source, target = aliased(Organisation), aliased(Organisation)
    return (select(Interest.organisation_id, Interest.target_id, _pair_kind(source, target).label("kind"))
            .join(source, source.id == Interest.organisation_id).join(target, target.id == Interest.target_id))


def _count_by_kind(stmt) -> dict[str, int]:
    """Rows of `stmt` (which has a "kind" column) counted per kind."""
    sub = stmt.subquery()
    return dict(db.session.execute(select(sub.c.kind, func.count()).group_by(sub.c.kind)).all())


def _outcomes(stats: dict[str, KindStats]) -> None:
    """Reviewed, interested and connected pairs whichever page the answer came from: a suggestion list (feedback),
    a profile page, the Connections page, the API or an event's follow-up (interest only)."""
    answered = union(select(Feedback.organisation_id, Feedback.target_id, Feedback.kind), _interests())
    low, high = aliased(Organisation), aliased(Organisation)
    connected = (select(Connection.id, _pair_kind(low, high).label("kind"))
                 .join(low, low.id == Connection.low_id).join(high, high.id == Connection.high_id)
                 .where(Connection.withdrawn_at.is_(None)))
    for attribute, stmt in (("reviewed", answered), ("interested", _interests()), ("connections", connected)):
        for kind, count in _count_by_kind(stmt).items():
            if kind in stats:
                setattr(stats[kind], attribute, count)


def by_kind() -> list[KindStats]:
    """Answers per match kind, counted in SQL."""
    shown = {"tech-transfer": TECH_REASONS, "investor": REASONS}  # investors' own reasons only where they decline
    stats = {kind: KindStats(kind, reasons={r: 0 for r in codes}) for kind, codes in shown.items()}
    for kind, count in db.session.execute(select(Suggestion.kind, func.count()).group_by(Suggestion.kind)):
        if kind in stats:
            stats[kind].suggestions = count
    _outcomes(stats)
    rows = db.session.execute(select(Feedback.kind, Feedback.reason, func.count()).where(Feedback.state == DECLINED)
                              .group_by(Feedback.kind, Feedback.reason))
    for kind, reason, count in rows:
        s = stats.get(kind)
        if s is not None:
            s.declined += count
            if reason in s.reasons or reason in REASONS:  # (any valid code is counted where it was given)
                s.reasons[reason] = s.reasons.get(reason, 0) + count
    return list(stats.values())


def without_suggestions(limit: int = 50) -> tuple[int, list[Organisation]]:
    """Organisations that could have suggestions (companies, research, investors) but have none: how many, and
    the first `limit` by name (usually thin profiles)."""
    kinds = [k for k in KINDS.codes() if any(side == side_of(k) for _, side in TARGET_SIDE)]
    stmt = select(Organisation).where(Organisation.kind.in_(kinds), ~Organisation.id.in_(
        select(Suggestion.source_id).distinct()))
    total = db.session.execute(select(func.count()).select_from(stmt.subquery())).scalar_one()
    return total, list(db.session.execute(stmt.order_by(Organisation.name).limit(limit)).scalars())
