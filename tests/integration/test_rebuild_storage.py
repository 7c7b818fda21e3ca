"""A full rebuild stores its lists straight from the engine's columns (batch.ranked), in chunks: the rows must be
exactly those that the Match objects of Matcher.rank_all give through _rows(), list by list and in order."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Suggestion
from matchmaker.services import suggestions
from matchmaker.services.suggestions import LISTS, _org_ids, _rows, matcher, rebuild_all
from tests.helpers import make_org
from tests.integration.test_suggestions import _investor_world


def _stored() -> list[tuple]:
    return [(s.kind, s.source_id, s.target_id, s.rank, s.score, s.forward, s.backward, s.signals)
            for s in db.session.execute(db.select(Suggestion).order_by(Suggestion.id)).scalars()]


def _from_matches(top: int) -> list[tuple]:
    """What the rebuild stored before it read the columns: _rows() of every rank_all list, in dict order."""
    engine, ids = matcher(), _org_ids()
    return [(row["kind"], row["source_id"], row["target_id"], row["rank"], row["score"], row["forward"],
             row["backward"], row["signals"])
            for kind, side in LISTS for source, matches in engine.rank_all(kind, side, top=top).items()
            for row in _rows(kind, ids[source], matches, ids)]


def test_a_rebuild_stores_exactly_the_rows_of_the_match_lists(app, monkeypatch):
    _investor_world()
    make_org(name="Signals Co", kind="sme", seek="liver organoid toxicology", therapeutic_areas=["oncology"])
    for i in range(12):  # more lists than one insert chunk holds
        make_org(name=f"Lab {i}", kind="university", offer=f"organoid toxicology assays, cardiac tissue {i}",
                 therapeutic_areas=["oncology"] if i % 3 == 0 else [])
    monkeypatch.setattr(suggestions, "INSERT_CHUNK", 7)
    seen = []
    stored = rebuild_all(top=4, progress=lambda rows: (seen.append(r) or r for r in rows))
    rows = _stored()
    assert stored == len(rows) > 7 and seen
    assert rows == _from_matches(top=4)
    assert any(signals["areas"] for *_, signals in rows)  # a list ranked alone (structured signals) is among them
