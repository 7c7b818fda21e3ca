"""The Messages pages: exchanging through the forms, the navigation's count, typed text kept on error, a closed
conversation, and the Message links on the connection card and the partner's profile."""
from __future__ import annotations

import html

from matchmaker.extensions import db
from matchmaker.models import Message
from matchmaker.services import messages, review
from tests.helpers import csrf_token, login, make_org, make_user
from tests.integration.messages.helpers import connected_pair


def nav_count(client) -> str:
    page = client.get("/profiles/").get_data(as_text=True)
    start = page.index('id="nav-messages"')
    return page[start:page.index("</a>", start)]


def send(client, conversation_id: int, body: str):
    token = csrf_token(client, f"/messages/{conversation_id}")
    return client.post(f"/messages/{conversation_id}", data={"csrf_token": token, "body": body})


def test_two_members_exchange_messages_through_the_pages(app):
    acme, lab, alice, bob, conversation = connected_pair()
    a, b = app.test_client(), app.test_client()
    login(a, alice)
    login(b, bob)
    response = a.get(f"/messages/with/{lab.id}")
    assert response.status_code == 302 and response.location.endswith(f"/messages/{conversation.id}#write")
    response = send(a, conversation.id, "Hello Liver Lab,\nshall we talk about <b>LNP</b> delivery?")
    assert response.status_code == 302
    assert '<span class="badge">1</span>' in nav_count(b) and "badge" not in nav_count(a)
    listing = b.get("/messages/").get_data(as_text=True)
    assert "Acme Biotech" in listing and "Hello Liver Lab, shall we talk" in listing and "has-unread" in listing
    assert "<b>LNP</b>" not in listing  # escaped
    page = b.get(f"/messages/{conversation.id}").get_data(as_text=True)
    assert 'id="unread"' in page and "Alice" in page and "&lt;b&gt;LNP&lt;/b&gt;" in page
    assert "badge" not in nav_count(b)  # read by opening it
    assert 'id="unread"' not in b.get(f"/messages/{conversation.id}").get_data(as_text=True)
    assert send(b, conversation.id, "Gladly. Next week?").status_code == 302
    page = a.get(f"/messages/{conversation.id}").get_data(as_text=True)
    assert page.index("shall we talk") < page.index("Gladly. Next week?")  # oldest first
    assert 'class="message mine"' in page and 'class="message theirs"' in page


def test_a_refused_message_keeps_the_typed_text(app, client):
    acme, lab, alice, bob, conversation = connected_pair()
    login(client, alice)
    long_text = "Dear colleagues, " + "x" * 4000
    response = send(client, conversation.id, long_text)
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "at most 4,000 characters" in page and long_text in html.unescape(page)
    response = send(client, conversation.id, "   ")
    assert response.status_code == 422 and 'aria-invalid="true"' in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(Message.id))) == 0


def test_the_rate_limit_keeps_the_typed_text(app, client):
    app.config["MESSAGE_RATE_LIMIT"] = "1 per minute"
    acme, lab, alice, bob, conversation = connected_pair()
    login(client, alice)
    assert send(client, conversation.id, "First").status_code == 302
    response = send(client, conversation.id, "Second, too soon")
    assert response.status_code == 429 and "Second, too soon" in response.get_data(as_text=True)
    assert "Wait a minute" in response.get_data(as_text=True)


def test_an_ended_connection_shows_a_read_only_conversation(app, client):
    acme, lab, alice, bob, conversation = connected_pair()
    messages.post(bob, conversation, "Our offer stands")
    review.express_interest(acme, lab, "withdraw", alice)
    login(client, alice)
    page = client.get(f"/messages/{conversation.id}").get_data(as_text=True)
    assert "Our offer stands" in page and "has ended" in page and 'name="body"' not in page
    response = send(client, conversation.id, "Wait!")
    page = response.get_data(as_text=True)
    assert response.status_code == 409 and "no new messages can be written" in page and "Wait!" in page
    assert "read only" in client.get("/messages/").get_data(as_text=True)


def test_message_links_on_the_connection_card_and_the_profile(app, client):
    acme, lab, alice, bob, conversation = connected_pair()
    messages.post(bob, conversation, "Hi")
    stranger = make_org(name="Not Connected Srl")
    login(client, alice)
    card = client.get("/matches/connections").get_data(as_text=True)
    assert f'href="/messages/with/{lab.id}"' in card and "(1 unread)" in card
    assert f'href="/messages/with/{lab.id}"' in client.get(f"/profiles/{lab.id}").get_data(as_text=True)
    assert "/messages/with/" not in client.get(f"/profiles/{stranger.id}").get_data(as_text=True)
    assert client.get(f"/messages/with/{stranger.id}").status_code == 404


def test_others_cannot_open_the_conversation(app, client):
    acme, lab, alice, bob, conversation = connected_pair()
    for user in (make_user(organisation=make_org(name="Other")), make_user(role="admin")):
        other = app.test_client()
        login(other, user)
        assert other.get(f"/messages/{conversation.id}").status_code == 404
        assert other.post(f"/messages/{conversation.id}", data={"csrf_token": csrf_token(other, "/"),
                                                                "body": "hi"}).status_code == 404
    assert db.session.scalar(db.select(db.func.count(Message.id))) == 0


def test_organisers_and_admins_get_404_on_a_partner_link(app):
    """README Messages: admins and organisers have no reading right, so a pair's link is as absent to them (not 403)."""
    acme, lab, alice, bob, conversation = connected_pair()
    for user in (make_user(role="organiser"), make_user(role="admin"), make_user(role="admin", organisation=acme)):
        other = app.test_client()
        login(other, user)
        assert other.get(f"/messages/with/{lab.id}").status_code == (302 if user.organisation_id else 404)
        assert other.get(f"/messages/with/{acme.id}").status_code == 404


def test_older_messages_are_paged(app, client):
    acme, lab, alice, bob, conversation = connected_pair()
    app.config["MESSAGE_RATE_LIMIT"] = "1000 per minute"
    for n in range(messages.PAGE_SIZE + 3):
        messages.post(alice if n % 2 else bob, conversation, f"note {n:03d}")
    login(client, alice)
    page = client.get(f"/messages/{conversation.id}").get_data(as_text=True)
    assert "note 052" in page and "note 003" in page and "note 002" not in page and "Earlier messages" in page
    first_shown = db.session.scalar(db.select(Message.id).where(Message.body == "note 003"))
    older = client.get(f"/messages/{conversation.id}?before={first_shown}").get_data(as_text=True)
    assert "note 000" in older and "note 002" in older and "note 003" not in older


def test_the_page_in_italian(app, client):
    acme, lab, alice, bob, conversation = connected_pair()
    alice.locale = "it"
    db.session.commit()
    login(client, alice)
    page = client.get(f"/messages/{conversation.id}").get_data(as_text=True)
    assert "Messaggi con Liver Lab" in page and "Invia" in page
    assert "Messaggi" in nav_count(client)
