"""Forcing a pair that had asked for the meeting says so and the requests list shows it forced (2026-12-01 walk:
"Forced meeting added." and the list still read only "accepted", while the report counted one more forced)."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import MeetingRequest
from matchmaker.services import events_people
from tests.helpers import login, make_user, post_form
from tests.integration.events.builders import small_event


def test_forcing_an_accepted_request_says_it_is_now_placed_first(app, client):
    organiser = make_user(role="organiser")
    event, people, _ = small_event(organiser=organiser, pairs=())
    asked = MeetingRequest(event_id=event.id, requester_id=people[0].id, target_id=people[1].id)
    db.session.add(asked)
    db.session.commit()
    events_people.accept(asked)
    login(client, organiser)
    url = f"/events/{event.id}/requests"
    before = client.get(url).get_data(as_text=True)
    assert "placed first" not in before
    page = post_form(client, f"/events/{event.id}/force", {"first": people[0].id, "second": people[1].id},
                     form_url=url, follow_redirects=True).get_data(as_text=True)
    assert "The meeting Person 0 and Person 1 asked for is now forced: the scheduler places it first." in page
    assert "Forced meeting added." not in page
    row = page.split(f'id="request-{asked.id}"', 1)[1].split("</tr>", 1)[0]
    assert "accepted · forced by you (the organisers): placed first" in row


def test_the_force_form_names_each_participant_s_organisation(app, client):
    organiser = make_user(role="organiser")
    event, people, _ = small_event(organiser=organiser, pairs=(), accounts=True)
    login(client, organiser)
    form = client.get(f"/events/{event.id}/requests").get_data(as_text=True).split('name="first"', 1)[1]
    organisation = db.session.get(type(people[0]), people[0].id).organisation.name
    assert f">Person 0 · {organisation}</option>" in form.split("</select>", 1)[0]


def test_forcing_a_pending_request_is_a_forced_meeting_not_one_they_asked_for(app, client):
    organiser = make_user(role="organiser")
    event, people, _ = small_event(organiser=organiser, pairs=())
    db.session.add(MeetingRequest(event_id=event.id, requester_id=people[0].id, target_id=people[1].id))
    db.session.commit()
    login(client, organiser)
    url = f"/events/{event.id}/requests"
    page = post_form(client, f"/events/{event.id}/force", {"first": people[0].id, "second": people[1].id},
                     form_url=url, follow_redirects=True).get_data(as_text=True)
    assert "Forced meeting added." in page and "asked for is now forced" not in page
