"""The shared past partners of a suggestion are named (walk s17, F12: "Un partner passato in comune" named no one):
the engine gives their ids, the service their directory names (public, like the CORDIS partnerships they come from)."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Organisation
from matchmaker.services.cordis import import_cordis
from matchmaker.services.suggestions import rebuild_all, suggestions_for
from tests.conftest import SMALL_CORDIS


def test_the_shared_partners_line_names_the_partners(app):
    import_cordis(SMALL_CORDIS)
    rebuild_all()
    named = 0
    for company in db.session.execute(db.select(Organisation).where(Organisation.kind.in_(
            ("sme", "large_company", "startup")))).scalars():
        for _suggestion, _target, reasons in suggestions_for(company, "tech-transfer"):
            params = reasons.params("shared_partners")
            if params:
                assert 1 <= len(params["partners"]) <= min(2, params["count"])
                expected = [db.session.execute(db.select(Organisation.name).where(
                    Organisation.external_id == partner)).scalar_one() for partner in params["partners"]]
                assert params["names"] == expected
                named += 1
    assert named  # the extract's companies share Fraunhofer and York with the research organisations
