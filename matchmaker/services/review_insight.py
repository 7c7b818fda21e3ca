"""Organisers' insight into reviewing: answers per match kind, decline reasons, organisations without suggestions."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.matching.rank import TARGET_SIDE
from matchmaker.models import Feedback, Organisation, Suggestion
from matchmaker.models.review import DECLINED, INTERESTED, REASONS, TECH_REASONS
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
    reasons: dict[str, int] = field(default_factory=dict)

    def rate(self, count: int) -> float:
        """A share of the reviewed suggestions (0 when none was reviewed)."""
        return count / self.reviewed if self.reviewed else 0.0

    def widest(self) -> int:
        """The largest reason count (the bar chart's scale)."""
        return max(self.reasons.values(), default=0) or 1


def by_kind() -> list[KindStats]:
    """Answers per match kind, counted in SQL."""
    shown = {"tech-transfer": TECH_REASONS, "investor": REASONS}  # investors' own reasons only where they decline
    stats = {kind: KindStats(kind, reasons={r: 0 for r in codes}) for kind, codes in shown.items()}
    for kind, count in db.session.execute(select(Suggestion.kind, func.count()).group_by(Suggestion.kind)):
        if kind in stats:
            stats[kind].suggestions = count
    rows = db.session.execute(select(Feedback.kind, Feedback.state, Feedback.reason, func.count())
                              .group_by(Feedback.kind, Feedback.state, Feedback.reason))
    for kind, state, reason, count in rows:
        s = stats.get(kind)
        if s is None:
            continue
        s.reviewed += count
        if state == INTERESTED:
            s.interested += count
        elif state == DECLINED:
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
