"""An organisation's suggestions to review: filtered, re-ranked by its own feedback, paged, with each state."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cached_property, partial
from math import ceil

from sqlalchemy import bindparam, or_, select
from sqlalchemy.orm import selectinload

from matchmaker import page_cache
from matchmaker.extensions import db
from matchmaker.matching import feedback as rerank_engine
from matchmaker.matching.reasons import Reasons
from matchmaker.models import Feedback, Interest, Organisation, OrganisationTag, Suggestion
from matchmaker.models.review import DECLINED, INTERESTED
from matchmaker.search import index as search_index
from matchmaker.services.matching import doc_id
from matchmaker.services.engine import ready as engine_ready
from matchmaker.services.review_filters import (  # noqa: F401  (AMOUNTS, STATE_FILTERS, ReviewFilters: used from here)
    AMOUNTS, NEW, STATE_FILTERS, ReviewFilters, matching_targets)
from matchmaker.services.suggestions import explainer, matcher, stored_suggestions
from matchmaker.taxonomy import THERAPEUTIC_AREAS

PAGE_SIZE = 10


@dataclass
class Item:
    """One suggestion as the reviewer sees it (its reasons are explained when first asked for: a page of ten
    pays for ten, not for every stored suggestion)."""

    suggestion: Suggestion
    target: Organisation
    score: float  # the engine's match score of the pair (stored; the card's tooltip and the API's "score")
    rank: int
    state: str = NEW
    feedback: Feedback | None = None
    they_are_interested: bool = False
    explain: Callable[[], Reasons] = field(default=Reasons, repr=False, compare=False)
    cap: Callable[[], str] = field(default=lambda: "strong", repr=False, compare=False)  # see cap_strengths
    adjusted: float | None = None  # the score after the organisation's feedback, which orders the list

    @property
    def connected(self) -> bool:
        """Both organisations said interested: a connection (double opt-in), each sees the other's contact."""
        return self.state == INTERESTED and self.they_are_interested

    @property
    def shown_score(self) -> float:
        """The match score as the card's tooltip and the API show it: never below 0 (a round beyond an investor's
        tickets takes its ticket weight off and can leave the stored score negative; "match score -0.13" would read
        as an error). The list's order and `rank` still follow the stored score."""
        return max(self.score, 0.0)

    @property
    def order(self) -> float:
        """What the list is ordered by: the score after feedback (the match score when there is none)."""
        return self.score if self.adjusted is None else self.adjusted

    @cached_property
    def evidence(self) -> Reasons:
        """Why the pair matches, as the engine says it (strength on the pair's own evidence)."""
        return self.explain()

    @cached_property
    def reasons(self) -> Reasons:
        """Why the pair matches (the engine's codes, worded by the web layer), the strength capped by the list."""
        own, cap = self.evidence, self.cap()
        return own if weaker(own.strength, cap) == own.strength else replace(own, strength=cap)


_LEVEL = {"possible": 0, "good": 1, "strong": 2}


def weaker(a: str, b: str) -> str:
    """The weaker of two strengths ("good" of "good" and "strong")."""
    return a if _LEVEL[a] <= _LEVEL[b] else b


def capped(ordered: list[Reasons]) -> list[Reasons]:
    """The reasons of a list in its order, each strength at most the weakest above it: cap_strengths' rule for a list
    whose reasons are at hand (an event's suggested meetings), so no "Strong" sits below a "Good"."""
    result, cap = [], "strong"
    for reasons in ordered:
        cap = weaker(reasons.strength, cap)
        result.append(reasons if reasons.strength == cap else replace(reasons, strength=cap))
    return result


class _Caps:
    """The weakest strength above each position of an ordered list, worked out only as far as asked (each item's
    own strength kept per suggestion and engine version, so a page does not explain again what it explained)."""

    def __init__(self, items: list[Item]):
        self.items, self.running = items, ["strong"]

    def at(self, position: int) -> str:
        while len(self.running) <= position:
            last = self.running[-1]
            if last == "possible":  # nothing below can read stronger: no need to explain further
                return last
            self.running.append(weaker(_own_strength(self.items[len(self.running) - 1]), last))
        return self.running[position]


