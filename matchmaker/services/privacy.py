"""Personal data: everything the service holds about a user, as JSON; deleting an account."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import gettext as _

from matchmaker.extensions import db
from matchmaker.models import (ApiToken, AuditEntry, EventOrganiser, EventParticipant, Feedback, FeedbackEvent,
                               Interest, Invitation, Job, Message, Notification, Organisation, User)
from matchmaker.models.user import ADMIN
from matchmaker.services import audit, events_privacy, membership, messages
from matchmaker.services.accounts import AccountError
from matchmaker.services.profiles import PROFILE_FIELDS

CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value


def export_data(user: User) -> dict:
    """The user's account, their organisation's profile, the invitations and jobs they started, what the audit
    log records of their actions, their part in events (participations, availability, requests, meetings) and
    their answers to suggestions (with their history)."""
    organisation = user.organisation
    return {
        "account": {k: _plain(getattr(user, k)) for k in ("id", "email", "name", "role", "locale", "created_at",
                                                          "last_login_at", "email_confirmed",
                                                          "joining_name", "registration_kind")},
        "organisation": None if organisation is None else {
            "id": organisation.id, **{f: getattr(organisation, f) for f in PROFILE_FIELDS},
            "members": [m.email for m in organisation.members]},
        "invitations_sent": [{"email": i.email, "role": i.role, "created_at": _plain(i.created_at),
                              "accepted_at": _plain(i.accepted_at)}
                             for i in db.session.execute(db.select(Invitation).where(
                                 Invitation.invited_by_id == user.id)).scalars()],
        "jobs_started": [{"kind": j.kind, "label": j.label, "state": j.state, "created_at": _plain(j.created_at)}
                         for j in db.session.execute(db.select(Job).where(Job.user_id == user.id)).scalars()],
        "api_tokens": [{"name": t.name, "prefix": t.prefix, "created_at": _plain(t.created_at),
                        "revoked_at": _plain(t.revoked_at)}
                       for t in db.session.execute(db.select(ApiToken).where(ApiToken.user_id == user.id)).scalars()],
        "notifications": [{"code": n.code, "params": n.params, "created_at": _plain(n.created_at),
                           "read_at": _plain(n.read_at)}
                          for n in db.session.execute(db.select(Notification).where(
                              Notification.user_id == user.id)).scalars()],
        "audit_log": [{"when": _plain(e.created_at), "action": e.action, "target": e.target, "details": e.details}
                      for e in audit.by_actor(user)],
        "join_requests": [{"organisation": r.organisation.name, "state": r.state, "created_at": _plain(r.created_at),
                           "decided_at": _plain(r.decided_at)} for r in membership.requests_of(user)],
        **events_privacy.event_data(user.id),
        **_review_data(user.id),
        **messages.personal_data(user.id),
    }


def _review_data(user_id: int) -> dict:
    """The user's own answers to suggestions (as they stand, and their history) and interests they expressed."""
    answers = db.session.execute(db.select(Feedback).where(Feedback.user_id == user_id)
                                 .order_by(Feedback.updated_at)).scalars().all()
    events = db.session.execute(db.select(FeedbackEvent).where(FeedbackEvent.user_id == user_id)
                                .order_by(FeedbackEvent.at, FeedbackEvent.id)).scalars().all()
    interests = db.session.execute(db.select(Interest).where(Interest.user_id == user_id)
                                   .order_by(Interest.created_at)).scalars().all()
    targets = {row.target_id for rows in (answers, events, interests) for row in rows}
    names = dict(db.session.execute(db.select(Organisation.id, Organisation.name).where(
        Organisation.id.in_(targets))).all()) if targets else {}
    return {
        "suggestion_answers": [{"partner": names.get(f.target_id), "list": f.kind, "state": f.state,
                                "reason": f.reason, "note": f.note, "created_at": _plain(f.created_at),
                                "updated_at": _plain(f.updated_at)} for f in answers],
        "suggestion_history": [{"partner": names.get(e.target_id), "list": e.kind or None, "action": e.action,
                                "reason": e.reason, "note": e.note, "at": _plain(e.at)} for e in events],
        "interests_expressed": [{"partner": names.get(i.target_id), "created_at": _plain(i.created_at)}
                                for i in interests],
    }


def delete_account(user: User, password: str) -> Organisation | None:
    """Delete the account after checking its password. The organisation's profile stays (it is the
    organisation's); if no member is left, its contact person's details are cleared (they are personal data)
    and it becomes an unowned profile that imports may update and an admin may invite someone to.
    Returns that organisation when it was left without members."""
    if not user.check_password(password):
        raise AccountError(_("Your password is not correct."))
    if user.role == ADMIN and db.session.execute(db.select(db.func.count(User.id)).where(
            User.role == ADMIN, User.active.is_(True))).scalar_one() <= 1:
        raise AccountError(_("You are the only administrator: make someone else an administrator first."))
    organisation = user.organisation
    membership.forget_requests_of(user)  # "X asks to join" would lead the deciders to an empty page
    # What points at the account keeps no link to it (the foreign keys say SET NULL; SQLite may not enforce
    # them, and could hand the same id to the next new account).
    for column in (Job.user_id, Invitation.invited_by_id, AuditEntry.actor_id, Feedback.user_id,
                   FeedbackEvent.user_id, Interest.user_id, Message.author_id):
        db.session.execute(db.update(column.class_).where(column == user.id).values({column.key: None}))
    # Event participations stay (their meetings are other people's agendas too) without the account or address.
    db.session.execute(db.update(EventParticipant).where(EventParticipant.user_id == user.id)
                       .values(user_id=None, email=""))
    for model in (ApiToken, Notification, EventOrganiser):  # theirs alone: deleted with the account
        db.session.execute(db.delete(model).where(model.user_id == user.id))
    db.session.delete(user)
    db.session.flush()
    orphan = organisation if organisation is not None and not _has_members(organisation) else None
    if orphan is not None:
        for field in CONTACT_FIELDS:
            setattr(orphan, field, "")
        orphan.contact_public = False
    db.session.commit()
    return orphan


def _has_members(organisation: Organisation) -> bool:
    return db.session.execute(db.select(User.id).where(User.organisation_id == organisation.id).limit(1)
                              ).first() is not None
