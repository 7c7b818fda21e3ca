"""The follow-up takes no credit for a connection the two organisations already had: ticking "continue" with a
partner one is already connected with says so, and the organisers' report counts only connections made after the
event began (or through its answers)."""
from __future__ import annotations

from datetime import timedelta

import pytest

from matchmaker.extensions import db
from matchmaker.models._common import utcnow
from matchmaker.models import Connection, Organisation, User
from matchmaker.services import events_day, events_followup, events_followup_report, review
from tests.helpers import login, post_form
from tests.integration.events.day_builders import published_day, rome

AFTER = rome(18)


@pytest.fixture(autouse=True)
def after_the_event(monkeypatch):
    monkeypatch.setattr(events_day, "current_time", lambda: AFTER)


def _connect_before_the_event(a, b) -> Connection:
    """The two participants' organisations connect on the suggestions, weeks before the event (and before any answer:
    the answers are dated by the real clock)."""
    first, second = db.session.get(Organisation, a.organisation_id), db.session.get(Organisation, b.organisation_id)
    review.express_interest(first, second, "interested", None)
    assert review.express_interest(second, first, "interested", None)
    connection = review.connection_between(first.id, second.id)
    connection.connected_at = utcnow() - timedelta(days=30)
    db.session.commit()
    return connection


def test_continue_with_an_already_connected_partner_says_already_connected(app):
    event, people, meetings = published_day()
    a, b = people[0], people[1]
    _connect_before_the_event(a, b)
    client = app.test_client()
    login(client, db.session.get(User, a.user_id))
    page = f"/events/{event.id}/followup"
    html = post_form(client, f"{page}/meetings/{meetings[0].id}", {"outcome": "held", "rating": "5", "continue": "1"},
                     page, follow_redirects=True).get_data(as_text=True)
    partner = db.session.get(Organisation, b.organisation_id).name
    assert f"You were already connected with {partner}" in html
    assert "both organisations want to continue" not in html


def test_the_report_does_not_count_a_connection_made_before_the_event(app):
    event, people, meetings = published_day()  # 0-1, 2-3, 0-2, 0-3
    _connect_before_the_event(people[0], people[1])
    for person in (people[0], people[1]):
        events_followup.answer(event, person, meetings[0].id, "held", 4, wants_to_continue=True, now=AFTER)
    for person in (people[2], people[3]):  # a connection the follow-up makes
        events_followup.answer(event, person, meetings[1].id, "held", 4, wants_to_continue=True, now=AFTER)
    report = events_followup_report.report(event)
    assert (report["continue"], report["connections"]) == (4, 1)


def test_a_connection_made_during_the_event_counts(app):
    event, people, meetings = published_day()
    connection = _connect_before_the_event(people[0], people[1])
    connection.connected_at = rome(12)  # they connected on the day, after their meeting
    db.session.commit()
    events_followup.answer(event, people[0], meetings[0].id, "held", 4, wants_to_continue=True, now=AFTER)
    assert events_followup_report.report(event)["connections"] == 1
