"""The demo's partnering day: ~150 participants from the demo organisations, requests drawn from their stored
suggestions, organised by the demo organiser, scheduled by the real job and published."""
from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.models import Event, EventParticipant, Job, Meeting, MeetingRequest, MeetingSeat, Suggestion, User
from matchmaker.models.event import REQUESTS
from matchmaker.models.organisation import Organisation
from matchmaker.scheduling import Priority
from matchmaker.services.events_import import create_event

NAME = "Meet in Lombardy – Life Sciences Partnering Day"
DEMO_ROLES = ("company", "researcher", "investor", "startup")


def create_demo_event(domain: str, size: int = 150, per_participant: int = 3, time_limit: float = 10.0
                      ) -> Event | None:
    """Create, schedule and publish the demo event once (None when it exists or the demo accounts are missing)."""
    if db.session.execute(select(Event.id).where(Event.name == NAME)).first():
        return None
    organiser = db.session.execute(select(User).where(User.email == f"organiser@{domain}")).scalar()
    members = [db.session.execute(select(User).where(User.email == f"{role}@{domain}")).scalar()
               for role in DEMO_ROLES]
    if organiser is None or any(m is None or m.organisation_id is None for m in members):
        return None
    org_ids = _organisations([m.organisation_id for m in members], size)
    event = create_event(NAME, "Europe/Rome", [date(2027, 5, 12)], [("am", "09:00", "12:40"), ("pm", "14:00", "17:00")],
                         20, [("10:40", "11:00"), ("15:40", "16:00")],
                         [(str(i + 1), False, "") for i in range(28)] + [("Online", True,
                                                                          "https://meet.example.org/lombardy")],
                         organiser_id=organiser.id, status=REQUESTS, venue="Milano, Palazzo delle Stelline",
                         description="B2B meetings between companies, research hospitals, universities and investors.",
                         max_meetings=8, request_quota=10)
    by_member = {m.organisation_id: m for m in members}
    people = {}
    for number, org_id in enumerate(org_ids):
        user = by_member.get(org_id)
        people[org_id] = EventParticipant(event_id=event.id, organisation_id=org_id, user_id=user.id if user else None,
                                          name=user.name if user else _delegate(number),
                                          email=user.email if user else "")
    db.session.add_all(people.values())
    db.session.flush()
    _requests(event, people, per_participant, set(by_member))
    db.session.commit()
    from matchmaker.jobs.runner import run
    from matchmaker.services.events_job import KIND

    job = Job(kind=KIND, state="queued", label=NAME, user_id=organiser.id)
    db.session.add(job)
    db.session.commit()
    run(job.id, {"event_id": event.id, "time_limit": time_limit, "publish": True})
    return db.session.get(Event, event.id)


_FIRST = ("Giulia", "Marco", "Chiara", "Luca", "Francesca", "Alessandro", "Sara", "Davide", "Elena", "Matteo",
          "Valentina", "Paolo", "Martina", "Stefano", "Laura", "Andrea", "Silvia")
_LAST = ("Rossi", "Bianchi", "Colombo", "Ferrari", "Galli", "Brambilla", "Fontana", "Conti", "Ricci", "Villa",
         "Marini", "Greco", "Lombardi", "Moretti", "Sala", "Cattaneo", "Barbieri", "Testa", "Longoni")


def _delegate(number: int) -> str:
    """The name of the event's `number`-th demo delegate: distinct for the first 17 × 19 = 323 (the grid shows it
    beside the organisation)."""
    return f"{_FIRST[number % len(_FIRST)]} {_LAST[number % len(_LAST)]}"


def _organisations(demo: list[int], size: int) -> list[int]:
    """The demo organisations, their suggested partners, then the organisations most often suggested."""
    chosen = list(dict.fromkeys(demo))
    for org_id in demo:
        chosen += list(db.session.execute(select(Suggestion.target_id).where(Suggestion.source_id == org_id)
                                          .order_by(Suggestion.rank).limit(8)).scalars())
    popular = db.session.execute(select(Suggestion.target_id).group_by(Suggestion.target_id)
                                 .order_by(func.count().desc(), Suggestion.target_id).limit(size * 2)).scalars()
    chosen += list(popular)
    return list(dict.fromkeys(chosen))[:size]


