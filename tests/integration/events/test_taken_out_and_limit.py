"""A meeting the organisers take out by hand says so (on the schedule page and, once published, to its
participants), instead of "not scheduled yet"; the schedule form offers the last run's time limit again."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant, Meeting, MeetingRequest
from matchmaker.services import events_moves, events_people
from matchmaker.services.events_publish import publish
from tests.helpers import login, make_user, post_form
from tests.integration.events.builders import schedule_now, small_event

TAKEN_OUT = "the organisers took it out of the agenda"


def _unplace(client, event_id, meeting_id):
    url = f"/events/{event_id}/schedule"
    post_form(client, f"/events/{event_id}/meetings/change",
              {"action": "unplace", "meeting": meeting_id, "version": db.session.get(Event, event_id).version},
              form_url=url)
    return client.get(url).get_data(as_text=True)


def test_a_meeting_taken_out_by_hand_says_so_on_the_schedule_page(app, client):
    organiser = make_user(role="organiser")
    event, people, meetings = small_event(organiser=organiser, pairs=((0, 1), (2, 3)))
    schedule_now(event)
    login(client, organiser)
    page = _unplace(client, event.id, meetings[0].id)
    row = page.split(f'<td class="num">{db.session.get(Meeting, meetings[0].id).number}</td>', 1)[1]
    row = row.split("</tr>", 1)[0]
    assert TAKEN_OUT in row and "not scheduled yet" not in row
    assert db.session.get(Meeting, meetings[1].id).unplaced_reason is None  # the other meeting is untouched
    schedule_now(event)  # the next run may place it again: the reason goes with it
    assert db.session.get(Meeting, meetings[0].id).slot_id is not None
    assert db.session.get(Meeting, meetings[0].id).unplaced_reason is None


def test_participants_of_a_published_agenda_read_that_the_organisers_took_it_out(app, client):
    organiser = make_user(role="organiser")
    event, people, _ = small_event(organiser=organiser, accounts=True, pairs=())
    request = MeetingRequest(event_id=event.id, requester_id=people[0].id, target_id=people[1].id)
    db.session.add(request)
    db.session.commit()
    meeting_id = events_people.accept(request).id
    events_moves.move(event, meeting_id, 0, 0)
    publish(db.session.get(Event, event.id), notify_participants=False)
    db.session.commit()
    login(client, organiser)
    _unplace(client, event.id, meeting_id)
    client.get("/logout")
    login(client, db.session.get(EventParticipant, people[0].id).user)
    page = client.get(f"/events/{event.id}/my-requests").get_data(as_text=True)
    assert "Taken out of the agenda by the organisers" in page  # on purpose: not "could not be placed"
    assert "Could not be placed" not in page and "Not scheduled yet" not in page
    agenda = client.get(f"/events/{event.id}/agenda").get_data(as_text=True)
    note = agenda.split('id="removed-note"', 1)[1].split("</div>", 1)[0]
    assert "1 meeting was taken out of the agenda by the organisers:" in note and "Person 1" in note
    assert 'id="unplaced-note"' not in agenda  # nothing "could not be placed"
    italian = client.get(f"/events/{event.id}/my-requests", headers={"Accept-Language": "it"})
    assert "Tolto dall’agenda dagli organizzatori" in italian.get_data(as_text=True)


def test_the_schedule_form_offers_the_last_runs_time_limit(app, client):
    organiser = make_user(role="organiser")
    event, people, meetings = small_event(organiser=organiser, pairs=((0, 1),))
    login(client, organiser)
    url = f"/events/{event.id}/schedule"
    assert 'name="time_limit" value="30"' in client.get(url).get_data(as_text=True)  # no run yet: the default
    db.session.get(Event, event.id).schedule_job_id = schedule_now(event, time_limit=2.5).id
    db.session.commit()
    assert 'name="time_limit" value="2.5"' in client.get(url).get_data(as_text=True)
