"""Tell a user that something happened: an in-app notification and, unless they turned it off, an e-mail.

Services call `notify(user, code, params, link)` once their change is complete: it adds the notification and
commits. The e-mail goes through the task queue (or the log without a mail server), so a slow or failing mail
server never breaks the request that caused it. Wording lives in `matchmaker.notification_wording`.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from flask import current_app, has_request_context, request
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import bindparam

from matchmaker.extensions import db
from matchmaker.models import Notification, User
from matchmaker.models._common import get_owned, utcnow
from matchmaker.notification_wording import WORDING, describe

PAGE_SIZE = 30


def notify(user: User, code: str, params: dict[str, Any] | None = None, link: str | None = None,
           *, mail: bool = True) -> Notification:
    """Record a notification for `user` (commits) and mail it when they want mail."""
    return notify_many([user], code, params, link, mail=mail)[0]


def notify_many(users: Iterable[User], code: str, params: dict[str, Any] | None = None, link: str | None = None,
                *, mail: bool = True) -> list[Notification]:
    """The same notification for several users (one commit), each mailed in their own language."""
    return notify_each([(u, params) for u in users], code, link, mail=mail)


def notify_each(recipients: Iterable[tuple[User, dict[str, Any] | None]], code: str, link: str | None = None,
                *, mail: bool = True) -> list[Notification]:
    """One notification per (user, their own parameters), all in one commit, each mailed in the user's language."""
    batch = Batch()
    notes = batch.add(recipients, code, link, mail=mail)
    batch.commit()
    return notes


class Batch:
    """Notifications of several kinds that land in one commit with the change they tell of (`add` each kind, then
    `commit`): nothing is committed, and nobody mailed, until then, so a failure on the way leaves nobody told of a
    change that was rolled back."""

    def __init__(self) -> None:
        self._mails: list[tuple[User, str, dict[str, Any], str | None]] = []

    def add(self, recipients: Iterable[tuple[User, dict[str, Any] | None]], code: str, link: str | None = None,
            *, mail: bool = True) -> list[Notification]:
        """One notification per (user, their own parameters), added to the session (not committed); their mails
        wait for `commit`."""
        if code not in WORDING:
            raise ValueError(f"no wording for notification code {code!r}")
        if link is not None and not _is_internal(link):
            raise ValueError("a notification links only to a page of this site")
        recipients = [(u, dict(params or {})) for u, params in recipients if u is not None]
        notes = [Notification(user_id=u.id, code=code, params=params, link=link) for u, params in recipients]
        db.session.add_all(notes)
        if mail:
            self._mails += [(user, code, params, link) for user, params in recipients
                            if user.notify_by_email and user.is_active]
        return notes

    def mail_on_commit(self, user: User, code: str, params: dict[str, Any], link: str | None = None) -> None:
        """Mail a notification already in the session (one updated in place) with `commit`, if the user wants mail."""
        if user.notify_by_email and user.is_active:
            self._mails.append((user, code, dict(params), link))

    def commit(self) -> None:
        """Commit the session (the change and every notification added), then send the mails."""
        db.session.commit()
        mails, self._mails = self._mails, []
        for user, code, params, link in mails:
            _mail(user, code, params, link)


def _is_internal(link: str) -> bool:
    return link.startswith("/") and not link.startswith("//") and "\\" not in link


def _mail(user: User, code: str, params: dict[str, Any], link: str | None) -> None:
    from matchmaker.i18n import mail_language
    from matchmaker.services.mail import send_mail

    with force_locale(mail_language(user.locale)):
        sentence = describe(code, params)
        lines = [_("Hello %(name)s,", name=user.name), "", sentence]
        url = absolute_url(link) if link else None
        if url:
            lines += ["", url]
        elif link:  # a relative link would be useless in a mail: none at all, and the log says why
            current_app.logger.warning("PUBLIC_URL is not set: the mail to user %s goes without its link (%s)",
                                       user.id, link)
        lines += ["", _("You can turn these e-mails off on your Notifications page.")]
        send_mail(user.email, _("Matchmaker: %(sentence)s", sentence=_shorten(sentence)), "\n".join(lines))


def _shorten(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def absolute_url(path: str) -> str | None:
    """`path` as a full address: PUBLIC_URL when configured, else the current request's host; None outside a request
    without PUBLIC_URL (a background job), never a relative link."""
    base = current_app.config.get("PUBLIC_URL") or (request.host_url if has_request_context() else "")
    return base.rstrip("/") + path if base else None


# Built once: the header bell asks on every page.
_UNREAD = db.select(db.func.count(Notification.id)).where(
    Notification.user_id == bindparam("user_id"), Notification.read_at.is_(None))


def unread_count(user: User) -> int:
    """How many of the user's notifications are unread."""
    from matchmaker import user_prefetch

    kept = user_prefetch.unread(user.id)  # read with the user at the start of the request, nothing written since
    return kept if kept is not None else db.session.scalar(_UNREAD, {"user_id": user.id}) or 0


def page_of(user: User, page: int) -> tuple[list[Notification], int]:
    """One page of the user's notifications, newest first, and the number of pages."""
    total = db.session.scalar(db.select(db.func.count(Notification.id)).where(Notification.user_id == user.id)) or 0
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, page), pages)
    rows = db.session.scalars(db.select(Notification).where(Notification.user_id == user.id)
                              .order_by(Notification.created_at.desc(), Notification.id.desc())
                              .offset((page - 1) * PAGE_SIZE).limit(PAGE_SIZE))
    return list(rows), pages


def open_notification(user: User, notification_id: int) -> Notification | None:
    """Mark one of the user's notifications read and return it (None when it is not theirs)."""
    note = get_owned(Notification, notification_id, user.id)
    if note is not None and note.read_at is None:
        note.read_at = utcnow()
        db.session.commit()
    return note


def mark_all_read(user: User) -> int:
    result = db.session.execute(db.update(Notification)
                                .where(Notification.user_id == user.id, Notification.read_at.is_(None))
                                .values(read_at=utcnow()))
    db.session.commit()
    return result.rowcount or 0


def set_email_preference(user: User, enabled: bool) -> None:
    user.notify_by_email = enabled
    db.session.commit()
