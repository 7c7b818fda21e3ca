"""Joining an organisation of the directory: a user without one asks; its members (or, when it has none, the
organisers and admins) are told and accept (the user becomes a member) or decline."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.models._common import utcnow
from matchmaker.models.membership import ACCEPTED, DECLINED, PENDING, WITHDRAWN, JoinRequest
from matchmaker.models.organisation import Organisation
from matchmaker.models.user import ADMIN, ORGANISER, User
from matchmaker.services import audit, org_names
from matchmaker.services.notifications import notify, notify_many

DECIDE_LINK = "/membership/requests"


class JoinError(Exception):
    """A refused join request or decision, with a code the web layer words."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def candidates(user: User) -> list[Organisation]:
    """The directory's organisations named like the one the user typed when registering."""
    return org_names.similar(user.joining_name) if user.joining_name else []


def requests_of(user: User) -> list[JoinRequest]:
    """The user's own join requests, newest first."""
    return list(db.session.execute(select(JoinRequest).where(JoinRequest.user_id == user.id)
                                   .order_by(JoinRequest.id.desc())).scalars())


def pending_requests_of(user: User) -> list[JoinRequest]:
    """The user's join requests still waiting for an answer, oldest first."""
    return list(db.session.execute(select(JoinRequest).where(JoinRequest.user_id == user.id,
                                                             JoinRequest.state == PENDING)
                                   .order_by(JoinRequest.id)).scalars())


def deciders(organisation: Organisation) -> list[User]:
    """Who decides: the organisation's active members; if it has none, the active organisers and admins."""
    members = list(db.session.execute(select(User).where(
        User.organisation_id == organisation.id, User.active.is_(True))).scalars())
    return members or list(db.session.execute(select(User).where(
        User.role.in_((ORGANISER, ADMIN)), User.active.is_(True))).scalars())


def _has_members(organisation_id: int) -> bool:
    return db.session.execute(select(User.id).where(User.organisation_id == organisation_id,
                                                    User.active.is_(True)).limit(1)).first() is not None


def may_decide(user: User, request: JoinRequest) -> bool:
    """The organisation's members decide; admins may always; organisers only for an organisation without members
    (an organiser may not edit a profile that has members, so may not add people to it either). Nobody decides
    their own request."""
    if request.user_id == user.id:
        return False
    if user.organisation_id == request.organisation_id or user.role == ADMIN:
        return True
    return user.role == ORGANISER and not _has_members(request.organisation_id)


def ask(user: User, organisation: Organisation) -> JoinRequest:
    """Ask to join `organisation` (only without an organisation; one pending request per organisation); the
    deciders are notified. Committed; raises JoinError."""
    if user.organisation_id is not None:
        raise JoinError("has_organisation")
    request = JoinRequest(user_id=user.id, organisation_id=organisation.id)
    db.session.add(request)
    try:
        db.session.commit()
    except IntegrityError:  # the partial unique index: a pending request to that organisation exists
        db.session.rollback()
        raise JoinError("already_asked") from None
    notify_many(deciders(organisation), "join_requested", {"name": user.name, "organisation": organisation.name},
                DECIDE_LINK)
    return request


def to_decide(user: User) -> list[JoinRequest]:
    """Pending requests `user` may decide (may_decide), oldest first."""
    query = select(JoinRequest).where(JoinRequest.state == PENDING, JoinRequest.user_id != user.id)
    if user.role == ORGANISER:
        members = select(User.id).where(User.organisation_id == JoinRequest.organisation_id, User.active.is_(True))
        query = query.where((JoinRequest.organisation_id == user.organisation_id) | ~members.exists())
    elif user.role != ADMIN:
        if user.organisation_id is None:
            return []
        query = query.where(JoinRequest.organisation_id == user.organisation_id)
    return list(db.session.execute(query.order_by(JoinRequest.id)).scalars())


def decide(decider: User, request: JoinRequest, accept: bool) -> None:
    """Accept (the requester becomes a member; their other pending requests are withdrawn) or decline; the
    requester is told. Committed; raises JoinError."""
    if not may_decide(decider, request):
        raise JoinError("not_allowed")
    if request.state != PENDING:
        raise JoinError("already_decided")
    requester = request.user
    if accept and requester.organisation_id is not None:
        raise JoinError("has_organisation")
    request.state, request.decided_at, request.decided_by_id = (ACCEPTED if accept else DECLINED), utcnow(), decider.id
    if accept:
        requester.organisation_id, requester.joining_name = request.organisation_id, None
        for other in db.session.execute(select(JoinRequest).where(
                JoinRequest.user_id == requester.id, JoinRequest.state == PENDING,
                JoinRequest.id != request.id)).scalars():
            other.state = WITHDRAWN
    if decider.organisation_id != request.organisation_id:  # an organiser's or admin's change to others' data
        audit.record(decider, "join", requester.email, organisation=request.organisation.name, accepted=accept)
    db.session.commit()
    notify(requester, "join_accepted" if accept else "join_declined",
           {"name": decider.name, "organisation": request.organisation.name},
           f"/profiles/{request.organisation_id}" if accept else "/membership/join")
