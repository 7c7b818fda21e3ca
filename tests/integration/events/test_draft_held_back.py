"""An event still in draft is the organisers' alone: the people they add are not told yet (no notification, no mail,
no invitation) and cannot open it (its pages 404, it is in none of their lists, the API does not show it); when it
opens they are told once, and the organiser learns how many; going back to draft and opening again tells nobody
twice."""
from __future__ import annotations

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Event, Invitation, Notification
from matchmaker.services import mail
from tests.helpers import login, make_org, make_user, post_form
from tests.integration.events.builders import small_event

SETTINGS = {"name": "Meet in Italy", "max_meetings": "4", "request_quota": "3"}


def test_people_added_to_a_draft_are_told_when_it_opens(app, monkeypatch):
    sent: list[str] = []
    monkeypatch.setattr(mail, "send_mail", lambda to, subject, body: sent.append(to))
    organiser = make_user(role="organiser", email="organiser@example.org")
    member = make_user(email="marco@example.org", name="Marco Rossi", organisation_id=make_org().id)
    event = small_event(organiser=organiser, people=0, pairs=())[0]
    event.status = "draft"
    db.session.commit()
    event_id = event.id
    boss, marco = app.test_client(), app.test_client()
    login(boss, organiser)
    login(marco, member)
    for name, email in (("Marco Rossi", "marco@example.org"), ("Anna Neri", "anna@example.org")):
        assert post_form(boss, f"/events/{event_id}/participants",
                         {"add-name": name, "add-email": email, "add-organisation": ""}).status_code == 302

    def told_marco() -> int:
        return len(db.session.execute(select(Notification).where(
            Notification.user_id == member.id, Notification.code == "event_added")).scalars().all())

    assert told_marco() == 0 and sent == [] and db.session.execute(select(Invitation)).first() is None
    assert "the people you add are told (and can open it) when you open its registration" in boss.get(
        f"/events/{event_id}/participants").get_data(as_text=True)
    for path in ("/", "/availability", "/my-requests", "/agenda"):
        assert marco.get(f"/events/{event_id}{path}").status_code == 404, path
    assert "Meet in Italy" not in marco.get("/events/").get_data(as_text=True)

    opened = post_form(boss, f"/events/{event_id}/manage", dict(SETTINGS, status="registration"),
                       follow_redirects=True).get_data(as_text=True)
    assert "2 participants added while the event was a draft have now been told." in opened
    assert told_marco() == 1 and sorted(sent) == ["anna@example.org", "marco@example.org"]
    assert db.session.execute(select(Invitation).where(Invitation.email == "anna@example.org")).scalar_one()
    assert marco.get(f"/events/{event_id}/").status_code == 200
    assert "Meet in Italy" in marco.get("/events/").get_data(as_text=True)

    for status in ("draft", "registration"):  # back and forth: nobody told twice
        post_form(boss, f"/events/{event_id}/manage", dict(SETTINGS, status=status))
    assert db.session.get(Event, event_id).status == "registration"
    assert told_marco() == 1 and len(sent) == 2
