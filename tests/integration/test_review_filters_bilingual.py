"""The suggestions list's text search and area filter speak as the directory does: an Italian word finds the English
profile ("neurologia", "biobanca"), and an area said in a partner's texts counts as much as its tag, as the card's
reasons do."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Suggestion
from matchmaker.services.review_list import ReviewFilters, review_page
from matchmaker.services.suggestions import rebuild_all
from tests.helpers import client_for, login, make_org, make_user
from tests.integration.test_suggestions import FILLER


def _world():
    company = make_org(name="Acme Neuro", kind="sme",
                       seek="neurology biobank samples and cancer immunotherapy models for epilepsy and tumour "
                       "research")
    neuro = make_org(name="Besta Neuro Lab", kind="university", offer="Neurology biobank of epilepsy samples")
    onco = make_org(name="Onco Lab", kind="university", offer="Cancer immunotherapy models and tumour samples")
    tagged = make_org(name="Tagged Lab", kind="university", offer="Epilepsy samples and models",
                      therapeutic_areas=["oncology"])
    for i, text in enumerate(FILLER):
        make_org(name=f"Filler {i}", kind="public_research_centre", offer=text)
    rebuild_all()
    suggested = set(db.session.execute(db.select(Suggestion.target_id).where(
        Suggestion.source_id == company.id, Suggestion.kind == "tech-transfer")).scalars())
    assert {neuro.id, onco.id, tagged.id} <= suggested
    return company, neuro, onco, tagged


def _listed(company, **filters) -> set[str]:
    return {i.target.name for i in review_page(company, "tech-transfer", ReviewFilters(**filters)).items}


def test_italian_words_find_english_profiles_and_typed_pieces_still_count(app):
    company, neuro, onco, _ = _world()
    assert "Besta Neuro Lab" in _listed(company, q="neurologia")
    assert "Besta Neuro Lab" in _listed(company, q="biobanca")
    assert "Onco Lab" in _listed(company, q="tumore") and "Besta Neuro Lab" not in _listed(company, q="tumore")
    assert _listed(company, q="Besta Neu") == {"Besta Neuro Lab"}  # a piece of a name, as typed
    assert not _listed(company, q="cardiologia")


def test_an_area_said_in_the_texts_passes_the_area_filter_as_a_tag_does(app):
    company, neuro, onco, tagged = _world()
    assert _listed(company, area="oncology") == {"Onco Lab", "Tagged Lab"}
    assert _listed(company, area="neurology") == {"Besta Neuro Lab"}
    assert _listed(company, area="oncology", q="tumore") == {"Onco Lab"}  # both filters, each its own way
    assert _listed(company, area="oncology", partner_kind="public_research_centre") == set()


def test_the_page_s_search_box_finds_the_italian_word(client):
    company, neuro, _, _ = _world()
    login(client, make_user(organisation=company, locale="it"))
    assert ">Besta Neuro Lab</a>" in client.get("/matches/?q=neurologia").get_data(as_text=True)


def _kind_options(client) -> set[str]:
    html = client.get("/matches/?kind=tech-transfer").get_data(as_text=True)
    select = html.split('name="partner_kind"', 1)[1].split("</select>", 1)[0]
    return {part.split('"', 1)[0] for part in select.split('<option value="')[1:]} - {""}


def test_the_kind_of_partner_filter_offers_only_kinds_the_list_can_hold(app):
    company, neuro, _, _ = _world()
    offered = _kind_options(client_for(app, make_user(organisation=company)))
    assert {"university", "public_research_centre"} <= offered  # a company's partners are research organisations
    assert not offered & {"sme", "large_company", "startup", "investor"}  # never other companies, nor investors
    offered = _kind_options(client_for(app, make_user(organisation=neuro)))
    assert offered == {"sme"}  # the kinds its list holds (only Acme), not every company kind it could hold
