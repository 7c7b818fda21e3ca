"""Someone who may see an event but takes no part in it gets a page on its "suggested meetings" that says so and
offers registration while it is open (403), not a bare 404; an event they may not see at all (a draft of other
organisers) stays 404. English and Italian."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant
from tests.helpers import login, make_org, make_user, post_form
from tests.integration.events.builders import small_event


def _status(event, status):
    event = db.session.get(Event, event.id)
    event.status = status
    db.session.commit()


def test_a_start_up_not_registered_is_told_and_can_register(app, client):
    event, _people, _ = small_event(pairs=())
    start_up = make_user(organisation_id=make_org(kind="startup").id)
    login(client, start_up)
    response = client.get(f"/events/{event.id}/suggestions")
    page = response.get_data(as_text=True)
    assert response.status_code == 403
    assert "You are not registered for Meet in Italy: suggested meetings are for its participants." in page
    assert f'action="/events/{event.id}/register"' in page and 'id="register"' in page
    post_form(client, f"/events/{event.id}/register", {}, form_url=f"/events/{event.id}/suggestions")
    assert client.get(f"/events/{event.id}/suggestions").status_code == 200  # registered: the real page


def test_once_registration_is_closed_it_says_so_in_italian(app, client):
    event, _people, _ = small_event(pairs=())
    _status(event, "scheduling")
    member = make_user(organisation_id=make_org().id, locale="it")
    login(client, member)
    response = client.get(f"/events/{event.id}/suggestions")
    page = response.get_data(as_text=True)
    assert response.status_code == 403 and "Non risulti tra i partecipanti di Meet in Italy" in page
    assert "Le iscrizioni sono chiuse." in page and 'id="register"' not in page


def test_someone_who_left_and_the_organisers_get_their_own_words(app, client):
    organiser = make_user(role="organiser")
    event, people, _ = small_event(pairs=(), accounts=True, organiser=organiser)
    participant = db.session.get(EventParticipant, people[0].id)
    participant.cancelled = True
    db.session.commit()
    login(client, participant.user)
    page = client.get(f"/events/{event.id}/suggestions").get_data(as_text=True)
    assert "You no longer take part in Meet in Italy" in page and 'id="register"' not in page
    login(client, organiser)
    page = client.get(f"/events/{event.id}/suggestions").get_data(as_text=True)
    assert "You organise Meet in Italy" in page and f'href="/events/{event.id}/requests"' in page


@pytest.mark.parametrize("who", ["member", "other_organiser"])
def test_a_draft_of_other_organisers_stays_404(app, client, who):
    event, _people, _ = small_event(pairs=(), organiser=make_user(role="organiser"))
    _status(event, "draft")
    user = make_user(organisation_id=make_org().id) if who == "member" else make_user(role="organiser")
    login(client, user)
    assert client.get(f"/events/{event.id}/suggestions").status_code == 404
    assert client.get("/events/999999/suggestions").status_code == 404
