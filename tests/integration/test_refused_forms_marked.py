"""A form the server sends back refused is marked data-warn-unsaved="refused" (static/js/unsaved.js then counts what
it holds as unsaved: leaving asks, the language switch carries it), and only that one: the message box, a decline
opened again with its error, the profile form with errors; the same forms untouched are marked plainly."""
from __future__ import annotations

import re

from matchmaker.services.suggestions import rebuild_all
from tests.helpers import login, make_org, make_user, post_form
from tests.integration.messages.helpers import connected_pair
from tests.integration.messages.test_pages import send
from tests.integration.test_review_return_place import answer, listed
from tests.integration.test_strength_order import world


def _marks(html: str) -> list[str]:
    return re.findall(r'data-warn-unsaved(="refused")?', html)


def test_a_refused_message_is_marked(app, client):
    *_, alice, _bob, conversation = connected_pair()
    login(client, alice)
    assert _marks(client.get(f"/messages/{conversation.id}").get_data(as_text=True)) == [""]
    assert _marks(send(client, conversation.id, "x" * 4001).get_data(as_text=True)) == ['="refused"']


def test_a_decline_opened_again_is_marked_alone(client):
    company, _, _ = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    first = listed(company)[0]
    answer(client, first, action="decline", reason="other", note=" ")
    marks = _marks(client.get("/matches/?kind=tech-transfer").get_data(as_text=True))
    assert marks.count('="refused"') == 1 and len(marks) > 1


def test_a_profile_with_errors_is_marked(client):
    org = make_org()
    login(client, make_user(organisation=org))
    assert _marks(client.get(f"/profiles/{org.id}/edit").get_data(as_text=True)) == [""]
    response = post_form(client, f"/profiles/{org.id}/edit", {"name": "", "kind": "sme", "country": "IT"})
    assert response.status_code != 302 and _marks(response.get_data(as_text=True)) == ['="refused"']
