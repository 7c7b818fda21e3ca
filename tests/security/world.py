"""A small demo-like world for the security tests: two member organisations, one without members, a user of
each role, a job; and a logged-in client for each role."""
from __future__ import annotations

from dataclasses import dataclass

from matchmaker.extensions import db
from matchmaker.models import JoinRequest, Notification, Suggestion
from matchmaker.models.job import Job
from matchmaker.services.suggestions import rebuild_all
from matchmaker.services.tokens import create_token
from tests.helpers import login, make_org, make_user

ROLES = ("anonymous", "member_a", "member_b", "organiser", "admin")


@dataclass
class World:
    org_a: int
    org_b: int
    org_unowned: int
    users: dict[str, int]
    job: int
    notification: int = 0
    token: int = 0
    suggestion: int = 0  # one of organisation A's suggested partners (B)
    event: int = 0  # an event the organiser organises, member A takes part in, member B does not
    participant: int = 0  # member A's participation
    guest: int = 0  # another participant (no account), who asked member A for a meeting
    meeting_request: int = 0
    meeting: int = 0
    secrets: dict[str, str] | None = None  # each role's API bearer token
    join_request: int = 0  # a user without an organisation asks to join A
    conversation: int = 0  # A's conversation with the member-less organisation it is connected with

    def params(self) -> dict[str, object]:
        """Values for the URL map's parameters: the resource belongs to organisation A / its member."""
        return {"org_id": self.org_a, "user_id": self.users["member_a"], "job_id": self.job,
                "token": "not-a-valid-token", "filename": "css/app.css", "notification_id": self.notification,
                "token_id": self.token, "suggestion_id": self.suggestion, "event_id": self.event,
                "participant_id": self.participant, "target_id": self.guest, "request_id": self.meeting_request,
                "meeting_id": self.meeting, "fmt": "csv", "join_id": self.join_request,
                "conversation_id": self.conversation}


def build_world() -> World:
    """Create the world in the test database."""
    a = make_org(name="Acme Biotech", offer="siRNA delivery with lipid nanoparticles", seek="clinical partners",
                 contact_email="private@acme.example", kind="startup")
    b = make_org(name="Istituto Beta", offer="Oncology trials", seek="biotech start-ups", kind="irccs_hospital")
    unowned = make_org(name="Imported Gamma", offer="Medical devices", external_id="GAMMA-1")
    users = {
        "member_a": make_user(email="member.a@example.org", organisation_id=a.id),
        "member_b": make_user(email="member.b@example.org", organisation_id=b.id),
        "organiser": make_user(email="organiser@example.org", role="organiser"),
        "admin": make_user(email="admin@example.org", role="admin"),
    }
    job = Job(kind="import", state="done", user_id=users["organiser"].id, label="members.csv", done=3, total=3)
    notification = Notification(user_id=users["member_a"].id, code="welcome", link="/profiles/")
    rebuild_all()  # a stored engine: no page of the matrix queues (and, in tests, runs) a rebuild
    suggestion = db.session.scalar(db.select(Suggestion).where(Suggestion.source_id == a.id)) \
        or Suggestion(kind="tech-transfer", source_id=a.id, target_id=b.id, rank=1, score=0.5)
    db.session.add_all([job, notification, suggestion])
    db.session.commit()
    event = build_event(users["organiser"], users["member_a"], unowned)
    tokens = {role: create_token(user, f"{role} token") for role, user in users.items()}
    spare, _ = create_token(users["member_a"], "the token in the URL (revoking it must not log member A out)")
    joiner = make_user(email="joiner@example.org", organisation_id=None, joining_name="Acme Biotech")
    join_request = JoinRequest(user_id=joiner.id, organisation_id=a.id)
    db.session.add(join_request)
    db.session.commit()
    conversation = build_conversation(a, unowned, users["member_a"])
    return World(a.id, b.id, unowned.id, {k: u.id for k, u in users.items()}, job.id, notification.id,
                 spare.id, suggestion=suggestion.id, secrets={role: secret for role, (_, secret) in tokens.items()},
                 join_request=join_request.id, conversation=conversation, **event)


def build_conversation(a, other, member_a) -> int:
    """A connected with `other` (which has no members, so no role of the matrix belongs to it), and one message
    from member A in their conversation; returns its id."""
    from matchmaker.services import messages, review

    review.express_interest(other, a, "interested", None)
    review.express_interest(a, other, "interested", member_a)
    conversation = messages.conversation_with(member_a, other.id)
    messages.post(member_a, conversation, "Hello from Acme")
    return conversation.id


def build_event(organiser, member_a, guest_org) -> dict[str, int]:
    """A partnering day with requests open: member A takes part, a guest asked A for a meeting, and the two
    have a placed meeting."""
    from datetime import date

    from matchmaker.models import EventParticipant, Meeting, MeetingRequest, MeetingSeat
    from matchmaker.services.events_import import create_event

    event = create_event("Partnering day", "Europe/Rome", [date(2027, 3, 10)], [("am", "09:00", "10:00")], 20, [],
                         [("T1", False, "")], organiser_id=organiser.id, status="requests")
    mine = EventParticipant(event_id=event.id, name=member_a.name, user_id=member_a.id,
                            organisation_id=member_a.organisation_id)
    guest = EventParticipant(event_id=event.id, name="Guest", organisation_id=guest_org.id)
    db.session.add_all([mine, guest])
    db.session.flush()
    request = MeetingRequest(event_id=event.id, requester_id=guest.id, target_id=mine.id)
    meeting = Meeting(event_id=event.id, priority=1)
    meeting.seats = [MeetingSeat(participant_id=mine.id), MeetingSeat(participant_id=guest.id)]
    db.session.add_all([request, meeting])
    db.session.commit()
    return {"event": event.id, "participant": mine.id, "guest": guest.id, "meeting_request": request.id,
            "meeting": meeting.id}


def client_as(app, role: str, world: World):
    """A test client logged in as `role` (none for anonymous), sending that role's API token too (the API reads
    only the bearer token; the pages only the session)."""
    from matchmaker.models import User

    client = app.test_client()
    if role != "anonymous":
        login(client, db.session.get(User, world.users[role]))
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {world.secrets[role]}"
    return client
