"""Messages between connected organisations: who may read and write, posting, read markers, the batched notice.

Only members of the two organisations of a conversation may read it (admins and organisers included: there is no
special right, the conversation is private). Writing needs the connection to be live: once either side withdraws
or declines (services/review.py), the conversation stays readable and takes no new message. The other side's
members are notified (in-app and by mail) of the first message they have not read; the messages after it add no
notice until someone of their organisation has read the conversation.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import current_app
from limits import parse_many
from sqlalchemy import and_, bindparam, func, select, update
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db, limiter
from matchmaker.models import Conversation, ConversationSide, Message, Notification, Organisation, User
from matchmaker.models._common import utcnow
from matchmaker.models.message import BODY_MAX
from matchmaker.services.review import connection_between, partner_ids

PAGE_SIZE = 50
DEFAULT_RATE_LIMIT = "10 per minute;200 per day"
NOTICE = "message_received"


class MessageError(Exception):
    """Something the caller may not do: `code` for the page's wording, `status` and an English `message` (API)."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


@dataclass(frozen=True)
class Summary:
    """One line of an organisation's conversation list."""

    conversation: Conversation
    partner: Organisation
    last: Message | None
    unread: int
    open: bool


def _pair(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def ensure_conversation(a: int, b: int) -> Conversation:
    """The conversation of two organisations with its two sides, created when missing (no commit; a concurrent
    creation is caught by the unique pair and the existing row returned)."""
    low, high = _pair(a, b)
    stmt = select(Conversation).where(Conversation.low_id == low, Conversation.high_id == high)
    found = db.session.execute(stmt).scalar_one_or_none()
    if found is not None:
        return found
    try:
        with db.session.begin_nested():
            conversation = Conversation(low_id=low, high_id=high)
            db.session.add(conversation)
            db.session.flush()
            db.session.add_all([ConversationSide(conversation_id=conversation.id, organisation_id=org, low_id=low,
                                                 high_id=high, last_read_id=0) for org in (low, high)])
        return conversation
    except IntegrityError:
        return db.session.execute(stmt).scalar_one()


def _member_org(user: User) -> int:
    if not getattr(user, "is_authenticated", False) or user.organisation_id is None:
        raise MessageError(403, "no_organisation", "your account does not belong to an organisation")
    return user.organisation_id


def conversation_for(user: User, conversation_id: int) -> Conversation:
    """The conversation if the user is a member of one of its two organisations (else 404: as good as absent)."""
    conversation = db.session.get(Conversation, conversation_id)
    if conversation is None or user.organisation_id not in (conversation.low_id, conversation.high_id):
        raise MessageError(404, "not_found", "no such conversation")
    return conversation


def conversation_with(user: User, partner_id: int) -> Conversation:
    """The user's organisation's conversation with `partner_id`: created if they are connected; an existing one is
    returned also after the connection ended (readable); else 404. Commits when it creates one."""
    mine = _member_org(user)
    if partner_id == mine or db.session.get(Organisation, partner_id) is None:
        raise MessageError(404, "not_found", "no such conversation")
    low, high = _pair(mine, partner_id)
    found = db.session.execute(select(Conversation).where(Conversation.low_id == low, Conversation.high_id == high)
                               ).scalar_one_or_none()
    if found is not None:
        return found
    if connection_between(mine, partner_id) is None:
        raise MessageError(404, "not_connected", "your organisations are not connected")
    conversation = ensure_conversation(mine, partner_id)
    db.session.commit()
    return conversation


def is_open(conversation: Conversation) -> bool:
    """True while the two organisations are connected (new messages allowed)."""
    return connection_between(conversation.low_id, conversation.high_id) is not None


def page(conversation: Conversation, before: int | None = None, size: int = PAGE_SIZE) -> tuple[list[Message], bool]:
    """Up to `size` messages before the message id `before` (the newest without it), oldest first, and whether
    older ones exist."""
    stmt = select(Message).where(Message.conversation_id == conversation.id)
    if before is not None:
        stmt = stmt.where(Message.id < before)
    rows = list(db.session.execute(stmt.order_by(Message.id.desc()).limit(size + 1)).scalars())
    return rows[:size][::-1], len(rows) > size


def authors(messages: list[Message]) -> dict[int, User]:
    """The authors of these messages that still have an account, by id."""
    ids = {m.author_id for m in messages if m.author_id is not None}
    return {u.id: u for u in db.session.execute(select(User).where(User.id.in_(ids))).scalars()} if ids else {}


def _side(conversation_id: int, organisation_id: int) -> ConversationSide:
    return db.session.get(ConversationSide, (conversation_id, organisation_id))


def mark_read(user: User, conversation: Conversation) -> None:
    """The user's organisation has read the conversation up to its newest message; the user's notices of it are
    read too. Commits only when something changed."""
    side = _side(conversation.id, user.organisation_id)
    newest = db.session.scalar(select(func.max(Message.id)).where(Message.conversation_id == conversation.id)) or 0
    changed = side is not None and side.last_read_id < newest
    if changed:
        side.last_read_id = newest
    notes = db.session.execute(update(Notification).where(
        Notification.user_id == user.id, Notification.code == NOTICE, Notification.read_at.is_(None),
        Notification.link == link(conversation)).values(read_at=utcnow())).rowcount
    if changed or notes:
        db.session.commit()


def link(conversation: Conversation) -> str:
    """The conversation's page (a path inside the site)."""
    return f"/messages/{conversation.id}"


def clean_body(body: str | None) -> str:
    """The text to store: trimmed; refused when empty, with a NUL character, or over BODY_MAX characters."""
    text = (body or "").strip()
    if "\x00" in text:
        raise MessageError(422, "nul", "the message contains a NUL character")
    if not text:
        raise MessageError(422, "empty", "the message is empty")
    if len(text) > BODY_MAX:
        raise MessageError(422, "too_long", f"the message is longer than {BODY_MAX} characters")
    return text


def _rate_limited(user: User) -> bool:
    """Count one message for the user; True when they went over MESSAGE_RATE_LIMIT (Flask-Limiter's storage)."""
    if not limiter.enabled:
        return False
    limits = parse_many(current_app.config.get("MESSAGE_RATE_LIMIT") or DEFAULT_RATE_LIMIT)
    return not all(limiter.limiter.hit(item, "message-send", str(user.id)) for item in limits)


def post(user: User, conversation: Conversation, body: str | None) -> Message:
    """Write a message for the user's organisation; commits, then notifies the other side when it is their first
    unread one."""
    mine = _member_org(user)
    if mine not in (conversation.low_id, conversation.high_id):
        raise MessageError(404, "not_found", "no such conversation")
    text = clean_body(body)
    if not is_open(conversation):
        raise MessageError(409, "closed", "the connection has ended: the conversation takes no new messages")
    if _rate_limited(user):
        raise MessageError(429, "rate_limited", "too many messages in a short time: wait a little")
    other = conversation.other(mine)
    first_unread = _first_unread(conversation, mine, other)
    message = Message(conversation_id=conversation.id, author_organisation_id=mine, author_id=user.id, body=text)
    db.session.add(message)
    db.session.flush()
    conversation.last_message_at = message.created_at
    _side(conversation.id, mine).last_read_id = message.id  # one's own message is read on one's side
    db.session.commit()
    if first_unread:
        _notify(conversation, mine, other)
    return message


def _first_unread(conversation: Conversation, mine: int, other: int) -> bool:
    """Whether the message `mine` is about to write will be the first the other side has not read (it alone brings a
    notice). The UPDATE of the conversation's row comes first and holds its lock until the commit: simultaneous posts
    in one conversation queue there, so the second reads the first one's message (PostgreSQL, READ COMMITTED: each
    statement sees what was committed before it) and sends no second notice. One row for the pair, whichever side
    writes, so two sides writing at once cannot deadlock; SQLite takes its database-wide write lock here."""
    db.session.execute(update(Conversation).where(Conversation.id == conversation.id)
                       .values(last_message_at=Conversation.last_message_at)
                       .execution_options(synchronize_session=False))
    read_up_to = db.session.scalar(select(ConversationSide.last_read_id).where(
        ConversationSide.conversation_id == conversation.id, ConversationSide.organisation_id == other))
    return db.session.execute(select(Message.id).where(
        Message.conversation_id == conversation.id, Message.author_organisation_id == mine,
        Message.id > read_up_to).limit(1)).first() is None


def _notify(conversation: Conversation, author_org: int, recipient_org: int) -> None:
    from matchmaker.services.notifications import notify_many

    author = db.session.get(Organisation, author_org)
    members = db.session.execute(select(User).where(User.organisation_id == recipient_org)).scalars()
    recipients = [u for u in members if u.is_active]
    if recipients:
        notify_many(recipients, NOTICE, {"name": author.name}, link(conversation))


def _unread_of(org):
    """Unread messages of organisation `org` (a bind parameter or a column) across its conversations."""
    return (select(func.count(Message.id)).select_from(Message).join(ConversationSide, and_(
        ConversationSide.conversation_id == Message.conversation_id, ConversationSide.organisation_id == org))
        .where(Message.author_organisation_id != org, Message.id > ConversationSide.last_read_id))


_UNREAD = _unread_of(bindparam("org"))  # built once: the navigation may ask on every page


def unread_total(organisation_id: int | None) -> int:
    """How many messages the organisation has not read, in all its conversations."""
    return 0 if organisation_id is None else db.session.scalar(_UNREAD, {"org": organisation_id}) or 0


def summaries(organisation_id: int) -> list[Summary]:
    """The organisation's conversations, latest message first (those without any message last)."""
    rows = db.session.execute(select(Conversation, ConversationSide.last_read_id).join(ConversationSide, and_(
        ConversationSide.conversation_id == Conversation.id, ConversationSide.organisation_id == organisation_id))
        .order_by(Conversation.last_message_at.desc().nulls_last(), Conversation.id.desc())).all()
    if not rows:
        return []
    ids = [c.id for c, _ in rows]
    partners = {o.id: o for o in db.session.execute(select(Organisation).where(
        Organisation.id.in_([c.other(organisation_id) for c, _ in rows]))).scalars()}
    newest = select(func.max(Message.id)).where(Message.conversation_id.in_(ids)).group_by(Message.conversation_id)
    last = {m.conversation_id: m for m in db.session.execute(select(Message).where(Message.id.in_(newest))).scalars()}
    unread = dict(db.session.execute(select(Message.conversation_id, func.count(Message.id)).join(
        ConversationSide, and_(ConversationSide.conversation_id == Message.conversation_id,
                               ConversationSide.organisation_id == organisation_id))
        .where(Message.conversation_id.in_(ids), Message.author_organisation_id != organisation_id,
               Message.id > ConversationSide.last_read_id).group_by(Message.conversation_id)).all())
    live = partner_ids(organisation_id)
    result = [Summary(c, partners[c.other(organisation_id)], last.get(c.id), unread.get(c.id, 0),
                      c.other(organisation_id) in live) for c, _ in rows]
    return [s for s in result if s.open or s.last is not None]  # an ended connection's empty one says nothing


def excerpt(text: str, limit: int = 120) -> str:
    """The start of a message for a list: one line, at most `limit` characters."""
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def last_activity(summary: Summary) -> datetime | None:
    """When the conversation last moved (its last message, else its creation)."""
    return summary.last.created_at if summary.last else summary.conversation.created_at


def personal_data(user_id: int) -> dict:
    """The messages the user wrote (for Download your data), with the partner each went to."""
    rows = db.session.execute(select(Message, Conversation).join(
        Conversation, Conversation.id == Message.conversation_id).where(Message.author_id == user_id)
        .order_by(Message.id)).all()
    partners = {c.other(m.author_organisation_id) for m, c in rows}
    names = dict(db.session.execute(select(Organisation.id, Organisation.name).where(
        Organisation.id.in_(partners))).all()) if partners else {}
    return {"messages_written": [{"to": names.get(c.other(m.author_organisation_id)), "body": m.body,
                                  "created_at": m.created_at.isoformat()} for m, c in rows]}
