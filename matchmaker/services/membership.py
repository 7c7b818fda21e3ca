"""Joining an organisation of the directory: a user without one asks; its members (or, when it has none, the
organisers and admins) are told and accept (the user becomes a member) or decline."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.models._common import utcnow
from matchmaker.models.membership import ACCEPTED, DECLINED, PENDING, WITHDRAWN, JoinRequest
from matchmaker.models.notification import Notification
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
    return org_names.meant(user.joining_name) if user.joining_name else []


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


def has_members(organisation_id: int) -> bool:
    """Whether the organisation has active members (who then decide who joins it)."""
    return db.session.execute(select(User.id).where(User.organisation_id == organisation_id,
                                                    User.active.is_(True)).limit(1)).first() is not None


def memberless(organisation_ids) -> set[int]:
    """Those of the organisations without active members: the cluster's organisers decide who joins them."""
    ids = set(organisation_ids)
    if not ids:
        return set()
    with_members = set(db.session.execute(select(User.organisation_id).where(
        User.organisation_id.in_(ids), User.active.is_(True))).scalars())
    return ids - with_members


def may_decide(user: User, request: JoinRequest) -> bool:
    """The organisation's members decide; admins may always; organisers only for an organisation without members
    (an organiser may not edit a profile that has members, so may not add people to it either). Nobody decides
    their own request."""
    if request.user_id == user.id:
        return False
    if user.organisation_id == request.organisation_id or user.role == ADMIN:
        return True
    return user.role == ORGANISER and not has_members(request.organisation_id)


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
    notify_many(deciders(organisation), "join_requested",
                {"name": user.name, "organisation": organisation.name, "request": request.id}, DECIDE_LINK)
    return request


def _decidable(user: User, *states: str):
    """The query of the requests in `states` that `user` may decide (may_decide), or None when there are none."""
    query = select(JoinRequest).where(JoinRequest.state.in_(states), JoinRequest.user_id != user.id)
    if user.role == ORGANISER:
        members = select(User.id).where(User.organisation_id == JoinRequest.organisation_id, User.active.is_(True))
        query = query.where((JoinRequest.organisation_id == user.organisation_id) | ~members.exists())
    elif user.role != ADMIN:
        if user.organisation_id is None:
            return None
        query = query.where(JoinRequest.organisation_id == user.organisation_id)
    return query


def to_decide(user: User) -> list[JoinRequest]:
    """Pending requests `user` may decide (may_decide), oldest first."""
    query = _decidable(user, PENDING)
    return [] if query is None else list(db.session.execute(query.order_by(JoinRequest.id)).scalars())


def recently_decided(user: User, limit: int = 10) -> list[JoinRequest]:
    """The latest requests answered among those `user` could decide, newest first (so that the requests page says
    what became of a request someone else answered)."""
    query = _decidable(user, ACCEPTED, DECLINED)
    return [] if query is None else list(db.session.execute(
        query.order_by(JoinRequest.decided_at.desc(), JoinRequest.id.desc()).limit(limit)).scalars())


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
    _resolve_notes(request, decider, accept)
    if accept:
        requester.organisation_id, requester.joining_name = request.organisation_id, None
        withdrawn = list(db.session.execute(select(JoinRequest).where(
            JoinRequest.user_id == requester.id, JoinRequest.state == PENDING,
            JoinRequest.id != request.id)).scalars())
        for other in withdrawn:
            other.state = WITHDRAWN
        _forget_notes(withdrawn)
    if decider.organisation_id != request.organisation_id:  # an organiser's or admin's change to others' data
        audit.record(decider, "join", requester.email, organisation=request.organisation.name, accepted=accept)
    db.session.commit()
    notify(requester, "join_accepted" if accept else "join_declined",
           {"name": decider.name, "organisation": request.organisation.name},
           f"/profiles/{request.organisation_id}" if accept else "/membership/join")


def _notes_about(requests: list[JoinRequest]) -> list[Notification]:
    """The deciders' "asks to join" notifications about these requests (by the request's id; one stored before
    the id was kept, by the requester's and the organisation's names)."""
    if not requests:
        return []
    ids = {r.id for r in requests}
    names = {(r.user.name, r.organisation.name) for r in requests}
    notes = db.session.execute(select(Notification).where(Notification.code == "join_requested")).scalars()
    return [n for n in notes if (n.params or {}).get("request") in ids
            or ("request" not in (n.params or {}) and ((n.params or {}).get("name"),
                                                       (n.params or {}).get("organisation")) in names)]


def _resolve_notes(request: JoinRequest, decider: User, accept: bool) -> None:
    """Once answered, the request's notifications say who answered and how (read: nothing is left to do), and
    link to the organisation's profile instead of an empty requests page."""
    for note in _notes_about([request]):
        note.code = "join_request_accepted" if accept else "join_request_declined"
        note.params = {**note.params, "decider": decider.name, "request": request.id}
        note.link = f"/profiles/{request.organisation_id}"
        note.read_at = note.read_at or utcnow()


def _forget_notes(requests: list[JoinRequest]) -> None:
    """Requests nobody will answer any more (withdrawn, or their requester is gone): their notifications go."""
    for note in _notes_about(requests):
        db.session.delete(note)


def forget_requests_of(user: User) -> None:
    """Before `user`'s account is deleted: the notifications of their pending requests go (not committed; the
    requests themselves go with the account)."""
    _forget_notes(pending_requests_of(user))
