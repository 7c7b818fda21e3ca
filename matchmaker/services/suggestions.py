"""Compute and persist suggestions; refresh them incrementally when one profile changes."""
from __future__ import annotations

from collections.abc import Callable, Iterable

import numpy as np
from flask import current_app
from sqlalchemy import delete, func

from matchmaker.extensions import db
from matchmaker.matching.documents import COMPANY, INVESTOR, RESEARCH, ProfileDoc
from matchmaker.matching.rank import TARGET_SIDE, Match, Matcher
from matchmaker.matching.reasons import Reasons, explain
from matchmaker.models import Organisation, Suggestion
from matchmaker.services.matching import doc_id, profile_docs

TOP_N = 20
# (kind, side of the sources): every list the product shows.
LISTS = (("tech-transfer", COMPANY), ("tech-transfer", RESEARCH), ("investor", COMPANY), ("investor", INVESTOR))
_CACHE_KEY = "matchmaker.matcher"


def matcher(refresh: bool = False) -> Matcher:
    """This process's fitted engine (fitted on first use, or again with `refresh`)."""
    cached = current_app.extensions.get(_CACHE_KEY)
    if cached is None or refresh:
        cached = current_app.extensions[_CACHE_KEY] = Matcher().fit(profile_docs())
    return cached


def _org_ids() -> dict[str, int]:
    rows = db.session.execute(db.select(Organisation.id, Organisation.external_id)).all()
    return {doc_id(i, e): i for i, e in rows}


def _rows(kind: str, source: int, matches: list[Match], ids: dict[str, int]) -> list[dict]:
    return [{"kind": kind, "source_id": source, "target_id": ids[m.target], "rank": r, "score": m.score,
             "forward": m.forward, "backward": m.backward, "signals": m.signals}
            for r, m in enumerate(matches, start=1) if m.target in ids]


def rebuild_all(progress: Callable[[Iterable], Iterable] | None = None, top: int = TOP_N) -> int:
    """Refit the engine on every profile and replace every stored suggestion; returns how many were stored."""
    engine = matcher(refresh=True)
    ids = _org_ids()
    db.session.execute(delete(Suggestion))
    stored = 0
    for kind, side in LISTS:
        for source, matches in engine.rank_all(kind, side, top=top, progress=progress).items():
            rows = _rows(kind, ids[source], matches, ids)
            if rows:
                db.session.execute(db.insert(Suggestion), rows)
                stored += len(rows)
    db.session.commit()
    return stored


def _replace_list(engine: Matcher, kind: str, source: str, ids: dict[str, int], top: int) -> None:
    db.session.execute(delete(Suggestion).where(Suggestion.kind == kind, Suggestion.source_id == ids[source]))
    rows = _rows(kind, ids[source], engine.rank(source, kind, top=top), ids)
    if rows:
        db.session.execute(db.insert(Suggestion), rows)


def refresh_organisation(organisation: Organisation, top: int = TOP_N) -> int:
    """After a create or edit: its own lists, and its place in every other list it enters or leaves.

    Returns how many lists were recomputed. The vocabulary is not refitted (run a rebuild for that).
    """
    engine = matcher()
    (doc,) = profile_docs([organisation.id])
    engine.update([doc])
    ids = _org_ids()
    recomputed = 0
    for kind, side in LISTS:
        if side == doc.side:
            _replace_list(engine, kind, doc.id, ids, top)
            recomputed += 1
        elif TARGET_SIDE.get((kind, side)) == doc.side:
            for source in _affected_sources(engine, kind, side, doc, ids, top):
                _replace_list(engine, kind, source, ids, top)
                recomputed += 1
    db.session.commit()
    return recomputed


def _affected_sources(engine: Matcher, kind: str, side: str, target: ProfileDoc, ids: dict[str, int],
                      top: int) -> list[str]:
    """Sources whose list holds `target` now, or whose last entry it would beat."""
    listed = set(db.session.execute(db.select(Suggestion.source_id).where(
        Suggestion.kind == kind, Suggestion.target_id == ids[target.id])).scalars())
    floor = dict(db.session.execute(db.select(Suggestion.source_id, func.min(Suggestion.score)).where(
        Suggestion.kind == kind).group_by(Suggestion.source_id).having(func.count() >= top)).all())
    rows = np.array([engine.index_.position_[d.id] for d in engine.docs_.values() if d.side == side])
    if rows.size == 0:
        return []
    j = engine.index_.position_[target.id]
    w = engine.weights
    forward = (engine.index_.seek_[rows] @ engine.index_.offer_[j].T).toarray().ravel()
    backward = (engine.index_.offer_[rows] @ engine.index_.seek_[j].T).toarray().ravel()
    quick = w.text * (forward * w.direction + backward * (1 - w.direction))
    by_position = {engine.index_.position_[d.id]: d for d in engine.docs_.values() if d.side == side}
    affected = []
    for r, score in zip(rows, quick):
        source = by_position[r]
        org = ids.get(source.id)
        if org is None:
            continue
        # Structured signals and the prior only add to `quick`, so it is a lower bound of the full score.
        if org in listed or (score > 0 and score >= floor.get(org, -1.0)):
            affected.append(source.id)
    return affected


def suggestions_for(organisation: Organisation, kind: str) -> list[tuple[Suggestion, Organisation, Reasons]]:
    """Stored suggestions with their target organisations and reasons (explained on the fly, 20 pairs)."""
    rows = db.session.execute(
        db.select(Suggestion, Organisation).join(Organisation, Organisation.id == Suggestion.target_id)
        .where(Suggestion.kind == kind, Suggestion.source_id == organisation.id).order_by(Suggestion.rank)).all()
    engine = matcher()
    source = doc_id(organisation.id, organisation.external_id)
    result = []
    for suggestion, target in rows:
        match = Match(doc_id(target.id, target.external_id), suggestion.score, suggestion.forward,
                      suggestion.backward, 0.0, suggestion.signals or {})
        reasons = explain(engine, source, match) if source in engine.docs_ and match.target in engine.docs_ \
            else Reasons()
        result.append((suggestion, target, reasons))
    return result