# What requesters write, in their organisation's language (the demo's requests are accepted as they are).
_MESSAGES = {
    "it": ("Vorremmo presentarvi la nostra piattaforma e capire se c'è spazio per uno studio congiunto.",
           "Ci interessa la vostra esperienza clinica: possiamo parlare di una possibile collaborazione?",
           "Cerchiamo un partner per un progetto Horizon Europe sul vostro tema: parliamone.",
           "Abbiamo visto il vostro profilo: ci piacerebbe confrontarci su dati e modelli preclinici."),
    "en": ("We would like to present our platform and explore a joint study.",
           "Your clinical expertise fits our pipeline: could we discuss a collaboration?",
           "We are building a Horizon Europe consortium on your topic and would value your view.",
           "We saw your profile and would like to compare notes on preclinical models and data."),
}


def _message(org: Organisation | None, number: int) -> str:
    """A demo request's message, in the requester's language (Italian organisations write in Italian)."""
    language = "it" if org is not None and (org.country == "IT" or org.language == "it") else "en"
    options = _MESSAGES[language]
    return options[number % len(options)]


def _requests(event: Event, people: dict[int, EventParticipant], per_participant: int, demo: set[int]) -> None:
    """Each participant requests its best suggested partners among the participants (demo members: more);
    two requests between the same pair are one mutual meeting. All are accepted for the demo, but no one
    accepts more meetings than the event's maximum per participant (a popular organisation turns the rest
    down), so the published agenda places nearly every accepted meeting."""
    pairs: dict[tuple[int, int], MeetingRequest] = {}
    rows = db.session.execute(select(Suggestion.source_id, Suggestion.target_id).where(
        Suggestion.source_id.in_(list(people)), Suggestion.target_id.in_(list(people)))
        .order_by(Suggestion.source_id, Suggestion.score.desc())).all()
    orgs = {o.id: o for o in db.session.execute(select(Organisation).where(Organisation.id.in_(list(people))))
            .scalars()}
    sent: dict[int, int] = {}
    meetings: dict[int, int] = {}
    cap = event.max_meetings or 8
    for source, target in rows:
        limit = per_participant + 3 if source in demo or target in demo else per_participant
        if source == target or sent.get(source, 0) >= limit:
            continue
        reverse = pairs.get((target, source))
        if reverse is not None:
            reverse.mutual = True
            continue
        if (source, target) in pairs or meetings.get(source, 0) >= cap or meetings.get(target, 0) >= cap:
            continue
        sent[source] = sent.get(source, 0) + 1
        meetings[source] = meetings.get(source, 0) + 1
        meetings[target] = meetings.get(target, 0) + 1
        pairs[(source, target)] = MeetingRequest(event_id=event.id, requester_id=people[source].id,
                                                 target_id=people[target].id, state="accepted",
                                                 message=_message(orgs.get(source), len(pairs)))
    _top_up(event, people, pairs, demo, min(per_participant + 3, cap), orgs, meetings, cap)
    db.session.add_all(pairs.values())
    db.session.flush()
    for request in pairs.values():
        meeting = Meeting(event_id=event.id, request_id=request.id,
                          priority=int(Priority.MUTUAL if request.mutual else Priority.ONE_SIDED))
        meeting.seats = [MeetingSeat(participant_id=request.requester_id),
                         MeetingSeat(participant_id=request.target_id)]
        db.session.add(meeting)


def _top_up(event: Event, people: dict[int, EventParticipant], pairs: dict[tuple[int, int], MeetingRequest],
            demo: set[int], want: int, orgs: dict[int, Organisation], meetings: dict[int, int], cap: int) -> None:
    """A demo member with few suggestions among the participants (an investor sees only start-ups that seek
    investment) is asked for meetings by the participants closest to it in declared sectors and therapeutic
    areas (companies, for an investor), so that every demo login has an agenda of several meetings."""
    from matchmaker.taxonomy import COMPANY_KINDS

    for member in sorted(demo):
        mine = orgs[member]
        met = {a if b == member else b for a, b in pairs if member in (a, b)}
        missing = want - len(met)
        if missing <= 0:
            continue

        def closeness(org: Organisation) -> tuple[int, int]:
            sectors = len(set(org.sectors) & set(mine.sectors))
            areas = len(set(org.therapeutic_areas) & set(mine.therapeutic_areas))
            return (-(sectors + areas), org.id)

        candidates = [o for o in orgs.values() if o.id != member and o.id not in met and o.id not in demo
                      and (mine.kind != "investor" or o.kind in COMPANY_KINDS) and meetings.get(o.id, 0) < cap]
        for other in sorted(candidates, key=closeness)[:missing]:
            meetings[other.id] = meetings.get(other.id, 0) + 1
            meetings[member] = meetings.get(member, 0) + 1
            pairs[(other.id, member)] = MeetingRequest(event_id=event.id, requester_id=people[other.id].id,
                                                       target_id=people[member].id, state="accepted",
                                                       message=_message(other, len(pairs)))
