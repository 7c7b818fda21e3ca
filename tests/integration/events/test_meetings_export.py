"""The meetings export (the walk: English headers in the Italian UI, "event-2-meetings.csv", no e-mails): headers in
the reader's language, the file named after the event and its first day, the participants' e-mails for the event's
organisers only (the contact rule), never for anyone else."""
from __future__ import annotations

import csv
import io

from matchmaker.extensions import db
from matchmaker.models import EventParticipant
from matchmaker.services import events_export
from tests.helpers import login, logout, make_user
from tests.integration.events.builders import published_event


def _export(client, event_id: int, query: str = ""):
    response = client.get(f"/events/{event_id}/export.csv{query}")
    text = response.get_data(as_text=True).lstrip("\ufeff")
    named = response.headers.get("Content-Disposition", "")
    italian = "incontri" in named or "bozza" in named  # an Italian reader's file is ';'-separated (Excel in Italian)
    return response, list(csv.reader(io.StringIO(text), delimiter=";" if italian else ","))


def test_the_export_speaks_the_reader_s_language_is_named_after_the_event_and_has_the_e_mails(app, client):
    organiser = make_user(role="organiser", locale="it")
    event, people, _meetings = published_event(organiser)
    emails = [f"person{i}@example.org" for i in range(len(people))]
    for person, email in zip(people, emails):
        db.session.get(EventParticipant, person.id).email = email
    db.session.commit()
    login(client, organiser)
    response, rows = _export(client, event.id)
    assert rows[0] == ["Incontro", "Inizio", "Fine", "Tavolo", "Partecipante 1", "Organizzazione 1",
                       "Partecipante 2", "Organizzazione 2", "E-mail 1", "E-mail 2"]
    assert 'filename="meet-in-italy-2027-03-10-incontri.csv"' in response.headers["Content-Disposition"]
    assert sorted(tuple(r[8:]) for r in rows[1:]) == [(emails[0], emails[1]), (emails[2], emails[3])]
    response, _rows = _export(client, event.id, "?draft=1")
    assert 'filename="meet-in-italy-2027-03-10-bozza.csv"' in response.headers["Content-Disposition"]
    organiser.locale = "en"
    db.session.commit()
    response, rows = _export(client, event.id)
    assert rows[0][:2] == ["Meeting", "Start"] and rows[0][-1] == "E-mail 2"
    assert 'filename="meet-in-italy-2027-03-10-meetings.csv"' in response.headers["Content-Disposition"]
    logout(client)
    # a participant of the event (and so anyone not organising it) gets no export and no address
    login(client, db.session.get(EventParticipant, people[0].id).user)
    response, _rows = _export(client, event.id)
    assert response.status_code == 403 and emails[1] not in response.get_data(as_text=True)
    logout(client)
    login(client, make_user(role="organiser"))  # an organiser of other events
    response, _rows = _export(client, event.id)
    assert response.status_code == 404 and emails[1] not in response.get_data(as_text=True)


def test_the_contact_rule_of_the_export(app):
    organiser = make_user(role="organiser")
    event, people, _meetings = published_event(organiser)
    partner = db.session.get(EventParticipant, people[1].id).user
    assert events_export.may_see_emails(organiser, event)
    assert not events_export.may_see_emails(partner, event)
    assert not events_export.may_see_emails(make_user(role="organiser"), event)  # organiser of other events
    assert len(events_export.rows(event)[0]) == 8 and len(events_export.rows(event, emails=True)[0]) == 10
