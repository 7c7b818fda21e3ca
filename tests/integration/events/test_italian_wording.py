"""Italian wording of the events pages after the walk: an imperative on the run button, plural by ngettext,
gender-neutral registration, "fasce orarie" rather than "slot", "Iscriviti" for an event (not the account's
"Registrati"), "tu" throughout."""
from __future__ import annotations

import re

from flask_babel import force_locale

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant
from matchmaker.scheduling_wording import describe
from matchmaker.services import events_people
from tests.helpers import login, make_org, make_user
from tests.integration.events.builders import small_event


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.get_data(as_text=True)))


def test_the_participant_pages_in_italian(app, client):
    event, people, _ = small_event(accounts=True, pairs=())
    db.session.get(Event, event.id).request_quota = 8
    db.session.commit()
    me = db.session.get(EventParticipant, people[0].id)
    me.user.locale = "it"
    db.session.commit()
    events_people.request_meeting(event, me, db.session.get(EventParticipant, people[1].id))
    login(client, me.user)
    assert "Hai inviato 1 richiesta su 8." in _text(client.get(f"/events/{event.id}/suggestions"))
    shown = _text(client.get(f"/events/{event.id}/"))
    assert "Iscrizione confermata." in shown and "Sei iscritto" not in shown
    stranger = make_user(organisation_id=make_org().id, locale="it")
    client.post("/auth/logout")
    login(client, stranger)
    listing = client.get("/events/").get_data(as_text=True)
    assert f'/events/{event.id}/#register">Iscriviti</a>' in listing


def test_the_organiser_pages_and_reasons_in_italian(app, client):
    organiser = make_user(role="organiser", locale="it")
    event, _people, _ = small_event(organiser=organiser)
    login(client, organiser)
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert re.search(r'id="run-schedule">Pianifica</button>', page)
    with app.test_request_context(), force_locale("it"):
        assert describe(("no_common_slot", {})) == "i partecipanti non hanno nessuna fascia oraria libera in comune"
