"""Withdrawing a connection asks first: the real POST button sits inside a <details> disclosure (no JavaScript
needed) that says what withdrawing does; the POST still needs its CSRF token."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from matchmaker.models import Interest, User
from matchmaker.services import review
from tests.helpers import csrf_token, login, make_org, make_user


def _connected(app):
    acme, lab = make_org(name="Acme"), make_org(name="Liver Lab", kind="research")
    alice, bob = make_user(organisation=acme), make_user(organisation=lab)
    review.express_interest(acme, lab, "interested", alice)
    review.express_interest(lab, acme, "interested", bob)
    client = app.test_client()
    login(client, alice)
    return client, acme, lab


def _withdraw_buttons(html: str) -> list[str]:
    return re.findall(r'<button[^>]*value="withdraw"[^>]*>', html)


def _confirmation(html: str) -> str:
    found = re.search(r'<details class="confirm-withdraw">(.*?)</details>', html, re.S)
    assert found, "no confirmation disclosure"
    return found.group(1)


def test_withdrawing_a_connection_is_confirmed_in_a_disclosure_on_both_pages(app):
    client, acme, lab = _connected(app)
    for url in ("/matches/connections", f"/profiles/{lab.id}"):
        html = client.get(url).get_data(as_text=True)
        assert len(_withdraw_buttons(html)) == 1, url
        inside = _confirmation(html)
        assert _withdraw_buttons(inside), url  # the one POST button is inside the disclosure
        assert "<summary" in inside and "Liver Lab" in inside and "notified" in inside
    assert client.post(f"/matches/interest/{lab.id}", data={"action": "withdraw"}).status_code == 400  # no token
    assert db.session.scalar(db.select(db.func.count()).select_from(Interest)) == 2
    token = csrf_token(client, "/matches/connections")
    data = {"action": "withdraw", "csrf_token": token, "next": "/matches/connections"}
    r = client.post(f"/matches/interest/{lab.id}", data=data)
    assert r.status_code == 302
    assert "No connections yet" in client.get("/matches/connections").get_data(as_text=True)


def test_the_confirmation_is_in_italian(app):
    client, acme, lab = _connected(app)
    user = db.session.execute(db.select(User).where(User.organisation_id == acme.id)).scalars().first()
    user.locale = "it"
    db.session.commit()
    inside = _confirmation(client.get("/matches/connections").get_data(as_text=True))
    assert "Liver Lab" in inside and "Ritira" in inside and "Withdraw" not in inside


def test_the_confirmations_say_the_conversation_closes_and_reopens(app):
    """Withdrawing (connections page, profile page) or declining a connected partner closes their conversation in
    Messages (readable, no new message) until both are interested again: each confirmation says so, in both
    languages."""
    client, acme, lab = _connected(app)
    for url in ("/matches/connections", f"/profiles/{lab.id}"):
        inside = _confirmation(client.get(url).get_data(as_text=True))
        assert "conversation in Messages closes" in inside and "reopens if you both" in inside, url
    user = db.session.execute(db.select(User).where(User.organisation_id == acme.id)).scalars().first()
    user.locale = "it"
    db.session.commit()
    inside = _confirmation(client.get("/matches/connections").get_data(as_text=True))
    assert "conversazione in Messaggi si chiude" in inside and "si riapre" in inside
