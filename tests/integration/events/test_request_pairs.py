"""One request per pair of participants: the database refuses a second one either way, two people asking each other at
the same moment get one mutual meeting, and asking someone who already asked you accepts theirs."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.models import EventParticipant, Meeting, MeetingRequest
from matchmaker.models.event_meeting import ACCEPTED, DECLINED
from matchmaker.services import events_people
from matchmaker.services.events import Conflict
from tests.helpers import login, post_form
from tests.integration.events.builders import small_event


def _meetings(event) -> int:
    return db.session.scalar(select(func.count()).select_from(Meeting).where(Meeting.event_id == event.id))


def test_the_database_allows_one_request_per_unordered_pair(app):
    event, people, _ = small_event(pairs=())
    db.session.add(MeetingRequest(event_id=event.id, requester_id=people[0].id, target_id=people[1].id))
    db.session.commit()
    assert db.session.scalar(select(MeetingRequest.pair_low)) == min(people[0].id, people[1].id)
    db.session.add(MeetingRequest(event_id=event.id, requester_id=people[1].id, target_id=people[0].id))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    db.session.add(MeetingRequest(event_id=event.id, requester_id=people[2].id, target_id=people[2].id))
    with pytest.raises(IntegrityError):  # the CHECK: nobody asks themselves
        db.session.commit()
    db.session.rollback()


def test_simultaneous_opposite_requests_make_one_mutual_meeting(app, monkeypatch):
    event, people, _ = small_event(pairs=())
    a, b = people[0], people[1]
    events_people.request_meeting(event, b, a, "B asks A")
    # A's request was checked before B's was committed: A's check saw no request the other way.
    real = events_people._pair
    seen = []

    def racing(event_, first, second):
        if not seen:
            seen.append(1)
            return None
        return real(event_, first, second)

    monkeypatch.setattr(events_people, "_pair", racing)
    result = events_people.request_meeting(event, a, b, "A asks B")
    assert seen, "the race was not simulated"
    assert (result.requester_id, result.target_id) == (b.id, a.id)
    assert result.state == ACCEPTED and result.mutual
    assert db.session.scalar(select(func.count()).select_from(MeetingRequest)) == 1
    assert _meetings(event) == 1


def test_a_double_click_is_a_clear_refusal_not_an_error(app, monkeypatch):
    event, people, _ = small_event(pairs=())
    events_people.request_meeting(event, people[0], people[1])
    monkeypatch.setattr(events_people, "_pair", lambda *args: None)  # both clicks passed the check
    with pytest.raises(Conflict) as refused:
        events_people.request_meeting(event, people[0], people[1])
    assert refused.value.reason[0] == "already_requested"


def test_asking_someone_whose_request_you_declined_accepts_theirs_after_all(app):
    event, people, _ = small_event(pairs=())
    theirs = events_people.request_meeting(event, people[1], people[0])
    events_people.decline(theirs, "no_time")
    assert theirs.state == DECLINED
    result = events_people.request_meeting(event, people[0], people[1])
    assert result.id == theirs.id and result.state == ACCEPTED and result.mutual
    assert _meetings(event) == 1


def test_the_page_says_their_request_was_accepted(app, client):
    event, people, _ = small_event(pairs=(), accounts=True)
    events_people.request_meeting(event, people[1], people[0])
    login(client, db.session.get(EventParticipant, people[0].id).user)
    offered = client.get(f"/events/{event.id}/suggestions").get_data(as_text=True)
    assert f'id="accept-theirs-{people[1].id}"' in offered and "has asked you for a meeting" in offered
    page = post_form(client, f"/events/{event.id}/request/{people[1].id}", {},
                     form_url=f"/events/{event.id}/suggestions", follow_redirects=True).get_data(as_text=True)
    assert "had already asked you for a meeting" in page and "Request sent" not in page
    assert _meetings(event) == 1
    assert "Meeting agreed" in client.get(f"/events/{event.id}/suggestions").get_data(as_text=True)
