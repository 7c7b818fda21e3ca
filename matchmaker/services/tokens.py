"""Personal API tokens: create (the secret is returned once), revoke, and find the user behind a bearer token."""
from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from sqlalchemy import bindparam
from sqlalchemy.orm import joinedload

from matchmaker.extensions import db
from matchmaker.models import ApiToken, Organisation, User
from matchmaker.models._common import get_owned, utcnow

TOKEN_PREFIX = "mm_"  # recognisable in logs and secret scanners
MAX_ACTIVE_TOKENS = 20
_LAST_USED_RESOLUTION = timedelta(minutes=5)  # do not write on every request


class TokenError(ValueError):
    """A token cannot be created or revoked; the message says why."""


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def create_token(user: User, name: str) -> tuple[ApiToken, str]:
    """A new active token for `user`; returns it with its secret, which is stored nowhere."""
    name = " ".join(name.split())[:80]
    if not name:
        raise TokenError("name_required")
    active = db.session.scalar(db.select(db.func.count(ApiToken.id))
                               .where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None)))
    if active >= MAX_ACTIVE_TOKENS:
        raise TokenError("too_many")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user_id=user.id, name=name, prefix=secret[:10], token_hash=_digest(secret))
    db.session.add(token)
    db.session.commit()
    return token, secret


def tokens_of(user: User) -> list[ApiToken]:
    """The user's tokens, newest first (revoked ones included, so the owner sees what happened)."""
    return list(db.session.scalars(db.select(ApiToken).where(ApiToken.user_id == user.id)
                                   .order_by(ApiToken.created_at.desc(), ApiToken.id.desc())))


def revoke_token(user: User, token_id: int) -> ApiToken | None:
    """Revoke one of `user`'s tokens (None when it is not theirs); revoking twice changes nothing."""
    token = get_owned(ApiToken, token_id, user.id)
    if token is not None and token.revoked_at is None:
        token.revoked_at = utcnow()
        db.session.commit()
    return token


def revoke_all(user: User) -> int:
    """Revoke every active token of `user` (a password change or reset ends the account's other credentials;
    the caller commits); returns how many were revoked."""
    active = list(db.session.scalars(db.select(ApiToken).where(ApiToken.user_id == user.id,
                                                               ApiToken.revoked_at.is_(None))))
    for token in active:
        token.revoked_at = utcnow()
    return len(active)


# The token with its user and organisation in one query; built once (every API request asks it).
_BY_HASH = db.select(ApiToken).where(ApiToken.token_hash == bindparam("token_hash")).options(
    joinedload(ApiToken.user).joinedload(User.organisation).lazyload(Organisation.tags))


def user_for_token(secret: str) -> User | None:
    """The active user whose active token this is, else None (unknown, revoked, or the account is disabled)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    token = db.session.scalar(_BY_HASH, {"token_hash": _digest(secret)})
    if token is None or token.revoked_at is not None or not token.user.is_active:
        return None
    now = utcnow()
    last = token.last_used_at
    if last is not None and last.tzinfo is None:  # SQLite hands back naive UTC
        last = last.replace(tzinfo=now.tzinfo)
    if last is None or now - last > _LAST_USED_RESOLUTION:
        token.last_used_at = now
        db.session.commit()
    return token.user
