"""The "Nearby partners" preference is a small boost in the ranking, not an order (found by a walk: "My region
first" still listed a partner from another region before one from the member's own), so the profile form says
"prefer" and explains it, in the reader's language, and the choice is still saved."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from matchmaker.models import Organisation
from tests.helpers import login, make_org, make_user, post_form
from tests.integration.test_profiles import FULL_FORM


def _proximity_field(page: str) -> str:
    match = re.search(r'<div class="field[^"]*" id="proximity-field">.*?</div>', page, re.S)
    assert match, "the profile form has no proximity field"
    return match.group(0)


def test_the_proximity_choice_says_prefer_and_explains_the_boost_in_both_languages(client):
    org = make_org(region="Lombardia", country="IT")
    user = make_user(organisation=org)
    login(client, user)
    field = _proximity_field(client.get(f"/profiles/{org.id}/edit").get_data(as_text=True))
    assert "Nearby partners" in field
    assert re.search(r'<option[^>]*value="region"[^>]*>Prefer my region</option>', field)
    assert "a much better match elsewhere still comes first" in field and "aria-describedby" in field
    assert "first</option>" not in field
    user = db.session.get(type(user), user.id)
    user.locale = "it"
    db.session.commit()
    field = _proximity_field(client.get(f"/profiles/{org.id}/edit").get_data(as_text=True))
    assert "Partner vicini" in field
    assert re.search(r'<option[^>]*value="region"[^>]*>Preferisci la mia regione</option>', field)
    assert "filtra i suggerimenti per regione o paese" in field
    assert post_form(client, f"/profiles/{org.id}/edit", dict(FULL_FORM, proximity="region"),
                     form_url=f"/profiles/{org.id}/edit").status_code == 302
    assert db.session.get(Organisation, org.id).proximity == "region"


def test_the_old_labels_are_still_understood():
    """API clients and import files written with the labels before the rename keep working."""
    from matchmaker import taxonomy

    for value, code in (("My region first", "region"), ("my country first", "country"),
                        ("Prima la mia regione", "region"), ("Prima il mio paese", "country"),
                        ("Prefer my region", "region"), ("Preferisci il mio paese", "country"), ("region", "region")):
        assert taxonomy.PROXIMITY.lookup(value) == code, value
