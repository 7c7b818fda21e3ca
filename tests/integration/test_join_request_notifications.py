"""A "X asks to join" notification does not outlive its request: answered, it says who answered and links to the
profile; withdrawn, or its requester's account deleted, it is gone; the requests page says what became of them."""
from __future__ import annotations

from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.models import Notification, User
from matchmaker.services import membership, privacy
from tests.helpers import PASSWORD, login, make_org, make_user


def _notes(user) -> list[Notification]:
    return list(db.session.execute(select(Notification).where(Notification.user_id == user.id)
                                   .order_by(Notification.id)).scalars())


def test_an_accepted_request_s_notification_says_so_and_links_to_the_profile(app, client):
    besta, other = make_org(name="Istituto Besta"), make_org(name="Other Pharma")
    giulia, colleague = make_user(organisation_id=besta.id, name="Giulia Ferri"), make_user(organisation_id=besta.id)
    marco = make_user(name="Marco Galli")
    request = membership.ask(marco, besta)
    elsewhere = make_user(organisation_id=other.id)
    membership.ask(marco, other)  # withdrawn when Besta accepts him
    assert [n.code for n in _notes(colleague)] == ["join_requested"]
    membership.decide(giulia, request, accept=True)
    for member in (giulia, colleague):
        (note,) = _notes(member)
        assert note.code == "join_request_accepted" and note.read_at is not None
        assert note.link == f"/profiles/{besta.id}"
    assert _notes(elsewhere) == []  # Other Pharma's request was withdrawn: nothing left to answer
    login(client, colleague)
    html = client.get("/notifications/").get_data(as_text=True)
    assert "Giulia Ferri accepted Marco Galli as a member of Istituto Besta." in html and "asks to join" not in html
    page = client.get("/membership/requests").get_data(as_text=True)
    assert "No request to answer" in page and "Giulia Ferri accepted Marco Galli" in page


def test_a_declined_request_s_notification_says_who_declined(app):
    besta = make_org(name="Istituto Besta")
    giulia, colleague = make_user(organisation_id=besta.id, name="Giulia Ferri"), make_user(organisation_id=besta.id)
    request = membership.ask(make_user(name="Marco Galli"), besta)
    membership.decide(giulia, request, accept=False)
    (note,) = _notes(colleague)
    assert note.code == "join_request_declined" and note.params["decider"] == "Giulia Ferri"


def test_the_requesters_deleted_account_takes_the_notification_with_it(app):
    besta = make_org(name="Istituto Besta")
    colleague = make_user(organisation_id=besta.id)
    marco = make_user(name="Marco Galli")
    membership.ask(marco, besta)
    assert len(_notes(colleague)) == 1
    privacy.delete_account(db.session.get(User, marco.id), PASSWORD)
    assert _notes(colleague) == []


def test_a_notification_stored_before_the_request_id_was_kept_is_resolved_too(app):
    besta = make_org(name="Istituto Besta")
    giulia, colleague = make_user(organisation_id=besta.id, name="Giulia Ferri"), make_user(organisation_id=besta.id)
    request = membership.ask(make_user(name="Marco Galli"), besta)
    for note in _notes(colleague) + _notes(giulia):
        note.params = {"name": "Marco Galli", "organisation": "Istituto Besta"}
    unrelated = Notification(user_id=colleague.id, code="join_requested", link="/membership/requests",
                             params={"name": "Anna Neri", "organisation": "Istituto Besta"})
    db.session.add(unrelated)
    db.session.commit()
    membership.decide(giulia, request, accept=True)
    assert [n.code for n in _notes(colleague)] == ["join_request_accepted", "join_requested"]
