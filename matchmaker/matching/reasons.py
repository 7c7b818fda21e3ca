"""Why a pair matched: the terms that drove each direction of the text score and the signals that fired."""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from matchmaker.matching.rank import Match, Matcher
from matchmaker.taxonomy import COLLABORATION_TYPES, SECTORS, THERAPEUTIC_AREAS


@dataclass
class Reasons:
    """Readable reasons, faithful to the score: each listed term contributes to it."""

    forward_terms: list[str] = field(default_factory=list)  # your seek × their offer
    backward_terms: list[str] = field(default_factory=list)  # their seek × your offer
    signals: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = []
        if self.forward_terms:
            out.append("What you seek meets what they offer: " + ", ".join(self.forward_terms))
        if self.backward_terms:
            out.append("What they seek meets what you offer: " + ", ".join(self.backward_terms))
        return out + self.signals


def _top_terms(matcher: Matcher, seek_row: int, offer_row: int, n: int) -> list[str]:
    contribution = matcher.index_.seek_[seek_row].multiply(matcher.index_.offer_[offer_row]).tocoo()
    if contribution.nnz == 0:
        return []
    order = np.argsort(-contribution.data)[:n]
    vocabulary = matcher.index_.terms()
    return [matcher.index_.readable(str(vocabulary[contribution.col[i]])) for i in order if contribution.data[i] > 0]


def explain(matcher: Matcher, source_id: str, match: Match, n_terms: int = 5) -> Reasons:
    """Reasons for `match` as a suggestion to `source_id`."""
    source, target = matcher.docs_[source_id], matcher.docs_[match.target]
    i, j = matcher.index_.position_[source.id], matcher.index_.position_[target.id]
    reasons = Reasons(_top_terms(matcher, i, j, n_terms), _top_terms(matcher, j, i, n_terms))
    if shared := source.areas & target.areas:
        reasons.signals.append("Both work in " + ", ".join(sorted(THERAPEUTIC_AREAS.label(c).lower() for c in shared)))
    if shared := source.sectors & target.sectors:
        reasons.signals.append("Shared sectors: " + ", ".join(sorted(SECTORS.label(c) for c in shared)))
    if match.signals.get("trl", 0) > 0:
        reasons.signals.append(f"Their TRL {target.trl} fits your TRL {source.trl}")
    if shared := source.collaboration & target.collaboration:
        reasons.signals.append("Both want " + ", ".join(sorted(COLLABORATION_TYPES.label(c).lower() for c in shared)))
    if target.activity:
        reasons.signals.append(f"Track record: {target.activity} funded project{'s' if target.activity != 1 else ''}")
    return reasons
