"""A small demo-like world for the security tests: two member organisations, one without members, a user of
each role, a job; and a logged-in client for each role."""
from __future__ import annotations

from dataclasses import dataclass

from matchmaker.extensions import db
from matchmaker.models.job import Job
from tests.helpers import login, make_org, make_user

ROLES = ("anonymous", "member_a", "member_b", "organiser", "admin")


@dataclass
class World:
    org_a: int
    org_b: int
    org_unowned: int
    users: dict[str, int]
    job: int

    def params(self) -> dict[str, object]:
        """Values for the URL map's parameters: the resource belongs to organisation A / its member."""
        return {"org_id": self.org_a, "user_id": self.users["member_a"], "job_id": self.job,
                "token": "not-a-valid-token", "filename": "css/app.css"}


def build_world() -> World:
    """Create the world in the test database."""
    a = make_org(name="Acme Biotech", offer="siRNA delivery with lipid nanoparticles", seek="clinical partners",
                 contact_email="private@acme.example", kind="startup")
    b = make_org(name="Istituto Beta", offer="Oncology trials", seek="biotech start-ups", kind="irccs")
    unowned = make_org(name="Imported Gamma", offer="Medical devices", external_id="GAMMA-1")
    users = {
        "member_a": make_user(email="member.a@example.org", organisation_id=a.id),
        "member_b": make_user(email="member.b@example.org", organisation_id=b.id),
        "organiser": make_user(email="organiser@example.org", role="organiser"),
        "admin": make_user(email="admin@example.org", role="admin"),
    }
    job = Job(kind="import", state="done", user_id=users["organiser"].id, label="members.csv", done=3, total=3)
    db.session.add(job)
    db.session.commit()
    return World(a.id, b.id, unowned.id, {k: u.id for k, u in users.items()}, job.id)


def client_as(app, role: str, world: World):
    """A test client logged in as `role` (none for anonymous)."""
    from matchmaker.models import User

    client = app.test_client()
    if role != "anonymous":
        login(client, db.session.get(User, world.users[role]))
    return client
