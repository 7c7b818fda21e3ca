"""The organisers' requests page: a state filter with counts, each person's organisation, 100 requests a page, and
the two "force a meeting" selects start on a "choose" placeholder, not on the same person."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from matchmaker.models import MeetingRequest
from tests.helpers import login, make_org, make_user
from tests.integration.events.builders import small_event


def _many(organiser, declined: int, pending: int):
    event, people, _ = small_event(people=30, organiser=organiser, pairs=())
    people[0].organisation_id = make_org(name="Istituto Besta").id
    pairs = [(a, b) for a in range(30) for b in range(a + 1, 30)][:declined + pending]
    for i, (a, b) in enumerate(pairs):
        db.session.add(MeetingRequest(event_id=event.id, requester_id=people[a].id, target_id=people[b].id,
                                      state="declined" if i < declined else "pending"))
    db.session.commit()
    return event


def test_filter_organisation_and_pages(app, client):
    organiser = make_user(role="organiser")
    event = _many(organiser, declined=3, pending=230)
    login(client, organiser)
    page = client.get(f"/events/{event.id}/requests").get_data(as_text=True)
    assert page.count('"><td data-label="From">') == 100 and "233 requests" in page and "Page 1 of 3" in page
    assert 'value="declined">declined (3)' in page and "all (233)" in page
    last = client.get(f"/events/{event.id}/requests?page=3").get_data(as_text=True)
    assert last.count('"><td data-label="From">') == 33 and 'rel="prev"' in last and 'rel="next"' not in last
    declined = client.get(f"/events/{event.id}/requests?state=declined").get_data(as_text=True)
    assert declined.count('"><td data-label="From">') == 3 and "pending" not in declined.split('id="requests"')[1]
    assert "Istituto Besta" in declined


def test_the_force_selects_do_not_start_on_the_same_person(app, client):
    organiser = make_user(role="organiser")
    event, _people, _ = small_event(organiser=organiser, pairs=())
    login(client, organiser)
    page = client.get(f"/events/{event.id}/requests").get_data(as_text=True)
    for name in ("first", "second"):
        select = re.search(rf'<select name="{name}" required>(.*?)</select>', page, re.S).group(1)
        assert select.startswith('<option value="">choose a participant</option>')
