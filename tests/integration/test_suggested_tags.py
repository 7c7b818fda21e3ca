"""Suggested tags: derived from a profile's text on save, shown, opt-in in the form (never pre-ticked): a save that
leaves the tags alone keeps them as suggestions; ticking them confirms them."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from matchmaker.services.profiles import apply_profile
from tests.helpers import login, make_org, make_user, post_form
from tests.integration.test_profiles import FULL_FORM

ONCOLOGY = ("Phase I/II clinical trials of CAR-T cell therapies in leukaemia and lymphoma; tumour biomarkers; "
            "antibodies against cancer")


def test_saving_derives_suggested_tags_and_the_member_confirms_them(client):
    org = make_org(name="Onco Lab", kind="university")
    apply_profile(org, {"offer": ONCOLOGY})
    db.session.commit()
    assert "oncology" in org.suggested_therapeutic_areas and org.life_sciences is True
    login(client, make_user(organisation=org))
    page = client.get(f"/profiles/{org.id}").get_data(as_text=True)
    assert "Suggested tags" in page and "Oncology" in page
    form = client.get(f"/profiles/{org.id}/edit").get_data(as_text=True)
    assert not re.search(r'<input[^>]*checked[^>]*value="oncology"', form)  # opt-in: not ticked
    assert "Suggested tags, read from your texts: " in form and "Oncology" in form
    # A save that does not touch the tags does not accept them: they stay suggestions.
    untouched = dict(FULL_FORM, name="Onco Lab", kind="university", offer=ONCOLOGY, therapeutic_areas=[],
                     sectors=[], proximity="anywhere")
    assert post_form(client, f"/profiles/{org.id}/edit", untouched).status_code == 302
    db.session.refresh(org)
    assert not org.tags_confirmed and org.therapeutic_areas == [] and "oncology" in org.suggested_therapeutic_areas
    data = dict(FULL_FORM, name="Onco Lab", kind="university", offer=ONCOLOGY, therapeutic_areas=["oncology"],
                sectors=["biotech"], proximity="region")
    assert post_form(client, f"/profiles/{org.id}/edit", data).status_code == 302
    db.session.refresh(org)
    assert org.tags_confirmed and org.therapeutic_areas == ["oncology"] and org.proximity == "region"
    assert org.suggested_therapeutic_areas == [] and org.suggested_sectors == []


def test_organisations_outside_life_sciences_are_marked(client):
    org = make_org(name="Forest Co", kind="sme")
    apply_profile(org, {"offer": "Forest biomass, wood supply chains and pulp mills for the circular bioeconomy"})
    db.session.commit()
    assert org.life_sciences is False
    login(client, make_user(organisation=org))
    assert "outside life sciences" in client.get(f"/profiles/{org.id}").get_data(as_text=True)
