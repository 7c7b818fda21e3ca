"""The demo's conversation: a connected pair with a short exchange, the researcher with one unread message."""
from __future__ import annotations

from matchmaker.services import messages, review
from matchmaker.services.demo import DEMO_DOMAIN
from matchmaker.services.messages_demo import EXCHANGE, create_demo_exchange
from tests.helpers import make_org, make_user


def test_the_demo_exchange_is_connected_readable_and_made_once(app):
    company, research = make_org(name="Dompé"), make_org(name="Besta", kind="irccs_hospital")
    make_user(email=f"company@{DEMO_DOMAIN}", organisation=company)
    researcher = make_user(email=f"researcher@{DEMO_DOMAIN}", organisation=research)
    assert create_demo_exchange(DEMO_DOMAIN) is True
    assert create_demo_exchange(DEMO_DOMAIN) is False
    assert review.is_connected(company.id, research.id)
    [row] = messages.summaries(research.id)
    assert row.open and row.unread == 1 and row.last.body == EXCHANGE[-1][1]
    assert messages.unread_total(company.id) == 0
    conversation = messages.conversation_with(researcher, company.id)
    assert [m.body for m in messages.page(conversation)[0]] == [body for _, body, _ in EXCHANGE]
    messages.post(researcher, conversation, "See you on Tuesday.")  # the demo pair may go on writing


def test_no_exchange_without_the_demo_accounts(app):
    assert create_demo_exchange(DEMO_DOMAIN) is False
