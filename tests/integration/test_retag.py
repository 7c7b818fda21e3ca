"""`flask matching retag`: profiles saved before a glossary change get their suggested tags derived again."""
from __future__ import annotations

from matchmaker.extensions import db
from matchmaker.models import Job, Organisation
from tests.helpers import make_org

ANTIBODIES = "Monoclonal antibodies against solid tumours; antibody engineering for oncology and cancer immunotherapy."


def test_retag_derives_stale_tags_keeps_confirmed_ones_and_queues_a_rebuild(runner):
    # Saved before the glossary knew these words: no suggestions, not marked as life sciences.
    stale = make_org(name="Old Antibody Lab", offer=ANTIBODIES, life_sciences=False)
    confirmed = make_org(name="Confirmed Lab", offer=ANTIBODIES, sectors=["medtech"], tags_confirmed=True)
    winery = make_org(name="Cantina", kind="other", offer="Wine making and mountain viticulture",
                      life_sciences=False)

    result = runner.invoke(args=["matching", "retag"])
    assert result.exit_code == 0, result.output
    assert "2 of 3 profiles changed" in result.output  # the stale one, and the confirmed one's flag
    db.session.expire_all()
    stale, confirmed, winery = (db.session.get(Organisation, o.id) for o in (stale, confirmed, winery))
    assert stale.life_sciences is True
    assert stale.suggested_sectors == ["biotech"] and stale.suggested_therapeutic_areas == ["oncology"]
    assert confirmed.sectors == ["medtech"] and confirmed.suggested_sectors == []  # a member's choice stays
    assert winery.life_sciences is False and winery.suggested_sectors == []
    rebuild = db.session.execute(db.select(Job).where(Job.kind == "rebuild")).scalar_one()
    assert rebuild.state == "done"

    again = runner.invoke(args=["matching", "retag"])  # nothing left to change: no second rebuild
    assert "0 of 3 profiles changed" in again.output
    assert db.session.scalar(db.select(db.func.count(Job.id)).where(Job.kind == "rebuild")) == 1
