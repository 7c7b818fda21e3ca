"""Accepting someone's request from the suggested meetings: their message shows, they are listed once, the
acceptance is plain (not mutual) and worded so, and the "request received" notification is marked read."""
from __future__ import annotations

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import EventParticipant, MeetingRequest, Notification
from matchmaker.services import events_people
from matchmaker.services.suggestions import rebuild_all
from tests.helpers import login, post_form
from tests.integration.events.builders import small_event
from tests.integration.test_suggestions import world


def test_accept_their_request_from_suggestions_is_a_plain_acceptance(app, client):
    company, lab, _other = world()
    event, people, _ = small_event(pairs=(), accounts=True)
    for person, org in ((people[0], company), (people[1], lab)):
        person.organisation_id = person.user.organisation_id = org.id
    db.session.commit()
    rebuild_all()
    events_people.request_meeting(event, people[1], people[0], "Shall we talk about biomarkers?")
    me = db.session.get(EventParticipant, people[0].id)
    them = db.session.get(EventParticipant, people[1].id)
    login(client, me.user)
    url = f"/events/{event.id}/suggestions"
    page = client.get(url).get_data(as_text=True)
    assert "Shall we talk about biomarkers?" in page
    assert f'data-participant="{them.id}"' not in page.split('id="all-participants"', 1)[1]
    assert page.count(f'id="accept-theirs-{them.id}"') == 1  # not again under "All participants"
    assert page.count("<h2>Person 1") == 1
    request = db.session.execute(select(MeetingRequest)).scalar_one()
    done = post_form(client, f"/events/{event.id}/requests/{request.id}/answer",
                     {"answer": "accept", "next": url}, form_url=url, follow_redirects=True)
    text = done.get_data(as_text=True)
    assert "You accepted Person 1’s request." in text and "had already asked" not in text
    db.session.expire_all()
    request = db.session.get(MeetingRequest, request.id)
    assert request.state == "accepted" and not request.mutual
    received = db.session.execute(select(Notification).where(
        Notification.user_id == me.user_id, Notification.code == "event_request_received")).scalar_one()
    assert received.read_at is not None
    told = db.session.execute(select(Notification).where(
        Notification.user_id == them.user_id, Notification.code == "event_request_accepted")).scalar_one()
    assert told.read_at is None


def test_when_every_other_participant_is_suggested_the_full_list_says_so(app, client):
    """"All participants" leaves out those suggested above: with nobody else it must not say that nobody from another
    organisation has registered (they have: they are the suggestions)."""
    company, lab, _other = world()
    event, people, _ = small_event(people=2, pairs=(), accounts=True)
    for person, org in ((people[0], company), (people[1], lab)):
        person.organisation_id = person.user.organisation_id = org.id
    db.session.commit()
    rebuild_all()
    login(client, db.session.get(EventParticipant, people[0].id).user)
    page = client.get(f"/events/{event.id}/suggestions").get_data(as_text=True)
    suggested, everyone = page.split('id="all-participants"', 1)
    assert "<h2>Person 1" in suggested
    assert "Every other participant is among the suggestions above." in everyone
    assert "Nobody from another organisation has registered yet." not in page
