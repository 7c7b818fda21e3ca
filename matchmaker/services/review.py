"""Reviewing suggestions: interested / save / decline / undo, interest, double opt-in connections, withdrawal.

Every action is idempotent: the same action twice leaves one row (unique constraints in the database, and a
savepoint that turns a concurrent duplicate insert into an update).
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, delete, exists, or_, select
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.models import (Connection, Feedback, FeedbackEvent, Interest, Notification, Organisation, Suggestion,
                               User)
from matchmaker.models._common import utcnow
from matchmaker.models.review import DECLINED, INTERESTED, REASONS, SAVED

ACTIONS = ("interested", "save", "decline", "undo")
STATE_OF = {"interested": INTERESTED, "save": SAVED, "decline": DECLINED}
NOTE_MAX = 2000


class ReviewError(ValueError):
    """An action the user asked for that cannot be done (bad reason, own organisation, ...)."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Outcome:
    """What an action changed: the answer now stored (None after undo) and whether the pair is connected."""

    feedback: Feedback | None
    connected: bool
    newly_connected: bool = False


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def connection_between(a: int, b: int, active_only: bool = True) -> Connection | None:
    """The connection row of two organisations (only a live one unless `active_only` is false)."""
    low, high = _pair(a, b)
    stmt = select(Connection).where(Connection.low_id == low, Connection.high_id == high)
    if active_only:
        stmt = stmt.where(Connection.withdrawn_at.is_(None))
    return db.session.execute(stmt).scalar_one_or_none()


def is_connected(a: int | None, b: int | None) -> bool:
    """True when two organisations are connected now."""
    return a is not None and b is not None and a != b and connection_between(a, b) is not None


def may_see_contact(user: User, organisation: Organisation, connected: bool | None = None) -> bool:
    """The one rule for contact details, used by every page and API response: the organisation made them public,
    the viewer is its member, an organiser or admin, or the viewer's organisation is connected with it
    (`connected`: whether it is, when the caller has just read it; asked otherwise)."""
    if organisation.contact_public:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_organiser or user.organisation_id == organisation.id:
        return True
    return is_connected(user.organisation_id, organisation.id) if connected is None else connected


def _upsert(model, keys: dict, values: dict):
    """Insert a row, or update the one with the same unique `keys` (also when another request inserts it
    between our read and our write)."""
    stmt = select(model).filter_by(**keys)
    row = db.session.execute(stmt).scalar_one_or_none()
    if row is None:
        try:
            with db.session.begin_nested():
                row = model(**keys, **values)
                db.session.add(row)
            return row, True
        except IntegrityError:
            row = db.session.execute(stmt).scalar_one()
    for key, value in values.items():
        setattr(row, key, value)
    return row, False


def _log(organisation_id: int, target_id: int, kind: str, action: str, user: User | None,
         reason: str | None = None, note: str = "") -> None:
    db.session.add(FeedbackEvent(organisation_id=organisation_id, target_id=target_id, kind=kind, action=action,
                                 reason=reason, note=note, user_id=user.id if user else None))


def _check(organisation: Organisation, target: Organisation) -> None:
    if organisation.id == target.id:
        raise ReviewError("own_organisation", "An organisation cannot answer about itself.")


def give_feedback(organisation: Organisation, target: Organisation, kind: str, action: str, user: User | None,
                  reason: str | None = None, note: str = "") -> Outcome:
    """Record interested / save / decline (with a reason) / undo about `target` in the `kind` list; commits."""
    _check(organisation, target)
    if action not in ACTIONS:
        raise ReviewError("bad_action", f"Unknown action {action!r}.")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise ReviewError("note_too_long", f"The note is longer than {NOTE_MAX} characters.")
    if action == "decline":
        if reason not in REASONS:
            raise ReviewError("bad_reason", "Choose a reason for declining.")
        if reason == "other" and not note:
            raise ReviewError("note_required", "Say why in a few words when the reason is 'other'.")
    else:
        reason = None
    keys = {"organisation_id": organisation.id, "target_id": target.id, "kind": kind}
    before = db.session.execute(select(Feedback).filter_by(**keys)).scalar_one_or_none()
    previous = before.state if before else None
    if action == "save" and previous == INTERESTED:  # saving would quietly take the interest back: undo it first
        raise ReviewError("save_interested", "The interest is expressed: undo it before saving for later.")
    if action == "undo":
        db.session.execute(delete(Feedback).filter_by(**keys))
        row = None
    else:
        row, _ = _upsert(Feedback, keys, {"state": STATE_OF[action], "reason": reason, "note": note,
                                          "user_id": user.id if user else None})
    unchanged = (previous == (row.state if row else None)) and (row is None or (before.reason, before.note) == (
        reason, note))
    if not unchanged:
        _log(organisation.id, target.id, kind, action, user, reason, note)
    outcome_connected, newly, outbox = False, False, []
    if action == "interested":
        outcome_connected, newly = _add_interest(organisation, target, user, outbox)
    elif previous == INTERESTED or has_interest(organisation.id, target.id):  # any other answer takes it back
        _remove_interest(organisation, target, outbox)
    else:
        outcome_connected = is_connected(organisation.id, target.id)
    db.session.commit()
    _send(outbox)
    return Outcome(row, outcome_connected, newly)


