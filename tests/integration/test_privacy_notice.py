"""F9: a privacy notice at /privacy/ (the shipped default, marked as to be completed by the operator; or the
operator's page or template), linked from the footer and the registration form, whose box must be ticked to
register (everything typed but the passwords kept when it is not)."""
from __future__ import annotations

import re

import pytest

from matchmaker.extensions import db
from matchmaker.models import User
from tests.helpers import PASSWORD, post_form

WORDS = {"en": ("Privacy notice", "to be completed by the operator", "I have read the privacy notice"),
         "it": ("Informativa sulla privacy", "da completare a cura del gestore",
                "Ho letto l’informativa sulla privacy")}


@pytest.mark.parametrize("lang", ["en", "it"])
def test_the_default_notice_says_who_what_why_and_is_linked(client, lang):
    headers = {"Accept-Language": lang}
    title, draft, box = WORDS[lang]
    page = client.get("/privacy/", headers=headers).get_data(as_text=True)
    assert title in page and draft in page and "GDPR" in page
    assert 'id="footer-privacy"' in client.get("/", headers=headers).get_data(as_text=True)
    form = client.get("/auth/register", headers=headers).get_data(as_text=True)
    assert 'href="/privacy/"' in form and box in form and 'name="privacy"' in form


def test_the_operator_s_own_page(app, client):
    app.config["PRIVACY_NOTICE_URL"] = "https://cluster.example.org/privacy"
    response = client.get("/privacy/")
    assert response.status_code == 302 and response.headers["Location"] == "https://cluster.example.org/privacy"
    app.config["PRIVACY_NOTICE_URL"] = "javascript:alert(1)"  # not an address: the default notice
    assert client.get("/privacy/").status_code == 200


def test_registering_needs_the_box_and_keeps_what_was_typed(client):
    data = {"name": "Giulia Rossi", "email": "giulia@acme.example", "organisation_name": "Acme RNA",
            "kind": "startup", "password": PASSWORD, "confirm": PASSWORD}
    refused = post_form(client, "/auth/register", data).get_data(as_text=True)
    assert "Tick the box once you have read the privacy notice." in refused
    assert 'value="Giulia Rossi"' in refused and 'value="giulia@acme.example"' in refused
    assert 'value="Acme RNA"' in refused and '<option selected value="startup">' in refused
    assert db.session.execute(db.select(User)).first() is None
    accepted = post_form(client, "/auth/register", dict(data, privacy="y")).get_data(as_text=True)
    assert "Check your mail" in accepted


def _invitation_link(client):
    from matchmaker.models import Invitation
    from matchmaker.services import accounts

    invitation = Invitation(email="marco@acme.example", role="member")
    db.session.add(invitation)
    db.session.commit()
    with client.application.test_request_context():
        return f"/auth/invitation/{accounts.serializer('invitation').dumps({'iid': invitation.id})}"


@pytest.mark.parametrize("lang", ["en", "it"])
def test_accepting_an_invitation_asks_the_same_box(client, lang):
    title, _draft, box = WORDS[lang]
    form = client.get(_invitation_link(client), headers={"Accept-Language": lang}).get_data(as_text=True)
    assert 'href="/privacy/"' in form and box in form and 'name="privacy"' in form and 'id="privacy-link"' in form


def test_accepting_an_invitation_needs_the_box_and_keeps_what_was_typed(client):
    link = _invitation_link(client)
    data = {"name": "Marco Bruni", "password": PASSWORD, "confirm": PASSWORD}
    refused = post_form(client, link, data)
    html = refused.get_data(as_text=True)
    assert refused.status_code == 200 and "Tick the box once you have read the privacy notice." in html
    assert 'value="Marco Bruni"' in html and PASSWORD not in html
    assert db.session.execute(db.select(User)).first() is None
    accepted = post_form(client, link, dict(data, privacy="y"))
    assert accepted.status_code == 302
    user = db.session.execute(db.select(User)).scalar_one()
    assert user.email == "marco@acme.example" and user.name == "Marco Bruni"


def test_the_refused_box_is_described_by_its_error(client):
    """A screen reader on the box reads why it was refused, as on a text field: the box's aria-describedby names the
    element holding the error (an id of its own)."""
    data = {"name": "Giulia Rossi", "email": "giulia@acme.example", "organisation_name": "Acme RNA",
            "kind": "startup", "password": PASSWORD, "confirm": PASSWORD}
    refused = post_form(client, "/auth/register", data).get_data(as_text=True)
    box = re.search(r'<input[^>]*name="privacy"[^>]*>', refused).group(0)
    assert 'aria-invalid="true"' in box
    described_by = re.search(r'aria-describedby="([^"]+)"', box).group(1)
    assert refused.count(f'id="{described_by}"') == 1
    errors = re.search(rf'<[a-z]+[^>]*id="{described_by}"[^>]*>(.*?)</ul>', refused, re.S).group(1)
    assert "Tick the box once you have read the privacy notice." in errors
    fresh = client.get("/auth/register").get_data(as_text=True)
    assert "aria-describedby" not in re.search(r'<input[^>]*name="privacy"[^>]*>', fresh).group(0)
