"""A small demo-like world for the security tests: two member organisations, one without members, a user of
each role, a job; and a logged-in client for each role."""
from __future__ import annotations

from dataclasses import dataclass

from matchmaker.extensions import db
from matchmaker.models import Notification, Suggestion
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
    secrets: dict[str, str] | None = None  # each role's API bearer token

    def params(self) -> dict[str, object]:
        """Values for the URL map's parameters: the resource belongs to organisation A / its member."""
        return {"org_id": self.org_a, "user_id": self.users["member_a"], "job_id": self.job,
                "token": "not-a-valid-token", "filename": "css/app.css", "notification_id": self.notification,
                "token_id": self.token, "suggestion_id": self.suggestion}


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
    tokens = {role: create_token(user, f"{role} token") for role, user in users.items()}
    spare, _ = create_token(users["member_a"], "the token in the URL (revoking it must not log member A out)")
    return World(a.id, b.id, unowned.id, {k: u.id for k, u in users.items()}, job.id, notification.id,
                 spare.id, suggestion=suggestion.id, secrets={role: secret for role, (_, secret) in tokens.items()})


def client_as(app, role: str, world: World):
    """A test client logged in as `role` (none for anonymous), sending that role's API token too (the API reads
    only the bearer token; the pages only the session)."""
    from matchmaker.models import User

    client = app.test_client()
    if role != "anonymous":
        login(client, db.session.get(User, world.users[role]))
        client.environ_base["HTTP_AUTHORIZATION"] = f"Bearer {world.secrets[role]}"
    return client
