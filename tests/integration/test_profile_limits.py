"""The profile form speaks the schema's rules: huge amounts and over-long texts are field errors, not a 500."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Organisation
from tests.helpers import login, make_org, make_user, post_form
from tests.integration.test_profiles import FULL_FORM


def test_an_amount_beyond_64_bits_is_a_field_error(client):
    org = make_org(kind="investor")
    login(client, make_user(organisation=org))
    response = post_form(client, f"/profiles/{org.id}/edit", dict(FULL_FORM, kind="investor", ticket_min="1",
                                                                  ticket_max=str(2 ** 63)))
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "must be at most 1,000,000,000,000 euros" in html
    assert db.session.get(Organisation, org.id).ticket_max is None


def test_the_form_takes_amounts_as_the_import_does_and_marks_start_ups_as_smes(client):
    org = make_org(kind="sme")
    login(client, make_user(organisation=org))
    response = post_form(client, f"/profiles/{org.id}/edit", dict(FULL_FORM, funding_amount_sought="1.5M"))
    assert response.status_code == 302
    saved = db.session.get(Organisation, org.id)
    assert (saved.kind, saved.sme, saved.funding_amount_sought) == ("startup", True, 1_500_000)


def test_an_over_long_offer_is_refused_by_form_and_import_alike(client):
    org = make_org()
    login(client, make_user(organisation=org))
    html = post_form(client, f"/profiles/{org.id}/edit", dict(FULL_FORM, seek="x" * 20_001)).get_data(as_text=True)
    assert "longer than 20000 characters" in html
