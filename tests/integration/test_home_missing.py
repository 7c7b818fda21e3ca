"""The home page's "Missing:" checklist follows what matching uses for each kind of organisation: a start-up (or an
SME seeking investment) is asked for its funding stage and amount, an investor for its stages, sectors and tickets
(never a TRL), a research lab or a plain SME for neither; an association or "other" organisation for no TRL."""
from __future__ import annotations

import re

from matchmaker.extensions import db
from matchmaker.services.review_home import completeness
from tests.helpers import login, make_org, make_user

FULL = dict(description="We grow organoids.", offer="Liver organoid models for toxicology screening " * 3,
            seek="Pharma partners for toxicology validation studies", keywords="organoids; toxicology",
            sectors=["biotech"], therapeutic_areas=["oncology"], collaboration_types=["research"], trl=4,
            contact_name="Giulia", contact_email="giulia@example.org")
FUNDING = ["Funding stage", "Amount sought (€)"]
INVESTING = ["Investors: stages", "Investors: sectors", "Investors: smallest or largest ticket (€)"]


def _missing(client) -> list[str]:
    page = client.get("/").get_data(as_text=True)
    found = re.search(r'<ul id="missing">(.*?)</ul>', page, re.S)
    return re.findall(r"<li>(.*?)</li>", found.group(1)) if found else []


def test_a_startup_is_asked_for_its_funding_stage_and_amount_until_given(client):
    startup = make_org(name="Tiny Start", kind="startup", **FULL)
    login(client, make_user(organisation=startup))
    assert [label.replace("&amp;", "&") for label in _missing(client)] == FUNDING
    startup.funding_stage, startup.funding_amount_sought = "seed", 300_000
    db.session.commit()
    assert _missing(client) == [] and completeness(startup).percent == 100


def test_the_checklist_in_italian_for_a_startup(client):
    startup = make_org(name="Tiny Start", kind="startup", **FULL)
    login(client, make_user(organisation=startup, locale="it"))
    assert _missing(client) == ["Fase di finanziamento", "Importo cercato (€)"]


def test_each_kind_is_asked_for_what_its_matching_uses(app):
    lab = make_org(name="Liver Lab", kind="university", **FULL)
    plain_sme = make_org(name="Plain SME", kind="sme", **FULL)
    seeking_sme = make_org(name="Funded SME", kind="sme", **(FULL | {"collaboration_types": ["investment"]}))
    investor = make_org(name="Seed Fund", kind="investor", **(FULL | {"trl": None}))
    assert completeness(lab).missing == [] and completeness(plain_sme).missing == []
    assert completeness(seeking_sme).missing == FUNDING
    assert completeness(investor).missing == INVESTING  # and no TRL
    investor.investor_stages, investor.investor_sectors, investor.ticket_max = ["seed"], ["biotech"], 2_000_000
    db.session.commit()
    assert completeness(investor).missing == [] and completeness(investor).percent == 100


def test_a_nearly_complete_profile_is_not_called_thin(client):
    lab = make_org(name="Organoid Lab", kind="university", **{**FULL, "keywords": ""})
    login(client, make_user(organisation=lab))
    page = client.get("/").get_data(as_text=True)
    assert completeness(lab).percent >= 80 and _missing(client)
    assert "Still missing:" in page and "thin profile" not in page
    bare = make_org(name="Bare Lab", kind="university", offer="Organoids")
    other = client.application.test_client()
    login(other, make_user(organisation=bare))
    assert completeness(bare).percent < 80
    assert "A thin profile gets poor suggestions" in other.get("/").get_data(as_text=True)


def test_an_association_is_not_asked_for_a_trl(client):
    """TRL rates a technology on offer: it applies to companies and research organisations only (TRL_KINDS)."""
    for kind in ("association", "other"):
        organisation = make_org(name=f"Assobiotec {kind}", kind=kind, **(FULL | {"trl": None, "keywords": ""}))
        assert completeness(organisation).missing == ["Keywords"], kind
    lab = make_org(name="Trl-less Lab", kind="irccs_hospital", **(FULL | {"trl": None}))
    assert completeness(lab).missing == ["TRL of the main offer"]
    association = make_org(name="Assobiotec", kind="association", **(FULL | {"trl": None, "keywords": ""}))
    login(client, make_user(organisation=association))
    assert _missing(client) == ["Keywords"]
