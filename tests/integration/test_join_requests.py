"""A colleague of an organisation already in the directory registers without an organisation, sees it after
confirming their address, asks to join; its members (or, if it has none, the organisers) accept or decline."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from matchmaker.extensions import db
from matchmaker.models import JoinRequest, Notification, Organisation, User
from matchmaker.services import accounts, membership
from tests.helpers import login, logout, make_org, make_user, post_form
from tests.integration.test_register_similar_org import _register


def _notes(user, code):
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.code == code))


def test_a_colleague_registers_asks_to_join_and_a_member_accepts(app, client):
    dompe = make_org(name="DOMPE FARMACEUTICI SPA")
    colleague = make_user(organisation_id=dompe.id)
    outsider = make_user(organisation_id=make_org(name="Other Pharma").id)
    page = _register(client).get_data(as_text=True)
    assert 'name="joining"' in page.split('id="similar-organisations"', 1)[1]
    assert "Check your mail" in _register(client, joining="y").get_data(as_text=True)
    giulia = db.session.execute(select(User).where(User.email == "giulia@dompe.example")).scalar_one()
    assert giulia.organisation_id is None and giulia.joining_name == "Dompé Farmaceutici"
    assert db.session.scalar(select(func.count()).select_from(Organisation)) == 2  # no duplicate profile
    landed = client.get(f"/auth/confirm/{accounts.confirmation_token(giulia)}")
    assert landed.headers["Location"].endswith("/membership/join")
    join_page = client.get("/membership/join").get_data(as_text=True)
    assert "DOMPE FARMACEUTICI SPA" in join_page.split('id="join-candidates"', 1)[1]
    # The welcome speaks of joining, not of completing a profile the newcomer does not have.
    assert "ask its members to let you join" in join_page and "Complete your organisation" not in join_page
    asked = post_form(client, f"/membership/join/{dompe.id}", {}, form_url="/membership/join",
                      follow_redirects=True).get_data(as_text=True)
    assert "was sent to its members" in asked and "waiting for an answer" in asked
    assert _notes(colleague, "join_requested") == 1
    again = post_form(client, f"/membership/join/{dompe.id}", {}, form_url="/membership/join",
                      follow_redirects=True).get_data(as_text=True)
    assert "already asked to join" in again
    request = db.session.execute(select(JoinRequest)).scalar_one()
    logout(client)

    login(client, outsider)  # another organisation's member may not decide
    assert post_form(client, f"/membership/requests/{request.id}/decide", {"answer": "accept"},
                     form_url="/membership/requests").status_code == 404
    logout(client)
    login(client, colleague)
    listed = client.get("/membership/requests").get_data(as_text=True)
    assert "Giulia Rossi" in listed.split('id="join-requests"', 1)[1]
    post_form(client, f"/membership/requests/{request.id}/decide", {"answer": "accept"},
              form_url="/membership/requests")
    db.session.expire_all()
    assert db.session.get(User, giulia.id).organisation_id == dompe.id
    assert db.session.get(JoinRequest, request.id).state == "accepted"
    assert _notes(giulia, "join_accepted") == 1


def test_without_members_the_organisers_decide_and_may_decline(app, client):
    imported = make_org(name="Imported Gamma")
    organiser = make_user(role="organiser")
    joiner = make_user(organisation_id=None, joining_name="Imported Gamma")
    request = membership.ask(joiner, imported)
    assert _notes(organiser, "join_requested") == 1
    login(client, organiser)
    post_form(client, f"/membership/requests/{request.id}/decide", {"answer": "decline"},
              form_url="/membership/requests")
    db.session.expire_all()
    assert db.session.get(JoinRequest, request.id).state == "declined"
    assert db.session.get(User, joiner.id).organisation_id is None
    assert _notes(joiner, "join_declined") == 1
    membership.ask(db.session.get(User, joiner.id), imported)  # declined: they may ask again


def test_the_database_allows_one_pending_request_per_user_and_organisation(app):
    org = make_org(name="Acme")
    user = make_user(organisation_id=None)
    db.session.add_all([JoinRequest(user_id=user.id, organisation_id=org.id),
                        JoinRequest(user_id=user.id, organisation_id=org.id, state="declined")])
    db.session.commit()
    db.session.add(JoinRequest(user_id=user.id, organisation_id=org.id))
    with pytest.raises(IntegrityError):
        db.session.commit()
    db.session.rollback()
    db.session.add(JoinRequest(user_id=user.id, organisation_id=org.id, state="paused"))
    with pytest.raises(IntegrityError):
        db.session.commit()


def test_a_member_of_an_organisation_cannot_ask(app):
    org = make_org(name="Acme")
    with pytest.raises(membership.JoinError):
        membership.ask(make_user(organisation_id=make_org(name="Beta").id), org)


def test_the_personal_data_download_lists_join_requests(app):
    from matchmaker.services.privacy import export_data

    joiner = make_user(organisation_id=None, joining_name="Acme")
    membership.ask(joiner, make_org(name="Acme"))
    data = export_data(joiner)
    assert data["account"]["joining_name"] == "Acme"
    assert [(r["organisation"], r["state"]) for r in data["join_requests"]] == [("Acme", "pending")]


def test_an_organiser_may_not_add_people_to_an_organisation_that_has_members(app, client):
    """Organisers cannot edit a profile that has members, so they cannot make someone its member either; admins
    can, and their decision goes into the audit log."""
    from matchmaker.models import AuditEntry

    dompe = make_org(name="DOMPE FARMACEUTICI SPA")
    make_user(organisation_id=dompe.id)
    organiser, admin = make_user(role="organiser"), make_user(role="admin")
    joiner = make_user(organisation_id=None, joining_name="Dompe")
    request = membership.ask(joiner, dompe)
    assert not membership.may_decide(organiser, request)
    assert request not in membership.to_decide(organiser)
    login(client, organiser)
    assert post_form(client, f"/membership/requests/{request.id}/decide", {"answer": "accept"},
                     form_url="/membership/requests").status_code == 404
    db.session.expire_all()
    assert db.session.get(User, joiner.id).organisation_id is None
    logout(client)
    login(client, admin)
    post_form(client, f"/membership/requests/{request.id}/decide", {"answer": "accept"},
              form_url="/membership/requests")
    db.session.expire_all()
    assert db.session.get(User, joiner.id).organisation_id == dompe.id
    entry = db.session.execute(select(AuditEntry).where(AuditEntry.action == "join")).scalar_one()
    assert entry.target == joiner.email and entry.details["accepted"] is True
