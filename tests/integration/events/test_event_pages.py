"""The events pages: an organiser creates and schedules an event; members register, request, answer, read agendas;
nobody sees or touches an event they have no part in."""
from __future__ import annotations

from datetime import timezone

import icalendar
import pytest

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant, Meeting, MeetingRequest
from tests.helpers import login, make_org, make_user, post_form
from tests.integration.events.builders import schedule_now, small_event


def _create(client):
    response = post_form(client, "/events/new", {
        "name": "BioMed day", "time_zone": "Europe/Rome", "first_day": "2027-03-10", "days": "1",
        "am_start": "09:00", "am_end": "10:30", "pm_start": "14:00", "pm_end": "15:00", "breaks": "09:40-10:00",
        "slot_minutes": "20", "tables": "T1\nRoom A | https://meet.example.org/a", "max_meetings": "4",
        "request_quota": "3"})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return db.session.execute(db.select(Event)).scalar_one()


def test_organiser_and_participants_whole_flow(app, client):
    organiser = make_user(role="organiser")
    login(client, organiser)
    event = _create(client)
    assert [(s.starts_at if s.starts_at.tzinfo else s.starts_at.replace(tzinfo=timezone.utc))
            .astimezone(timezone.utc).strftime("%H:%M") for s in event.slots] == \
        ["08:00", "08:20", "09:00", "13:00", "13:20", "13:40"]  # UTC; 09:40-10:00 is a break
    assert [t.virtual for t in event.tables] == [False, True]
    post_form(client, f"/events/{event.id}/manage", {"name": "BioMed day", "status": "requests",
                                                     "request_quota": "3", "max_meetings": "4"})
    assert db.session.get(Event, event.id).status == "requests"
    members = [make_user(organisation_id=make_org(name=f"Org {i}").id) for i in range(2)]
    clients = []
    for member in members:
        c = app.test_client()
        login(c, member)
        post_form(c, f"/events/{event.id}/register", {}, form_url=f"/events/{event.id}/")
        clients.append(c)
    people = db.session.execute(db.select(EventParticipant).order_by(EventParticipant.id)).scalars().all()
    assert [p.user_id for p in people] == [m.id for m in members]
    # each requests the other: one mutual meeting
    for c, target in zip(clients, reversed(people)):
        r = post_form(c, f"/events/{event.id}/request/{target.id}", {"message": "Let us talk"},
                      form_url=f"/events/{event.id}/availability")
        assert r.status_code == 302
    request = db.session.execute(db.select(MeetingRequest)).scalar_one()
    assert request.mutual and request.state == "accepted"
    meeting = db.session.execute(db.select(Meeting)).scalar_one()
    assert meeting.priority == 1
    # availability: the first participant cannot meet in the first slot
    post_form(clients[0], f"/events/{event.id}/availability", {"unavailable": str(event.slots[0].id)})
    # schedule (the job runs inline in the tests) and read the page
    r = post_form(client, f"/events/{event.id}/schedule/run", {"time_limit": "2"},
                  form_url=f"/events/{event.id}/schedule")
    assert r.status_code == 302
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert "1 of 1 meeting placed" in page and 'class="agenda-grid"' in page
    meeting = db.session.get(Meeting, meeting.id)
    assert meeting.slot.index != 0
    # the organiser's exports
    csv = client.get(f"/events/{event.id}/export.csv?draft=1").get_data(as_text=True)
    assert "Org 0" in csv and "Org 1" in csv
    assert client.get(f"/events/{event.id}/export.xlsx").status_code == 200
    # a move refused with the validator's reason
    r = post_form(client, f"/events/{event.id}/meetings/change", {"action": "move", "meeting": meeting.id,
                  "slot": "0", "table": "0", "version": str(db.session.get(Event, event.id).version)},
                  form_url=f"/events/{event.id}/schedule", follow_redirects=True)
    assert "is unavailable in that slot" in r.get_data(as_text=True)


