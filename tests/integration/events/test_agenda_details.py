"""Agenda details: a virtual room's address is in the page for print, the calendar address sits in a disclosure
with a "Copy link" button (shown by the static script), and the downloaded .ics is named after the event."""
from __future__ import annotations

from datetime import date

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant, Meeting, MeetingSeat
from matchmaker.services import events_moves
from matchmaker.services.events_agenda import ics_filename
from matchmaker.services.events_import import create_event
from matchmaker.services.events_publish import publish
from tests.helpers import login, make_org, make_user

ROOM = "https://meet.example.org/sala-1"


def _published_virtual():
    event = create_event("Giornata del partenariato – Lombardia 2027", "Europe/Rome", [date(2027, 3, 10)],
                         [("am", "09:00", "10:00")], 20, [], [("Sala virtuale", True, ROOM)], status="requests")
    users = [make_user(organisation_id=make_org().id) for _ in range(2)]
    people = [EventParticipant(event_id=event.id, name=f"Person {i}", user_id=u.id, organisation_id=u.organisation_id)
              for i, u in enumerate(users)]
    db.session.add_all(people)
    db.session.flush()
    meeting = Meeting(event_id=event.id, priority=1)
    meeting.seats = [MeetingSeat(participant_id=p.id) for p in people]
    db.session.add(meeting)
    db.session.commit()
    events_moves.move(event, meeting.id, 0, 0)
    publish(db.session.get(Event, event.id), notify_participants=False)
    db.session.commit()
    return event, people


def test_print_shows_the_room_address_and_the_feed_hides_behind_a_disclosure(app, client):
    event, people = _published_virtual()
    me = db.session.get(EventParticipant, people[0].id)
    login(client, me.user)
    page = client.get(f"/events/{event.id}/agenda").get_data(as_text=True)
    assert f'<span class="print-only room-url">{ROOM}</span>' in page
    disclosure = page.split('id="calendar-address"', 1)[1].split("</details>", 1)[0]
    assert me.ical_token in disclosure and 'id="copy-ical-url" hidden' in disclosure
    assert page.count(me.ical_token) == 3  # the webcal link, the download link and the disclosure: no raw line
    css = client.get("/static/css/events.css").get_data(as_text=True)
    assert ".print-only { display: none; }" in css and "@media print {\n  .print-only { display: inline; }" in css
    assert "copy-ical-url" in client.get("/static/js/agenda.js").get_data(as_text=True)


def test_the_download_is_named_after_the_event(app, client):
    event, people = _published_virtual()
    token = db.session.get(EventParticipant, people[0].id).ical_token
    assert ics_filename(event) == "giornata-del-partenariato-lombardia-2027.ics"
    response = client.get(f"/events/calendar/{token}.ics?download=1")
    assert response.headers["Content-Disposition"] == \
        'attachment; filename="giornata-del-partenariato-lombardia-2027.ics"'
    assert "Content-Disposition" not in client.get(f"/events/calendar/{token}.ics").headers  # subscribing: inline
