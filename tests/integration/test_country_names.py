"""Countries are named, not coded: the profile form offers a select of names in the reader's language (the codes as
values), and a proximity reason names the country."""
from __future__ import annotations

import re

from flask_babel import force_locale

from matchmaker.extensions import db
from matchmaker.matches.wording import reason_lines
from matchmaker.matching.reasons import Reasons
from matchmaker.models import Organisation
from tests.helpers import login, make_org, make_user, post_form
from tests.integration.test_profiles import FULL_FORM


def test_the_profile_form_offers_country_names_in_the_readers_language(client):
    org = make_org(country="DE")
    user = make_user(organisation=org)
    login(client, user)
    page = client.get(f"/profiles/{org.id}/edit").get_data(as_text=True)
    assert re.search(r'<select[^>]*name="country"', page)
    assert '<option selected value="DE">Germany</option>' in page
    assert re.search(r'<option[^>]*value="IT"[^>]*>Italy</option>', page)
    assert "Country (ISO code)" not in page
    user = db.session.get(type(user), user.id)
    user.locale = "it"
    db.session.commit()
    page = client.get(f"/profiles/{org.id}/edit").get_data(as_text=True)
    assert re.search(r'<option[^>]*value="IT"[^>]*>Italia</option>', page)
    assert re.search(r'<option[^>]*value="DE"[^>]*>Germania</option>', page)
    assert post_form(client, f"/profiles/{org.id}/edit", dict(FULL_FORM, country="IT"),
                     form_url=f"/profiles/{org.id}/edit").status_code == 302
    assert db.session.get(Organisation, org.id).country == "IT"


def test_a_cordis_code_stored_on_a_profile_stays_selectable(client):
    org = make_org(country="UK")
    login(client, make_user(organisation=org))
    page = client.get(f"/profiles/{org.id}/edit").get_data(as_text=True)
    assert '<option selected value="UK">United Kingdom</option>' in page


def test_the_same_country_reason_names_the_country(app):
    reasons = Reasons([("same_country", {"country": "IT"})])
    with app.test_request_context(), force_locale("it"):
        assert reason_lines(reasons) == ["Nel tuo Paese (Italia)"]
    with app.test_request_context(), force_locale("en"):
        assert reason_lines(reasons) == ["In your country (Italy)"]
