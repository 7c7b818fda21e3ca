"""A colleague who types a short form of the organisation's name ("Besta", "VitalPatch", "Dompé") is pointed at the
profile that exists, when registering and on the join page's search (2026-12-01 walk: each answered "no organisation
of the directory has this name", and registering created a duplicate); a new organisation is asked nothing."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import User
from tests.helpers import login, make_org, make_user
from tests.integration.test_register_similar_org import _register

NAMES = ("FONDAZIONE IRCCS ISTITUTO NEUROLOGICO CARLO BESTA", "VitalPatch Medical S.r.l.", "DOMPE FARMACEUTICI SPA",
         "Politecnico di Milano", "CardioPatch Bio")


@pytest.fixture
def directory(app):
    return {name: make_org(name=name) for name in NAMES}


@pytest.mark.parametrize("typed", ["Besta", "Istituto Besta", "VitalPatch", "Dompé", "Politecnico Milano"])
def test_registering_with_a_short_name_points_at_the_profile(directory, client, typed):
    page = _register(client, organisation_name=typed).get_data(as_text=True)
    assert 'id="similar-organisations"' in page, typed
    assert db.session.execute(db.select(User)).first() is None  # nothing created before the answer


@pytest.mark.parametrize("typed", ["NovaCardio", "Acme Biotech", "Patch"])
def test_a_new_or_merely_close_name_is_asked_nothing(directory, client, typed):
    assert "Check your mail" in _register(client, organisation_name=typed).get_data(as_text=True), typed


@pytest.mark.parametrize("typed, expected", [
    ("Besta", "FONDAZIONE IRCCS ISTITUTO NEUROLOGICO CARLO BESTA"), ("C. Besta", NAMES[0]),
    ("dompe", "DOMPE FARMACEUTICI SPA"), ("Dompé", "DOMPE FARMACEUTICI SPA"),
    ("VitalPatch", "VitalPatch Medical S.r.l."), ("Vital", "VitalPatch Medical S.r.l."),
    ("CardioPatch", "CardioPatch Bio")])
def test_the_join_search_finds_an_organisation_by_part_of_its_name(directory, client, typed, expected):
    login(client, make_user(organisation_id=None, joining_name=""))
    page = client.get("/membership/join", query_string={"q": typed}).get_data(as_text=True)
    assert expected in page, (typed, page[page.find("<main"):][:2000])
