"""Why a pair matched: the terms that drove each direction of the text score and the signals that fired.

Signals are codes with parameters; the web layer (matchmaker/matches/wording.py) words them in the user's language.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from matchmaker.matching.rank import Match, Matcher


@dataclass
class Reasons:
    """Reasons faithful to the score (each listed term contributes to it); signals are (code, parameters)."""

    forward_terms: list[str] = field(default_factory=list)  # your seek × their offer
    backward_terms: list[str] = field(default_factory=list)  # their seek × your offer
    signals: list[tuple[str, dict]] = field(default_factory=list)

    def codes(self) -> list[str]:
        """The codes of the signals that fired, in order."""
        return [code for code, _ in self.signals]


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
        reasons.signals.append(("shared_areas", {"areas": sorted(shared)}))
    if shared := source.sectors & target.sectors:
        reasons.signals.append(("shared_sectors", {"sectors": sorted(shared)}))
    if match.signals.get("trl", 0) > 0:
        reasons.signals.append(("trl_fit", {"their_trl": target.trl, "your_trl": source.trl}))
    if shared := source.collaboration & target.collaboration:
        reasons.signals.append(("shared_collaboration", {"types": sorted(shared)}))
    if target.activity:
        reasons.signals.append(("track_record", {"projects": target.activity}))
    return reasons
