"""Messages between two connected organisations: one conversation per pair, its two sides, its messages.

The database holds the rules it can: a pair is stored once (lower id first); each side is one of the pair (the
side carries the pair and a foreign key to it, and a check that its organisation is one of them); a message's
author organisation is a side of its conversation (a composite foreign key to the side); a body is 1 to 4,000
characters and not blank. Who may write (members of a live connection) is checked by services/messages.py.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (CheckConstraint, ForeignKey, ForeignKeyConstraint, Index, Integer, Text,
                        UniqueConstraint)
from sqlalchemy.orm import Mapped, mapped_column

from matchmaker.extensions import db
from matchmaker.models._common import UTCDateTime, utcnow

BODY_MAX = 4000


class Conversation(db.Model):
    """The conversation of one pair of organisations (created when one of them first opens it while connected)."""

    __tablename__ = "conversation"
    __table_args__ = (UniqueConstraint("low_id", "high_id"),
                      UniqueConstraint("id", "low_id", "high_id"),  # the target of the sides' foreign key
                      CheckConstraint("low_id < high_id", name="ordered"))

    id: Mapped[int] = mapped_column(primary_key=True)
    low_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"))
    high_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_message_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    def other(self, organisation_id: int) -> int:
        """The id of the other organisation of the pair."""
        return self.high_id if organisation_id == self.low_id else self.low_id


class ConversationSide(db.Model):
    """One organisation's side of a conversation: its read marker (the last message id its members have seen)."""

    __tablename__ = "conversation_side"
    __table_args__ = (ForeignKeyConstraint(["conversation_id", "low_id", "high_id"],
                                           ["conversation.id", "conversation.low_id", "conversation.high_id"],
                                           ondelete="CASCADE"),
                      CheckConstraint("organisation_id = low_id OR organisation_id = high_id", name="one_of_pair"),
                      Index("ix_conversation_side_organisation_id", "organisation_id"))

    conversation_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisation.id", ondelete="CASCADE"),
                                                 primary_key=True)
    low_id: Mapped[int] = mapped_column(Integer)
    high_id: Mapped[int] = mapped_column(Integer)
    last_read_id: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class Message(db.Model):
    """One message, written by a member for their organisation; its author's account may be deleted later."""

    __tablename__ = "message"
    __table_args__ = (ForeignKeyConstraint(["conversation_id", "author_organisation_id"],
                                           ["conversation_side.conversation_id",
                                            "conversation_side.organisation_id"], ondelete="CASCADE"),
                      CheckConstraint(f"length(body) BETWEEN 1 AND {BODY_MAX}", name="body_length"),
                      CheckConstraint("trim(body) <> ''", name="body_not_blank"),
                      Index("ix_message_conversation_id_id", "conversation_id", "id"))

    id: Mapped[int] = mapped_column(primary_key=True)
    conversation_id: Mapped[int] = mapped_column(Integer)
    author_organisation_id: Mapped[int] = mapped_column(Integer)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("user.id", ondelete="SET NULL"))
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
