"""The personal data download holds the user's part in events: participations, availability, requests, meetings;
nobody else's (another participant's address, availability or requests)."""
from __future__ import annotations

import json

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant, EventSlot, MeetingRequest, Unavailability
from matchmaker.services import events_people
from matchmaker.services.events_publish import publish
from tests.helpers import login
from tests.integration.events.builders import schedule_now, small_event


def test_the_download_has_the_users_events_and_nobody_elses(app, client):
    event, people, _ = small_event(accounts=True, pairs=((0, 1), (0, 2), (2, 3)))
    for person, email in zip(people, ("me@a.example", "p1@b.example", "p2@c.example", "p3@d.example")):
        person.email = email
    slots = db.session.query(EventSlot).filter_by(event_id=event.id).order_by(EventSlot.index).all()
    db.session.add_all([Unavailability(participant_id=people[0].id, slot_id=slots[-1].id),
                        Unavailability(participant_id=people[3].id, slot_id=slots[0].id)])
    db.session.add(MeetingRequest(event_id=event.id, requester_id=people[3].id, target_id=people[1].id,
                                  message="not yours to see"))
    db.session.commit()
    events_people.request_meeting(event, people[0], people[3], "Shall we talk about biomarkers?")
    events_people.request_meeting(event, people[1], people[2], "")  # between two others
    schedule_now(event)
    publish(db.session.get(Event, event.id))
    db.session.commit()
    me = db.session.get(EventParticipant, people[0].id).user

    login(client, me)
    raw = client.get("/privacy/data.json").get_data(as_text=True)
    data = json.loads(raw)
    [mine] = data["event_participations"]
    assert mine["event"] == "Meet in Italy" and mine["email"] == "me@a.example" and not mine["cancelled"]
    assert mine["unavailable_slots"] == [slots[-1].starts_at.replace(tzinfo=None).isoformat() + "+00:00"]
    assert [(r["direction"], r["with"], r["message"]) for r in mine["meeting_requests"]] == [
        ("sent", "Person 3", "Shall we talk about biomarkers?")]
    partners = sorted(p["name"] for m in mine["meetings"] for p in m["with"])
    assert partners == ["Person 1", "Person 2"]
    assert all(m["published"] and m["starts_at"] and m["table"] for m in mine["meetings"])
    for secret in ("p1@b.example", "p3@d.example", "not yours to see", people[0].ical_token):
        assert secret not in raw


def test_a_participation_imported_before_the_account_is_in_the_download(app, client):
    from tests.helpers import make_user

    event, people, _ = small_event(pairs=())  # imported rows: no accounts yet
    people[0].email, people[1].email = "late@a.example", "someone@b.example"
    db.session.commit()
    me = make_user(email="late@a.example")
    login(client, me)
    data = json.loads(client.get("/privacy/data.json").get_data(as_text=True))
    assert [p["email"] for p in data["event_participations"]] == ["late@a.example"]
