"""Accounts: users with a role, optionally members of one organisation, and pending invitations."""
from __future__ import annotations

import hmac
import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, String, false, true
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from matchmaker.extensions import db
from matchmaker.models._common import UTCDateTime, utcnow
from matchmaker.taxonomy import N_

if TYPE_CHECKING:
    from matchmaker.models.organisation import Organisation

# The roles, defined here only: forms, templates, commands and checks use these names. The labels are marked
# for the catalogue; i18n.ROLE_LABELS translates them per request.
MEMBER, ORGANISER, ADMIN = "member", "organiser", "admin"
ROLES = (MEMBER, ORGANISER, ADMIN)
ROLE_LABELS = {MEMBER: N_("Member"), ORGANISER: N_("Organiser"), ADMIN: N_("Administrator")}


class User(UserMixin, db.Model):
    """A person who logs in; `role` decides what they may do beyond their own organisation."""

    __tablename__ = "user"
    # an organisation still to create at confirmation has a name, and its registrant no organisation yet
    __table_args__ = (CheckConstraint("registration_kind IS NULL OR (joining_name IS NOT NULL "
                                      "AND organisation_id IS NULL)", name="registration_pending"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True, index=True)
    name: Mapped[str] = mapped_column(String(120))
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(20), default=MEMBER)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="SET NULL"),
                                                        index=True)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    locale: Mapped[str | None] = mapped_column(String(5))  # 'it' or 'en'; None = follow the browser
    # Part of every session and remember cookie (get_id): a new value ends all of them (logout, password change
    # or reset). Random rather than a counter, so a deleted account's cookies never fit a later user with its id.
    session_token: Mapped[str] = mapped_column(String(32), default=lambda: new_session_token())
    # False from self-registration until the link mailed to the address is opened (or a password reset).
    email_confirmed: Mapped[bool] = mapped_column(default=True, server_default=true())
    notify_by_email: Mapped[bool] = mapped_column(default=True, server_default=true())  # notifications by mail too
    # The organisation name typed at registration: to join one of the directory (registration_kind None), or to
    # create at confirmation with the kind chosen (accounts.confirm_email), so an unconfirmed one is listed nowhere.
    joining_name: Mapped[str | None] = mapped_column(String(255))
    registration_kind: Mapped[str | None] = mapped_column(String(30))

    organisation: Mapped[Organisation | None] = relationship(back_populates="members")

    def set_password(self, password: str, method: str | None = None) -> None:
        """Store a salted hash of `password` (scrypt by default)."""
        self.password_hash = generate_password_hash(password, method=method) if method \
            else generate_password_hash(password)

    def check_password(self, password: str) -> bool:
        """True when `password` matches the stored hash."""
        return check_password_hash(self.password_hash, password)

    def get_id(self) -> str:
        """Flask-Login's id for sessions and remember cookies: the user id, the current session token and, at a
        login, a random part of that login's own (start_login), so no two logins share a cookie value."""
        login_nonce = getattr(self, "_login_nonce", None)
        return f"{self.id}:{self.session_token}" + (f":{login_nonce}" if login_nonce else "")

    def start_login(self) -> None:
        """Give the next get_id (the login's session and remember cookie) a fresh random part."""
        self._login_nonce = secrets.token_urlsafe(12)

    def end_sessions(self) -> None:
        """Invalidate every session and remember cookie of this user (the caller commits)."""
        self.session_token = new_session_token()

    def session_token_matches(self, token: str) -> bool:
        """True when `token` is the current session token (constant-time comparison)."""
        return hmac.compare_digest(self.session_token.encode(), token.encode())

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive accounts
        return self.active

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    @property
    def is_organiser(self) -> bool:
        """Organisers run events and imports; admins may do everything an organiser may."""
        return self.role in (ORGANISER, ADMIN)

    def can_edit(self, organisation: Organisation) -> bool:
        """Only the organisation's own members, or an admin, may edit its profile."""
        return self.is_admin or (self.organisation_id is not None and self.organisation_id == organisation.id)


def new_session_token() -> str:
    """A fresh random session token."""
    return secrets.token_hex(16)


class Invitation(db.Model):
    """An admin's invitation for someone to join an organisation; accepted through a signed link."""

    __tablename__ = "invitation"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    role: Mapped[str] = mapped_column(String(20), default=MEMBER)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # An event organiser's invitation (a participant they added): it grants membership of an organisation without
    # members only; for one with members, accepting asks to join it and its members decide.
    from_event: Mapped[bool] = mapped_column(default=False, server_default=false())

    organisation: Mapped[Organisation | None] = relationship()
