"""Asking for the follow-up: when an event ends or its organisers close it, each participant with an account gets
one notification and one mail in their own language, through the task queue, linking to the follow-up page;
never twice."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import FeedbackAsk, Job, Notification, User
from matchmaker.models.event import CLOSED
from matchmaker.services import events_followup_ask, mail
from tests.integration.events.day_builders import published_day, rome


@pytest.fixture
def outbox(app, monkeypatch):
    sent = []
    app.config.update(MAIL_SERVER="mail.example.org", PUBLIC_URL="https://mm.example.org")
    monkeypatch.setattr(mail, "deliver", lambda to, subject, body: sent.append((to, subject, body)))
    return sent


def test_participants_are_asked_once_when_the_event_ends(app, outbox):
    event, people, _meetings = published_day()
    assert events_followup_ask.ask_due(rome(14, 30)) == 0  # the last meeting has not ended
    assert events_followup_ask.ask_due(rome(15, 5)) == 4
    notes = db.session.execute(db.select(Notification)).scalars().all()
    assert len(notes) == 4 and {n.link for n in notes} == {f"/events/{event.id}/followup"}
    assert {n.user_id for n in notes} == {p.user_id for p in people}
    assert len(outbox) == 4 and all(f"https://mm.example.org/events/{event.id}/followup" in b for _t, _s, b in outbox)
    assert db.session.scalar(db.select(db.func.count(Job.id)).where(Job.kind == "mail")) == 4  # the task queue
    assert events_followup_ask.ask_due(rome(16)) == 0 and events_followup_ask.ask(event) == 0
    assert len(outbox) == 4 and db.session.get(FeedbackAsk, event.id).recipients == 4


def test_closing_the_event_asks_and_each_mail_is_in_the_recipients_language(app, outbox):
    event, people, _meetings = published_day()
    italian = db.session.get(User, people[0].user_id)
    italian.locale = "it"
    people[3].cancelled = True  # a cancelled participation is not asked
    event.status = CLOSED
    db.session.commit()
    assert events_followup_ask.ask_due(rome(9, 0)) == 3
    by_address = {to: (subject, body) for to, subject, body in outbox}
    assert "è concluso: dicci com’è andato ogni incontro" in by_address[italian.email][1]
    assert by_address[italian.email][0].startswith("Matchmaker: Meet in Italy è concluso")
    english = db.session.get(User, people[1].user_id)
    assert "tell us how your meetings went" in by_address[english.email][1]


def test_an_event_without_a_published_agenda_or_long_over_is_not_asked(app, outbox):
    event, _people, _meetings = published_day()
    assert events_followup_ask.ask_due(rome(15, 5, day=10).replace(year=2027, month=5)) == 0  # 2 months later
    event.published_version = 0
    event.status = CLOSED
    db.session.commit()
    assert events_followup_ask.ask_due(rome(15, 5)) == 0 and outbox == []


def test_an_event_called_off_before_it_began_asks_nobody(app, outbox):
    event, _people, _meetings = published_day()
    event.status = CLOSED
    db.session.commit()
    assert events_followup_ask.ask_due(rome(8, 59)) == 0 and outbox == []
    assert events_followup_ask.ask_due(rome(9, 0)) == 4  # closed during the event: asked at once


def test_closing_the_event_on_the_manage_page_queues_the_ask_at_once(app, client, outbox, monkeypatch):
    from matchmaker.services import events_day
    from tests.helpers import login, make_user, post_form

    organiser = make_user(role="organiser")
    event, people, _meetings = published_day(organiser=organiser)
    monkeypatch.setattr(events_day, "current_time", lambda: rome(11, 0))  # begun, not over: only a close asks
    login(client, organiser)
    form = {"name": "Meet in Italy", "max_meetings": "4", "request_quota": "3", "status": "closed"}
    assert post_form(client, f"/events/{event.id}/manage", form).status_code == 302
    job = db.session.execute(db.select(Job).where(Job.kind == "event-followup-ask")).scalar_one()
    assert job.state == "done" and job.user_id == organiser.id  # a job on the queue (run inline by the tests)
    assert db.session.get(FeedbackAsk, event.id).recipients == 4 and len(outbox) == 4
    assert events_followup_ask.ask_due() == 0  # the periodic task finds it asked


def test_closing_an_event_that_never_began_queues_nothing(app, client, outbox, monkeypatch):
    from matchmaker.services import events_day
    from tests.helpers import login, make_user, post_form

    organiser = make_user(role="organiser")
    event, _people, _meetings = published_day(organiser=organiser)
    monkeypatch.setattr(events_day, "current_time", lambda: rome(8, 0))
    login(client, organiser)
    form = {"name": "Meet in Italy", "max_meetings": "4", "request_quota": "3", "status": "closed",
            "confirm_call_off": "y"}  # closing before the first slot calls the event off
    assert post_form(client, f"/events/{event.id}/manage", form).status_code == 302
    assert db.session.execute(db.select(Job).where(Job.kind == "event-followup-ask")).first() is None
    assert db.session.get(FeedbackAsk, event.id) is None
    assert outbox and all("was called off" in body and "followup" not in body for _to, _s, body in outbox)
