"""Accepting the other side's request from the participant's path: an accepted one is refused with no side effect,
a meeting the organisers cancelled stays cancelled (and the page says so), accepting costs no quota, and the
requester is told their message was not sent."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import EventParticipant, Meeting, Notification
from matchmaker.models.event_meeting import ACCEPTED, CANCELLED, EXPIRED
from matchmaker.services import events_people
from matchmaker.services.events import Conflict
from tests.helpers import login, post_form
from tests.integration.events.builders import small_event


def _notifications() -> int:
    return db.session.scalar(select(func.count()).select_from(Notification))


def test_their_accepted_request_is_refused_with_no_side_effect(app):
    event, people, _ = small_event(pairs=(), accounts=True)
    theirs = events_people.request_meeting(event, people[1], people[0])
    events_people.accept(theirs)
    before = _notifications()
    with pytest.raises(Conflict) as refused:
        events_people.request_meeting(event, people[0], people[1])
    assert refused.value.reason[0] == "already_requested"
    assert _notifications() == before


def test_a_reinstated_participant_cannot_bring_back_a_cancelled_meeting(app, client):
    event, people, _ = small_event(pairs=(), accounts=True)
    theirs = events_people.request_meeting(event, people[1], people[0])
    meeting = events_people.accept(theirs)
    events_people.cancel_participant(db.session.get(EventParticipant, people[0].id))
    events_people.reinstate(db.session.get(EventParticipant, people[0].id))
    theirs.state = EXPIRED  # even a request in a state that may become accepted does not revive the meeting
    db.session.commit()
    events_people.request_meeting(event, people[0], people[1])
    assert theirs.state == ACCEPTED and db.session.get(Meeting, meeting.id).state == CANCELLED

    login(client, db.session.get(EventParticipant, people[0].id).user)
    page = client.get(f"/events/{event.id}/suggestions").get_data(as_text=True)
    assert "Meeting cancelled by the organisers" in page and "Meeting agreed" not in page


def test_accepting_theirs_costs_no_quota_and_the_button_stays(app, client):
    event, people, _ = small_event(pairs=(), accounts=True)
    event.request_quota = 1
    db.session.commit()
    events_people.request_meeting(event, people[0], people[2])  # the quota is used up
    events_people.request_meeting(event, people[1], people[0])
    login(client, db.session.get(EventParticipant, people[0].id).user)
    offered = client.get(f"/events/{event.id}/suggestions").get_data(as_text=True)
    assert f'id="accept-theirs-{people[1].id}"' in offered
    page = post_form(client, f"/events/{event.id}/request/{people[1].id}", {"message": "see you"},
                     form_url=f"/events/{event.id}/suggestions", follow_redirects=True).get_data(as_text=True)
    assert "had already asked you for a meeting" in page and "Your message was not sent" in page
    with pytest.raises(Conflict) as refused:  # a new request still counts against the quota
        events_people.request_meeting(event, people[0], people[3])
    assert refused.value.reason[0] == "quota_reached"
