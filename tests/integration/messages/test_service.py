"""The rules of services/messages.py: who reads and writes, closed conversations, unread per side, batched notices,
bad text, the rate limit, and the database's own invariants."""
from __future__ import annotations

import logging

import pytest
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.models import Conversation, ConversationSide, Message, Notification
from matchmaker.services import messages, review
from tests.helpers import make_org, make_user
from tests.integration.messages.helpers import connected_pair


def notices(user) -> list[Notification]:
    return list(db.session.execute(db.select(Notification).where(
        Notification.user_id == user.id, Notification.code == messages.NOTICE).order_by(Notification.id)).scalars())


def test_connecting_creates_one_conversation_with_two_sides(app):
    acme, lab, alice, bob, conversation = connected_pair()
    assert messages.conversation_with(bob, acme.id).id == conversation.id
    assert db.session.scalar(db.select(db.func.count(Conversation.id))) == 1
    sides = db.session.execute(db.select(ConversationSide.organisation_id)).scalars().all()
    assert sorted(sides) == sorted([acme.id, lab.id])


def test_only_members_of_the_pair_read_and_write(app):
    acme, lab, alice, bob, conversation = connected_pair()
    stranger = make_user(organisation=make_org(name="Other Co"))
    admin, organiser = make_user(role="admin"), make_user(role="organiser")
    for user in (stranger, admin, organiser):
        with pytest.raises(messages.MessageError) as err:
            messages.conversation_for(user, conversation.id)
        assert err.value.status == 404
        with pytest.raises(messages.MessageError) as err:
            messages.post(user, conversation, "hello")
        assert err.value.status in (403, 404)
    with pytest.raises(messages.MessageError) as err:  # no conversation with an organisation one is not connected to
        messages.conversation_with(stranger, acme.id)
    assert err.value.status == 404
    assert db.session.scalar(db.select(db.func.count(Message.id))) == 0
    assert messages.conversation_for(bob, conversation.id).id == conversation.id


def test_an_ended_connection_keeps_the_conversation_readable_but_closed(app):
    acme, lab, alice, bob, conversation = connected_pair()
    messages.post(alice, conversation, "First words")
    review.give_feedback(lab, acme, "tech-transfer", "decline", bob, reason="no_capacity")
    assert not messages.is_open(conversation)
    with pytest.raises(messages.MessageError) as err:
        messages.post(alice, conversation, "Are you still there?")
    assert err.value.status == 409 and err.value.code == "closed"
    assert messages.conversation_for(alice, conversation.id).id == conversation.id  # still readable
    assert messages.conversation_with(bob, acme.id).id == conversation.id
    assert [m.body for m in messages.page(conversation)[0]] == ["First words"]
    [row] = messages.summaries(acme.id)
    assert row.open is False and row.last.body == "First words"
    review.express_interest(lab, acme, "interested", bob)  # interested again: connected, open again
    assert messages.is_open(conversation)
    messages.post(bob, conversation, "Back again")


def test_each_side_has_its_own_unread_count(app):
    acme, lab, alice, bob, conversation = connected_pair()
    colleague = make_user(organisation=acme, name="Carla")
    messages.post(alice, conversation, "One")
    messages.post(alice, conversation, "Two")
    assert messages.unread_total(lab.id) == 2 and messages.unread_total(acme.id) == 0  # one's own are read
    messages.post(bob, conversation, "Reply")  # writing in it reads it, on one's own side
    assert messages.unread_total(acme.id) == 1 and messages.unread_total(lab.id) == 0
    messages.post(alice, conversation, "Three")
    assert messages.unread_total(lab.id) == 1
    messages.mark_read(colleague, conversation)  # the marker is the organisation's: Alice's count drops too
    assert messages.unread_total(acme.id) == 0 and messages.unread_total(lab.id) == 1
    assert [s.unread for s in messages.summaries(lab.id)] == [1]
    messages.mark_read(bob, conversation)
    assert messages.unread_total(lab.id) == 0