def test_agenda_and_calendar_feed(app, client):
    member = make_user(organisation_id=make_org().id)
    event, people, meetings = small_event()
    people[0].user_id = member.id
    db.session.commit()
    schedule_now(event)
    from matchmaker.services.events_publish import publish

    counts = publish(db.session.get(Event, event.id))
    db.session.commit()
    assert counts == {"new": 3, "moved": 0, "cancelled": 0}
    from matchmaker.models import Notification

    note = db.session.execute(db.select(Notification)).scalar_one()  # only person 0 has an account
    assert (note.user_id, note.code, note.params["new"]) == (member.id, "event_agenda_changed", 2)
    login(client, member)
    page = client.get(f"/events/{event.id}/agenda").get_data(as_text=True)
    assert page.count('class="agenda-item"') == 2 and "Person 1" in page and "Person 2" in page
    token = db.session.get(EventParticipant, people[0].id).ical_token
    feed = client.get(f"/events/calendar/{token}.ics")
    assert feed.mimetype == "text/calendar"
    assert len(icalendar.Calendar.from_ical(feed.data).walk("VEVENT")) == 2
    assert client.get("/events/calendar/not-a-token.ics").status_code == 404


def test_access_rules(app, client):
    organiser, other_organiser = make_user(role="organiser"), make_user(role="organiser")
    event, people, _ = small_event(organiser=organiser)
    member = make_user(organisation_id=make_org().id)
    people[0].user_id = member.id
    db.session.commit()
    pages = [f"/events/{event.id}/manage", f"/events/{event.id}/participants", f"/events/{event.id}/requests",
             f"/events/{event.id}/schedule", f"/events/{event.id}/export.csv"]
    login(client, other_organiser)
    assert [client.get(p).status_code for p in pages] == [404] * len(pages)
    assert client.get(f"/events/{event.id}/agenda").status_code == 404
    c = app.test_client()
    login(c, member)
    assert [c.get(p).status_code for p in pages] == [403] * len(pages)
    assert c.get(f"/events/{event.id}/agenda").status_code == 200
    o = app.test_client()
    login(o, organiser)
    assert [o.get(p).status_code for p in pages] == [200] * len(pages)
    admin = app.test_client()
    login(admin, make_user(role="admin"))
    assert admin.get(f"/events/{event.id}/schedule").status_code == 200
    anonymous = app.test_client()
    assert anonymous.get(f"/events/{event.id}/schedule").status_code == 302


def test_an_impossible_clock_time_is_a_form_error_not_a_crash(client):
    login(client, make_user(role="organiser"))
    for field, value in (("am_end", "24:00"), ("am_start", "9:75"), ("breaks", "09:40-24:10")):
        data = {"name": "BioMed day", "time_zone": "Europe/Rome", "first_day": "2027-03-10", "days": "1",
                "am_start": "09:00", "am_end": "10:30", "slot_minutes": "20", "tables": "2", field: value}
        response = post_form(client, "/events/new", data)
        assert response.status_code == 200, (field, value, response.status_code)
        assert 'value="BioMed day"' in response.get_data(as_text=True)  # what was typed is kept
    assert db.session.execute(db.select(Event)).first() is None


def test_a_request_is_refused_while_requests_are_closed_or_the_quota_is_used(app):
    # One rule (events_people.requests_closed) for the page's note and for the request itself.
    import pytest

    from matchmaker.services.events import Conflict
    from matchmaker.services.events_people import request_meeting
    event, people, _ = small_event(pairs=())
    event.status = "registration"
    db.session.commit()
    with pytest.raises(Conflict) as closed:
        request_meeting(event, people[0], people[1])
    assert closed.value.args[0] == "requests_closed"
    event.status, event.request_quota = "requests", 1
    db.session.commit()
    request_meeting(event, people[0], people[1])
    with pytest.raises(Conflict) as quota:
        request_meeting(event, people[0], people[2])
    assert quota.value.args[0] == "quota_reached" and db.session.query(MeetingRequest).count() == 1


@pytest.mark.parametrize("typed", ["0", "-5", "abc", "100000", "nan"])
def test_a_time_limit_out_of_range_starts_nothing_and_says_so(app, client, typed):
    from matchmaker.models import Job

    organiser = make_user(role="organiser")
    event = small_event(organiser=organiser)[0]
    login(client, organiser)
    page = post_form(client, f"/events/{event.id}/schedule/run", {"time_limit": typed}, follow_redirects=True)
    assert "Nothing started: the time limit is a number of seconds from 1 to 600" in page.get_data(as_text=True)
    assert db.session.execute(db.select(Job)).first() is None
