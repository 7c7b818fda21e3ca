"""Cancelling (or reinstating) a participant found with the participants page's search returns to that search, not
to the whole list."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import EventParticipant
from tests.helpers import csrf_token, login, make_user
from tests.integration.events.builders import small_event


def test_cancel_and_reinstate_keep_the_search(app, client):
    organiser = make_user(role="organiser")
    event, people, _ = small_event(organiser=organiser)
    people[1].name = "Martina Rossi"
    db.session.commit()
    login(client, organiser)
    listed = client.get(f"/events/{event.id}/participants?q=Martina").get_data(as_text=True)
    confirm_url = f"/events/{event.id}/participants/{people[1].id}/cancel?q=Martina"
    assert confirm_url in listed
    confirm = client.get(confirm_url).get_data(as_text=True)
    assert 'name="q" value="Martina"' in confirm and f"/events/{event.id}/participants?q=Martina" in confirm
    answer = client.post(f"/events/{event.id}/participants/{people[1].id}/cancel",
                         data={"csrf_token": csrf_token(client, confirm_url), "q": "Martina"})
    back = f"/events/{event.id}/participants?q=Martina"
    assert answer.status_code == 302 and answer.headers["Location"].endswith(back)
    assert db.session.get(EventParticipant, people[1].id).cancelled
    page = client.get(answer.headers["Location"]).get_data(as_text=True)
    assert "1 of 4 participants match “Martina”" in page and 'name="q" value="Martina"' in page
    again = client.post(f"/events/{event.id}/participants/{people[1].id}/reinstate",
                        data={"csrf_token": csrf_token(client, answer.headers["Location"]), "q": "Martina"})
    assert again.headers["Location"].endswith(f"/events/{event.id}/participants?q=Martina")
    plain = client.post(f"/events/{event.id}/participants/{people[2].id}/cancel",
                        data={"csrf_token": csrf_token(client, f"/events/{event.id}/participants")})
    assert plain.headers["Location"].endswith(f"/events/{event.id}/participants")  # no search: the whole list
