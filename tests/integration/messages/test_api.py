"""The messages API: list, read (paged, marks read), post; errors as {"error"} with their status; in the document."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Message
from matchmaker.services import messages, review
from matchmaker.services.tokens import create_token
from tests.helpers import make_org, make_user
from tests.integration.messages.helpers import connected_pair


def bearer(user) -> dict:
    return {"Authorization": f"Bearer {create_token(user, 'test')[1]}"}


def test_list_read_and_post(app, client):
    acme, lab, alice, bob, conversation = connected_pair()
    a, b = bearer(alice), bearer(bob)
    url = f"/api/v1/conversations/{conversation.id}/messages"
    response = client.post(url, headers=a, json={"body": "Hello from Acme"})
    assert response.status_code == 201
    assert response.json["mine"] is True and response.json["author"] == "Alice"
    assert response.json["organisation_id"] == acme.id and response.json["body"] == "Hello from Acme"
    [row] = client.get("/api/v1/conversations", headers=b).json["items"]
    assert row["id"] == conversation.id and row["partner"] == {"id": acme.id, "name": "Acme Biotech"}
    assert row["unread"] == 1 and row["open"] is True and row["last_message"]["body"] == "Hello from Acme"
    body = client.get(url, headers=b).json
    assert [m["body"] for m in body["items"]] == ["Hello from Acme"] and body["items"][0]["mine"] is False
    assert body["next_before"] is None and body["open"] is True
    assert client.get("/api/v1/conversations", headers=b).json["items"][0]["unread"] == 0  # read by reading it


def test_messages_are_paged_oldest_first_within_a_page(app, client):
    app.config["MESSAGE_RATE_LIMIT"] = "1000 per minute"
    acme, lab, alice, bob, conversation = connected_pair()
    for n in range(7):
        messages.post(alice, conversation, f"m{n}")
    h, url = bearer(bob), f"/api/v1/conversations/{conversation.id}/messages"
    first = client.get(url + "?limit=3", headers=h).json
    assert [m["body"] for m in first["items"]] == ["m4", "m5", "m6"] and first["next_before"]
    second = client.get(url + f"?limit=3&before={first['next_before']}", headers=h).json
    assert [m["body"] for m in second["items"]] == ["m1", "m2", "m3"]
    last = client.get(url + f"?limit=3&before={second['next_before']}", headers=h).json
    assert [m["body"] for m in last["items"]] == ["m0"] and last["next_before"] is None
    assert client.get(url + "?limit=0", headers=h).status_code == 422


def test_errors(app, client):
    acme, lab, alice, bob, conversation = connected_pair()
    url = f"/api/v1/conversations/{conversation.id}/messages"
    stranger, admin = make_user(organisation=make_org(name="Other")), make_user(role="admin")
    assert client.get(url).status_code == 401
    for user in (stranger, admin):
        for response in (client.get(url, headers=bearer(user)),
                         client.post(url, headers=bearer(user), json={"body": "hi"})):
            assert response.status_code == 404 and response.json == {"error": "no such conversation"}
    assert client.get("/api/v1/conversations", headers=bearer(admin)).status_code == 403
    h = bearer(alice)
    assert client.post(url, headers=h, json={"body": ""}).status_code == 422
    assert client.post(url, headers=h, json={"body": "x" * 4001}).status_code == 422
    response = client.post(url, headers=h, json={"body": "   "})
    assert response.status_code == 422 and response.json == {"error": "the message is empty"}
    response = client.post(url, headers=h, data='{"body": "a\\u0000b"}', content_type="application/json")
    assert response.status_code == 400 and "error" in response.json
    assert client.get("/api/v1/conversations/999999/messages", headers=h).status_code == 404
    review.express_interest(lab, acme, "withdraw", bob)
    response = client.post(url, headers=h, json={"body": "still there?"})
    assert response.status_code == 409 and "ended" in response.json["error"]
    assert client.get(url, headers=h).json["open"] is False
    assert db.session.scalar(db.select(db.func.count(Message.id))) == 0


def test_the_rate_limit_answers_429(app, client):
    app.config["MESSAGE_RATE_LIMIT"] = "2 per minute"
    acme, lab, alice, bob, conversation = connected_pair()
    h, url = bearer(alice), f"/api/v1/conversations/{conversation.id}/messages"
    assert [client.post(url, headers=h, json={"body": f"m{n}"}).status_code for n in range(3)] == [201, 201, 429]
    assert "error" in client.post(url, headers=h, json={"body": "again"}).json


def test_the_document_describes_the_endpoints(app, client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    assert "get" in paths["/api/v1/conversations"]
    messages_path = paths["/api/v1/conversations/{conversation_id}/messages"]
    assert {"get", "post"} <= set(messages_path)
    assert {"201", "404", "409", "422", "429"} <= set(messages_path["post"]["responses"])