def _own_strength(item: Item) -> str:
    from matchmaker import page_cache
    from matchmaker.services.engine import loaded_version

    s = item.suggestion
    key = (s.id, s.source_id, s.target_id, s.score, s.forward, s.backward, repr(sorted((s.signals or {}).items())),
           loaded_version())
    return page_cache.cached("suggestion-strength", key, lambda: item.evidence.strength)


def cap_strengths(items: list[Item], upto: int) -> None:
    """Make the labels agree with the order: no item of `items[:upto]` reads stronger than one ranked above it
    (its `cap`, worked out when its reasons are first asked for)."""
    caps = _Caps(items)
    for position, item in enumerate(items[:upto]):
        item.cap = partial(caps.at, position)


@dataclass(frozen=True)
class Offered:
    """What the partners listed are (those the state filter shows, before the other filters): the kinds, sectors,
    therapeutic areas (tagged or said in their texts), regions and countries the filters offer (a walk: drop-downs of
    every directory country and sector, most of them giving "No suggestion matches", and a declined partner's
    country still offered while the declined were hidden)."""

    kinds: frozenset[str] = frozenset()
    sectors: tuple[str, ...] = ()
    areas: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()

    @classmethod
    def of(cls, items: list[Item], investors: bool = False) -> Offered:
        """Kept per data stamp and partners (two statements, run again only when a profile or the list changes)."""
        targets = [i.target for i in items]
        return page_cache.cached("suggestion-offered", (tuple(t.id for t in targets), investors),
                                 lambda: cls._of(targets, investors))

    @classmethod
    def _of(cls, targets: list[Organisation], investors: bool) -> Offered:
        ids = [t.id for t in targets]
        facets = ("sector", "investor_sector") if investors else ("sector",)  # as matching_targets filters them
        sectors = set(db.session.execute(select(OrganisationTag.code).distinct().where(
            OrganisationTag.organisation_id.in_(ids), OrganisationTag.facet.in_(facets))).scalars()) if ids else set()
        area_terms = {search_index.filter_term("therapeutic_area", code): code for code in THERAPEUTIC_AREAS.codes()}
        areas = search_index.terms_among(db.session.connection(), list(area_terms), ids)
        return cls(frozenset(t.kind for t in targets), tuple(sorted(sectors)),
                   tuple(sorted(area_terms[term] for term in areas)),
                   tuple(sorted({t.region for t in targets if t.region})),
                   tuple(sorted({t.country for t in targets if t.country})))


@dataclass
class ReviewPage:
    """One page of items, the page numbers, how many match the filters and how many are left to review."""

    items: list[Item]
    page: int
    pages: int
    total: int
    left: int
    history: dict = field(default_factory=dict)
    shown: list[Item] = field(default_factory=list)  # those the state filter shows, before the other filters


# Built once: the suggestions page asks both on every visit.
_ANSWERS = select(Feedback).where(Feedback.organisation_id == bindparam("org"), Feedback.kind == bindparam("kind"))
_INTEREST = select(Interest.organisation_id, Interest.target_id).where(
    or_(Interest.organisation_id == bindparam("org"), Interest.target_id == bindparam("org")))


def _answers(organisation: Organisation, kind: str) -> dict[int, Feedback]:
    return {f.target_id: f for f in db.session.execute(_ANSWERS, {"org": organisation.id, "kind": kind}).scalars()}


def reranked(organisation: Organisation, kind: str) -> list[Item]:
    """Every stored suggestion of `kind` with its state, in the order the organisation's feedback gives."""
    answers = _answers(organisation, kind)
    interested_from_profiles, towards_us = set(), set()  # both directions in one query
    for source, target in db.session.execute(_INTEREST, {"org": organisation.id}):
        if source == organisation.id:
            interested_from_profiles.add(target)
        if target == organisation.id:
            towards_us.add(source)
    items, reasons = [], explainer(organisation)
    for suggestion, target in stored_suggestions(organisation, kind):
        answer = answers.get(target.id)
        state = answer.state if answer else INTERESTED if target.id in interested_from_profiles else NEW
        items.append(Item(suggestion, target, suggestion.score, suggestion.rank, state, answer,
                          target.id in towards_us, partial(reasons, suggestion, target)))
    states = {t: a.state for t, a in answers.items()}
    for target_id in interested_from_profiles:
        states.setdefault(target_id, INTERESTED)
    _apply_feedback(organisation, items, states, {t: a.reason for t, a in answers.items()})
    return items


