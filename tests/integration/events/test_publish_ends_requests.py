"""Publishing while meeting requests are open or pending asks for confirmation and says what it ends; on publish,
pending requests expire and their senders are told; the event page stops quoting the deadline."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, MeetingRequest, Notification
from matchmaker.models.event_meeting import EXPIRED, PENDING
from tests.helpers import login, logout, make_user, post_form
from tests.integration.events.builders import small_event


def _open_event_with_a_pending_request(organiser):
    event, people, _meetings = small_event(organiser=organiser, accounts=True, pairs=())
    event.request_deadline = datetime(2027, 3, 1, 18, 0, tzinfo=timezone.utc)
    request = MeetingRequest(event_id=event.id, requester_id=people[0].id, target_id=people[1].id, state=PENDING)
    db.session.add(request)
    db.session.commit()
    return event, people, request


def _publish_and_fail(event):
    """Publish `event`, which must raise RuntimeError, then roll back as the request's (or the job's) failure does."""
    from matchmaker.services import events_publish

    try:
        events_publish.publish(db.session.get(Event, event.id))
    except RuntimeError:
        db.session.rollback()
    else:
        raise AssertionError("the publication did not fail")


def test_publish_while_requests_are_open_asks_first_then_expires_the_pending_ones(app, client):
    organiser = make_user(role="organiser")
    event, people, request = _open_event_with_a_pending_request(organiser)
    login(client, organiser)
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert 'id="publish-confirm"' in page and "1 request is still waiting for an answer" in page
    assert "participants can no longer request meetings" in page and "Mon, Mar 1, 2027" in page

    refused = post_form(client, f"/events/{event.id}/publish", {}, form_url=f"/events/{event.id}/schedule",
                        follow_redirects=True)
    assert "The draft was not published" in refused.get_data(as_text=True)
    assert db.session.get(Event, event.id).status == "requests"
    assert db.session.get(MeetingRequest, request.id).state == PENDING

    done = post_form(client, f"/events/{event.id}/publish", {"confirm": "1"}, form_url=f"/events/{event.id}/schedule",
                     follow_redirects=True).get_data(as_text=True)
    assert "1 pending meeting request expired; its sender was told." in done
    assert db.session.get(Event, event.id).status == "published"
    assert db.session.get(MeetingRequest, request.id).state == EXPIRED
    requester = people[0].user
    notes = db.session.execute(select(Notification).where(Notification.user_id == requester.id)).scalars().all()
    assert [n.code for n in notes] == ["event_request_expired"]
    logout(client)

    login(client, requester)
    shown = client.get(f"/events/{event.id}/").get_data(as_text=True)
    assert "Requests until" not in shown  # requests are over: no deadline quoted
    assert "expired unanswered" in client.get("/notifications/").get_data(as_text=True)


def test_publish_after_the_requests_phase_with_nothing_pending_is_one_click(app, client):
    from matchmaker.services import events_moves

    organiser = make_user(role="organiser")
    event, _people, meetings = small_event(organiser=organiser, accounts=True, pairs=((0, 1),))
    events_moves.move(event, meetings[0].id, 0, 0)  # an empty draft asks first (test_publish_draft_event.py)
    event = db.session.get(Event, event.id)
    event.status = "scheduling"
    db.session.commit()
    login(client, organiser)
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert 'id="publish-confirm"' not in page
    post_form(client, f"/events/{event.id}/publish", {}, form_url=f"/events/{event.id}/schedule")
    assert db.session.get(Event, event.id).status == "published"


def test_the_expired_notice_and_confirmation_read_in_italian(app, client):
    from flask_babel import force_locale

    from matchmaker.notification_wording import describe
    with app.test_request_context(), force_locale("it"):
        text = describe("event_request_expired", {"event": "Giornata", "name": "Anna", "organisation": "Dompé"})
    assert text.startswith("La tua richiesta di incontro con Anna (Dompé)") and "scaduta" in text
    organiser = make_user(role="organiser", locale="it")
    event, _people, _request = _open_event_with_a_pending_request(organiser)
    login(client, organiser)
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert "1 richiesta attende ancora una risposta" in page


def test_a_publication_that_fails_leaves_the_requests_pending_and_nobody_told(app, monkeypatch):
    from matchmaker.services import events_publish

    def broken(_changes):
        raise RuntimeError("the database went away mid-publication")

    organiser = make_user(role="organiser")
    event, people, request = _open_event_with_a_pending_request(organiser)
    monkeypatch.setattr(events_publish, "apply_published", broken)
    _publish_and_fail(event)
    assert db.session.get(MeetingRequest, request.id).state == PENDING  # expiry and publication: all or nothing
    assert db.session.get(Event, event.id).status == "requests"
    assert db.session.scalar(select(Notification).where(Notification.user_id == people[0].user.id)) is None


def test_when_telling_the_requesters_fails_nothing_of_the_publication_is_committed(app, monkeypatch):
    """The agenda-change notices and the expiry notices land in the publication's one commit: a failure while the
    requesters are told leaves the event unpublished, the request pending, nobody notified and nobody mailed."""
    from matchmaker.models import Meeting
    from matchmaker.services import events_closing, events_moves, events_publish, notifications

    organiser = make_user(role="organiser")
    event, people, meetings = small_event(organiser=organiser, accounts=True, pairs=((0, 1),))
    events_moves.move(event, meetings[0].id, 0, 0)  # a new meeting: its two participants are told of it
    request = MeetingRequest(event_id=event.id, requester_id=people[2].id, target_id=people[3].id, state=PENDING)
    db.session.add(request)
    db.session.commit()
    mailed, tell_expired, failing = [], events_closing.tell_expired, [True]
    monkeypatch.setattr(notifications, "_mail", lambda user, code, *_args: mailed.append((user.id, code)))

    def tell_or_fail(*args):
        if failing:
            raise RuntimeError("the notification table refused the row")
        tell_expired(*args)

    monkeypatch.setattr(events_closing, "tell_expired", tell_or_fail)
    _publish_and_fail(event)
    assert db.session.get(Event, event.id).status == "requests"
    assert db.session.get(MeetingRequest, request.id).state == PENDING
    assert db.session.get(Meeting, meetings[0].id).pub_slot_id is None
    assert db.session.scalars(select(Notification)).all() == [] and mailed == []

    failing.clear()
    events_publish.publish(db.session.get(Event, event.id))  # the same, told: all of it at once
    db.session.rollback()  # (nothing was left to the caller)
    assert db.session.get(Event, event.id).status == "published"
    expected = sorted([(people[0].user_id, "event_agenda_changed"), (people[1].user_id, "event_agenda_changed"),
                       (people[2].user_id, "event_request_expired")])
    assert sorted((n.user_id, n.code) for n in db.session.scalars(select(Notification))) == expected
    assert sorted(mailed) == expected
