"""The events API: the caller's events, the grid, the agenda (JSON, iCal), organisers' meetings and moves."""
from __future__ import annotations

import icalendar

from matchmaker.extensions import db
from matchmaker.models import Event, Meeting
from matchmaker.services.tokens import create_token
from tests.helpers import make_org, make_user
from tests.integration.events.builders import schedule_now, small_event


def _auth(user):
    return {"Authorization": f"Bearer {create_token(user, 'test')[1]}"}


def test_events_api(app, client):
    organiser, stranger = make_user(role="organiser"), make_user(role="organiser")
    member = make_user(organisation_id=make_org(name="Brianza Pharma").id)
    event, people, meetings = small_event(organiser=organiser)
    people[0].user_id = member.id
    db.session.commit()
    schedule_now(event, publish=True)
    o, m, s = _auth(organiser), _auth(member), _auth(stranger)

    assert client.get("/api/v1/events", headers=o).json == {
        "items": [{"id": event.id, "name": "Meet in Italy", "status": "published", "role": "organiser"}]}
    assert client.get("/api/v1/events", headers=m).json["items"][0]["role"] == "participant"
    assert client.get("/api/v1/events", headers=s).json == {"items": []}

    shown = client.get(f"/api/v1/events/{event.id}", headers=m).json
    assert shown["time_zone"] == "Europe/Rome" and len(shown["slots"]) == 6 and len(shown["tables"]) == 2
    assert shown["slots"][0] == {"index": 1, "start": "2027-03-10T09:00:00+01:00", "end": "2027-03-10T09:20:00+01:00"}
    assert shown["tables"][0] == {"index": 1, "name": "T1", "virtual": False}

    agenda = client.get(f"/api/v1/events/{event.id}/agenda", headers=m).json["items"]
    assert len(agenda) == 2 and all(item["partners"][0]["name"] in ("Person 1", "Person 2") for item in agenda)
    ics = client.get(f"/api/v1/events/{event.id}/agenda.ics", headers=m)
    assert ics.mimetype == "text/calendar" and len(icalendar.Calendar.from_ical(ics.data).walk("VEVENT")) == 2

    # organiser endpoints: participants 403, strangers 404 (everywhere)
    for path in (f"/api/v1/events/{event.id}/meetings",):
        assert client.get(path, headers=m).status_code == 403 and "error" in client.get(path, headers=m).json
        assert client.get(path, headers=s).status_code == 404
    for path in ("", "/agenda", "/agenda.ics"):
        assert client.get(f"/api/v1/events/{event.id}{path}", headers=s).status_code == 404
    move = f"/api/v1/events/{event.id}/meetings/{meetings[1].id}/move"
    assert client.post(move, json={"slot": 1, "table": 1}, headers=m).status_code == 403
    assert client.post(move, json={"slot": 1, "table": 1}, headers=s).status_code == 404

    placed = client.get(f"/api/v1/events/{event.id}/meetings", headers=o).json["items"]
    assert len(placed) == 3 and sorted(len(p["participants"]) for p in placed) == [2, 2, 2]
    first = next(p for p in placed if p["meeting_id"] == meetings[0].id)  # persons 0-1
    busy = next(p for p in placed if p["meeting_id"] == meetings[2].id)  # persons 0-2
    refused = client.post(f"/api/v1/events/{event.id}/meetings/{busy['meeting_id']}/move",
                          json={"slot": first["slot"], "table": 3 - first["table"]}, headers=o)
    assert refused.status_code == 409 and refused.json["reason"] == "participant_busy"
    assert "another meeting in that slot" in refused.json["error"]
    assert client.get(f"/api/v1/events/{event.id}/meetings", headers=o).json["items"] == placed

    target = next(p for p in placed if p["meeting_id"] == meetings[1].id)  # persons 2-3
    taken = {p["slot"] for p in placed if set(p["participants"]) & {people[2].id, people[3].id}}
    free = next(slot for slot in range(1, 7) if slot not in taken)
    sequence = db.session.get(Meeting, target["meeting_id"]).sequence
    moved = client.post(f"/api/v1/events/{event.id}/meetings/{target['meeting_id']}/move",
                        json={"slot": free, "table": 2}, headers=o)
    assert moved.status_code == 200 and moved.json["slot"] == free and moved.json["table"] == 2
    meeting = db.session.get(Meeting, target["meeting_id"])
    assert meeting.pub_slot.index == free - 1 and meeting.sequence == sequence + 1  # published at once
    assert client.post(move, json={"slot": "x"}, headers=o).status_code == 422
    assert client.get("/api/v1/events/999", headers=o).status_code == 404
    assert db.session.get(Event, event.id).status == "published"


def test_an_admin_is_listed_as_admin_where_not_an_organiser(app, client):
    """An administrator sees every event in the API, as "admin" where they are not one of its organisers (they are
    not its organiser), "organiser" where they are; the schema lists the three roles."""
    from matchmaker.models.event import EventOrganiser

    admin, organiser = make_user(role="admin"), make_user(role="organiser")
    theirs, _, _ = small_event(organiser=organiser)
    ours, _, _ = small_event(organiser=admin)
    assert db.session.query(EventOrganiser).filter_by(event_id=ours.id, user_id=admin.id).count() == 1
    roles = {item["id"]: item["role"] for item in client.get("/api/v1/events", headers=_auth(admin)).json["items"]}
    assert roles == {theirs.id: "admin", ours.id: "organiser"}
    assert client.get("/api/v1/events", headers=_auth(organiser)).json["items"][0]["role"] == "organiser"
    assert client.get(f"/api/v1/events/{theirs.id}/meetings", headers=_auth(admin)).status_code == 200  # still may
    schema = client.get("/api/v1/openapi.json").json["components"]["schemas"]
    item = next(value for key, value in schema.items() if key.endswith(".EventItem"))
    assert set(item["properties"]["role"]["enum"]) == {"organiser", "participant", "admin"}