Outbox = list[tuple[Organisation, str, dict, int]]  # notifications to send once the transaction is committed


def _add_interest(organisation: Organisation, target: Organisation, user: User | None,
                  outbox: Outbox) -> tuple[bool, bool]:
    """Store the interest; connect when the other side is interested too. Returns (connected, newly)."""
    _, created = _upsert(Interest, {"organisation_id": organisation.id, "target_id": target.id},
                         {"user_id": user.id if user else None})
    mutual = db.session.execute(select(Interest.id).where(
        Interest.organisation_id == target.id, Interest.target_id == organisation.id)).first() is not None
    if not mutual:
        if created:  # only when it does not connect: an answer that connects says "connected", nothing else
            outbox.append((target, "interest_received", {"name": organisation.name}, organisation.id))
        return False, False
    low, high = _pair(organisation.id, target.id)
    existing = connection_between(low, high, active_only=False)
    if existing is not None and existing.withdrawn_at is None:
        return True, False
    if existing is None:
        existing, created = _upsert(Connection, {"low_id": low, "high_id": high}, {})
        if not created and existing.withdrawn_at is None:
            return True, False
    existing.withdrawn_at, existing.withdrawn_by_id, existing.connected_at = None, None, utcnow()
    from matchmaker.services.messages import ensure_conversation  # (messages reads connections from here)

    ensure_conversation(low, high)  # the pair may write to each other from now on
    for a, b in ((organisation, target), (target, organisation)):
        outbox.append((a, "connected", {"name": b.name}, b.id))
    return True, True


def _remove_interest(organisation: Organisation, target: Organisation, outbox: Outbox) -> None:
    """Take the interest back, with the "X is interested in you" notifications it gave the other side's members
    (they would contradict its dashboard), and end a connection it made."""
    removed = db.session.execute(delete(Interest).where(Interest.organisation_id == organisation.id,
                                                        Interest.target_id == target.id)).rowcount
    if removed:
        members = select(User.id).where(User.organisation_id == target.id)
        db.session.execute(delete(Notification).where(
            Notification.code == "interest_received", Notification.link == f"/profiles/{organisation.id}",
            Notification.user_id.in_(members)).execution_options(synchronize_session=False))
    connection = connection_between(organisation.id, target.id)
    if connection is not None:
        connection.withdrawn_at, connection.withdrawn_by_id = utcnow(), organisation.id
        outbox.append((target, "connection_withdrawn", {"name": organisation.name}, organisation.id))


def express_interest(organisation: Organisation, target: Organisation, action: str, user: User | None,
                     via: str = "") -> bool:
    """Interest from anywhere (a profile page, the API): "interested" or "withdraw"; returns connected; commits.
    `via` is logged as the answer's kind (the follow-up's "continue" says "followup", see
    `review_log.interest_origin`)."""
    _check(organisation, target)
    outbox: Outbox = []
    if action == "interested":
        connected, _ = _add_interest(organisation, target, user, outbox)
        _log(organisation.id, target.id, via, "interested", user)
    elif action == "withdraw":
        had = db.session.execute(select(Interest.id).where(Interest.organisation_id == organisation.id,
                                                           Interest.target_id == target.id)).first()
        _remove_interest(organisation, target, outbox)
        # An interested answer in a suggestion list goes with the interest.
        db.session.execute(delete(Feedback).where(Feedback.organisation_id == organisation.id,
                                                  Feedback.target_id == target.id, Feedback.state == INTERESTED))
        if had:
            _log(organisation.id, target.id, via, "withdraw", user)
        connected = False
    else:
        raise ReviewError("bad_action", f"Unknown action {action!r}.")
    db.session.commit()
    _send(outbox)
    return connected


