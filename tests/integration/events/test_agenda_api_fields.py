"""The agenda API carries what the agenda page shows: the requester's message, the table's name and virtual room,
and whether each partner has checked in; the OpenAPI document (generated) describes them."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import User
from matchmaker.services import events_checkin
from matchmaker.services.tokens import create_token
from tests.integration.events.day_builders import published_day, rome


def _agenda(client, event, participant) -> list[dict]:
    secret = create_token(db.session.get(User, participant.user_id), "test")[1]
    response = client.get(f"/api/v1/events/{event.id}/agenda", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200, response.json
    return response.json["items"]


def test_the_agenda_api_has_the_message_and_the_partners_arrival(app, client):
    event, people, _ = published_day(message="About your organoids", virtual_link="https://meet.example.org/b")
    events_checkin.check_in(event, people[1], None, rome(8, 45))
    asked, asker = _agenda(client, event, people[0]), _agenda(client, event, people[1])
    assert asked[0]["message"] == {"text": "About your organoids", "author": "Person 1", "mine": False}
    assert asker[0]["message"] == {"text": "About your organoids", "author": "Person 1", "mine": True}
    assert asked[0]["partners"] == [{"name": "Person 1", "organisation": asked[0]["partners"][0]["organisation"],
                                     "arrived": True}]
    assert [i["message"] for i in asked[1:]] == [None, None]  # no request message for these meetings
    assert [p["arrived"] for i in asked[1:] for p in i["partners"]] == [False, False]
    assert asked[0]["start"] == "2027-03-10T09:00:00+01:00" and asked[0]["table_name"] == "T1"
    assert (asked[0]["virtual"], asked[0]["link"]) == (False, "")
    room = _agenda(client, event, people[2])[0]  # Persons 2 and 3 meet in the virtual room at 09:00
    assert (room["table_name"], room["virtual"], room["link"]) == ("Room B", True, "https://meet.example.org/b")


def test_the_openapi_document_describes_the_new_fields(client):
    document = client.get("/api/v1/openapi.json").json
    schemas = document["components"]["schemas"]
    item = next(s for name, s in schemas.items() if name.endswith(".AgendaItem"))
    assert {"message", "table_name", "virtual", "link"} <= set(item["properties"])
    partner = next(s for name, s in schemas.items() if name.startswith("AgendaOut") and name.endswith(".Partner"))
    assert "arrived" in partner["properties"] and "arrived" in partner["required"]
    message = next(s for name, s in schemas.items() if name.endswith(".AgendaMessage"))
    assert set(message["required"]) == {"text", "author", "mine"}
