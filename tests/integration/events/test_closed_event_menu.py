"""Once an event is closed its participants' menu drops "Suggested meetings" and "My requests" (English and
Italian), and the service refuses to send, accept, decline or withdraw a request on it."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import MeetingRequest, User
from matchmaker.models.event_meeting import PENDING
from matchmaker.services import events_answers, events_people
from matchmaker.services.events import Conflict
from matchmaker.services.events_settings import set_status
from tests.helpers import login, post_form
from tests.integration.events.builders import small_event


def _pending(event, people) -> tuple[MeetingRequest, MeetingRequest]:
    first = MeetingRequest(event_id=event.id, requester_id=people[1].id, target_id=people[2].id, state=PENDING)
    second = MeetingRequest(event_id=event.id, requester_id=people[0].id, target_id=people[3].id, state=PENDING)
    db.session.add_all([first, second])
    db.session.commit()
    return first, second


@pytest.mark.parametrize("locale,suggested,requests", [
    ("en", "Suggested meetings", "My requests"), ("it", "Incontri suggeriti", "Le mie richieste")])
def test_the_closed_event_menu_has_no_suggestions_or_requests(app, locale, suggested, requests):
    event, people, _ = small_event(accounts=True, pairs=())
    user = db.session.get(User, people[0].user_id)
    user.locale = locale
    db.session.commit()
    client = app.test_client()
    login(client, user)
    open_page = client.get(f"/events/{event.id}/agenda").get_data(as_text=True)
    assert f'id="nav-suggestions">{suggested}</a>' in open_page and f'id="nav-requests">{requests}</a>' in open_page
    set_status(event, "closed")
    db.session.commit()
    closed_page = client.get(f"/events/{event.id}/agenda").get_data(as_text=True)
    assert 'id="nav-suggestions"' not in closed_page and 'id="nav-requests"' not in closed_page
    assert suggested not in closed_page.split('class="event-nav"')[1].split("</nav>")[0]


def test_a_closed_event_s_requests_can_no_longer_change(app):
    event, people, _ = small_event(accounts=True, pairs=())
    received, sent = _pending(event, people)
    set_status(event, "closed")
    db.session.commit()
    with pytest.raises(Conflict) as asking:
        events_people.request_meeting(event, people[2], people[3])
    assert asking.value.reason[0] == "requests_closed"
    for refused in (lambda: events_answers.accept_received(event, received),
                    lambda: events_answers.decline_received(event, received, "no_fit"),
                    lambda: events_answers.withdraw_sent(event, sent, people[0])):
        with pytest.raises(Conflict) as answer:
            refused()
        assert answer.value.reason == ("event_closed", {})
    assert {r.state for r in db.session.scalars(db.select(MeetingRequest))} == {PENDING}


def test_the_web_layer_words_the_refusal(app):
    event, people, _ = small_event(accounts=True, pairs=())
    received, _sent = _pending(event, people)
    set_status(event, "closed")
    db.session.commit()
    client = app.test_client()
    login(client, db.session.get(User, people[2].user_id))
    page = post_form(client, f"/events/{event.id}/requests/{received.id}/answer", {"answer": "accept"},
                     form_url=f"/events/{event.id}/my-requests", follow_redirects=True).get_data(as_text=True)
    assert "the event is closed: its requests can no longer be answered or withdrawn" in page
    assert db.session.get(MeetingRequest, received.id).state == PENDING
