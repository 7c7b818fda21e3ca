"""An organisation typed at registration exists only once its registrant has confirmed the address: before that it
is in no directory, search, count, suggestion or similar-name hint, and a registration never confirmed squats no
name (another registrant of the same name goes through and gets the profile)."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from matchmaker.models import Organisation
from matchmaker.services import accounts, org_names
from matchmaker.services.accounts import find_user
from tests.helpers import PASSWORD, login, make_org, make_user, post_form

BESTA = "Fondazione IRCCS Istituto Neurologico C. Besta"


def _register(client, email="ricerca@besta.example", name=BESTA):
    return post_form(client, "/auth/register", {
        "name": "Chiara Verdi", "email": email, "organisation_name": name, "kind": "irccs_hospital",
        "password": PASSWORD, "confirm": PASSWORD, "joining": "n", "privacy": "y"})


def _without_tokens(html: str) -> str:
    """A page without its CSRF tokens (a token carries the second it was signed)."""
    return re.sub(r'((?:name="csrf_token"|name="csrf-token")[^>]*?(?:value|content)=")[^"]*', r"\1", html)


def _confirm_link(caplog) -> str:
    return re.findall(r"http://localhost(/auth/confirm/[^\s]+)", caplog.text)[-1]


def test_an_unconfirmed_registration_is_listed_nowhere(app, client, caplog):
    make_org(name="Centro Besta Diagnostica", city="Milano")
    viewer = make_user(organisation_id=make_org(name="Ephos S.r.l.").id)
    home_before = _without_tokens(client.get("/").get_data(as_text=True))
    assert "Check your mail" in _register(client).get_data(as_text=True)
    assert db.session.execute(db.select(Organisation).where(Organisation.name == BESTA)).first() is None
    assert org_names.similar(BESTA) == []  # no "very similar organisation" for the next registrant
    assert "Check your mail" in _register(client, email="altro@example.org").get_data(as_text=True)
    assert _without_tokens(client.get("/").get_data(as_text=True)) == home_before  # the home's figures did not move
    login(client, viewer)
    found = client.get("/profiles/?q=Besta").get_data(as_text=True)
    assert "Centro Besta Diagnostica" in found and "Neurologico" not in found


def test_the_profile_is_created_when_the_address_is_confirmed(app, client, caplog):
    _register(client)
    client.get(_confirm_link(caplog))
    user = find_user("ricerca@besta.example")
    assert user.email_confirmed and user.organisation.name == BESTA and user.organisation.kind == "irccs_hospital"
    assert [o.name for o in org_names.similar("Fondazione IRCCS Istituto Neurologico Carlo Besta")] == [BESTA]


def test_a_registration_never_confirmed_squats_no_name(app, client, caplog):
    _register(client)  # never confirmed
    _register(client, email="direzione@besta.example")
    client.get(_confirm_link(caplog))
    second = find_user("direzione@besta.example")
    assert second.organisation is not None and second.organisation.name == BESTA
    assert db.session.execute(db.select(db.func.count(Organisation.id))).scalar() == 1
    assert find_user("ricerca@besta.example").organisation is None


def test_a_password_reset_confirms_the_address_and_creates_the_profile(app, client):
    _register(client)
    user = find_user("ricerca@besta.example")
    accounts.reset_password(accounts.make_reset_token(user), "a brand new password 1")
    user = find_user("ricerca@besta.example")
    assert user.email_confirmed and user.organisation is not None and user.organisation.name == BESTA