def test_one_notice_and_mail_per_recipient_while_unread(app, caplog):
    acme, lab, alice, bob, conversation = connected_pair()
    dana = make_user(organisation=lab, name="Dana", locale="it")
    quiet = make_user(organisation=lab, name="Quiet", notify_by_email=False)
    app.config["PUBLIC_URL"] = "https://mm.example.org"
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        for text in ("One", "Two", "Three"):
            messages.post(alice, conversation, text)
    mails = [r.getMessage() for r in caplog.records if "Mail not configured" in r.getMessage()]
    assert len(mails) == 2  # Bob and Dana, once each; Quiet turned mail off
    assert sum(bob.email in m for m in mails) == 1 and sum(dana.email in m for m in mails) == 1
    [italian] = [m for m in mails if dana.email in m]
    assert "Acme Biotech" in italian and "messaggio" in italian  # in the recipient's language
    assert f"https://mm.example.org/messages/{conversation.id}" in italian
    assert [len(notices(u)) for u in (bob, dana, quiet, alice)] == [1, 1, 1, 0]
    messages.mark_read(bob, conversation)  # read: the next message notifies again
    assert notices(bob)[0].read_at is not None and notices(dana)[0].read_at is None
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        messages.post(alice, conversation, "Four")
    assert len([r for r in caplog.records if "Mail not configured" in r.getMessage()]) == 2
    assert [len(notices(u)) for u in (bob, dana, alice)] == [2, 2, 0]


@pytest.mark.parametrize("body, code", [("", "empty"), ("   \n ", "empty"), ("a\x00b", "nul"),
                                        ("x" * 4001, "too_long")])
def test_bad_text_is_refused(app, body, code):
    acme, lab, alice, bob, conversation = connected_pair()
    with pytest.raises(messages.MessageError) as err:
        messages.post(alice, conversation, body)
    assert err.value.code == code and err.value.status == 422
    assert db.session.scalar(db.select(db.func.count(Message.id))) == 0


def test_the_longest_message_is_kept_whole_and_trimmed(app):
    acme, lab, alice, bob, conversation = connected_pair()
    message = messages.post(alice, conversation, "  " + "é" * 4000 + "\n")
    assert message.body == "é" * 4000


def test_sending_is_rate_limited_per_user(app):
    app.config["MESSAGE_RATE_LIMIT"] = "3 per minute"
    acme, lab, alice, bob, conversation = connected_pair()
    for n in range(3):
        messages.post(alice, conversation, f"message {n}")
    with pytest.raises(messages.MessageError) as err:
        messages.post(alice, conversation, "one too many")
    assert err.value.status == 429
    messages.post(bob, conversation, "Bob has his own allowance")
    assert db.session.scalar(db.select(db.func.count(Message.id))) == 4


def test_the_database_refuses_an_author_outside_the_pair_and_bad_bodies(app):
    acme, lab, alice, bob, conversation = connected_pair()
    stranger = make_org(name="Other Co")
    for values in ({"author_organisation_id": stranger.id, "body": "hi"},
                   {"author_organisation_id": acme.id, "body": ""},
                   {"author_organisation_id": acme.id, "body": "   "},
                   {"author_organisation_id": acme.id, "body": "x" * 4001}):
        db.session.add(Message(conversation_id=conversation.id, author_id=alice.id, **values))
        with pytest.raises(IntegrityError):
            db.session.commit()
        db.session.rollback()
    db.session.add(ConversationSide(conversation_id=conversation.id, organisation_id=stranger.id,
                                    low_id=conversation.low_id, high_id=conversation.high_id))
    with pytest.raises(IntegrityError):  # a side is one of the pair
        db.session.commit()
    db.session.rollback()


def test_personal_data_lists_messages_written_and_deletion_leaves_them_without_a_name(app, client):
    from matchmaker.services.privacy import delete_account
    from tests.helpers import PASSWORD

    from matchmaker.services.privacy import export_data

    acme, lab, alice, bob, conversation = connected_pair()
    messages.post(alice, conversation, "Kept for the organisation")
    [written] = export_data(alice)["messages_written"]
    assert written["to"] == "Liver Lab" and written["body"] == "Kept for the organisation"
    assert export_data(bob)["messages_written"] == []
    delete_account(alice, PASSWORD)
    [message] = messages.page(conversation)[0]
    assert message.author_id is None and message.body == "Kept for the organisation"
