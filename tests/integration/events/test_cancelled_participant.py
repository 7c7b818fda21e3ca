"""A participation the organisers cancelled cannot be renewed by its owner; the organisers can reinstate it."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import EventParticipant
from tests.helpers import login, logout, make_user, post_form
from tests.integration.events.builders import small_event


def test_a_cancelled_participant_cannot_register_again_until_reinstated(app, client):
    organiser = make_user(role="organiser")
    event, people, _ = small_event(organiser=organiser, accounts=True, pairs=((0, 1),))
    person = db.session.get(EventParticipant, people[0].id)
    user = person.user
    login(client, organiser)
    post_form(client, f"/events/{event.id}/participants/{person.id}/cancel", {},
              form_url=f"/events/{event.id}/participants/{person.id}/cancel")
    assert db.session.get(EventParticipant, person.id).cancelled
    logout(client)
    assert client.get(f"/events/{event.id}/participants").status_code == 302  # logged out: to the login page

    login(client, user)
    shown = client.get(f"/events/{event.id}/").get_data(as_text=True)
    assert 'id="participation-cancelled"' in shown and 'id="register"' not in shown
    page = post_form(client, f"/events/{event.id}/register", {}, form_url=f"/events/{event.id}/",
                     follow_redirects=True).get_data(as_text=True)
    assert "cancelled your participation" in page and "You are registered" not in page
    assert db.session.get(EventParticipant, person.id).cancelled
    assert client.get(f"/events/{event.id}/agenda").status_code == 404
    logout(client)

    login(client, organiser)
    listing = client.get(f"/events/{event.id}/participants").get_data(as_text=True)
    assert f'id="reinstate-{person.id}"' in listing
    page = post_form(client, f"/events/{event.id}/participants/{person.id}/reinstate", {},
                     form_url=f"/events/{event.id}/participants", follow_redirects=True).get_data(as_text=True)
    assert "takes part again" in page
    assert not db.session.get(EventParticipant, person.id).cancelled
    logout(client)
    login(client, user)
    assert client.get(f"/events/{event.id}/agenda").status_code == 200