def has_interest(organisation_id: int | None, target_id: int) -> bool:
    """True when the first organisation said it is interested in the second."""
    return organisation_id is not None and db.session.execute(select(Interest.id).where(
        Interest.organisation_id == organisation_id, Interest.target_id == target_id)).first() is not None


def interest_state(organisation_id: int | None, target_id: int) -> dict[str, bool]:
    """For a profile page: may the viewer's organisation express interest, has it, has the other side, connected."""
    if organisation_id is None or organisation_id == target_id:
        return {"possible": False, "ours": False, "theirs": False, "connected": False}
    low, high = _pair(organisation_id, target_id)
    ours, theirs, connected = db.session.execute(_INTEREST_STATE, {"ours": organisation_id, "theirs": target_id,
                                                                   "low": low, "high": high}).one()
    return {"possible": True, "ours": bool(ours), "theirs": bool(theirs), "connected": bool(connected)}


def _interest(source: str, target: str):
    return exists().where(Interest.organisation_id == bindparam(source), Interest.target_id == bindparam(target))


_INTEREST_STATE = select(  # built once, one statement: every profile page asks
    _interest("ours", "theirs"), _interest("theirs", "ours"),
    exists().where(Connection.low_id == bindparam("low"), Connection.high_id == bindparam("high"),
                   Connection.withdrawn_at.is_(None)))


def connections_of(organisation_id: int) -> list[tuple[Connection, Organisation]]:
    """Live connections of an organisation with the other side, newest first."""
    rows = db.session.execute(select(Connection).where(
        Connection.withdrawn_at.is_(None),
        or_(Connection.low_id == organisation_id, Connection.high_id == organisation_id))
        .order_by(Connection.connected_at.desc())).scalars().all()
    others = {o.id: o for o in db.session.execute(select(Organisation).where(
        Organisation.id.in_([c.other(organisation_id) for c in rows]))).scalars()}
    return [(c, others[c.other(organisation_id)]) for c in rows]


def partner_ids(organisation_id: int) -> set[int]:
    """The organisations `organisation_id` has a live connection with (ids only: for marks and checks)."""
    rows = db.session.execute(select(Connection.low_id, Connection.high_id).where(
        Connection.withdrawn_at.is_(None),
        or_(Connection.low_id == organisation_id, Connection.high_id == organisation_id))).all()
    return {high if low == organisation_id else low for low, high in rows}


def interested_in(organisation_id: int) -> list[tuple[Interest, Organisation]]:
    """Organisations interested in this one that it has not connected with yet, newest first."""
    rows = db.session.execute(select(Interest, Organisation).join(
        Organisation, Organisation.id == Interest.organisation_id).where(Interest.target_id == organisation_id)
        .order_by(Interest.created_at.desc())).all()
    return [(i, o) for i, o in rows if not is_connected(organisation_id, o.id)]


def own_suggestion(user: User, suggestion_id: int) -> Suggestion | None:
    """The suggestion if it belongs to the user's organisation (else None: the caller answers 404)."""
    suggestion = db.session.get(Suggestion, suggestion_id)
    if suggestion is None or user.organisation_id is None or suggestion.source_id != user.organisation_id:
        return None
    return suggestion


def undoable(suggestion: Suggestion) -> bool:
    """Whether the answer given on `suggestion` can be taken back at once (from the confirmation beside the next
    card): there is one, and undoing it ends no connection (that is asked first, on the partner's card)."""
    keys = {"organisation_id": suggestion.source_id, "target_id": suggestion.target_id, "kind": suggestion.kind}
    answered = db.session.execute(select(Feedback.id).filter_by(**keys)).first() is not None
    return answered and not is_connected(suggestion.source_id, suggestion.target_id)


def _send(outbox: Outbox) -> None:
    """After the commit: tell the members of each organisation concerned (in-app, and by mail on the queue)."""
    from matchmaker.services.notifications import notify_many

    for organisation, code, params, other_id in outbox:
        members = [u for u in organisation.members if u.is_active]
        if members:
            notify_many(members, code, params, f"/profiles/{other_id}")
