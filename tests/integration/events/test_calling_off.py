"""Closing an event before its first slot calls it off: confirmation first, then every participant told (in-app and
mail in their language, through the queue), every meeting CANCELLED in the feeds with a higher SEQUENCE, the pages
saying so and asking nothing about it; the organiser's home does not call it past."""
from __future__ import annotations

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, Job, Meeting, Notification
from tests.helpers import login, logout, make_user, post_form
from tests.integration.events.builders import published_event
from tests.integration.events.test_followup_ask import outbox  # noqa: F401  (the mail fixture)


def _settings(event, status, **more):
    return {"name": event.name, "status": status, "max_meetings": "", "request_quota": "", **more}


def test_closing_before_the_event_needs_a_confirmation_then_calls_it_off(app, client, outbox):  # noqa: F811
    organiser = make_user(role="organiser")
    event, people, meetings = published_event(organiser=organiser)
    people[1].user.locale = "it"
    db.session.commit()
    sequence = db.session.get(Meeting, meetings[0].id).sequence
    login(client, organiser)
    url = f"/events/{event.id}/manage"
    page = client.get(url).get_data(as_text=True)
    assert "Yes, call the event off" in page
    refused = post_form(client, url, _settings(event, "closed")).get_data(as_text=True)
    assert "closing it now calls it off" in refused and db.session.get(Event, event.id).status == "published"

    done = post_form(client, url, _settings(event, "closed", confirm_call_off="y"), follow_redirects=True)
    assert "The event is called off: 4 participants were told" in done.get_data(as_text=True)
    assert db.session.get(Event, event.id).status == "closed"
    home = client.get("/").get_data(as_text=True)
    assert "called off" in home and "· past" not in home
    logout(client)

    notes = db.session.execute(select(Notification).where(Notification.code == "event_called_off")).scalars().all()
    assert len(notes) == 4
    assert db.session.scalar(select(db.func.count(Job.id)).where(Job.kind == "mail")) == 4
    italian = [body for to, _s, body in outbox if to == people[1].user.email]
    assert italian and "è stato annullato dagli organizzatori" in italian[0]

    login(client, people[0].user)
    feed = client.get(f"/events/calendar/{people[0].ical_token}.ics").get_data(as_text=True)
    assert "STATUS:CANCELLED" in feed and "STATUS:CONFIRMED" not in feed
    assert f"SEQUENCE:{sequence + 1}" in feed
    agenda = client.get(f"/events/{event.id}/agenda").get_data(as_text=True)
    assert 'id="called-off"' in agenda and "how did your meetings go" not in agenda
    shown = client.get(f"/events/{event.id}/").get_data(as_text=True)
    assert 'id="called-off"' in shown and 'id="followup-link"' not in shown


def test_closing_after_the_event_began_keeps_the_follow_up(app, client, monkeypatch):
    from datetime import datetime, timezone

    from matchmaker.services import events_day
    organiser = make_user(role="organiser")
    event, people, _meetings = published_event(organiser=organiser)
    monkeypatch.setattr(events_day, "current_time", lambda: datetime(2027, 3, 10, 12, 0, tzinfo=timezone.utc))
    login(client, organiser)
    url = f"/events/{event.id}/manage"
    assert "Yes, call the event off" not in client.get(url).get_data(as_text=True)
    post_form(client, url, _settings(event, "closed"))
    assert db.session.get(Event, event.id).status == "closed"
    assert not db.session.execute(select(Notification).where(Notification.code == "event_called_off")).first()
    logout(client)
    login(client, people[0].user)
    assert 'id="followup-link"' in client.get(f"/events/{event.id}/").get_data(as_text=True)


def _called_off(client):
    organiser = make_user(role="organiser")
    event, people, meetings = published_event(organiser=organiser)
    login(client, organiser)
    post_form(client, f"/events/{event.id}/manage", _settings(event, "closed", confirm_call_off="y"))
    assert db.session.get(Event, event.id).status == "closed"
    return event, people, meetings


def test_a_called_off_event_cannot_be_published_or_scheduled_again(app, client):
    """R2: publishing (or scheduling) a called-off event is refused in the service and not offered on the page:
    it would silently put the event back on, participants told only "your agenda changed"."""
    import pytest

    from matchmaker.services.events import Conflict
    from matchmaker.services.events_publish import publish

    event, _people, meetings = _called_off(client)
    with pytest.raises(Conflict) as refused:
        publish(db.session.get(Event, event.id))
    assert refused.value.reason[0] == "called_off_no_agenda"
    page = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert 'id="agenda-closed"' in page and "was called off: its agenda can no longer be" in page
    assert 'id="run-schedule"' not in page and f'/events/{event.id}/publish"' not in page
    done = post_form(client, f"/events/{event.id}/publish", {"confirm": "1"}, follow_redirects=True)
    assert "Refused: the event was called off" in done.get_data(as_text=True)
    ran = post_form(client, f"/events/{event.id}/schedule/run", {"time_limit": "1"}, follow_redirects=True)
    assert "Scheduling started" not in ran.get_data(as_text=True)
    assert db.session.get(Event, event.id).status == "closed"
    assert db.session.get(Meeting, meetings[0].id).pub_slot_id is None
    db.session.get(Event, event.id).organisers[0].user.locale = "it"
    db.session.commit()
    it = client.get(f"/events/{event.id}/schedule").get_data(as_text=True)
    assert "è stato annullato: la sua agenda non può più essere" in it


def test_a_called_off_event_cannot_be_reopened_from_the_manage_page(app, client):
    event, _people, _meetings = _called_off(client)
    page = client.get(f"/events/{event.id}/manage").get_data(as_text=True)
    assert 'value="published"' not in page and "was called off and its participants were told: it cannot be" in page
    post_form(client, f"/events/{event.id}/manage", _settings(event, "published"))
    assert db.session.get(Event, event.id).status == "closed"
    import pytest

    from matchmaker.services import events_settings
    from matchmaker.services.events import Conflict
    with pytest.raises(Conflict) as refused:
        events_settings.set_status(db.session.get(Event, event.id), "published")
    assert refused.value.reason[0] == "called_off_final"
    db.session.get(Event, event.id).organisers[0].user.locale = "it"
    db.session.commit()
    it = client.get(f"/events/{event.id}/manage").get_data(as_text=True)
    assert "non può essere riaperto" in it


def test_a_called_off_event_s_pages_do_not_speak_of_an_event_that_happened(app, client):
    """R3: My day, follow-up, check-in desk, the event menu and /events/ say the event was called off."""
    event, people, _meetings = _called_off(client)
    manage = client.get(f"/events/{event.id}/manage").get_data(as_text=True)
    assert 'id="nav-checkin"' not in manage and 'id="nav-followup-report"' not in manage
    desk = client.get(f"/events/{event.id}/checkin").get_data(as_text=True)
    assert 'id="called-off"' in desk and "the organisers closed the event" not in desk
    assert "Called off" in client.get("/events/").get_data(as_text=True)
    logout(client)
    login(client, people[0].user)
    day = client.get(f"/events/{event.id}/day").get_data(as_text=True)
    assert 'id="called-off"' in day and "Thank you for taking part" not in day
    followup = client.get(f"/events/{event.id}/followup").get_data(as_text=True)
    assert 'id="called-off"' in followup and "You had no published meetings" not in followup
    mine = client.get("/events/").get_data(as_text=True)
    assert "Called off" in mine and "Follow-up: how did your meetings go?" not in mine
    people[0].user.locale = "it"
    db.session.commit()
    assert "Annullato" in client.get("/events/").get_data(as_text=True)
