"""Compute and persist suggestions; refresh them incrementally when one profile changes."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace

from sqlalchemy import bindparam, delete, select, true
from sqlalchemy.orm import aliased, defer, lazyload

from matchmaker.extensions import db
from matchmaker.matching import batch
from matchmaker.matching.bulk import gc_paused
from matchmaker.matching.documents import COMPANY, INVESTOR, RESEARCH, ProfileDoc
from matchmaker.matching.rank import TARGET_SIDE, Match, Matcher
from matchmaker.matching.reasons import Reasons, explain
from matchmaker.matching import scoring
from matchmaker.models import Feedback, Interest, Organisation, Suggestion
from matchmaker.services.matching import doc_id, profile_docs

TOP_N = 20
INSERT_CHUNK = 5000  # rows per executemany of a rebuild
# (kind, side of the sources): every list the product shows.
LISTS = (("tech-transfer", COMPANY), ("tech-transfer", RESEARCH), ("investor", COMPANY), ("investor", INVESTOR))


def matcher(refresh: bool = False) -> Matcher:
    """The fitted engine, kept consistent across processes by services/engine.py (refit with `refresh`)."""
    from matchmaker.services import engine

    return engine.current(refresh=refresh)


def _org_ids(doc_ids: Iterable[str] | None = None) -> dict[str, int]:
    """Engine ids -> organisation ids (all, or only those asked for)."""
    return {doc_id(i, e): i for i, e, _name in db.session.execute(_by_doc_ids(doc_ids)).all()}


def _by_doc_ids(doc_ids: Iterable[str] | None):
    """SELECT id, external_id, name of the organisations with these engine ids (all when None)."""
    stmt = db.select(Organisation.id, Organisation.external_id, Organisation.name)
    if doc_ids is not None:
        wanted = set(doc_ids)
        numeric = [int(d[4:]) for d in wanted if d.startswith("org:")]
        external = [d for d in wanted if not d.startswith("org:")]
        stmt = stmt.where(Organisation.id.in_(numeric) | Organisation.external_id.in_(external))
    return stmt


def _with_partner_names(reasons: Reasons, names: dict[str, str]) -> Reasons:
    """`reasons` with the shared past partners' names beside the engine's ids (every organisation's name is public
    in the directory, and the partnerships are public CORDIS data); `names` caches the look-ups of one page."""
    params = reasons.params("shared_partners")
    if not params.get("partners"):
        return reasons
    missing = [p for p in params["partners"] if p not in names]
    if missing:
        names.update({doc_id(i, e): name for i, e, name in db.session.execute(_by_doc_ids(missing)).all()})
    named = [names[p] for p in params["partners"] if p in names]
    items = [(code, {**p, "names": named} if code == "shared_partners" else p) for code, p in reasons.items]
    return replace(reasons, items=items)


def _rows(kind: str, source: int, matches: list[Match], ids: dict[str, int]) -> list[dict]:
    return [{"kind": kind, "source_id": source, "target_id": ids[m.target], "rank": r, "score": m.score,
             "forward": m.forward, "backward": m.backward,
             "signals": {**m.signals, "track": round(m.track, 6), "shared": m.shared}}
            for r, m in enumerate(matches, start=1) if m.target in ids]


def rebuild_all(progress: Callable[[Iterable], Iterable] | None = None, top: int = TOP_N, refit: bool = True) -> int:
    """Refit the engine on every profile (or, without `refit`, use it as it is) and replace every stored
    suggestion (the top `top` of every list, then the answered partners outside it); returns how many were
    stored."""
    engine = matcher(refresh=refit)
    ids = _org_ids()
    db.session.execute(delete(Suggestion))
    stored = 0
    with gc_paused():  # hundreds of thousands of row dicts: no collector passes over the whole heap meanwhile
        for (kind, _), ranked in zip(LISTS, batch.ranked_lists(engine, LISTS, top)):
            rows = _ranked_rows(kind, ranked, ids, progress)
            for start in range(0, len(rows), INSERT_CHUNK):  # one Core executemany per chunk, not one per list
                db.session.execute(Suggestion.__table__.insert(), rows[start:start + INSERT_CHUNK])
            stored += len(rows)
        for kind in dict.fromkeys(kind for kind, _ in LISTS):
            stored += _keep_answered(engine, kind, top)
    db.session.commit()
    return stored


def _keep_answered(engine: Matcher, kind: str, top: int, sources: list[int] | None = None) -> int:
    """Store, after the lists (ranks from top + 1), the partners their organisations answered (saved, declined,
    interested in the list or on the partner's profile) that the `kind` lists of `sources` (all when None) no longer
    hold: a profile edit or a rebuild that moves a partner below the top N must not hide an answer. Each is scored as
    the engine sees the pair now; partners the engine does not know or no longer pairs with the organisation in this
    kind of list are left out. Returns how many."""
    matches: dict[int, list[tuple[int, Match]]] = {}
    for source_id, source_ext, target_id, target_ext in _answered_pairs(kind, sources):
        source = engine.docs_.get(doc_id(source_id, source_ext))
        target = engine.docs_.get(doc_id(target_id, target_ext))
        if source is not None and target is not None and engine.eligible(kind, source, target):
            matches.setdefault(source_id, []).append((target_id, engine.score_pair(source, target)))
    rows = [{"kind": kind, "source_id": source_id, "target_id": target_id, "rank": rank, "score": m.score,
             "forward": m.forward, "backward": m.backward,
             "signals": {**m.signals, "track": round(m.track, 6), "shared": m.shared}}
            for source_id, found in matches.items()
            for rank, (target_id, m) in enumerate(sorted(found, key=lambda f: (-f[1].score, f[0])), start=top + 1)]
    for start in range(0, len(rows), INSERT_CHUNK):
        db.session.execute(Suggestion.__table__.insert(), rows[start:start + INSERT_CHUNK])
    return len(rows)


def _answered_pairs(kind: str, sources: list[int] | None) -> list[tuple[int, str | None, int, str | None]]:
    """(source id, external id, target id, external id) of every answer (Feedback of this kind, Interest of any) that
    the source's stored `kind` list does not hold, each pair once, in order."""
    found = set()
    for answer, this_kind in ((Feedback, Feedback.kind == kind), (Interest, true())):
        source, target = aliased(Organisation), aliased(Organisation)
        stored = select(Suggestion.id).where(Suggestion.kind == kind, Suggestion.source_id == answer.organisation_id,
                                             Suggestion.target_id == answer.target_id)
        stmt = (select(answer.organisation_id, source.external_id, answer.target_id, target.external_id)
                .join(source, source.id == answer.organisation_id).join(target, target.id == answer.target_id)
                .where(this_kind, ~stored.exists()))
        if sources is not None:
            stmt = stmt.where(answer.organisation_id.in_(sources))
        found.update(tuple(row) for row in db.session.execute(stmt))
    return sorted(found)


def _ranked_rows(kind: str, ranked: batch.Ranked, ids: dict[str, int],
                 progress: Callable[[Iterable], Iterable] | None) -> list[dict]:
    """The rows of a rebuild's lists, exactly as _rows() writes each list's Match objects (the lists ranked
    alone first, then the others in side order), straight from the columns."""
    rows = [row for source, matches in ranked.alone.items() for row in _rows(kind, ids[source], matches, ids)]
    targets = [ids.get(t) for t in ranked.targets.tolist()]
    scores, forward, backward, shared = (p.tolist() for p in (ranked.scores, ranked.forward, ranked.backward,
                                                              ranked.shared))
    track = scoring.rounded(ranked.track).tolist()  # round(track, 6), as _rows() stores it
    counts, positions = ranked.counts.tolist(), range(len(ranked.sources))
    start = 0
    for r in (progress(positions) if progress else positions):
        source, count = ranked.sources[r], counts[r]
        if count and source not in ranked.alone:
            org = ids[source]
            rows.extend({"kind": kind, "source_id": org, "target_id": targets[i], "rank": i - start + 1,
                         "score": scores[i], "forward": forward[i], "backward": backward[i],
                         "signals": {**scoring.NO_SIGNALS, "track": track[i], "shared": shared[i]}}
                        for i in range(start, start + count) if targets[i] is not None)
        start += count
    return rows


def _replace_lists(engine: Matcher, kind: str, sources: list[str], top: int) -> None:
    """Recompute and store the lists of `sources` (one lookup, one delete, one insert)."""
    if not sources:
        return
    ranked = engine.rank_many(sources, kind, top=top)
    ids = _org_ids({*sources, *(m.target for matches in ranked.values() for m in matches)})
    db.session.execute(delete(Suggestion).where(Suggestion.kind == kind,
                                                Suggestion.source_id.in_([ids[s] for s in sources if s in ids])))
    rows = [row for source, matches in ranked.items() if source in ids
            for row in _rows(kind, ids[source], matches, ids)]
    if rows:
        db.session.execute(db.insert(Suggestion), rows)
    _keep_answered(engine, kind, top, [ids[s] for s in sources if s in ids])


def refresh_organisation(organisation: Organisation, top: int = TOP_N) -> int:
    """After a create or edit: its own lists, and its place in every other list it enters or leaves.

    An organisation whose kind moved it to another side (a start-up that became an investor) loses its old
    lists and leaves the lists it no longer belongs to. Returns how many lists were recomputed. The vocabulary
    is not refitted (run a rebuild for that).
    """
    engine = matcher()
    (doc,) = profile_docs([organisation.id])
    engine.update([doc])
    db.session.execute(delete(Suggestion).where(Suggestion.source_id == organisation.id))
    recomputed = 0
    for kind in dict.fromkeys(kind for kind, _ in LISTS):
        affected = _listing(kind, organisation.id)
        for side in (side for k, side in LISTS if k == kind and TARGET_SIDE[(k, side)] == doc.side):
            affected |= _entering(engine, kind, side, doc, top)
        affected = sorted(a for a in affected - {doc.id} if a in engine.docs_)
        if TARGET_SIDE.get((kind, doc.side)):
            affected.append(doc.id)
        _replace_lists(engine, kind, affected, top)
        recomputed += len(affected)
    db.session.commit()
    return recomputed


def _listing(kind: str, target_org: int) -> set[str]:
    """Sources whose stored `kind` list holds the organisation."""
    source = db.aliased(Organisation)
    return {doc_id(i, e) for i, e in db.session.execute(
        db.select(source.id, source.external_id).join(Suggestion, Suggestion.source_id == source.id)
        .where(Suggestion.kind == kind, Suggestion.target_id == target_org))}


def _entering(engine: Matcher, kind: str, side: str, target: ProfileDoc, top: int) -> set[str]:
    """Sources on `side` whose list `target` may now enter: its exact score reaches the list's last stored
    score, or the list is not full."""
    rows = engine.side(side).rows
    if rows.size == 0:
        return set()
    index, w = engine.index_, engine.weights
    score = scoring.quick(w, *engine.as_target(side, target.id), engine.directions()[rows])
    if scoring.has_signals(target) or any(engine.docs_[index.ids_[r]].proximity != "anywhere" for r in rows.tolist()):
        for position, r in enumerate(rows.tolist()):  # the overlaps, exactly
            score[position] += scoring.overlap_score(w, scoring.structured(engine.docs_[index.ids_[r]], target))
    # The last score of every full list of this kind (ranks run 1..top, best first), by organisation id.
    floors = dict(db.session.execute(db.select(Suggestion.source_id, Suggestion.score).where(
        Suggestion.kind == kind, Suggestion.rank == top)).all())
    organisation = _organisation_ids(engine)
    return {doc for doc, exact in zip((index.ids_[r] for r in rows.tolist()), score.tolist())
            if exact >= floors.get(organisation.get(doc), float("-inf")) - 1e-6}


def _organisation_ids(engine: Matcher) -> dict[str, int]:
    """Engine ids -> organisation ids, kept with the engine (looked up again when a profile is new to it)."""
    cached = getattr(engine, "organisation_ids_", None)
    if cached is None or len(cached) < len(engine.docs_):
        cached = engine.organisation_ids_ = _org_ids()
    return cached


def stored_suggestions(organisation: Organisation, kind: str) -> list[tuple[Suggestion, Organisation]]:
    """The stored `kind` list of an organisation, best first, with the target organisations (their tags and long
    texts load only if a page asks for them: the suggestion cards show neither)."""
    return [tuple(row) for row in db.session.execute(_STORED, {"kind": kind, "source_id": organisation.id})]


_STORED = (  # built once: the suggestions page asks on every visit
    db.select(Suggestion, Organisation).join(Organisation, Organisation.id == Suggestion.target_id)
    .options(lazyload(Organisation.tags), defer(Organisation.description), defer(Organisation.offer),
             defer(Organisation.seek), defer(Organisation.keywords))
    .where(Suggestion.kind == bindparam("kind"), Suggestion.source_id == bindparam("source_id"))
    .order_by(Suggestion.rank))


def explainer(organisation: Organisation) -> Callable[[Suggestion, Organisation], Reasons]:
    """A function giving the reasons of one stored suggestion of `organisation` (explained by the engine as it is
    now; no reasons for a profile the engine does not know yet)."""
    engine = matcher()
    source = doc_id(organisation.id, organisation.external_id)
    names: dict[str, str] = {}

    def reasons(suggestion: Suggestion, target: Organisation) -> Reasons:
        signals = dict(suggestion.signals or {})
        track, shared = signals.pop("track", 0.0), signals.pop("shared", 0.0)
        match = Match(doc_id(target.id, target.external_id), suggestion.score, suggestion.forward,
                      suggestion.backward, track, signals, shared)
        known = source in engine.docs_ and match.target in engine.docs_
        return _with_partner_names(explain(engine, source, match), names) if known else Reasons()

    return reasons


def suggestions_for(organisation: Organisation, kind: str) -> list[tuple[Suggestion, Organisation, Reasons]]:
    """Stored suggestions with their target organisations and reasons (explained on the fly, 20 pairs)."""
    reasons = explainer(organisation)
    return [(suggestion, target, reasons(suggestion, target))
            for suggestion, target in stored_suggestions(organisation, kind)]
