"""The suggestions' filters offer what the list holds (a walk: "Private research centre" offered to a list without
one, drop-downs of every directory country and sector, most of them giving "No suggestion matches"), of the partners
the state filter shows (a later walk: a declined partner's country offered while the declined were hidden), plus the
value chosen, so a filter from a shared link still shows as chosen."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Organisation, Suggestion
from matchmaker.services import review
from matchmaker.services.suggestions import rebuild_all
from tests.helpers import client_for, make_org, make_user
from tests.integration.test_suggestions import FILLER


def _options(html: str, name: str) -> dict[str, bool]:
    """Each option of select `name` (its value, or its text without one) and whether it is selected."""
    select = html.split(f'name="{name}"', 1)[1].split("</select>", 1)[0]
    found = {}
    for option in select.split("<option")[1:]:
        head, text = option.split(">", 1)
        value = head.split('value="', 1)[1].split('"', 1)[0] if 'value="' in head else text.split("<", 1)[0]
        found[value.strip()] = "selected" in head
    return {value: chosen for value, chosen in found.items() if value}


def _world():
    company = make_org(name="Acme Organoids", kind="sme", seek="liver organoid models for drug toxicity testing")
    make_org(name="Milano Liver Lab", kind="university", offer="Liver organoid models for drug toxicity testing",
             sectors=["biotech"])
    make_org(name="Berlin Organoid Centre", kind="public_research_centre", country="DE", region="Berlin",
             offer="Organoid models of the liver for toxicity screening of drugs in oncology")
    make_org(name="Lyon Devices", kind="private_research_centre", country="FR", region="Auvergne-Rhône-Alpes",
             offer="Wearable ultrasound probes for cardiology")  # in the directory, not in the list
    for i, text in enumerate(FILLER):
        make_org(name=f"Filler {i}", kind="university", country="ES", region="Cataluña", offer=text)
    rebuild_all()
    listed = set(db.session.execute(db.select(Organisation.name).join(
        Suggestion, Suggestion.target_id == Organisation.id).where(Suggestion.source_id == company.id)).scalars())
    assert {"Milano Liver Lab", "Berlin Organoid Centre"} <= listed and "Lyon Devices" not in listed
    return company, {"Cataluña" if name.startswith("Filler") else name for name in listed}


def test_the_filters_offer_the_kinds_regions_and_countries_of_the_list(app):
    company, listed = _world()
    client = client_for(app, make_user(organisation=company))
    html = client.get("/matches/?kind=tech-transfer").get_data(as_text=True)
    assert set(_options(html, "partner_kind")) <= {"university", "public_research_centre"}
    assert {"university", "public_research_centre"} <= set(_options(html, "partner_kind"))
    countries, regions = _options(html, "country"), _options(html, "region")
    assert {"IT", "DE"} <= set(countries) and "FR" not in countries
    assert {"Lombardia", "Berlin"} <= set(regions) and "Auvergne-Rhône-Alpes" not in regions
    assert ("ES" in countries) == ("Cataluña" in listed)  # the fillers' country only if one of them is listed
    assert "biotech" in _options(html, "sector") and "medical_devices" not in _options(html, "sector")
    assert "oncology" in _options(html, "area")  # said in a partner's texts, as the area filter takes it


def _listed_names(client, query: str) -> str:
    return client.get(f"/matches/?kind=tech-transfer&{query}").get_data(as_text=True)


def test_a_declined_partner_s_values_are_offered_only_with_the_declined(app):
    company, _ = _world()
    user = make_user(organisation=company)
    client = client_for(app, user)
    berlin = db.session.execute(db.select(Organisation).where(Organisation.name == "Berlin Organoid Centre")).scalar()
    review.give_feedback(company, berlin, "tech-transfer", "decline", user, "not_relevant", "")
    db.session.commit()
    assert "DE" not in _options(_listed_names(client, ""), "country")
    assert "Berlin" not in _options(_listed_names(client, ""), "region")
    assert "DE" in _options(_listed_names(client, "state=declined"), "country")


def test_a_chosen_value_the_list_lacks_stays_shown_as_chosen(app):
    company, _ = _world()
    client = client_for(app, make_user(organisation=company))
    html = client.get("/matches/?kind=tech-transfer&country=fr&partner_kind=private_research_centre"
                      "&region=Auvergne-Rhône-Alpes").get_data(as_text=True)
    assert _options(html, "country")["FR"] and _options(html, "partner_kind")["private_research_centre"]
    assert _options(html, "region")["Auvergne-Rhône-Alpes"]
    assert "No suggestion matches these filters." in html


def test_a_region_typed_in_another_case_is_the_list_s_region_chosen(app):
    company, _ = _world()
    html = client_for(app, make_user(organisation=company)).get(
        "/matches/?kind=tech-transfer&region=lombardia").get_data(as_text=True)
    regions = _options(html, "region")
    assert regions["Lombardia"] and "lombardia" not in regions  # one option, chosen (a review)
