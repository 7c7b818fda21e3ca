"""Accounts: registration, authentication, password changes and resets, roles (invitations: invitations.py)."""
from __future__ import annotations

import functools
import hashlib
import secrets

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from matchmaker import taxonomy
from matchmaker.extensions import db
from matchmaker.i18n import LANGUAGES, mail_language, visitor_language
from matchmaker.models import ROLES, Organisation, User
from matchmaker.models.user import ADMIN, MEMBER
from matchmaker.models._common import utcnow
from matchmaker.services import audit, tokens
from matchmaker.services.mail import send_mail
from matchmaker.services.profile_schema import SME_KINDS


class AccountError(ValueError):
    """A user-facing problem with an account operation (shown as a form or flash message)."""


class AlreadyConfirmed(AccountError):
    """A confirmation link opened again: the address is confirmed already (`user_id`: whose)."""

    def __init__(self, user_id: int):
        super().__init__(_("Your address is already confirmed: log in."))
        self.user_id = user_id


def serializer(salt: str) -> URLSafeTimedSerializer:
    """Signed, timed tokens of one purpose (`salt`): confirmation, reset and invitation links."""
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def hash_password(user: User, password: str) -> None:
    """Store the password's hash on `user` (not committed)."""
    user.set_password(password, method=current_app.config.get("PASSWORD_HASH_METHOD"))


def find_user(email: str) -> User | None:
    """The user with this e-mail address (case-insensitive), if any."""
    return db.session.execute(
        db.select(User).where(func.lower(User.email) == email.strip().lower())
    ).scalar_one_or_none()


@functools.cache
def _dummy_hash(method: str | None) -> str:
    return generate_password_hash(secrets.token_hex(16), method=method) if method \
        else generate_password_hash(secrets.token_hex(16))


def _spend_a_password_check(password: str) -> None:
    """Hash as a real check would, so an unknown or taken address answers in the same time as a known one."""
    check_password_hash(_dummy_hash(current_app.config.get("PASSWORD_HASH_METHOD")), password)


def register_user(email: str, name: str, password: str, organisation_name: str, kind: str,
                  link_for: callable, joining: bool = False, language: str | None = None) -> User | None:
    """Create an unconfirmed member account and mail the confirmation link; for an address that has an account
    already, mail its owner instead. The caller answers the same either way (no enumeration); returns the new user,
    or None when the address was taken.

    No organisation is created yet: the name typed (and, unless `joining`, the kind) waits on the user until the
    address is confirmed (confirm_email creates the profile then). So an unconfirmed registration is in no list,
    count, suggestion or similar-name hint, and one never confirmed squats no name. The account keeps `language`
    (default: the language this browser uses the site in) as its preference: the mails it gets are written in it."""
    if find_user(email) is not None:
        _spend_a_password_check(password)
        _mail_taken_address(email)
        return None
    user = User(email=email.strip().lower(), name=name.strip(), role=MEMBER, organisation=None,
                locale=language if language in LANGUAGES else visitor_language(), email_confirmed=False,
                joining_name=organisation_name.strip(), registration_kind=None if joining else kind)
    hash_password(user, password)
    db.session.add(user)
    try:
        db.session.commit()
    except IntegrityError:  # the same address registered at the same moment by another request
        db.session.rollback()
        _mail_taken_address(email)
        return None
    send_confirmation(user, link_for)
    return user


def _mail_taken_address(email: str) -> None:
    user = find_user(email)
    if user is None:
        return
    with force_locale(mail_language(user.locale)):
        send_mail(user.email, _("Someone tried to register with your address"),
                  _("Hello %(name)s,\n\nsomeone (perhaps you) tried to create a Matchmaker account with this "
                    "address, which already has one. Log in, or ask for a new password on the login page if you "
                    "have forgotten it. If it was not you, ignore this message.", name=user.name))


def send_confirmation(user: User, link_for: callable) -> None:
    """Mail (or log) the link that confirms a new account's address."""
    with force_locale(mail_language(user.locale)):
        send_mail(user.email, _("Confirm your Matchmaker account"),
                  _("Hello %(name)s,\n\nopen this link to confirm your address and start using Matchmaker:\n"
                    "%(link)s\n\nIf you did not register, ignore this message.", name=user.name,
                    link=link_for(confirmation_token(user))))


def resend_confirmation(email: str, link_for: callable) -> None:
    """Mail the confirmation link again to an unconfirmed, active account with this address; nothing otherwise.
    The caller answers the same either way (no enumeration)."""
    user = find_user(email)
    if user is None or user.email_confirmed or not user.active:
        current_app.logger.info("Confirmation asked again for an unknown or confirmed address")
        return
    send_confirmation(user, link_for)


def confirmation_token(user: User) -> str:
    """The signed token of the link that confirms `user`'s address."""
    return serializer("confirm-email").dumps({"uid": user.id, "email": user.email})


def confirm_email(token: str) -> User:
    """Mark the account behind a confirmation link as confirmed; AccountError if the link is bad or used."""
    try:
        data = serializer("confirm-email").loads(token, max_age=current_app.config["CONFIRM_MAX_AGE"])
    except (BadSignature, SignatureExpired):
        raise AccountError(_("This confirmation link is not valid or has expired. Log in to get a new one.")) \
            from None
    user = db.session.get(User, data.get("uid"))
    if user is None or user.email != data.get("email"):
        raise AccountError(_("This confirmation link is not valid or has expired. Log in to get a new one."))
    if user.email_confirmed:
        raise AlreadyConfirmed(user.id)
    user.email_confirmed = True
    _create_registered_organisation(user)
    db.session.commit()
    return user


