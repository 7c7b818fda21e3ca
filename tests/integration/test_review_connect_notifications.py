"""The answer that completes a connection tells the other side "connected", never "is interested in you" first."""
from __future__ import annotations

import logging

import pytest

from matchmaker.extensions import db
from matchmaker.models import Notification
from matchmaker.services import review
from tests.helpers import make_org, make_user


def codes_of(user) -> list[str]:
    return list(db.session.execute(db.select(Notification.code).where(Notification.user_id == user.id)
                                   .order_by(Notification.id)).scalars())


@pytest.mark.parametrize("kinds, list_kind", [(("sme", "university"), "tech-transfer"),
                                              (("investor", "startup"), "investor")])
def test_the_connecting_answer_sends_only_connected(app, caplog, kinds, list_kind):
    first_org, second_org = make_org(name="First Co", kind=kinds[0]), make_org(name="Second Co", kind=kinds[1])
    first, second = make_user(organisation=first_org), make_user(organisation=second_org)
    app.config["PUBLIC_URL"] = "https://mm.example.org"
    review.give_feedback(first_org, second_org, list_kind, "interested", first)
    assert codes_of(second) == ["interest_received"]
    with caplog.at_level(logging.WARNING):
        outcome = review.give_feedback(second_org, first_org, list_kind, "interested", second)
    assert outcome.newly_connected
    assert codes_of(first) == ["connected"]  # not "Second Co is interested in you ... to connect" as well
    assert codes_of(second) == ["interest_received", "connected"]
    mailed = [r.getMessage() for r in caplog.records if "Mail not configured" in r.getMessage()
              and first.email in r.getMessage()]
    assert len(mailed) == 1 and "connect" in mailed[0] and "interested in your organisation" not in mailed[0]


def test_interest_from_a_profile_page_that_connects_sends_only_connected(app):
    company, lab = make_org(name="Acme", kind="sme"), make_org(name="Lab", kind="university")
    alice, bob = make_user(organisation=company), make_user(organisation=lab)
    review.express_interest(company, lab, "interested", alice)
    assert review.express_interest(lab, company, "interested", bob) is True
    assert codes_of(alice) == ["connected"] and codes_of(bob) == ["interest_received", "connected"]
