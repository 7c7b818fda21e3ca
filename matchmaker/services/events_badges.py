"""Name badges for the event day: each participant's signed check-in token, the QR code that carries its address,
and the badge sheet's rows (current participants, filtered and sorted, never their e-mail addresses)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime, time, timezone
from zoneinfo import ZoneInfo

import segno
from flask import current_app
from itsdangerous import BadSignature, Signer
from markupsafe import Markup
from sqlalchemy import func, or_, select

from matchmaker.extensions import db
from matchmaker.models._common import as_utc
from matchmaker.models.event import Event, EventParticipant
from matchmaker.models.event_day import CheckIn
from matchmaker.models.organisation import Organisation

SALT = "event-badge-checkin"  # this signature serves badge check-in only (not mails, not invitations)
SORTS = ("organisation", "name")
MAX_QUERY = 100


def _signer() -> Signer:
    return Signer(current_app.config["SECRET_KEY"], salt=SALT)


def token_for(participant: EventParticipant) -> str:
    """The participant's check-in token, "<event>.<participant>.<signature>": the same for the participant's life
    (a badge printed weeks before stays valid), forged or altered ones fail the signature."""
    return _signer().sign(f"{participant.event_id}.{participant.id}").decode()


def participant_for(event: Event, token: str) -> EventParticipant | None:
    """The participant of `event` whose token this is; None for a tampered token or one of another event."""
    try:
        value = _signer().unsign(token.encode()).decode()
    except (BadSignature, UnicodeError):
        return None
    event_id, _, participant_id = value.partition(".")
    if event_id != str(event.id) or not participant_id.isdigit():
        return None
    participant = db.session.get(EventParticipant, int(participant_id))
    return participant if participant is not None and participant.event_id == event.id else None


def qr_svg(url: str, title: str = "") -> Markup:
    """`url` as an inline SVG QR code (error correction M, no size: the stylesheet sizes it; no style attribute, so
    the Content-Security-Policy allows it)."""
    return Markup(_svg(url, title))


@lru_cache(maxsize=2048)  # a pure function of its arguments; segno's mask choice takes ~15 ms a code
def _svg(url: str, title: str) -> str:
    code = segno.make(url, error="m", micro=False)
    return code.svg_inline(scale=1, border=2, omitsize=True, svgclass="qr-code", lineclass=None, title=title or None)


def arrived_at(participant: EventParticipant) -> datetime | None:
    """When the participant was checked in (UTC), else None."""
    moment = db.session.scalar(select(CheckIn.arrived_at).where(CheckIn.participant_id == participant.id))
    return as_utc(moment) if moment is not None else None


@dataclass(frozen=True)
class Badge:
    """One badge: who (name, organisation) and the participant behind it (for the token)."""

    participant: EventParticipant
    organisation: str


def since_moment(event: Event, day: date | None) -> datetime | None:
    """The start of `day` in the event's time zone, as UTC (the "added since" filter); None for no day."""
    if day is None:
        return None
    return datetime.combine(day, time(0, 0), ZoneInfo(event.time_zone)).astimezone(timezone.utc)


def badges(event: Event, query: str = "", sort: str = "organisation", participant_id: int | None = None,
           since: datetime | None = None) -> list[Badge]:
    """The event's current (not cancelled) participants as badges: one participant, or those whose name or
    organisation contains `query`, or those added since `since`; sorted by organisation then name, or by name."""
    where = [EventParticipant.event_id == event.id, EventParticipant.cancelled.is_(False)]
    if participant_id is not None:
        where.append(EventParticipant.id == participant_id)
    words = query.strip()[:MAX_QUERY].lower()
    if words:
        pattern = "%" + words.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where.append(or_(func.lower(EventParticipant.name).like(pattern, escape="\\"),
                         func.lower(Organisation.name).like(pattern, escape="\\")))
    if since is not None:
        where.append(EventParticipant.created_at >= since)
    org_key = func.lower(func.coalesce(Organisation.name, ""))
    order = [org_key, func.lower(EventParticipant.name)] if sort == "organisation" else \
        [func.lower(EventParticipant.name), org_key]
    rows = db.session.execute(select(EventParticipant, Organisation.name).outerjoin(
        Organisation, Organisation.id == EventParticipant.organisation_id).where(*where)
        .order_by(*order, EventParticipant.id))
    return [Badge(participant, organisation or "") for participant, organisation in rows]


def current_count(event: Event) -> int:
    """How many current (not cancelled) participants the event has."""
    return db.session.scalar(select(func.count(EventParticipant.id)).where(
        EventParticipant.event_id == event.id, EventParticipant.cancelled.is_(False))) or 0
