"""A refused follow-up answer is shown (422, typing kept) at its form's address; reopening that address (a reload,
the header's language switch) leads back to the follow-up page at that meeting instead of a bare 405."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import MeetingFeedback, User
from matchmaker.services import events_day
from tests.helpers import csrf_token, login, make_user, post_form
from tests.integration.events.day_builders import published_day, rome


@pytest.fixture(autouse=True)
def after_the_event(monkeypatch):
    monkeypatch.setattr(events_day, "current_time", lambda: rome(18))


def test_a_reload_or_the_language_switch_after_a_refusal_returns_to_the_follow_up(app):
    event, people, meetings = published_day()
    client = app.test_client()
    login(client, db.session.get(User, people[0].user_id))
    page, meeting = f"/events/{event.id}/followup", meetings[0].id
    answer_url = f"{page}/meetings/{meeting}"
    refused = post_form(client, answer_url, {"outcome": "cancelled", "rating": "5", "note": "rain"}, page)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 422 and "a meeting cancelled on the day cannot be rated" in html
    assert ">rain</textarea>" in html
    assert db.session.execute(db.select(MeetingFeedback)).first() is None

    again = client.get(answer_url)  # the browser reloads the address it is on
    assert again.status_code == 302 and again.headers["Location"].endswith(f"{page}#meeting-{meeting}")
    switched = client.post("/language", data={"lang": "it", "next": answer_url,
                                              "csrf_token": csrf_token(client, page)}, follow_redirects=True)
    assert switched.status_code == 200 and switched.request.path == page
    assert f'id="meeting-{meeting}"' in switched.get_data(as_text=True)
    assert 'lang="it"' in switched.get_data(as_text=True)


def test_someone_else_reopening_the_address_gets_404(app):
    event, _people, meetings = published_day()
    client = app.test_client()
    login(client, make_user())
    assert client.get(f"/events/{event.id}/followup/meetings/{meetings[0].id}").status_code == 404


def test_a_method_not_allowed_page_says_what_to_do(app):
    client = app.test_client()
    answer = client.get("/language")
    assert answer.status_code == 405 and "This address only receives a form" in answer.get_data(as_text=True)
