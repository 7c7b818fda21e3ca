"""The Italian check-in wording is gender-neutral ("Segna l’arrivo", "Arrivo", "arrivo registrato"), never
"arrivato/a", on the organisers' desk, its messages and the participant's My day; the English stays as it was."""
from __future__ import annotations

import re

import pytest

from matchmaker.extensions import db
from matchmaker.models import User
from matchmaker.services import events_checkin, events_day
from tests.helpers import login, make_user, post_form
from tests.integration.events.day_builders import published_day, rome

GENDERED = re.compile(r"\w+o/a\b")  # "arrivato/a", "segnato/a"


@pytest.fixture(autouse=True)
def on_the_day(monkeypatch):
    monkeypatch.setattr(events_day, "current_time", lambda: rome(9, 5))


def _client(app, user):
    client = app.test_client()
    login(client, user)
    return client


def test_the_italian_desk_and_my_day_say_arrivo(app):
    organiser = make_user(role="organiser", locale="it")
    event, people, meetings = published_day(organiser=organiser)
    for person in people:
        db.session.get(User, person.user_id).locale = "it"
    db.session.commit()
    desk = _client(app, organiser)
    page = desk.get(f"/events/{event.id}/checkin").get_data(as_text=True)
    assert "Segna l’arrivo</button>" in page and "<th>Arrivo</th>" in page and not GENDERED.search(page)
    done = post_form(desk, f"/events/{event.id}/checkin/{people[1].id}", {}, form_url=f"/events/{event.id}/checkin",
                     follow_redirects=True).get_data(as_text=True)
    assert "Arrivo di Person 1 registrato." in done and not GENDERED.search(done)
    undone = post_form(desk, f"/events/{event.id}/checkin/{people[1].id}", {"undo": "1"},
                       form_url=f"/events/{event.id}/checkin", follow_redirects=True).get_data(as_text=True)
    assert "Arrivo di Person 1 annullato." in undone and not GENDERED.search(undone)
    events_checkin.check_in(event, people[1], None)
    day = _client(app, db.session.get(User, people[0].user_id)).get(f"/events/{event.id}/day").get_data(as_text=True)
    assert "arrivo registrato" in day and "arrivo non ancora registrato" in day and not GENDERED.search(day)


def test_the_english_desk_is_unchanged(app):
    organiser = make_user(role="organiser")
    event, people, _meetings = published_day(organiser=organiser)
    page = _client(app, organiser).get(f"/events/{event.id}/checkin").get_data(as_text=True)
    assert "Arrived</button>" in page and "<th>Arrived</th>" in page
