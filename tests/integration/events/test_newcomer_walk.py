"""The events pages after the second newcomer walk: request tables read as cards on a phone, a newcomer sees which
events they can join, closed requests are explained, counts are worded with plural forms."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from matchmaker.models import EventParticipant, MeetingRequest
from tests.helpers import login, make_user
from tests.integration.events.builders import small_event


def _request_world():
    organiser = make_user(role="organiser")
    event, people, _ = small_event(organiser=organiser, accounts=True, pairs=())
    db.session.add(MeetingRequest(event_id=event.id, requester_id=people[1].id, target_id=people[0].id,
                                  message="Shall we talk about biomarkers?"))
    db.session.commit()
    return organiser, event, people


def _cells(page: str, table_id: str) -> list[str]:
    table = page.split(f'id="{table_id}"', 1)[1].split("</table>", 1)[0]
    return re.findall(r"<td[^>]*>", table.split("<tbody>", 1)[1])


def test_request_tables_are_stacked_cards_with_labelled_cells(app, client):
    organiser, event, people = _request_world()
    login(client, organiser)
    page = client.get(f"/events/{event.id}/requests").get_data(as_text=True)
    assert re.search(r'<table class="[^"]*\bstack\b[^"]*" id="requests"', page)
    cells = _cells(page, "requests")
    assert all("data-label=" in c or 'class="actions"' in c for c in cells), cells
    client.get("/auth/logout")
    login(client, db.session.get(EventParticipant, people[0].id).user)
    page = client.get(f"/events/{event.id}/my-requests").get_data(as_text=True)
    assert re.search(r'<table class="[^"]*\bstack\b[^"]*" id="my-requests"', page)
    cells = _cells(page, "my-requests")
    assert all("data-label=" in c or 'class="actions"' in c for c in cells), cells
    assert 'class="answer-form"' in page and 'value="accept"' in page and 'value="decline"' in page


def test_a_newcomer_sees_upcoming_events_open_for_registration(app, client):
    from datetime import date

    from matchmaker.models.event import CLOSED, REGISTRATION
    from matchmaker.services.events_import import create_event
    from tests.helpers import make_org

    upcoming, _people, _ = small_event(pairs=())
    past = create_event("Bio Past 2020", "Europe/Rome", [date(2020, 3, 10)], [("am", "09:00", "10:00")], 20, [],
                        [("T1", False, "")], status=REGISTRATION)
    closed = create_event("Closed Forum", "Europe/Rome", [date(2027, 5, 10)], [("am", "09:00", "10:00")], 20, [],
                          [("T1", False, "")], status=CLOSED)
    newcomer = make_user(organisation_id=make_org().id)
    login(client, newcomer)
    page = client.get("/events/").get_data(as_text=True)
    listing = page.split('id="open-events"', 1)[1]
    assert "Meet in Italy" in listing and f'href="/events/{upcoming.id}/#register"' in listing
    assert ">Register<" in listing
    assert "Bio Past 2020" not in page and "Closed Forum" not in page
    shown = client.get(f"/events/{closed.id}/").get_data(as_text=True)
    assert "Registration is closed" in shown and 'id="register"' not in shown
    assert 'id="register"' in client.get(f"/events/{upcoming.id}/").get_data(as_text=True)
    assert past.id


def test_suggested_meetings_explain_closed_requests_instead_of_buttons(app, client):
    from datetime import datetime, timezone

    from matchmaker.models import Event
    from matchmaker.models.event import REGISTRATION, REQUESTS

    _organiser, event, people = _request_world()
    login(client, db.session.get(EventParticipant, people[0].id).user)
    url = f"/events/{event.id}/suggestions"
    assert "Request a meeting" in client.get(url).get_data(as_text=True)
    event = db.session.get(Event, event.id)
    event.status = REGISTRATION
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert "Request a meeting" not in page and "Meeting requests are not open yet" in page
    event.status, event.request_deadline = REQUESTS, datetime(2026, 1, 2, 9, 0, tzinfo=timezone.utc)
    db.session.commit()
    page = client.get(url).get_data(as_text=True)
    assert "Request a meeting" not in page and "Meeting requests closed on" in page
    event.status = "published"
    db.session.commit()
    assert "Meeting requests are closed for this event" in client.get(url).get_data(as_text=True)


def _as(user, locale: str) -> None:
    user = db.session.get(type(user), user.id)
    user.locale = locale
    db.session.commit()


def test_counts_use_the_plural_form_of_the_readers_language(app, client):
    import io

    from flask_babel import force_locale

    from matchmaker.notification_wording import describe
    from tests.helpers import csrf_token
    from tests.integration.events.builders import schedule_now

    organiser = make_user(role="organiser")
    event, _people, _ = small_event(organiser=organiser, pairs=((0, 1),))
    schedule_now(event)
    login(client, organiser)
    url = f"/events/{event.id}/participants"
    for locale, added, placed, published in (
            ("en", "1 participant added.", "1 of 1 meeting placed", None),
            ("it", "1 partecipante aggiunto.", "1 su 1 incontro collocato",
             "Agenda pubblicata: 1 incontro nuovo.")):
        _as(organiser, locale)
        form = {"csrf_token": csrf_token(client, url),
                "import-file": (io.BytesIO(f"name\nGuest {locale}\n".encode()), "people.csv")}
        page = client.post(url, data=form, content_type="multipart/form-data", follow_redirects=True)
        assert added in page.get_data(as_text=True)
        assert placed in client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
        if locale == "it":  # the first publication: one new meeting
            token = csrf_token(client, f"/events/{event.id}/schedule")
            page = client.post(f"/events/{event.id}/publish", data={"csrf_token": token, "confirm": "1"},
                               follow_redirects=True).get_data(as_text=True)
            assert published in page, page
    with force_locale("it"):
        assert describe("event_agenda_changed", {"event": "Meet", "new": 1, "moved": 2, "cancelled": 1}) == (
            "La tua agenda per l’evento «Meet» è cambiata: 1 incontro nuovo, 2 incontri spostati e 1 incontro "
            "tolto.")
    with force_locale("en"):
        assert describe("event_agenda_changed", {"event": "Meet", "new": 1, "moved": 2, "cancelled": 0}) == (
            "Your agenda for Meet changed: 1 new meeting and 2 meetings moved.")  # no "0 cancelled" (a walk)
