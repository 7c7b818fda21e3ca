"""Meeting requests after the walk: a decline is told to the requester with its reason; the sender can withdraw a
pending request (CSRF, only theirs, only while pending); a meeting the organisers forced is labelled as theirs,
not as a request received and accepted."""
from __future__ import annotations

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import EventParticipant, MeetingRequest, Notification
from matchmaker.notification_wording import describe
from matchmaker.services import events_people
from tests.helpers import login, logout, make_user, post_form
from tests.integration.events.builders import small_event


def _people(n=3):
    organiser = make_user(role="organiser")
    event, people, _ = small_event(organiser=organiser, accounts=True, pairs=(), people=n)
    return organiser, event, [db.session.get(EventParticipant, p.id) for p in people]


def test_a_declined_request_is_told_to_the_requester_with_the_reason(app, client):
    _organiser, event, (a, b, _c) = _people()
    sent = events_people.request_meeting(event, a, b, "hello")
    login(client, b.user)
    post_form(client, f"/events/{event.id}/requests/{sent.id}/answer", {"answer": "decline", "reason": "no_time"},
              form_url=f"/events/{event.id}/my-requests")
    told = db.session.execute(select(Notification).where(Notification.user_id == a.user_id,
                                                         Notification.code == "event_request_declined")).scalar_one()
    assert describe(told.code, told.params) == (f"{b.name} ({b.organisation.name}) declined your meeting request at "
                                                f"{event.name}: No time left.")


def test_request_notices_name_the_person_and_their_organisation(app):
    from flask_babel import force_locale

    from matchmaker.services import events_answers

    _organiser, event, (a, b, _c) = _people()
    sent = events_people.request_meeting(event, a, b, "hello")
    events_answers.accept_received(event, sent)
    notes = {n.code: n for n in db.session.execute(select(Notification)).scalars()}
    received, accepted = notes["event_request_received"], notes["event_request_accepted"]
    assert describe(received.code, received.params) == (
        f"{a.name} ({a.organisation.name}) asks you for a meeting at {event.name}.")
    assert describe(accepted.code, accepted.params) == (
        f"{b.name} ({b.organisation.name}) accepted your meeting request at {event.name}.")
    with force_locale("it"):
        assert describe(received.code, received.params).startswith(f"{a.name} ({a.organisation.name}) ")
    assert describe("event_request_received", {"name": "Anna", "event": "E"}) == "Anna asks you for a meeting at E."


def test_the_sender_withdraws_a_pending_request_and_nobody_else_can(app, client):
    _organiser, event, (a, b, c) = _people()
    sent = events_people.request_meeting(event, a, b, "hello")
    url = f"/events/{event.id}/requests/{sent.id}/withdraw"
    login(client, b.user)  # the target cannot withdraw it
    assert post_form(client, url, {}, form_url=f"/events/{event.id}/my-requests").status_code == 404
    logout(client)
    login(client, a.user)
    page = client.get(f"/events/{event.id}/my-requests").get_data(as_text=True)
    assert f'id="withdraw-{sent.id}"' in page
    assert client.post(url, data={}).status_code == 400  # no CSRF token
    page = post_form(client, url, {}, form_url=f"/events/{event.id}/my-requests",
                     follow_redirects=True).get_data(as_text=True)
    assert f"Request to {b.name} withdrawn." in page and f'id="withdraw-{sent.id}"' not in page
    assert db.session.get(MeetingRequest, sent.id).state == "withdrawn"
    assert events_people.sent_count(a) == 0  # no longer counts against the quota
    page = post_form(client, url, {}, form_url=f"/events/{event.id}/my-requests",
                     follow_redirects=True).get_data(as_text=True)
    assert "this request has already been answered" in page  # once withdrawn (or answered): refused
    again = events_people.request_meeting(event, b, a, "")  # the pair can still ask again, either way
    assert (again.id, again.requester_id, again.state) == (sent.id, b.id, "pending")
    logout(client)
    login(client, c.user)  # a stranger: 404
    assert post_form(client, url, {}, form_url=f"/events/{event.id}/my-requests").status_code == 404


def test_a_forced_meeting_is_labelled_as_the_organisers(app, client):
    organiser, event, (a, b, _c) = _people()
    events_people.force(event, a, b)
    login(client, b.user)
    page = client.get(f"/events/{event.id}/my-requests").get_data(as_text=True)
    row = page.split('id="my-requests"', 1)[1]
    assert "arranged by the organisers" in row and ">received<" not in row and ">accepted" not in row
