"""The zone's abbreviation follows the event's dates (summer time): a May event reads "Rome time (CEST)" on every
page, the manage page's time-zone select included (it used today's abbreviation: CET in November)."""
from __future__ import annotations

import re
from datetime import date

from matchmaker.extensions import db
from matchmaker.models import Event
from matchmaker.services.events_import import create_event
from tests.helpers import login, make_user, post_form


def _event(day: date, organiser) -> int:
    event = create_event("Spring Day", "Europe/Rome", [day], [("am", "09:00", "10:00")], 20, [],
                         [("T1", False, "")], organiser_id=organiser.id, status="registration")
    db.session.commit()
    return event.id


def _abbreviations(page: str) -> set[str]:
    return set(re.findall(r"Rome time \((\w+)\)", page))


def test_a_may_event_says_cest_everywhere_and_a_january_one_cet(app, client):
    organiser = make_user(role="organiser")
    login(client, organiser)
    for day, abbreviation in ((date(2027, 5, 12), "CEST"), (date(2027, 1, 13), "CET")):
        event_id = _event(day, organiser)
        for url in (f"/events/{event_id}/manage", f"/events/{event_id}/", "/events/", "/"):
            page = client.get(url).get_data(as_text=True)
            assert _abbreviations(page) == {abbreviation}, (url, _abbreviations(page))
        manage = client.get(f"/events/{event_id}/manage").get_data(as_text=True)
        assert f'<option selected value="Europe/Rome">Rome time ({abbreviation})</option>' in manage
        db.session.delete(db.session.get(Event, event_id))  # the next round's event alone on the lists
        db.session.commit()


def test_the_create_form_shown_again_names_zones_as_on_the_chosen_day(app, client):
    organiser = make_user(role="organiser")
    login(client, organiser)
    page = post_form(client, "/events/new", {"name": "", "time_zone": "Europe/Rome", "first_day": "2027-07-01",
                                             "days": "1", "am_start": "09:00", "am_end": "13:00",
                                             "slot_minutes": "20", "tables": "10"}).get_data(as_text=True)
    assert '<option selected value="Europe/Rome">Rome time (CEST)</option>' in page
    assert "London time (BST)" in page
