"""GET /api/v1/conversations, GET and POST /api/v1/conversations/<id>/messages: the rules of services/messages.py."""
from __future__ import annotations

from datetime import datetime

from flask import g
from pydantic import BaseModel, Field
from spectree import Response

from matchmaker.api import ApiError, ErrorOut, api_auth, bp, spec
from matchmaker.api.organisations import callers_organisation
from matchmaker.models import Message
from matchmaker.models.message import BODY_MAX
from matchmaker.services import messages


class PartnerOut(BaseModel):
    id: int
    name: str


class MessageOut(BaseModel):
    id: int
    organisation_id: int = Field(description="The organisation the author wrote for (yours or the partner's).")
    author: str | None = Field(description="The author's name; null once their account is deleted.")
    mine: bool = Field(description="Written by your organisation.")
    body: str
    created_at: datetime


class ConversationOut(BaseModel):
    id: int
    partner: PartnerOut
    open: bool = Field(description="False once the connection ended: readable, but it takes no new message.")
    unread: int = Field(description="Messages of the partner your organisation has not read yet.")
    last_message: MessageOut | None


class ConversationsOut(BaseModel):
    items: list[ConversationOut]


class MessagesQuery(BaseModel):
    before: int | None = Field(None, ge=1, le=2**31 - 1, description=(
        "Only messages older than this message id (the next page: the `next_before` of the last)."))
    limit: int = Field(messages.PAGE_SIZE, ge=1, le=100)


class MessagesOut(BaseModel):
    """One page of a conversation, oldest first; reading the newest page marks the conversation read."""

    items: list[MessageOut]
    open: bool
    next_before: int | None = Field(description="Pass as `before` for older messages; null when there are none.")


class MessageIn(BaseModel):
    body: str = Field(min_length=1, max_length=BODY_MAX)


def message_out(message: Message, authors: dict, mine: int) -> MessageOut:
    author = authors.get(message.author_id)
    return MessageOut(id=message.id, organisation_id=message.author_organisation_id,
                      author=author.name if author else None, mine=message.author_organisation_id == mine,
                      body=message.body, created_at=message.created_at)


def _conversation(conversation_id: int):
    try:
        return messages.conversation_for(g.api_user, conversation_id)
    except messages.MessageError as exc:
        raise ApiError(exc.status, exc.message) from None


@bp.get("/conversations")
@api_auth
@spec.validate(resp=Response(HTTP_200=ConversationsOut, HTTP_401=ErrorOut, HTTP_403=ErrorOut), tags=["messages"])
def conversations():
    """The conversations of the caller's organisation with its connected partners, latest message first."""
    mine = callers_organisation().id
    rows = messages.summaries(mine)
    authors = messages.authors([r.last for r in rows if r.last])
    return ConversationsOut(items=[ConversationOut(
        id=r.conversation.id, partner=PartnerOut(id=r.partner.id, name=r.partner.name), open=r.open, unread=r.unread,
        last_message=message_out(r.last, authors, mine) if r.last else None) for r in rows])


@bp.get("/conversations/<int:conversation_id>/messages")
@api_auth
@spec.validate(resp=Response(HTTP_200=MessagesOut, HTTP_401=ErrorOut, HTTP_404=ErrorOut, HTTP_422=ErrorOut),
               tags=["messages"])
def conversation_messages(conversation_id: int, query: MessagesQuery):
    """A page of a conversation's messages (members of its two organisations only; anyone else 404)."""
    conversation = _conversation(conversation_id)
    items, older = messages.page(conversation, query.before, query.limit)
    if query.before is None:
        messages.mark_read(g.api_user, conversation)
    authors = messages.authors(items)
    return MessagesOut(items=[message_out(m, authors, g.api_user.organisation_id) for m in items],
                       open=messages.is_open(conversation), next_before=items[0].id if older and items else None)


@bp.post("/conversations/<int:conversation_id>/messages")
@api_auth
@spec.validate(resp=Response(HTTP_201=MessageOut, HTTP_401=ErrorOut, HTTP_404=ErrorOut, HTTP_409=ErrorOut,
                             HTTP_422=ErrorOut, HTTP_429=ErrorOut), tags=["messages"])
def post_message(conversation_id: int, json: MessageIn):
    """Write to the partner (409 once the connection ended; 429 over the per-user message limit)."""
    conversation = _conversation(conversation_id)
    try:
        message = messages.post(g.api_user, conversation, json.body)
    except messages.MessageError as exc:
        raise ApiError(exc.status, exc.message) from None
    authors = messages.authors([message])
    return message_out(message, authors, g.api_user.organisation_id), 201
