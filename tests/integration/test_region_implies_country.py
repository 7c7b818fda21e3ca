"""An Italian region implies Italy, in the one profile schema (form and import agree), and the profile's
completeness counts the country; so a start-up that picked Lombardia gets the investors' "In your region" reason."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Organisation
from matchmaker.services.profile_schema import validate_profile
from matchmaker.services.review_home import completeness
from tests.helpers import login, make_org, make_user, post_form
from tests.integration.test_profiles import FULL_FORM


def test_the_schema_gives_an_italian_region_its_country():
    assert validate_profile({"name": "X", "kind": "startup", "region": "Lombardy", "country": ""})[0]["country"] \
        == "IT"
    assert validate_profile({"name": "X", "kind": "startup", "region": "Lombardia"})[0]["country"] == "IT"  # import
    data, errors = validate_profile({"name": "X", "kind": "startup", "region": "Lombardia", "country": "CH"})
    assert not data and "Lombardia is an Italian region" in errors["country"][0]
    assert validate_profile({"name": "X", "kind": "startup", "region": "", "country": "CH"})[0]["country"] == "CH"
    assert validate_profile({"name": "X", "kind": "startup", "region": "Lombardia"},
                            stored={"country": "IT"})[0].get("country") in (None, "IT")


def test_the_form_saves_italy_with_a_region(client):
    org = make_org(country="", region="")
    login(client, make_user(organisation=org))
    assert post_form(client, f"/profiles/{org.id}/edit", dict(FULL_FORM, country="")).status_code == 302
    saved = db.session.get(Organisation, org.id)
    assert (saved.region, saved.country) == ("Lombardia", "IT")


def test_completeness_counts_the_country(app):
    org = make_org(country="", region="Lombardia", city="Milano")
    assert "City, region and country" in completeness(org).missing
    org.country = "IT"
    assert "City, region and country" not in completeness(org).missing
    abroad = make_org(country="CH", region="", city="Basel")
    assert "City, region and country" not in completeness(abroad).missing
