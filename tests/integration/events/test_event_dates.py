"""Dates are checked (the walk: a first day in the past and a request deadline after the event day were accepted
silently): a deadline after the event's end is refused on its field, a past first day is saved with a warning."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event
from tests.helpers import login, make_user, post_form
from tests.integration.events.builders import small_event

FORM = {"name": "BioMed day", "time_zone": "Europe/Rome", "days": "1", "am_start": "09:00", "am_end": "12:00",
        "pm_start": "14:00", "pm_end": "17:00", "slot_minutes": "20", "tables": "4"}


def test_a_deadline_after_the_last_day_is_refused_and_a_past_first_day_warned(app, client):
    login(client, make_user(role="organiser"))
    late = dict(FORM, first_day="2031-05-06", days="2", request_deadline="2031-05-07T17:30")
    refused = post_form(client, "/events/new", late)
    assert refused.status_code == 200 and db.session.execute(select(Event)).first() is None
    assert "The request deadline must be before the event ends" in refused.get_data(as_text=True)
    assert post_form(client, "/events/new", dict(FORM, first_day="2031-05-06", days="2",
                                                 request_deadline="2031-05-07T16:00")).status_code == 302
    past = date.today() - timedelta(days=30)
    page = post_form(client, "/events/new", dict(FORM, name="Old day", first_day=past.isoformat()),
                     follow_redirects=True).get_data(as_text=True)
    assert "Event created" in page and "is already past: check the date" in page
    future = post_form(client, "/events/new", dict(FORM, name="Next day", first_day="2031-05-06"),
                       follow_redirects=True).get_data(as_text=True)
    assert "is already past" not in future


def test_the_manage_form_refuses_a_deadline_after_the_event(app, client):
    organiser = make_user(role="organiser")
    event, _people, _meetings = small_event(organiser=organiser, pairs=())  # 2027-03-10, 09:00-15:00 in Rome
    login(client, organiser)
    settings = {"name": "Meet in Italy", "status": "requests"}
    page = post_form(client, f"/events/{event.id}/manage", dict(settings, request_deadline="2027-03-11T09:00"))
    assert page.status_code == 200 and "The request deadline must be before the event ends" in page.get_data(
        as_text=True)
    assert db.session.get(Event, event.id).request_deadline is None
    assert post_form(client, f"/events/{event.id}/manage",
                     dict(settings, request_deadline="2027-03-09T18:00")).status_code == 302
    assert db.session.get(Event, event.id).request_deadline is not None
