"""The requester's message travels with the meeting: on both participants' agendas and in the iCal DESCRIPTION, in
the reader's language; a meeting nobody wrote for (imported, forced) has neither."""
from __future__ import annotations

import re

import icalendar

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant, MeetingRequest
from matchmaker.services.events_publish import publish
from tests.helpers import login, make_org, make_user
from tests.integration.events.builders import schedule_now, small_event

MESSAGE = "We would like to discuss your organoid platform for liver toxicity."


def _published(locale: str | None = None):
    asker, asked = make_user(organisation_id=make_org().id), make_user(organisation_id=make_org().id, locale=locale)
    event, people, meetings = small_event()
    people[0].user_id, people[1].user_id = asker.id, asked.id
    request = MeetingRequest(event_id=event.id, requester_id=people[0].id, target_id=people[1].id, message=MESSAGE,
                             state="accepted")
    db.session.add(request)
    db.session.flush()
    meetings[0].request_id = request.id  # people 0 and 1
    db.session.commit()
    schedule_now(event)
    publish(db.session.get(Event, event.id))
    db.session.commit()
    return event, people, asker, asked


def _descriptions(client, participant_id: int) -> dict[str, str]:
    token = db.session.get(EventParticipant, participant_id).ical_token
    feed = icalendar.Calendar.from_ical(client.get(f"/events/calendar/{token}.ics").data)
    return {str(e["summary"]): str(e.get("description", "")) for e in feed.walk("VEVENT")}


def test_the_message_is_on_both_agendas(app):
    event, people, asker, asked = _published()
    for user, words in ((asker, "Your message"), (asked, "Message from Person 0")):
        client = app.test_client()
        login(client, user)
        html = client.get(f"/events/{event.id}/agenda").get_data(as_text=True)
        found = re.findall(r'<p class="agenda-message">(.*?)</p>', html, re.S)
        assert len(found) == 1, html  # the meeting with Person 2 has no message
        assert words in found[0] and "“We would like to discuss your organoid platform for liver toxicity.”" in found[0]


def test_the_message_is_the_ical_description_in_the_reader_s_language(app, client):
    event, people, asker, asked = _published(locale="it")
    mine = _descriptions(client, people[0].id)
    assert mine["Meet in Italy: Person 1"] == f"Your message: {MESSAGE}"
    assert mine["Meet in Italy: Person 2"] == ""
    assert _descriptions(client, people[1].id)["Meet in Italy: Person 0"] == f"Messaggio di Person 0: {MESSAGE}"
