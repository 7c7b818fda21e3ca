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