def _apply_feedback(organisation: Organisation, items: list[Item], states: dict[int, str],
                    reasons: dict[int, str | None]) -> None:
    """Re-order `items` in place by the pure re-ranking (no-op without answers or a fitted engine)."""
    answered = [t for t, s in states.items() if s in (INTERESTED, DECLINED)]
    if not answered or not items or not engine_ready():
        return  # (without a stored engine, explainer() has already queued the rebuild)
    engine = matcher()
    ids = {i: doc_id(i, e) for i, e in db.session.execute(
        select(Organisation.id, Organisation.external_id).where(Organisation.id.in_(answered)))}
    position = engine.index_.position_
    known = [t for t in answered if ids.get(t) in position]
    candidates = [i for i in items if doc_id(i.target.id, i.target.external_id) in position]
    if not known or not candidates:
        return
    vectors = engine.index_.offer_
    answers = [rerank_engine.Answer(row, states[t], reasons.get(t)) for row, t in enumerate(known)]
    order = rerank_engine.rerank(
        [str(n) for n in range(len(candidates))], [i.score for i in candidates],
        vectors[[position[doc_id(i.target.id, i.target.external_id)] for i in candidates]],
        vectors[[position[ids[t]] for t in known]], answers)
    for rank, (n, score) in enumerate(order, start=1):
        candidates[int(n)].adjusted, candidates[int(n)].rank = score, rank
    ranked = sorted(candidates, key=lambda i: i.rank) + [i for i in items if i not in candidates]
    items[:] = ranked


def review_page(organisation: Organisation, kind: str, filters: ReviewFilters, page: int = 1,
                size: int = PAGE_SIZE) -> ReviewPage:
    """One page of the organisation's suggestions: filtered, declined hidden unless asked for, re-ranked."""
    items = reranked(organisation, kind)
    left = sum(1 for i in items if i.state == NEW)
    allowed = matching_targets(organisation, kind, filters) if filters.active() else None
    shown = [i for i in items if (i.state == filters.state if filters.state else i.state != DECLINED)]
    chosen = [i for i in shown if allowed is None or i.target.id in allowed]
    pages = max(1, ceil(len(chosen) / size))
    page = min(max(page, 1), pages)
    cap_strengths(chosen, page * size)
    return ReviewPage(chosen[(page - 1) * size:page * size], page, pages, len(chosen), left,
                      shown=shown)


def load_tags(items: list[Item]) -> None:
    """The tags of the items' organisations in one query (the suggestions are loaded without them: the cards do not
    show them, the API does)."""
    ids = [item.target.id for item in items]
    if ids:
        db.session.execute(select(Organisation).where(Organisation.id.in_(ids))
                           .options(selectinload(Organisation.tags))).all()


def queue_item(organisation: Organisation, kind: str, skip: int = 0, first: int | None = None
               ) -> tuple[Item | None, int]:
    """The review queue: the suggestions not answered yet, strongest then newest first; returns suggestion `first`
    if it is among them (an answer just undone comes back), else the one after `skip` skipped ones (wrapping
    round), and how many are left."""
    fresh = [i for i in reranked(organisation, kind) if i.state == NEW]
    fresh.sort(key=lambda i: (-round(i.order, 9), -(i.suggestion.computed_at.timestamp()
                                                    if i.suggestion.computed_at else 0)))
    if not fresh:
        return None, 0
    at = next((n for n, i in enumerate(fresh) if i.suggestion.id == first), skip % len(fresh))
    cap_strengths(fresh, at + 1)
    return fresh[at], len(fresh)
