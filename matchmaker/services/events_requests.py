"""The organisers' list of an event's meeting requests: filtered by state, a page at a time, with counts."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from matchmaker.extensions import db
from matchmaker.models.event import Event, EventParticipant
from matchmaker.models.event_meeting import ACTIVE, REQUEST_STATES, Meeting, MeetingRequest
from matchmaker.scheduling import Priority

PER_PAGE = 100


@dataclass
class RequestPage:
    """One page of requests, how many match the filter, how many there are in each state, the page numbers."""

    rows: list[MeetingRequest]
    total: int
    by_state: dict[str, int]
    page: int
    pages: int
    forced: frozenset[int] = frozenset()  # requests the organisers forced after the participants asked


def request_page(event: Event, state: str = "", page: int = 1, per_page: int = PER_PAGE) -> RequestPage:
    """The event's requests newest first, only those in `state` if it is one of REQUEST_STATES."""
    by_state = dict(db.session.execute(select(MeetingRequest.state, func.count()).where(
        MeetingRequest.event_id == event.id).group_by(MeetingRequest.state)).all())
    query = select(MeetingRequest).where(MeetingRequest.event_id == event.id)
    if state in REQUEST_STATES:
        query = query.where(MeetingRequest.state == state)
    total = by_state.get(state, 0) if state in REQUEST_STATES else sum(by_state.values())
    pages = max(1, -(-total // per_page))
    page = min(max(page, 1), pages)
    people = (joinedload(MeetingRequest.requester).joinedload(EventParticipant.organisation),
              joinedload(MeetingRequest.target).joinedload(EventParticipant.organisation))
    rows = db.session.execute(query.options(*people).order_by(MeetingRequest.id.desc())
                              .offset((page - 1) * per_page).limit(per_page)).scalars().all()
    asked = [r.id for r in rows if not r.by_organisers]
    forced = frozenset(db.session.execute(select(Meeting.request_id).where(
        Meeting.request_id.in_(asked), Meeting.state == ACTIVE, Meeting.priority >= int(Priority.FORCED))).scalars()
                       ) if asked else frozenset()
    return RequestPage(list(rows), total, by_state, page, pages, forced)
