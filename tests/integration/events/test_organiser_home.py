"""The organiser's home page lists the events they organise, upcoming first, each with links to manage it."""
from __future__ import annotations

from datetime import date

from matchmaker.models.event import CLOSED, REGISTRATION
from matchmaker.services.events_import import create_event
from tests.helpers import login, make_user


def _event(name: str, day: date, organiser, status: str = REGISTRATION):
    return create_event(name, "Europe/Rome", [day], [("am", "09:00", "10:00")], 20, [], [("T1", False, "")],
                        organiser_id=organiser.id if organiser else None, status=status)


def test_the_organiser_home_lists_their_events_upcoming_first(app, client):
    organiser = make_user(role="organiser")
    later = _event("Later Forum", date(2031, 6, 1), organiser)
    sooner = _event("Sooner Forum", date(2030, 2, 1), organiser)
    past = _event("Past Forum", date(2021, 2, 1), organiser, status=CLOSED)
    _event("Someone Else's Forum", date(2030, 1, 1), make_user(role="organiser"))
    login(client, organiser)
    page = client.get("/").get_data(as_text=True)
    section = page.split('id="my-events"', 1)[1].split("</section>", 1)[0]
    assert section.index("Sooner Forum") < section.index("Later Forum") < section.index("Past Forum")
    assert "Someone Else" not in section
    for event in (sooner, later, past):
        assert f'href="/events/{event.id}/manage"' in section
        assert f'href="/events/{event.id}/participants"' in section
    assert "2030" in section  # the dates, with the year


def test_an_organiser_without_events_is_invited_to_create_one(app, client):
    login(client, make_user(role="organiser"))
    section = client.get("/").get_data(as_text=True).split('id="my-events"', 1)[1]
    assert "You organise no event yet." in section and 'href="/events/new"' in section
