"""A participant's agenda after the newcomer walk: the iCal LOCATION says where (table, venue, event), in the
participant's language."""
from __future__ import annotations

import icalendar

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant
from matchmaker.services.events_publish import publish
from tests.helpers import make_org, make_user
from tests.integration.events.builders import schedule_now, small_event


def _published_feed(client, locale: str | None):
    member = make_user(organisation_id=make_org().id, locale=locale)
    event, people, _ = small_event()
    event.venue = "Milano, Palazzo delle Stelline"
    people[0].user_id = member.id
    db.session.commit()
    schedule_now(event)
    publish(db.session.get(Event, event.id))
    db.session.commit()
    token = db.session.get(EventParticipant, people[0].id).ical_token
    feed = client.get(f"/events/calendar/{token}.ics")
    return [str(e["location"]) for e in icalendar.Calendar.from_ical(feed.data).walk("VEVENT")]


def test_ical_location_names_table_venue_and_event(app, client):
    locations = _published_feed(client, None)
    assert len(locations) == 2
    for where in locations:
        assert where.startswith("Table T") and where.endswith(", Milano, Palazzo delle Stelline, Meet in Italy")


def test_ical_location_in_the_participants_language(app, client):
    locations = _published_feed(client, "it")
    assert all(where.startswith("Tavolo T") for where in locations)


def test_a_named_table_is_not_prefixed_twice(app):
    # The demo's "Tavolo Nord" read "Tavolo Tavolo Nord" on the agenda and in the calendar.
    from flask_babel import force_locale

    from matchmaker.services.events_agenda import table_label
    with app.test_request_context(), force_locale("it"):
        assert (table_label("Tavolo Nord"), table_label("Sala Volta"), table_label("12"), table_label("B3")) == \
            ("Tavolo Nord", "Sala Volta", "Tavolo 12", "Tavolo B3")
