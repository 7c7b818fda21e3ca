"""An organiser's event invitation never makes a stranger a member of an organisation that has members (the
README's rule: its members decide, through a join request); for an organisation without members it still does."""
from __future__ import annotations

import io

import pytest

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import EventParticipant, JoinRequest, Notification, User
from matchmaker.models.membership import PENDING
from matchmaker.services import mail
from tests.helpers import csrf_token, login, make_org, make_user, post_form
from tests.integration.events.builders import small_event

PASSWORD = "correct horse battery"


def _invited(app, client, monkeypatch, *, members: bool, by_file: bool, language: str | None = None):
    """An organiser adds Ada of Besta to an event; returns (the invitation's mail body, its path, the org)."""
    app.config["PUBLIC_URL"] = "https://mm.example.org"
    sent: list[tuple[str, str, str]] = []
    monkeypatch.setattr(mail, "send_mail", lambda to, subject, body: sent.append((to, subject, body)))
    org = make_org(name="Besta", language=language)
    colleague = make_user(email="res@besta.example", name="Rita", organisation_id=org.id) if members else None
    organiser = make_user(role="organiser")
    organiser.locale = "it"  # the organiser's language says nothing about the reader's
    db.session.commit()
    event, _people, _ = small_event(organiser=organiser)
    login(client, organiser)
    url = f"/events/{event.id}/participants"
    if by_file:
        csv = "name,email,organisation\nAda Bianchi,ada@example.org,Besta\n"
        client.post(url, data={"csrf_token": csrf_token(client, url),
                               "import-file": (io.BytesIO(csv.encode()), "people.csv")},
                    content_type="multipart/form-data", follow_redirects=True)
    else:
        post_form(client, url, {"add-name": "Ada Bianchi", "add-email": "ada@example.org", "add-organisation": "Besta"})
    body = next(s[2] for s in sent if s[0] == "ada@example.org")
    path = body.split("https://mm.example.org", 2)[1].split()[0]
    return body, path, org, event, colleague


def _accept(app, path):
    invitee = app.test_client()
    page = invitee.get(path).get_data(as_text=True)
    post_form(invitee, path, {"name": "Ada Bianchi", "password": PASSWORD, "confirm": PASSWORD, "privacy": "y"})
    return invitee, page


@pytest.mark.parametrize("by_file", [True, False], ids=["csv", "add-form"])
def test_an_invitation_into_an_organisation_with_members_asks_them(app, client, monkeypatch, by_file):
    body, path, org, event, colleague = _invited(app, client, monkeypatch, members=True, by_file=by_file)
    # Italian: the language of the organisation's country (Italy), not the profile's (English by default)
    assert "I tuoi colleghi di Besta usano già Matchmaker" in body
    invitee, page = _accept(app, path)
    assert "Your colleagues at <strong>Besta</strong> will confirm you" in page
    ada = db.session.execute(select(User).where(User.email == "ada@example.org")).scalar_one()
    assert ada.organisation_id is None
    request = db.session.execute(select(JoinRequest).where(JoinRequest.user_id == ada.id)).scalar_one()
    assert request.organisation_id == org.id and request.state == PENDING
    assert db.session.execute(select(Notification.code).where(
        Notification.user_id == colleague.id)).scalars().all() == ["join_requested"]
    assert invitee.get(f"/profiles/{org.id}/edit").status_code == 403
    assert f"/events/{event.id}/availability" in invitee.get(f"/events/{event.id}/").get_data(as_text=True)
    row = db.session.execute(select(EventParticipant).where(EventParticipant.email == "ada@example.org",
                                                            EventParticipant.event_id == event.id)).scalar_one()
    assert row.user_id == ada.id and row.organisation_id == org.id  # she takes part, for Besta


def test_an_invitation_into_an_organisation_without_members_makes_a_member(app, client, monkeypatch):
    body, path, org, _event, _ = _invited(app, client, monkeypatch, members=False, by_file=True, language="it")
    assert "colleghi" not in body and "partecipanti" in body  # the organisation's country's language
    invitee, _page = _accept(app, path)
    ada = db.session.execute(select(User).where(User.email == "ada@example.org")).scalar_one()
    assert ada.organisation_id == org.id
    assert db.session.execute(select(JoinRequest)).scalars().all() == []


def test_an_invitee_lands_on_the_events_page_with_a_welcome(app, client, monkeypatch):
    _body, path, _org, event, _ = _invited(app, client, monkeypatch, members=False, by_file=False)
    invitee = app.test_client()
    response = post_form(invitee, path, {"name": "Ada Bianchi", "password": PASSWORD, "confirm": PASSWORD,
                                         "privacy": "y"})
    assert response.status_code == 302 and response.location.endswith(f"/events/{event.id}/")
    page = invitee.get(response.location).get_data(as_text=True)
    assert "Welcome to Matchmaker. You take part in Meet in Italy: here is its page." in page
    assert f"/events/{event.id}/availability" in page  # her participation, claimed
