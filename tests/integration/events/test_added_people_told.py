"""People the organisers add (the form or a file) are told (the walk: they learnt of the event only when requests
arrived): a notification and a mail in their language for an account, an invitation to register for an address
without one; a re-import tells nobody twice."""
from __future__ import annotations

import io

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import EventParticipant, Invitation, Notification
from matchmaker.services import mail
from tests.helpers import csrf_token, login, make_org, make_user, post_form
from tests.integration.events.builders import small_event


def _sent(monkeypatch) -> list[tuple[str, str, str]]:
    sent: list[tuple[str, str, str]] = []
    monkeypatch.setattr(mail, "send_mail", lambda to, subject, body: sent.append((to, subject, body)))
    return sent


def _upload(client, event_id: int, text: str):
    url = f"/events/{event_id}/participants"
    form = {"csrf_token": csrf_token(client, url), "import-file": (io.BytesIO(text.encode()), "people.csv")}
    return client.post(url, data=form, content_type="multipart/form-data", follow_redirects=True)


def test_an_import_tells_accounts_and_invites_the_others_once(app, client, monkeypatch):
    app.config["PUBLIC_URL"] = "https://mm.example.org"
    sent = _sent(monkeypatch)
    organiser = make_user(role="organiser")
    member = make_user(email="marco@example.org", name="Marco Rossi", organisation_id=make_org().id)
    member.locale = "it"
    db.session.commit()
    event, _people, _ = small_event(organiser=organiser)
    login(client, organiser)
    csv = "name,email,organisation\nMarco Rossi,marco@example.org,\nAnna Neri,anna@example.org,\n"
    _upload(client, event.id, csv)
    notes = db.session.execute(select(Notification).where(Notification.user_id == member.id)).scalars().all()
    assert [n.code for n in notes] == ["event_added"] and notes[0].link == f"/events/{event.id}/"
    to_marco = [s for s in sent if s[0] == "marco@example.org"]
    assert len(to_marco) == 1 and "Meet in Italy" in to_marco[0][2]
    assert "partecipante" in to_marco[0][2]  # his language
    to_anna = [s for s in sent if s[0] == "anna@example.org"]
    assert len(to_anna) == 1 and "Meet in Italy" in to_anna[0][1]
    assert "https://mm.example.org/auth/invitation/" in to_anna[0][2]
    assert f"https://mm.example.org/events/{event.id}/" in to_anna[0][2]
    assert db.session.execute(select(Invitation).where(Invitation.email == "anna@example.org")).scalar_one()
    _upload(client, event.id, csv + "Cleo Blu,cleo@example.org,\n")  # the same file again, and one more row
    assert len([s for s in sent if s[0] in ("marco@example.org", "anna@example.org")]) == 2
    assert len([s for s in sent if s[0] == "cleo@example.org"]) == 1


def test_the_invitation_link_creates_the_account_that_then_takes_part(app, client, monkeypatch):
    app.config["PUBLIC_URL"] = "https://mm.example.org"
    sent = _sent(monkeypatch)
    organiser = make_user(role="organiser")
    org = make_org(name="Acme Bio")
    event, _people, _ = small_event(organiser=organiser)
    login(client, organiser)
    post_form(client, f"/events/{event.id}/participants", {"add-name": "Dora Verdi", "add-email": "dora@example.org",
                                                           "add-organisation": "Acme Bio"})
    body = next(s[2] for s in sent if s[0] == "dora@example.org")
    path = body.split("https://mm.example.org", 2)[1].split()[0]
    invitee = app.test_client()  # not logged in
    page = invitee.get(path)
    assert page.status_code == 200 and 'name="password"' in page.get_data(as_text=True)
    invitation = db.session.execute(select(Invitation).where(Invitation.email == "dora@example.org")).scalar_one()
    assert invitation.organisation_id == org.id
    post_form(invitee, path, {"name": "Dora Verdi", "password": "correct horse battery",
                              "confirm": "correct horse battery", "privacy": "y"})
    page = invitee.get(f"/events/{event.id}/").get_data(as_text=True)  # the event's page: her participation
    dora = db.session.execute(select(EventParticipant).where(EventParticipant.email == "dora@example.org")).scalar_one()
    assert dora.user is not None and dora.user.email == "dora@example.org" and dora.organisation_id == org.id
    assert f'/events/{event.id}/availability' in page  # the participant's pages


def test_the_add_form_notifies_a_person_with_an_account(app, client, monkeypatch):
    sent = _sent(monkeypatch)
    organiser = make_user(role="organiser")
    member = make_user(email="lia@example.org", name="Lia", organisation_id=make_org().id)
    event, _people, _ = small_event(organiser=organiser)
    login(client, organiser)
    post_form(client, f"/events/{event.id}/participants", {"add-name": "Lia", "add-email": "lia@example.org"})
    assert db.session.execute(select(Notification.code).where(Notification.user_id == member.id)).scalars().all() \
        == ["event_added"]
    assert [s[0] for s in sent] == ["lia@example.org"]
