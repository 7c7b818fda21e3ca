"""A manual change on a published agenda is public at once: the organiser's message says so and names who was
notified; on an unpublished draft it is just "Agenda changed."."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import EventParticipant
from tests.helpers import login, make_user, post_form
from tests.integration.events.builders import published_event, small_event


def test_a_move_on_a_published_agenda_names_who_was_told(app, client):
    organiser = make_user(role="organiser")
    event, people, meetings = published_event(organiser=organiser)
    names = sorted(db.session.get(EventParticipant, p.id).name for p in people[:2])  # as the organiser's lists say
    assert all(db.session.get(EventParticipant, p.id).user.name not in names for p in people[:2])  # not the accounts
    login(client, organiser)
    url = f"/events/{event.id}/schedule"
    page = post_form(client, f"/events/{event.id}/meetings/change", {
        "action": "move", "meeting": str(meetings[0].number), "slot": "4", "table": "0"}, form_url=url,
        follow_redirects=True).get_data(as_text=True)
    assert f"Agenda changed and published at once; notified: {names[0]} and {names[1]}." in page


def test_a_move_on_a_draft_is_only_changed(app, client):
    organiser = make_user(role="organiser", locale="it")
    event, _people, meetings = small_event(organiser=organiser)
    login(client, organiser)
    url = f"/events/{event.id}/schedule"
    page = post_form(client, f"/events/{event.id}/meetings/change", {
        "action": "move", "meeting": str(meetings[0].number), "slot": "4", "table": "0"}, form_url=url,
        follow_redirects=True).get_data(as_text=True)
    assert "Agenda modificata." in page and "avvisati:" not in page
