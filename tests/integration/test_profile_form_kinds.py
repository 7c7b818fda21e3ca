"""The profile form shows the investment fields that apply to the kind (start-ups and SMEs may seek investment,
investors invest), the TRL to companies and research organisations only, and fills the contact e-mail, contact
person and country in from the registration where empty."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from matchmaker.models import Organisation
from matchmaker.services.profile_defaults import country_of
from tests.helpers import login, logout, make_org, make_user


def _group(html: str, group_id: str) -> str:
    return re.search(rf'<fieldset id="{group_id}"[^>]*>', html).group(0)


def _edit_page(client, kind: str, **org_values) -> str:
    org = make_org(kind=kind, **org_values)
    login(client, make_user(organisation_id=org.id))
    return client.get(f"/profiles/{org.id}/edit").get_data(as_text=True)


def test_an_sme_sees_the_seeking_investment_fields_but_not_the_investor_ones(app, client):
    html = _edit_page(client, "sme")
    assert " hidden" not in _group(html, "seeking-investment") and " hidden" in _group(html, "investing")
    assert "Start-ups and investors" not in html and "js/profile-kind.js" in html


def test_an_investor_sees_only_the_investor_fields(app, client):
    html = _edit_page(client, "investor", ticket_min=100_000)
    assert " hidden" in _group(html, "seeking-investment") and " hidden" not in _group(html, "investing")
    assert 'name="ticket_min" type="text" value="100000"' in html or 'value="100000"' in html


def test_a_university_sees_neither_and_a_hidden_groups_values_stay_in_the_form(app, client):
    html = _edit_page(client, "university", funding_stage="seed")
    assert " hidden" in _group(html, "seeking-investment") and " hidden" in _group(html, "investing")
    assert re.search(r'<option selected value="seed">', html)  # still sent back on save: nothing is lost


def test_the_trl_is_asked_of_companies_and_research_only(app, client):
    assert " hidden" not in _group(_edit_page(client, "sme"), "maturity")
    logout(client)
    assert " hidden" not in _group(_edit_page(client, "irccs_hospital"), "maturity")
    for kind in ("investor", "association", "other"):
        logout(client)
        html = _edit_page(client, kind, trl=5)
        assert " hidden" in _group(html, "maturity"), kind
        assert re.search(r'<option selected value="5">', html)  # kept in the form, as the other hidden groups


def test_a_trl_kept_from_an_earlier_kind_is_not_shown(app, client):
    org = make_org(kind="investor", trl=6)
    login(client, make_user(organisation_id=org.id))
    assert "TRL of the main offer" not in client.get(f"/profiles/{org.id}").get_data(as_text=True)
    org.kind = "sme"
    db.session.commit()
    assert "TRL of the main offer:</strong> 6" in client.get(f"/profiles/{org.id}").get_data(as_text=True)


def test_the_registrants_address_name_and_country_fill_the_empty_fields(app, client):
    org = make_org(kind="startup", country="", contact_email="", contact_name="")
    user = make_user(organisation_id=org.id, email="giulia@biovalle.it", name="Giulia Ferri", locale="en")
    login(client, user)
    html = client.get(f"/profiles/{org.id}/edit").get_data(as_text=True)
    assert 'value="giulia@biovalle.it"' in html and 'value="Giulia Ferri"' in html
    assert re.search(r'<option selected value="IT">', html)
    assert db.session.get(Organisation, org.id).contact_email == ""  # only shown: stored when the member saves


def test_filled_fields_and_saved_profiles_are_left_alone(app, client):
    org = make_org(kind="startup", country="DE", contact_email="bd@biovalle.example", contact_name="")
    login(client, make_user(organisation_id=org.id, email="giulia@biovalle.it", name="Giulia Ferri"))
    html = client.get(f"/profiles/{org.id}/edit").get_data(as_text=True)
    assert re.search(r'<option selected value="DE">', html) and 'value="bd@biovalle.example"' in html
    assert 'value="Giulia Ferri"' in html  # the empty one is filled
    org.version = 3  # saved by a member since: what is empty was left empty on purpose
    db.session.commit()
    assert 'value="Giulia Ferri"' not in client.get(f"/profiles/{org.id}/edit").get_data(as_text=True)


def test_the_country_comes_from_the_address_else_from_italian(app):
    assert country_of(make_user(email="a@b.co.uk")) == "GB"
    assert country_of(make_user(email="a@charite.de", locale="it")) == "DE"
    assert country_of(make_user(email="a@biovalle.example", locale="it")) == "IT"
    assert country_of(make_user(email="a@biovalle.com", locale="en")) == ""
