"""What a member should do next with their organisation's profile: review the suggestions it already has, and
complete the parts that suggestions depend on (shown on the profile page and the home page)."""
from __future__ import annotations

from dataclasses import dataclass

from matchmaker.models import Organisation
from matchmaker.services.review_home import completeness, to_review


@dataclass(frozen=True)
class NextStep:
    """`to_review`: suggestions without an answer; `waiting`: suggestions apply to this kind but none is there yet;
    `missing`: labels (marked, untranslated) of the parts still empty; `suggested`: some kind of suggestions applies
    to the organisation (not to an association or "other": a fuller profile does not bring it any)."""

    to_review: int
    waiting: bool
    missing: tuple[str, ...]
    suggested: bool = True

    def __bool__(self) -> bool:
        return bool(self.to_review or self.waiting or self.missing)


def next_step(organisation: Organisation) -> NextStep:
    """The next step for the members of `organisation` (falsy when there is nothing to suggest)."""
    counts = to_review(organisation)
    pending = sum(counts.values())
    return NextStep(to_review=pending, waiting=bool(counts) and pending == 0 and not _any_suggestion(organisation),
                    missing=tuple(completeness(organisation).missing), suggested=bool(counts))


def _any_suggestion(organisation: Organisation) -> bool:
    from matchmaker.extensions import db
    from matchmaker.models import Suggestion

    return db.session.execute(db.select(Suggestion.id).where(Suggestion.source_id == organisation.id)
                              .limit(1)).first() is not None
