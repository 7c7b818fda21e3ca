"""Builders for the messages tests: two connected organisations with a member each."""
from __future__ import annotations

from matchmaker.services import messages, review
from tests.helpers import make_org, make_user


def connected_pair(**kinds):
    """Two connected organisations (Acme, Liver Lab), a member of each, and their conversation."""
    acme = make_org(name="Acme Biotech", kind=kinds.get("a", "sme"))
    lab = make_org(name="Liver Lab", kind=kinds.get("b", "university"))
    alice, bob = make_user(organisation=acme, name="Alice"), make_user(organisation=lab, name="Bob")
    review.express_interest(acme, lab, "interested", alice)
    assert review.express_interest(lab, acme, "interested", bob)
    return acme, lab, alice, bob, messages.conversation_with(alice, lab.id)
