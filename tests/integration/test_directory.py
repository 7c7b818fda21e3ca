"""Directory search, filters and pagination."""
from __future__ import annotations

import re

import pytest

from tests.helpers import login, make_org, make_user


@pytest.fixture
def orgs(client):
    make_org(name="Alpha Pharma", kind="large_company", sectors=["pharma"], therapeutic_areas=["oncology"],
             keywords="CAR-T; antibodies")
    make_org(name="Beta Devices", kind="sme", sectors=["medical_devices"], therapeutic_areas=["cardiology"])
    make_org(name="Gamma University", kind="university", country="DE", city="Berlin", region="",
             therapeutic_areas=["oncology"], offer="Single-cell sequencing of tumours")
    make_org(name="Delta IRCCS", kind="irccs_hospital", region="Lazio", city="Roma")
    login(client, make_user())


def names(client, query: str) -> list[str]:
    html = client.get(f"/profiles/?{query}").get_data(as_text=True)
    return re.findall(r'<h2><a href="/profiles/\d+">([^<]+)</a></h2>', html)


@pytest.mark.parametrize("query, expected", [
    ("", ["Alpha Pharma", "Beta Devices", "Delta IRCCS", "Gamma University"]),
    ("kind=university", ["Gamma University"]),
    ("sector=pharma", ["Alpha Pharma"]),
    ("area=oncology", ["Alpha Pharma", "Gamma University"]),
    ("area=oncology&country=IT", ["Alpha Pharma"]),
    ("region=lazio", ["Delta IRCCS"]),
    ("country=de", ["Gamma University"]),
    ("q=car-t", ["Alpha Pharma"]),
    ("q=sequencing", ["Gamma University"]),
    ("q=nothing-matches-this", []),
])
def test_filters(client, orgs, query, expected):
    assert names(client, query) == expected


def test_pagination_keeps_filters(app, client, orgs):
    app.config["DIRECTORY_PAGE_SIZE"] = 1
    first = client.get("/profiles/?area=oncology").get_data(as_text=True)
    assert "Page 1 of 2" in first
    assert 'href="/profiles/?area=oncology&amp;page=2"' in first
    assert names(client, "area=oncology&page=2") == ["Gamma University"]
    assert names(client, "area=oncology&page=9") == []


def test_directory_needs_login(client):
    assert client.get("/profiles/").status_code == 302


def test_life_science_profiles_come_first_by_default_in_the_directory_and_in_search(client, orgs):
    from matchmaker.extensions import db
    from matchmaker.services.profiles import apply_profile

    aardvark = make_org(name="Aardvark Antibodies Consulting", kind="sme")
    apply_profile(aardvark, {"offer": "ICT consulting and software for logistics; antibodies of trust"})
    db.session.commit()
    assert aardvark.life_sciences is False
    aardvark = "Aardvark Antibodies Consulting"
    assert names(client, "")[-1] == aardvark  # first by name, but outside life sciences: last
    assert names(client, "order=all")[0] == aardvark  # every profile alike, by name
    assert names(client, "q=antibodies&order=all") == [aardvark, "Alpha Pharma"]  # a name match ranks first...
    assert names(client, "q=antibodies") == ["Alpha Pharma", aardvark]  # ...after the life-science profiles
