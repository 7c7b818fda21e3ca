"""Marking unavailable a slot with a published meeting (the walk: accepted without a word, and the schedule page
still said the published agenda was the draft): the participant is warned naming the meeting, the organiser's
schedule page counts the clashes to repair."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import EventParticipant, Meeting
from tests.helpers import login, logout, make_user, post_form
from tests.integration.events.builders import published_event


def test_a_clash_with_a_published_meeting_is_named_to_the_participant_and_counted_for_the_organiser(app, client):
    organiser = make_user(role="organiser")
    event, people, meetings = published_event(organiser, places=((0, 0), (1, 0)))
    slots = [s.id for s in event.slots]
    number = db.session.get(Meeting, meetings[0].id).number
    login(client, organiser)
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert "The published agenda is the draft" in page and "published-clashes" not in page
    logout(client)

    login(client, db.session.get(EventParticipant, people[0].id).user)
    page = post_form(client, f"/events/{event.id}/availability", {"unavailable": [str(slots[0]), str(slots[2])]},
                     follow_redirects=True).get_data(as_text=True)
    assert "Availability saved." in page
    assert "your published meeting with Person 1 (Table T1) is then" in page  # participants see no numbers
    assert page.count("your published meeting") == 1  # the free slot marked is no clash
    logout(client)

    login(client, organiser)
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert "The published agenda has 1 clash to repair" in page
    assert f"Meeting {number}," in page and "Person 0 is unavailable" in page
    assert "The published agenda is the draft" not in page
