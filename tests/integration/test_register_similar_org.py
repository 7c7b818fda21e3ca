"""Registering an organisation that the directory already has under another spelling ("Dompé Farmaceutici" beside the
imported "DOMPE FARMACEUTICI SPA") points at it and says how to join it, still lets a different one be created, and
answers the same whatever the address (no account enumeration)."""
from __future__ import annotations

import re

import pytest

from matchmaker.extensions import db
from matchmaker.models import User
from matchmaker.services.org_names import name_key, same_name
from tests.helpers import PASSWORD, login, make_org, make_user, post_form


def _register(client, **overrides):
    data = {"name": "Giulia Rossi", "email": "giulia@dompe.example", "organisation_name": "Dompé Farmaceutici",
            "kind": "large_company", "password": PASSWORD, "confirm": PASSWORD, "privacy": "y"}
    data.update(overrides)
    return post_form(client, "/auth/register", data)


@pytest.mark.parametrize("typed, stored", [
    ("Dompé Farmaceutici", "DOMPE FARMACEUTICI SPA"), ("Chiesi Farmaceutici", "Chiesi Farmaceutici S.p.A."),
    ("acme", "ACME S.r.l."), ("Roche Diagnostics", "Roche Diagnostics GmbH"),
    ("Oxford Biomedica", "OXFORD BIOMEDICA LTD"),
    ("Università di Pavia", "UNIVERSITA DI PAVIA")])
def test_names_that_mean_the_same_organisation(typed, stored):
    assert name_key(typed) == name_key(stored)


@pytest.mark.parametrize("typed, stored", [
    ("Fondazione IRCCS Istituto Neurologico C. Besta", "FONDAZIONE IRCCS ISTITUTO NEUROLOGICO CARLO BESTA"),
    ("Istituto Clinico E. Morelli", "Istituto Clinico Eugenio Morelli S.p.A."),
    ("Ospedale San Raffaele", "Ospedale S. Raffaele S.r.l.")])
def test_an_initial_stands_for_a_word(typed, stored):
    assert same_name(name_key(typed), name_key(stored)) and same_name(name_key(stored), name_key(typed))


@pytest.mark.parametrize("typed, stored", [
    ("Istituto Neurologico C. Besta", "Istituto Neurologico Mario Besta"),  # another initial
    ("X Pharma", "Xeno Pharma"),  # one word spelt out is not enough
    ("Istituto C. Besta", "Istituto Carlo Besta Ricerche")])  # another number of words
def test_initials_do_not_make_other_names_alike(typed, stored):
    assert not same_name(name_key(typed), name_key(stored))


def test_the_registration_hint_tolerates_an_initial(app, client):
    make_org(name="FONDAZIONE IRCCS ISTITUTO NEUROLOGICO CARLO BESTA")
    page = _register(client, organisation_name="Fondazione IRCCS Istituto Neurologico C. Besta").get_data(True)
    assert 'id="similar-organisations"' in page and db.session.execute(db.select(User)).first() is None


def test_different_names_stay_different():
    assert name_key("Dompé Farmaceutici") != name_key("Dompé Holdings")
    assert name_key("Bio SA") != name_key("Bio Sas Pharma")


def test_registration_points_at_the_existing_profile_then_allows_a_new_one(app, client):
    make_org(name="DOMPE FARMACEUTICI SPA", city="Milano")
    make_org(name="Dompé Holdings")
    page = _register(client).get_data(as_text=True)
    hint = page.split('id="similar-organisations"', 1)[1].split('name="name"', 1)[0]  # up to the form's fields
    # an anonymous visitor learns only that a similar profile exists: no name, place or link (the directory needs
    # a login)
    assert "/profiles/" not in hint and "DOMPE" not in hint and "Milano" not in hint
    assert "very similar name" in hint and "ask to join it" in hint and 'value="n"' in hint
    assert 'name="joining"' in hint  # the way forward for a colleague: an account without an organisation
    assert db.session.execute(db.select(User)).first() is None  # nothing created yet
    done = _register(client, joining="n")
    assert "Check your mail" in done.get_data(as_text=True)
    user = db.session.execute(db.select(User)).scalar_one()
    assert user.organisation is None and user.joining_name == "Dompé Farmaceutici"  # its profile: at confirmation
    assert user.registration_kind == "large_company"


