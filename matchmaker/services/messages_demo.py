"""The demo's conversation: the demo company and the research hospital connected, with a short exchange."""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Connection, ConversationSide, Interest, Message, User
from matchmaker.models._common import utcnow
from matchmaker.services.messages import ensure_conversation

# (who writes: "company" or "researcher", the text, minutes before now)
EXCHANGE = (
    ("company", "Good morning, we read about your glioma biobank. Our biomarker programme needs retrospective "
                "samples with MRI follow-up: could we discuss a collaboration?", 2 * 24 * 60),
    ("researcher", "Buongiorno, yes: we have about 400 annotated cases. Would a call next Tuesday at 10:00 suit "
                   "you? Our technology transfer office will join.", 2 * 24 * 60 - 95),
    ("company", "Tuesday at 10:00 is perfect. I will send a short NDA draft beforehand.", 30),
)


def create_demo_exchange(domain: str) -> bool:
    """Connect the demo company and research organisation (quietly: no notices) and write the exchange, once.
    The research side has the last message unread, so its Messages number shows. False when already there."""
    users = {role: db.session.execute(select(User).where(User.email == f"{role}@{domain}")).scalar()
             for role in ("company", "researcher")}
    if any(u is None or u.organisation_id is None for u in users.values()):
        return False
    company, research = users["company"].organisation_id, users["researcher"].organisation_id
    conversation = ensure_conversation(company, research)
    if db.session.execute(select(Message.id).where(Message.conversation_id == conversation.id)).first():
        return False
    for source, target, user in ((company, research, users["company"]), (research, company, users["researcher"])):
        if not db.session.execute(select(Interest.id).filter_by(organisation_id=source, target_id=target)).first():
            db.session.add(Interest(organisation_id=source, target_id=target, user_id=user.id))
    low, high = sorted((company, research))
    if db.session.execute(select(Connection).filter_by(low_id=low, high_id=high)).scalar() is None:
        db.session.add(Connection(low_id=low, high_id=high, connected_at=utcnow() - timedelta(days=3)))
    now = utcnow()
    written = []
    for role, body, minutes in EXCHANGE:
        user = users[role]
        written.append(Message(conversation_id=conversation.id, author_organisation_id=user.organisation_id,
                               author_id=user.id, body=body, created_at=now - timedelta(minutes=minutes)))
    db.session.add_all(written)
    db.session.flush()
    conversation.last_message_at = written[-1].created_at
    db.session.get(ConversationSide, (conversation.id, company)).last_read_id = written[-1].id
    db.session.get(ConversationSide, (conversation.id, research)).last_read_id = written[-2].id
    db.session.commit()
    return True
