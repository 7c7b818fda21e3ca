"""Accounts: registration, authentication, password changes and resets, invitations."""
from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func

from matchmaker.extensions import db
from matchmaker.models import ROLES, Invitation, Organisation, User
from matchmaker.models.user import MEMBER
from matchmaker.models._common import utcnow
from matchmaker.services.mail import send_mail
from matchmaker.services.profile_schema import SME_KINDS


class AccountError(ValueError):
    """A user-facing problem with an account operation (shown as a form or flash message)."""


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def _hash_password(user: User, password: str) -> None:
    user.set_password(password, method=current_app.config.get("PASSWORD_HASH_METHOD"))


def find_user(email: str) -> User | None:
    """The user with this e-mail address (case-insensitive), if any."""
    return db.session.execute(
        db.select(User).where(func.lower(User.email) == email.strip().lower())
    ).scalar_one_or_none()


def register_user(email: str, name: str, password: str, organisation_name: str, kind: str) -> User:
    """Create a member account together with a new organisation whose profile they will fill in."""
    if find_user(email):
        raise AccountError("An account with this e-mail address already exists. Log in or reset your password.")
    organisation = Organisation(name=organisation_name.strip(), kind=kind, sme=kind in SME_KINDS)
    user = User(email=email.strip().lower(), name=name.strip(), role=MEMBER, organisation=organisation)
    _hash_password(user, password)
    db.session.add_all([organisation, user])
    db.session.commit()
    return user


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, else None; records the login time."""
    user = find_user(email)
    if user is None or not user.active or not user.check_password(password):
        return None
    user.last_login_at = utcnow()
    db.session.commit()
    return user


def change_password(user: User, current: str, new: str) -> None:
    """Replace the password after checking the current one."""
    if not user.check_password(current):
        raise AccountError("Your current password is not correct.")
    _hash_password(user, new)
    db.session.commit()


def _password_fingerprint(user: User) -> str:
    # Part of the token, so a reset link stops working once the password has changed.
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def make_reset_token(user: User) -> str:
    """A signed, expiring token for the password-reset link."""
    return _serializer("password-reset").dumps({"uid": user.id, "fp": _password_fingerprint(user)})


def request_password_reset(email: str, link_for: callable) -> None:
    """Mail a reset link if the address belongs to an active user; say nothing either way (no enumeration)."""
    user = find_user(email)
    if user is None or not user.active:
        current_app.logger.info("Password reset asked for unknown address")
        return
    link = link_for(make_reset_token(user))
    send_mail(user.email, "Reset your Matchmaker password",
              f"Hello {user.name},\n\nopen this link within an hour to choose a new password:\n{link}\n\n"
              "If you did not ask for this, ignore this message.")


def reset_password(token: str, new_password: str) -> User:
    """Set a new password from a valid reset token."""
    try:
        data = _serializer("password-reset").loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except SignatureExpired:
        raise AccountError("This reset link has expired. Ask for a new one.") from None
    except BadSignature:
        raise AccountError("This reset link is not valid. Ask for a new one.") from None
    user = db.session.get(User, data.get("uid"))
    if user is None or data.get("fp") != _password_fingerprint(user):
        raise AccountError("This reset link has already been used. Ask for a new one.")
    _hash_password(user, new_password)
    db.session.commit()
    return user


def invite_user(inviter: User, email: str, organisation: Organisation | None, role: str,
                link_for: callable) -> Invitation:
    """Record an invitation and mail (or log) its acceptance link."""
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}.")
    if find_user(email):
        raise AccountError("This person already has an account.")
    invitation = Invitation(email=email.strip().lower(), role=role, organisation=organisation,
                            invited_by_id=inviter.id)
    db.session.add(invitation)
    db.session.commit()
    token = _serializer("invitation").dumps({"iid": invitation.id})
    where = f" to join {organisation.name}" if organisation else ""
    send_mail(invitation.email, "You are invited to Matchmaker",
              f"{inviter.name} invited you{where} on Matchmaker as {role}.\n"
              f"Open this link to choose your password:\n{link_for(token)}\n")
    return invitation


def load_invitation(token: str) -> Invitation:
    """The pending invitation behind a token, or AccountError."""
    try:
        data = _serializer("invitation").loads(token, max_age=current_app.config["INVITATION_MAX_AGE"])
    except (BadSignature, SignatureExpired):
        raise AccountError("This invitation link is not valid or has expired.") from None
    invitation = db.session.get(Invitation, data.get("iid"))
    if invitation is None or invitation.accepted_at is not None:
        raise AccountError("This invitation has already been used.")
    return invitation


def accept_invitation(token: str, name: str, password: str) -> User:
    """Create the invited user's account with the role and organisation of the invitation."""
    invitation = load_invitation(token)
    if find_user(invitation.email):
        raise AccountError("This person already has an account.")
    user = User(email=invitation.email, name=name.strip(), role=invitation.role,
                organisation_id=invitation.organisation_id)
    _hash_password(user, password)
    invitation.accepted_at = utcnow()
    db.session.add(user)
    db.session.commit()
    return user


def create_user(email: str, name: str, password: str, role: str = MEMBER,
                organisation: Organisation | None = None) -> User:
    """Create an account directly (CLI and demo data)."""
    if role not in ROLES:
        raise AccountError(f"Unknown role {role!r}; choose one of {', '.join(ROLES)}.")
    if find_user(email):
        raise AccountError(f"An account for {email} already exists.")
    user = User(email=email.strip().lower(), name=name, role=role, organisation=organisation)
    _hash_password(user, password)
    db.session.add(user)
    db.session.commit()
    return user
