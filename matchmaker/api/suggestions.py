"""GET /api/v1/suggestions and POST /api/v1/suggestions/<id>/feedback: the same rules as the suggestions page."""
from __future__ import annotations

from typing import Literal

from flask import g
from pydantic import BaseModel, Field
from spectree import Response

from matchmaker.api import ApiError, ErrorOut, api_auth, bp, spec
from matchmaker.api.organisations import OrgOut, callers_organisation, org_out
from matchmaker.extensions import db
from matchmaker.matches import wording
from matchmaker.matches.kinds import kinds_for
from matchmaker.models import Organisation
from matchmaker.models.review import INVESTOR_REASONS, REASONS, TECH_REASONS
from matchmaker.services import review
from matchmaker.services.review_list import Item, ReviewFilters, load_tags, reranked, review_page

PAGE_SIZE = 20


class SuggestionsQuery(BaseModel):
    kind: Literal["tech-transfer", "investor"] | None = None
    state: Literal["new", "saved", "interested", "declined"] | None = None
    page: int = Field(1, ge=1)


class SuggestionOut(BaseModel):
    id: int
    rank: int = Field(description="The place in the list, which also follows your organisation's answers (interest "
                                  "and declines move similar partners up or down), so it can differ from the "
                                  "order of `score`.")
    score: float = Field(description=(
        "The match score of the pair: the engine's ranking score (text in both directions, track record on similar "
        "work, shared partners and the structured overlaps, incl. the investor ticket fit), rounded to 6 decimals, "
        "never below 0 (a round beyond an investor's tickets can take the engine's score below zero: it reads 0 "
        "and `rank` keeps the order); the same number as the suggestions page's 'match score' tooltip. Not a "
        "probability and not comparable across organisations; the page's words (strong / good / possible) weigh "
        "it with the evidence beyond the text."))
    state: Literal["new", "saved", "interested", "declined"]
    reasons: list[str]
    target: OrgOut


class SuggestionsOut(BaseModel):
    items: list[SuggestionOut]
    page: int
    pages: int
    total: int


class FeedbackIn(BaseModel):
    action: Literal["interested", "save", "decline", "undo"]
    reason: Literal[REASONS] | None = Field(None, description=(
        "Required to decline. Tech transfer: " + ", ".join(TECH_REASONS) + "; investors: " + ", ".join(
            INVESTOR_REASONS) + " (every code is accepted from anyone; 'other' needs a note)."))
    note: str = Field("", max_length=review.NOTE_MAX)


def item_out(item: Item) -> SuggestionOut:
    return SuggestionOut(id=item.suggestion.id, rank=item.rank, score=round(item.shown_score, 6), state=item.state,
                         reasons=[str(line) for line in wording.reason_lines(item.reasons)],
                         target=org_out(item.target, g.api_user))


@bp.get("/suggestions")
@api_auth
@spec.validate(resp=Response(HTTP_200=SuggestionsOut, HTTP_401=ErrorOut, HTTP_403=ErrorOut, HTTP_404=ErrorOut,
                             HTTP_422=ErrorOut), tags=["suggestions"])
def suggestions(query: SuggestionsQuery):
    """The caller's organisation's suggestions, re-ranked by its feedback; declined ones only with state=declined."""
    mine = callers_organisation()
    kinds = kinds_for(mine)
    kind = query.kind or next(iter(kinds), "tech-transfer")
    if kind not in kinds:
        raise ApiError(404, f"no {kind} suggestions for this kind of organisation")
    page = review_page(mine, kind, ReviewFilters(state=query.state or ""), query.page, PAGE_SIZE)
    load_tags(page.items)  # the sectors and areas of every item in one query
    return SuggestionsOut(items=[item_out(i) for i in page.items], page=page.page, pages=page.pages,
                          total=page.total)


@bp.post("/suggestions/<int:suggestion_id>/feedback")
@api_auth
@spec.validate(resp=Response(HTTP_200=SuggestionOut, HTTP_401=ErrorOut, HTTP_404=ErrorOut, HTTP_422=ErrorOut),
               tags=["suggestions"])
def feedback(suggestion_id: int, json: FeedbackIn):
    """Interested / save / decline (with a reason) / undo; the same request twice leaves one record."""
    suggestion = review.own_suggestion(g.api_user, suggestion_id)
    if suggestion is None:
        raise ApiError(404, "no such suggestion")  # another organisation's suggestion: as if it did not exist
    mine = db.session.get(Organisation, suggestion.source_id)
    try:
        review.give_feedback(mine, db.session.get(Organisation, suggestion.target_id), suggestion.kind,
                             json.action, g.api_user, json.reason, json.note)
    except review.ReviewError as exc:
        raise ApiError(422, str(exc)) from None
    return item_out(next(i for i in reranked(mine, suggestion.kind) if i.suggestion.id == suggestion.id))
