"""The public event page states how many organisations take part in all (a kind too small to be named no longer
vanishes) and words the event's status for a visitor ("Agenda published", not the workflow's "Published")."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest

from matchmaker.extensions import db
from tests.integration.events.test_public_event_page import _add, _event


def _taking_part(client, event, lang="en") -> str:
    html = client.get(f"/events/{event.id}/", headers={"Accept-Language": lang}).get_data(as_text=True)
    return " ".join(html.split('id="taking-part">', 1)[1].split("</p>", 1)[0].split())


def _status(client, event, lang="en") -> str:
    html = client.get(f"/events/{event.id}/", headers={"Accept-Language": lang}).get_data(as_text=True)
    return html.split('id="event-status">', 1)[1].split(" · ", 1)[0]


def test_the_total_is_stated_when_a_small_kind_is_left_out(app, client):
    event, _ = _event()  # four SMEs
    _add(event, "investor")
    _add(event, "investor")
    assert _taking_part(client, event) == "Taking part so far: 6 organisations, including: 4 × SME."
    assert "Investor" not in _taking_part(client, event)  # two investors: counted, never named
    assert _taking_part(client, event, "it") == "Partecipano finora: 6 organizzazioni, tra cui: 4 × PMI."


def test_a_complete_breakdown_says_the_total_with_its_kinds(app, client):
    event, _ = _event()
    for _i in range(3):
        _add(event, "university")
    assert _taking_part(client, event) == "Taking part so far: 7 organisations (4 × SME · 3 × University)."
    event.status, event.closed_at = "closed", datetime(2027, 3, 10, 12, tzinfo=timezone.utc)  # after it began
    db.session.commit()
    assert _taking_part(client, event) == "Took part: 7 organisations (4 × SME · 3 × University)."
    _add(event, "investor")
    assert _taking_part(client, event) == "Took part: 8 organisations, including: 4 × SME · 3 × University."
    italian = "Hanno partecipato: 8 organizzazioni, tra cui: 4 × PMI · 3 × Università."
    assert _taking_part(client, event, "it") == italian


def test_kinds_all_too_small_to_name_read_as_various_kinds(app, client):
    event, people = _event()  # four organisations...
    for person, kind in zip(people, ("sme", "investor", "university", "association")):
        person.organisation.kind = kind  # ...of four kinds, none of which may be named
    db.session.commit()
    assert _taking_part(client, event) == "Taking part so far: 4 organisations (4 of various kinds)."
    assert _taking_part(client, event, "it") == "Partecipano finora: 4 organizzazioni (4 di vari tipi)."
    _add(event, "university")
    _add(event, "university")  # three universities now: named, the other three folded
    assert _taking_part(client, event) == "Taking part so far: 6 organisations (3 × University · 3 of other kinds)."
    italian = "Partecipano finora: 6 organizzazioni (3 × Università · 3 di altri tipi)."
    assert _taking_part(client, event, "it") == italian


@pytest.mark.parametrize("status, closed_on, english, italian", [
    ("registration", None, "Registration open", "Iscrizioni aperte"),
    ("requests", None, "Meeting requests open", "Richieste di incontro aperte"),
    ("scheduling", None, "Scheduling in progress", "Agenda in preparazione"),
    ("published", None, "Agenda published", "Agenda pubblicata"),
    ("closed", 11, "Took place", "Si è svolto"),
    ("closed", 1, "Called off", "Annullato")])
def test_the_status_is_worded_for_a_visitor(app, client, status, closed_on, english, italian):
    event, _ = _event(status)
    if closed_on:
        event.closed_at = datetime(2027, 3, closed_on, tzinfo=timezone.utc)  # after or before the first slot
        db.session.commit()
    assert _status(client, event) == english
    assert _status(client, event, "it") == italian