def test_the_hint_is_the_same_for_a_taken_address(app, client):
    make_org(name="DOMPE FARMACEUTICI SPA")
    make_user(email="giulia@dompe.example")
    taken = _register(client).get_data(as_text=True)
    fresh = _register(client, email="other@dompe.example").get_data(as_text=True)
    same = [re.sub(r'name="csrf_token"[^>]*>', "", page).replace("giulia@", "other@") for page in (taken, fresh)]
    assert same[0] == same[1] and 'id="similar-organisations"' in taken


def test_no_hint_for_a_new_name(app, client):
    make_org(name="DOMPE FARMACEUTICI SPA")
    assert "Check your mail" in _register(client, organisation_name="Acme Biotech").get_data(as_text=True)


def test_after_login_the_member_sees_the_similar_organisation_by_name(app, client):
    dompe = make_org(name="DOMPE FARMACEUTICI SPA", city="Milano")
    mine = make_org(name="Dompé Farmaceutici")
    login(client, make_user(organisation_id=mine.id))
    page = client.get(f"/profiles/{mine.id}/edit").get_data(as_text=True)
    hint = page.split('id="similar-organisations"', 1)[1].split("</div>", 1)[0]
    assert f'href="/profiles/{dompe.id}"' in hint and "DOMPE FARMACEUTICI SPA" in hint
    assert f'href="/profiles/{mine.id}"' not in hint


def _hint(page: str) -> str:
    return page.split('id="similar-organisations"', 1)[1].split("</div>", 1)[0]


def test_the_answer_about_a_similar_organisation_is_one_of_two_radios_explained_by_the_notice(app, client):
    make_org(name="DOMPE FARMACEUTICI SPA")
    hint = _hint(_register(client).get_data(as_text=True))
    radios = re.findall(r'<input[^>]*type="radio"[^>]*>', hint)
    assert len(radios) == 2 and all('name="joining"' in r for r in radios)
    assert 'type="checkbox"' not in hint
    assert 'id="similar-organisations-advice"' in hint
    assert re.search(r'<fieldset aria-describedby="similar-organisations-advice"><legend>', hint)


def test_sending_the_form_again_without_an_answer_asks_for_one_and_keeps_what_was_typed(app, client):
    make_org(name="DOMPE FARMACEUTICI SPA")
    _register(client)
    page = _register(client, similar_shown="1").get_data(as_text=True)
    hint = _hint(page)
    assert "Choose one of the two answers" in hint
    assert 'aria-describedby="similar-organisations-advice joining-errors"' in hint
    assert 'value="Giulia Rossi"' in page and 'value="Dompé Farmaceutici"' in page
    assert db.session.execute(db.select(User)).first() is None


def test_an_answer_is_kept_when_another_field_is_refused(app, client):
    make_org(name="DOMPE FARMACEUTICI SPA")
    page = _register(client, similar_shown="1", joining="n", confirm="something else").get_data(as_text=True)
    assert "The passwords differ." in page
    assert re.search(r'<input checked[^>]*name="joining"[^>]*value="n"', _hint(page))
    assert db.session.execute(db.select(User)).first() is None


def test_a_forged_answer_is_refused(app, client):
    make_org(name="DOMPE FARMACEUTICI SPA")
    refused = _register(client, similar_shown="1", joining="both").get_data(as_text=True)
    assert "Choose one of the options" in refused and "Check your mail" not in refused
    assert db.session.execute(db.select(User)).first() is None
