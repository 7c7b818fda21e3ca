"""The demo's two other events, dated from today so they stay useful: one open for registration and requests (the
demo company and start-up not yet registered, requests waiting for the researcher and the investor), and one
past and closed, with its published meetings, check-ins and some partners' follow-up answers (the demo members'
own answers left for them to give)."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil.easter import easter
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import CheckIn, Event, EventParticipant, Meeting, MeetingRequest, MeetingSeat, User
from matchmaker.models.event import CLOSED, REQUESTS
from matchmaker.models.event_meeting import PENDING
from matchmaker.models.organisation import Organisation
from matchmaker.scheduling import Priority
from matchmaker.services import events_day, events_followup, events_moves
from matchmaker.services.events_demo import DEMO_ROLES, _delegate, _message, _organisations
from matchmaker.services.events_import import create_event
from matchmaker.services.events_publish import publish

OPEN_NAME = "Digital Health & MedTech Meetings – Bergamo"
PAST_NAME = "BioMed Innovation Day – Pavia"
ROME = ZoneInfo("Europe/Rome")
OPEN_IN_DAYS, PAST_DAYS_AGO = 35, 10
# Italy's public holidays on fixed dates (month, day; 4 October, St Francis, again from 2026); Easter Monday follows
# Easter
HOLIDAYS = {(1, 1), (1, 6), (4, 25), (5, 1), (6, 2), (8, 15), (10, 4), (11, 1), (12, 8), (12, 25), (12, 26)}


def working_day(day: date, step: int) -> date:
    """`day`, or the first working day from it going `step` days at a time (1: later, -1: earlier): no weekend, no
    Italian public holiday (a walk: the demo's events fell on a Sunday and on 6 January)."""
    while day.weekday() >= 5 or (day.month, day.day) in HOLIDAYS or day == easter(day.year) + timedelta(days=1):
        day += timedelta(days=step)
    return day


def create_more_demo_events(domain: str) -> list[Event]:
    """Create the open and the past demo events once each (skipped when it exists or a demo account is missing)."""
    organiser = db.session.execute(select(User).where(User.email == f"organiser@{domain}")).scalar()
    members = {role: db.session.execute(select(User).where(User.email == f"{role}@{domain}")).scalar()
               for role in DEMO_ROLES}
    if organiser is None or any(m is None or m.organisation_id is None for m in members.values()):
        return []
    today = events_day.current_time().astimezone(ROME).date()
    created = []
    for name, build in ((OPEN_NAME, _open_event), (PAST_NAME, _past_event)):
        if db.session.execute(select(Event.id).where(Event.name == name)).first() is None:
            created.append(build(organiser, members, today))
    return created


def _event(name: str, day: date, organiser: User, **settings) -> Event:
    return create_event(name, "Europe/Rome", [day], [("am", "09:00", "12:00"), ("pm", "14:00", "16:00")], 20,
                        [("10:20", "10:40")], [(str(i + 1), False, "") for i in range(12)],
                        organiser_id=organiser.id, max_meetings=8, request_quota=10, **settings)


def _people(event: Event, org_ids: list[int], members: dict[str, User], offset: int) -> dict[int, EventParticipant]:
    """A participant per organisation: the demo member of it, else a named delegate."""
    by_org = {m.organisation_id: m for m in members.values()}
    people = {}
    for number, org_id in enumerate(org_ids):
        user = by_org.get(org_id)
        people[org_id] = EventParticipant(event_id=event.id, organisation_id=org_id, user_id=user.id if user else None,
                                          name=user.name if user else _delegate(number + offset),
                                          email=user.email if user else "")
    db.session.add_all(people.values())
    db.session.flush()
    return people


def _open_event(organiser: User, members: dict[str, User], today: date) -> Event:
    """Registration and requests open: the researcher and the investor take part (each with requests to answer);
    the company and the start-up can register and ask for meetings."""
    day = working_day(today + timedelta(days=OPEN_IN_DAYS), 1)
    event = _event(OPEN_NAME, day, organiser, status=REQUESTS, venue="Bergamo, Kilometro Rosso Innovation District",
                   description="One-to-one meetings on digital health, medical devices and diagnostics.",
                   request_deadline=datetime.combine(day - timedelta(days=7), time(18, 0), ROME))
    hosts = [members["researcher"].organisation_id, members["investor"].organisation_id]
    away = {members["company"].organisation_id, members["startup"].organisation_id}
    org_ids = [o for o in _organisations(hosts, 60) if o not in away][:40]
    people = _people(event, org_ids, members, offset=150)
    orgs = {o.id: o for o in db.session.execute(select(Organisation).where(Organisation.id.in_(org_ids))).scalars()}
    others = [o for o in org_ids if o not in hosts]
    for number, host in enumerate(hosts):
        for requester in others[number * 3:number * 3 + 3]:
            db.session.add(MeetingRequest(event_id=event.id, requester_id=people[requester].id,
                                          target_id=people[host].id, state=PENDING,
                                          message=_message(orgs.get(requester), requester)))
    db.session.commit()
    return event


def _past_event(organiser: User, members: dict[str, User], today: date) -> Event:
    """Ten days ago (or the working day before), closed: every demo member had three meetings, most people checked
    in, and the partners of the demo members answered the follow-up."""
    day = working_day(today - timedelta(days=PAST_DAYS_AGO), -1)
    event = _event(PAST_NAME, day, organiser, status=REQUESTS, venue="Pavia, Collegio Ghislieri",
                   description="Partnering day of the Pavia biomedical district: research hospitals meet companies.")
    demo = [m.organisation_id for m in members.values()]
    org_ids = _organisations(demo, 24)
    people = _people(event, org_ids, members, offset=200)
    others = [o for o in org_ids if o not in demo]
    pairs = [(d, others[(i * 3 + k) % len(others)]) for i, d in enumerate(demo) for k in range(3)]
    pairs += [(others[i], others[-1 - i]) for i in range(len(others) // 2 - 1)]
    meetings = []
    for a, b in pairs:
        meeting = Meeting(event_id=event.id, priority=int(Priority.MUTUAL))
        meeting.seats = [MeetingSeat(participant_id=people[a].id), MeetingSeat(participant_id=people[b].id)]
        meetings.append(meeting)
    db.session.add_all(meetings)
    db.session.commit()
    events_moves.change(event, _places(event, meetings), past=True)
    publish(db.session.get(Event, event.id), notify_participants=False)
    event = db.session.get(Event, event.id)
    event.status, event.closed_at = CLOSED, datetime.combine(day, time(17, 0), ROME)
    arrived = datetime.combine(day, time(8, 45), ROME)
    db.session.add_all(CheckIn(event_id=event.id, participant_id=p.id, arrived_at=arrived, by_user_id=organiser.id)
                       for n, p in enumerate(people.values()) if n % 5 != 4)  # a few never came to the desk
    db.session.commit()
    for n, (meeting, (_member, other)) in enumerate(zip(meetings, pairs[:len(demo) * 3])):
        partner = people[other]  # the demo members' partners answer; the demo members have not yet
        events_followup.answer(event, partner, meeting.id, "held", rating=5 - n % 2,
                               note="Follow-up call planned." if n % 3 == 0 else "")
    return event


def _places(event: Event, meetings: list[Meeting]) -> dict[int, tuple[int, int]]:
    """Meeting id -> (slot index, table index): each meeting in the first slot where both people are free."""
    busy: set[tuple[int, int]] = set()
    used: dict[int, int] = {}
    places = {}
    for meeting in meetings:
        ids = [seat.participant_id for seat in meeting.seats]
        slot = next(s for s in range(len(event.slots))
                    if used.get(s, 0) < len(event.tables) and not any((s, i) in busy for i in ids))
        places[meeting.id] = (slot, used.get(slot, 0))
        used[slot] = used.get(slot, 0) + 1
        busy.update((slot, i) for i in ids)
    return places