def _create_registered_organisation(user: User) -> None:
    """The organisation typed at registration (not to join one), created now that its registrant is confirmed."""
    if user.registration_kind is None or user.organisation_id is not None or not user.joining_name:
        return
    kind = user.registration_kind
    # The texts are most likely written in the language the registrant uses the site in.
    user.organisation = Organisation(name=user.joining_name, kind=kind, sme=kind in SME_KINDS,
                                     language=user.locale if user.locale in taxonomy.LANGUAGES.codes() else "en")
    user.joining_name = user.registration_kind = None


def authenticate(email: str, password: str, link_for: callable | None = None) -> User | None:
    """The active user with these credentials, else None (in the time a real check takes; the login itself is
    recorded by `record_login`). A correct password on an unconfirmed account mails the link again and raises."""
    user = find_user(email)
    if user is None:
        _spend_a_password_check(password)
        return None
    if not user.check_password(password) or not user.active:
        return None
    if not user.email_confirmed:
        if link_for is not None:
            send_confirmation(user, link_for)
        raise AccountError(_("Confirm your e-mail address first: we have sent you the link again."))
    return user


def record_login(user: User, language: str | None = None) -> None:
    """Note when the user last logged in (by password, confirmation link or invitation); an account without a saved
    language (created by an admin, the CLI or before languages were saved) keeps `language`, the one this login
    used; commits."""
    user.last_login_at = utcnow()
    if user.locale not in LANGUAGES and language in LANGUAGES:
        user.locale = language
    db.session.commit()


def end_sessions(user: User) -> None:
    """Log the user out everywhere: every session and remember cookie stops working."""
    user.end_sessions()
    db.session.commit()


def change_password(user: User, current: str, new: str) -> None:
    """Replace the password after checking the current one."""
    if not user.check_password(current):
        raise AccountError(_("Your current password is not correct."))
    hash_password(user, new)
    user.end_sessions()  # every other session ends; the view logs this one in again
    tokens.revoke_all(user)  # and so do the API tokens (ASVS: a new password ends the other credentials)
    db.session.commit()


def _password_fingerprint(user: User) -> str:
    # Part of the token, so a reset link stops working once the password has changed.
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def make_reset_token(user: User) -> str:
    """A signed, expiring token for the password-reset link."""
    return serializer("password-reset").dumps({"uid": user.id, "fp": _password_fingerprint(user)})


def request_password_reset(email: str, link_for: callable) -> None:
    """Mail a reset link if the address belongs to an active user; say nothing either way (no enumeration)."""
    user = find_user(email)
    if user is None or not user.active:
        current_app.logger.info("Password reset asked for unknown address")
        return
    link = link_for(make_reset_token(user))
    with force_locale(mail_language(user.locale)):  # the recipient's language
        send_mail(user.email, _("Reset your Matchmaker password"),
                  _("Hello %(name)s,\n\nopen this link within an hour to choose a new password:\n%(link)s\n\n"
                    "If you did not ask for this, ignore this message.", name=user.name, link=link))


def reset_token_user(token: str) -> User:
    """The user a reset link is for while it can still be used; AccountError saying why not (expired, not valid,
    already used: the password has changed since it was sent)."""
    try:
        data = serializer("password-reset").loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except SignatureExpired:
        raise AccountError(_("This reset link has expired. Ask for a new one.")) from None
    except BadSignature:
        raise AccountError(_("This reset link is not valid. Ask for a new one.")) from None
    user = db.session.get(User, data.get("uid"))
    if user is None or data.get("fp") != _password_fingerprint(user):
        raise AccountError(_("This reset link has already been used. Ask for a new one."))
    return user


def reset_password(token: str, new_password: str) -> User:
    """Set a new password from a valid reset token."""
    user = reset_token_user(token)
    hash_password(user, new_password)
    user.end_sessions()  # whoever knew the old password is logged out everywhere
    tokens.revoke_all(user)  # API tokens included
    user.email_confirmed = True  # the link reached the mailbox
    _create_registered_organisation(user)  # as confirm_email would have
    db.session.commit()
    return user


def set_role(admin: User, user: User, role: str) -> None:
    """An admin gives `user` another role (never their own admin role away); recorded in the audit log."""
    if role not in ROLES:
        raise AccountError(_("Unknown role %(role)s.", role=role))
    if user.id == admin.id and role != ADMIN:
        raise AccountError(_("You cannot remove your own administrator role."))
    if user.role != role:
        audit.record(admin, "role", user.email, before=user.role, after=role)
        user.role = role
        user.end_sessions()  # pages and cookies issued under the old role end with it
        db.session.commit()


def create_user(email: str, name: str, password: str, role: str = MEMBER,
                organisation: Organisation | None = None) -> User:
    """Create an account directly (CLI and demo data)."""
    if role not in ROLES:
        raise AccountError(_("Unknown role %(role)s; choose one of %(roles)s.", role=role, roles=", ".join(ROLES)))
    if find_user(email):
        raise AccountError(_("An account for %(email)s already exists.", email=email))
    user = User(email=email.strip().lower(), name=name, role=role, organisation=organisation)
    hash_password(user, password)
    db.session.add(user)
    db.session.commit()
    return user
