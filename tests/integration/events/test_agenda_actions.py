"""The agenda offers Print (a button the static script shows: no inline script) and "Add to my calendar" (webcal://
and the .ics download), not only the raw feed address; the table name does not wrap."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant
from matchmaker.services.events_publish import publish
from tests.helpers import login
from tests.integration.events.builders import schedule_now, small_event


def test_the_agenda_has_print_and_add_to_calendar(app, client):
    event, people, _ = small_event(accounts=True)
    schedule_now(event)
    publish(db.session.get(Event, event.id))
    db.session.commit()
    me = db.session.get(EventParticipant, people[0].id)
    login(client, me.user)
    page = client.get(f"/events/{event.id}/agenda").get_data(as_text=True)
    assert '<button type="button" class="button" id="print-agenda" hidden>Print</button>' in page
    assert "/static/js/agenda.js" in page and "<script>" not in page and "onclick" not in page
    feed = f"localhost/events/calendar/{me.ical_token}.ics"
    assert f'id="add-to-calendar" href="webcal://{feed}"' in page
    assert f'id="download-ics" href="http://{feed}?download=1" download="meet-in-italy.ics"' in page
    assert page.count('class="agenda-table"') == 2  # Person 0 has two meetings
    assert client.get(f"http://{feed}").status_code == 200
    assert client.get("/static/js/agenda.js").status_code == 200


def test_a_closed_event_without_meetings_offers_no_calendar(app, client):
    # Person 1 had no meeting (pairs 0-2 only); the event is closed: nothing to add to a calendar.
    from matchmaker.models.event import CLOSED
    event, people, _ = small_event(accounts=True, pairs=((0, 2),))
    schedule_now(event)
    publish(db.session.get(Event, event.id))
    db.session.get(Event, event.id).status = CLOSED
    db.session.commit()
    login(client, db.session.get(EventParticipant, people[1].id).user)
    page = client.get(f"/events/{event.id}/agenda").get_data(as_text=True)
    assert "No meetings in your agenda: the event is over." in page
    assert "add-to-calendar" not in page and "download-ics" not in page and "calendar-address" not in page
    client.get("/")
    other = client.application.test_client()
    login(other, db.session.get(EventParticipant, people[0].id).user)  # who had a meeting keeps the calendar
    assert 'id="add-to-calendar"' in other.get(f"/events/{event.id}/agenda").get_data(as_text=True)
