"""The demo's open and past events (services/events_demo_more.py): dated from today; the open one lets the demo
company register and ask for meetings and has requests waiting for the researcher; the past one is closed with
published meetings, check-ins and partners' follow-up answers; created once, the same way each time."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models._common import as_utc
from matchmaker.models import CheckIn, Event, EventParticipant, MeetingFeedback, MeetingRequest, MeetingSeat, User
from matchmaker.services import events_day
from matchmaker.services.events_demo_more import OPEN_NAME, PAST_NAME, ROME, create_more_demo_events, working_day
from matchmaker.services.suggestions import rebuild_all
from tests.helpers import csrf_token, login, make_org, make_user

DOMAIN = "demo.example.org"
TOPICS = ["liver organoid toxicology", "cardiac tissue engineering", "EEG wearable epilepsy", "rare disease biobank",
          "antibody drug conjugates", "digital pathology imaging", "microbiome diagnostics", "gene therapy vectors"]


def _demo_world() -> dict[str, User]:
    for i in range(24):
        topic = TOPICS[i % len(TOPICS)]
        make_org(name=f"Partner {i}", kind="university" if i % 2 else "sme",
                 offer=f"{topic} platform and services", seek=f"partners in {topic}")
    users = {"organiser": make_user(email=f"organiser@{DOMAIN}", role="organiser")}
    for role, kind, topic in (("company", "sme", 0), ("researcher", "university", 1), ("investor", "investor", 2),
                              ("startup", "startup", 3)):
        org = make_org(name=f"Demo {role}", kind=kind, offer=f"{TOPICS[topic]} expertise",
                       seek=f"{TOPICS[topic + 4]} and {TOPICS[topic]} partners")
        users[role] = make_user(email=f"{role}@{DOMAIN}", organisation=org, name=f"Demo {role}")
    rebuild_all()
    return users


def test_demo_events_fall_on_working_days():
    """A walk: the open event fell on 6 January (Epiphany), the past one on a Sunday."""
    assert working_day(date(2027, 1, 6), 1) == date(2027, 1, 7)  # Epiphany, a Wednesday
    assert working_day(date(2026, 11, 22), -1) == date(2026, 11, 20)  # a Sunday: the Friday before
    assert working_day(date(2027, 3, 29), 1) == date(2027, 3, 30)  # Easter Monday
    assert working_day(date(2026, 12, 25), 1) == date(2026, 12, 28)  # Christmas, St Stephen, the weekend
    assert working_day(date(2027, 5, 12), 1) == date(2027, 5, 12)  # a working day stays


def _count(model, *where) -> int:
    return db.session.scalar(select(func.count()).select_from(model).where(*where))


def test_the_demo_has_an_open_and_a_past_event_dated_from_today(client):
    users = _demo_world()
    assert [e.name for e in create_more_demo_events(DOMAIN)] == [OPEN_NAME, PAST_NAME]
    assert create_more_demo_events(DOMAIN) == []  # once
    today = events_day.current_time().astimezone(ROME).date()
    open_event = db.session.scalar(select(Event).where(Event.name == OPEN_NAME))
    past = db.session.scalar(select(Event).where(Event.name == PAST_NAME))
    assert open_event.status == "requests" and past.status == "closed"
    assert min(as_utc(s.starts_at) for s in open_event.slots).astimezone(ROME).date() == working_day(
        today + timedelta(days=35), 1)
    assert min(as_utc(s.starts_at) for s in past.slots).astimezone(ROME).date() == working_day(
        today - timedelta(days=10), -1)

    def taking_part(event, role):
        return _count(EventParticipant, EventParticipant.event_id == event.id,
                      EventParticipant.user_id == users[role].id) == 1
    assert taking_part(open_event, "researcher") and not taking_part(open_event, "company")
    researcher_row = db.session.scalar(select(EventParticipant).where(
        EventParticipant.event_id == open_event.id, EventParticipant.user_id == users["researcher"].id))
    assert _count(MeetingRequest, MeetingRequest.target_id == researcher_row.id, MeetingRequest.state == "pending") == 3

    # The demo company registers and asks for a meeting.
    login(client, users["company"])
    page = f"/events/{open_event.id}/"
    assert client.post(f"/events/{open_event.id}/register",
                       data={"csrf_token": csrf_token(client, page)}).status_code == 302
    assert taking_part(open_event, "company")
    response = client.post(f"/events/{open_event.id}/request/{researcher_row.id}",
                           data={"csrf_token": csrf_token(client, f"/events/{open_event.id}/suggestions")})
    assert response.status_code == 302
    assert _count(MeetingRequest, MeetingRequest.target_id == researcher_row.id) == 4

    # The past event: every demo member has three published meetings, check-ins and their partners' answers.
    for role in ("company", "researcher", "investor", "startup"):
        assert taking_part(past, role)
        placed = _count(MeetingSeat, MeetingSeat.participant_id.in_(select(EventParticipant.id).where(
            EventParticipant.event_id == past.id, EventParticipant.user_id == users[role].id)),
            MeetingSeat.pub_slot_id.is_not(None))
        assert placed == 3, role
    arrived, registered = (_count(CheckIn, CheckIn.event_id == past.id),
                           _count(EventParticipant, EventParticipant.event_id == past.id))
    assert 0.7 * registered <= arrived < registered  # most came to the desk, not everyone
    assert _count(MeetingFeedback, MeetingFeedback.event_id == past.id) == 12
    followup = client.get(f"/events/{past.id}/followup")
    assert followup.status_code == 200
    report = client.application.test_client()
    login(report, users["organiser"])
    assert report.get(f"/events/{past.id}/followup/report").status_code == 200
