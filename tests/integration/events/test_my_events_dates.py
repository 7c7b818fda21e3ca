"""'My events' shows each event's dates (the one date format of the event pages, in its zone) and lists the
upcoming ones first, soonest first, then the past or closed ones, latest first."""
from __future__ import annotations

from datetime import date

from matchmaker.extensions import db
from matchmaker.models import EventParticipant
from matchmaker.services.events_import import create_event
from tests.helpers import login, make_org, make_user


def _event(name: str, day: date, status: str = "requests"):
    return create_event(name, "Europe/Rome", [day], [("am", "09:00", "10:00")], 20, [], [("T1", False, "")],
                        status=status)


def test_my_events_are_dated_and_upcoming_first(app, client):
    member = make_user(organisation_id=make_org().id)
    events = [_event("Later day", date(2031, 5, 20)), _event("Past day", date(2020, 1, 15)),
              _event("Soon day", date(2030, 3, 10)), _event("Closed day", date(2032, 1, 1), status="closed")]
    db.session.add_all([EventParticipant(event_id=e.id, user_id=member.id, organisation_id=member.organisation_id,
                                         name=member.name) for e in events])
    db.session.commit()
    login(client, member)
    page = client.get("/events/").get_data(as_text=True)
    mine = page.split('id="my-events"', 1)[1].split("</ul>", 1)[0]
    order = [mine.index(name) for name in ("Soon day", "Later day", "Closed day", "Past day")]
    assert order == sorted(order)
    assert "Sun, Mar 10, 2030, 09:00–10:00" in mine
    assert "Rome time" in mine
