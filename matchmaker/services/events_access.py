"""Who may do what in an event: its organisers (and admins) run it, its participants see their own part."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models.event import DRAFT, Event, EventOrganiser, EventParticipant
from matchmaker.models.user import User

ORGANISER, PARTICIPANT, ADMIN = "organiser", "participant", "admin"  # ADMIN: events_with_role only


def role(user: User | None, event: Event) -> str | None:
    """"organiser" for the event's organisers and admins, "participant" for its participants, else None (also for
    the participants of an event still in draft: it is the organisers' until it opens)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if user.is_admin or db.session.execute(select(EventOrganiser.id).where(
            EventOrganiser.event_id == event.id, EventOrganiser.user_id == user.id)).first():
        return ORGANISER
    if event.status != DRAFT and db.session.execute(select(EventParticipant.id).where(
            EventParticipant.event_id == event.id, EventParticipant.user_id == user.id,
            EventParticipant.cancelled.is_(False))).first():
        return PARTICIPANT
    return None


def events_of(user: User) -> list[tuple[Event, str]]:
    """The events the user organises or takes part in (not in draft), with their role (admins: every event)."""
    if user.is_admin:
        return [(e, ORGANISER) for e in db.session.execute(select(Event).order_by(Event.id)).scalars()]
    organised = set(db.session.execute(select(EventOrganiser.event_id).where(EventOrganiser.user_id == user.id))
                    .scalars())
    joined = set(db.session.execute(select(EventParticipant.event_id).where(
        EventParticipant.user_id == user.id, EventParticipant.cancelled.is_(False))).scalars())
    ids = organised | joined
    rows = db.session.execute(select(Event).where(Event.id.in_(ids)).order_by(Event.id)).scalars() if ids else []
    return [(e, ORGANISER if e.id in organised else PARTICIPANT) for e in rows
            if e.id in organised or e.status != DRAFT]


def events_with_role(user: User) -> list[tuple[Event, str]]:
    """The events of `events_of` with the role to show: an admin's events they were not added to as organisers
    are ADMIN (an admin may manage every event, but organises only those), whether or not they take part."""
    mine = events_of(user)
    if not user.is_admin or not mine:
        return mine
    organised = set(db.session.execute(select(EventOrganiser.event_id).where(
        EventOrganiser.user_id == user.id)).scalars())
    return [(event, ORGANISER if event.id in organised else ADMIN) for event, _who in mine]


def _spans():
    """Each event's first slot start and last slot end (a subquery: event_id, start, end)."""
    from matchmaker.models.event import EventSlot

    return select(EventSlot.event_id, db.func.min(EventSlot.starts_at).label("start"),
                  db.func.max(EventSlot.ends_at).label("end")).group_by(EventSlot.event_id).subquery()


def _not_over(spans):
    """An event is not over while it has no slot or its last slot ends in the future."""
    from matchmaker.models._common import utcnow

    return db.or_(spans.c.end.is_(None), spans.c.end > utcnow())


def open_events() -> list[Event]:
    """Upcoming events a member may register for (registration or requests open, not over), soonest first."""
    from matchmaker.models.event import REGISTRATION, REQUESTS

    spans = _spans()
    rows = db.session.execute(select(Event).outerjoin(spans, spans.c.event_id == Event.id)
                              .where(Event.status.in_((REGISTRATION, REQUESTS)), _not_over(spans))
                              .order_by(spans.c.start.is_(None), spans.c.start, Event.id)).scalars()
    return list(rows)


def next_event(user: User) -> tuple[Event, str | None, datetime | None] | None:
    """For the home page: the user's next event that is not closed (soonest first slot), with their role and its
    start; else the soonest event open for registration (role None); else None."""
    from matchmaker.models.event import CLOSED, EventSlot

    def start(event: Event) -> datetime | None:
        return db.session.scalar(select(db.func.min(EventSlot.starts_at)).where(EventSlot.event_id == event.id))

    def soonest(candidates: list[tuple[Event, str | None]]):
        dated = [(start(event), event, who) for event, who in candidates]
        dated.sort(key=lambda item: (item[0] is None, item[0] or datetime.max, item[1].id))
        return (dated[0][1], dated[0][2], dated[0][0]) if dated else None

    mine = [(event, who) for event, who in events_of(user) if event.status != CLOSED]
    return soonest(mine) or soonest([(event, None) for event in open_events()])


def organised_events(user: User, limit: int = 50) -> list[tuple[Event, datetime | None, datetime | None, bool]]:
    """The events the user organises (admins: every event) as (event, first slot start, last slot end, upcoming):
    upcoming ones (not closed, not over) soonest first, then the others, latest first."""
    from matchmaker.models._common import as_utc, utcnow
    from matchmaker.models.event import CLOSED

    spans = _spans()
    upcoming_sql = db.and_(Event.status != CLOSED, _not_over(spans))
    query = select(Event, spans.c.start, spans.c.end, upcoming_sql).outerjoin(spans, spans.c.event_id == Event.id)
    if not user.is_admin:
        query = query.join(EventOrganiser, EventOrganiser.event_id == Event.id).where(EventOrganiser.user_id == user.id)
    rows = [(event, start and as_utc(start), end and as_utc(end), bool(up))
            for event, start, end, up in db.session.execute(query)]
    return upcoming_first(rows, utcnow())[:limit]


def upcoming_first(rows: list[tuple], now: datetime) -> list[tuple]:
    """Rows (event, start, end, upcoming, ...): the upcoming ones soonest first, then the others, latest first."""
    upcoming = sorted((row for row in rows if row[3]), key=lambda row: (row[1] is None, row[1] or now, row[0].id))
    others = sorted((row for row in rows if not row[3]), key=lambda row: (row[1] or now, row[0].id), reverse=True)
    return upcoming + others


def my_events(user: User) -> list[tuple[Event, datetime | None, datetime | None, bool, str]]:
    """The events of `events_with_role` as (event, first slot start, last slot end, upcoming, role), upcoming ones
    (not closed, not over) soonest first, then the others, latest first."""
    from matchmaker.models._common import as_utc, utcnow
    from matchmaker.models.event import CLOSED

    mine = dict((event.id, who) for event, who in events_with_role(user))
    if not mine:
        return []
    spans = _spans()
    query = select(Event, spans.c.start, spans.c.end, db.and_(Event.status != CLOSED, _not_over(spans))).outerjoin(
        spans, spans.c.event_id == Event.id).where(Event.id.in_(mine))
    rows = [(event, start and as_utc(start), end and as_utc(end), bool(up), mine[event.id])
            for event, start, end, up in db.session.execute(query)]
    return upcoming_first(rows, utcnow())
