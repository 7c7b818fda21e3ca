"""Persisted suggestions: rebuilt in full, refreshed on edits, shown with reasons, exported as CSV."""
from __future__ import annotations

import csv

from matchmaker.extensions import db
from matchmaker.models import Suggestion
from matchmaker.services.cordis import import_cordis
from matchmaker.services.suggestions import rebuild_all, refresh_organisation
from tests.conftest import SMALL_CORDIS
from tests.helpers import login, make_org, make_user, post_form
from tests.integration.test_profiles import FULL_FORM

FILLER = ["Forest biomass supply chains", "Perovskite solar cells", "Urban traffic models", "Coral reef biology",
          "Superconducting qubits", "Museum archives digitisation"]


def world():
    company = make_org(name="Acme Organoids", kind="sme", seek="liver organoid models for drug toxicology")
    lab = make_org(name="Liver Lab", kind="university", offer="Liver organoid models and toxicology assays")
    other = make_org(name="Heart Lab", kind="university", offer="Cardiac tissue engineering")
    for i, text in enumerate(FILLER):
        make_org(name=f"Filler {i}", kind="public_research_centre", offer=text)
    return company, lab, other


def targets(org, kind="tech-transfer") -> list[int]:
    return list(db.session.execute(db.select(Suggestion.target_id).where(
        Suggestion.source_id == org.id, Suggestion.kind == kind).order_by(Suggestion.rank)).scalars())


def test_rebuild_stores_ranked_suggestions_both_ways(app):
    company, lab, other = world()
    assert rebuild_all() > 0
    assert targets(company)[0] == lab.id
    assert company.id in targets(lab)


def test_editing_a_profile_updates_its_place_in_others_lists(client):
    company, lab, other = world()
    rebuild_all()
    assert other.id not in targets(company)[:1]
    login(client, make_user(organisation=other))
    form = dict(FULL_FORM, name="Heart Lab", kind="university", language="en",
                offer="Liver organoid models, toxicology and drug screening on organoids", seek="", keywords="",
                sectors=[], therapeutic_areas=[], collaboration_types=[], trl="", funding_stage="",
                funding_amount_sought="")
    assert post_form(client, f"/profiles/{other.id}/edit", form).status_code == 302
    assert other.id in targets(company)[:2]  # no rebuild: the edit refreshed the company's list


def test_suggestions_page_shows_reasons_to_members_only(client):
    company, lab, other = world()
    rebuild_all()
    login(client, make_user(organisation=company))
    html = client.get("/matches/").get_data(as_text=True)
    assert "Liver Lab" in html and "What you seek meets what they offer" in html and "organoid" in html
    assert client.get(f"/matches/?org={lab.id}").status_code == 403


def test_cli_rebuild_and_export(runner, tmp_path):
    import_cordis(SMALL_CORDIS)
    result = runner.invoke(args=["matching", "rebuild"])
    assert result.exit_code == 0 and "stored" in result.output
    out = tmp_path / "tt.csv"
    result = runner.invoke(args=["matching", "export", "--kind", "tech-transfer", "--top", "5", "--out", str(out)])
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(out.open()))
    assert rows[0] == ["source_id", "rank", "target_id", "score"]
    # The extract's companies all took part in project 101135507 with Fraunhofer and York: already partners.
    partners = {"999984059", "999978336"}
    companies = {"999757467", "999760280", "999908205"}
    # The only research organisations they never worked with: Bogazici (999882500) and Amsterdam UMC (919322739).
    assert rows[1:] and all(r[0] in companies and r[2] not in partners for r in rows[1:])
    assert {r[2] for r in rows[1:]} == {"999882500", "919322739"}
    assert all(r[1].isdigit() and float(r[3]) >= 0 for r in rows[1:])


def test_an_edit_that_only_adds_a_shared_area_still_enters_a_full_list(app):
    from matchmaker.services.suggestions import refresh_organisation

    company = make_org(name="Acme", kind="sme", seek="liver organoid models", therapeutic_areas=["oncology"],
                       sectors=["ivd"], collaboration_types=["co_development"], trl=4)
    first = make_org(name="First Lab", kind="university", offer="liver organoid models")
    second = make_org(name="Second Lab", kind="university", offer="liver liver organoid models")  # text 0.085 lower
    for i, text in enumerate(FILLER):
        make_org(name=f"Filler {i}", kind="public_research_centre", offer=text)
    rebuild_all(top=1)
    assert targets(company) == [first.id]  # the list is full (top 1) and Second Lab's text scores lower
    # Edited directly (the refresh below is the one under test): shared area, sector, collaboration, TRL.
    second.therapeutic_areas, second.sectors, second.collaboration_types = ["oncology"], ["ivd"], ["co_development"]
    second.trl = 4
    db.session.commit()
    refresh_organisation(second, top=1)
    assert targets(company) == [second.id]  # the shared signals (+0.15) lift it above First Lab


def _stored() -> list[tuple]:
    return sorted((s.kind, s.source_id, s.rank, s.target_id, round(s.score, 5), round(s.forward, 5),
                   round(s.backward, 5)) for s in db.session.execute(db.select(Suggestion)).scalars())


def _investor_world():
    company, lab, other = world()
    make_org(name="Med Fund", kind="investor", seek="wearable medical devices and diagnostics",
             collaboration_types=["investment"])
    make_org(name="Bio Fund", kind="investor", seek="biotech platforms, antibodies and gene therapy")
    startup = make_org(name="Wear Start", kind="startup", offer="wearable EEG device for epilepsy diagnostics",
                       seek="seed investors in medical devices")
    make_org(name="Gene Start", kind="startup", offer="gene therapy vectors for rare diseases",
             therapeutic_areas=["rare_diseases"], seek="investors and clinical partners")
    for i, text in enumerate(["liver toxicology consulting", "organoid culture media", "cardiac monitoring app"]):
        make_org(name=f"Company {i}", kind="sme", offer=text, seek="research partners in " + text)
    return company, lab, other, startup


def test_batch_and_single_paths_store_the_same_columns(app):
    company, lab, other = world()
    rebuild_all()
    batch = {s.target_id: (s.forward, s.backward) for s in db.session.execute(
        db.select(Suggestion).where(Suggestion.source_id == company.id)).scalars()}
    refresh_organisation(company)
    single = {s.target_id: (s.forward, s.backward) for s in db.session.execute(
        db.select(Suggestion).where(Suggestion.source_id == company.id)).scalars()}
    assert batch[lab.id][0] > 0 and batch[lab.id][1] >= 0
    assert batch.keys() == single.keys()
    for target, (forward, backward) in batch.items():
        assert abs(forward - single[target][0]) < 1e-5 and abs(backward - single[target][1]) < 1e-5


def test_a_startup_that_becomes_an_investor_loses_its_old_lists(app):
    *_, startup = _investor_world()
    rebuild_all(top=3)
    assert targets(startup, "investor")  # a start-up's list of investors
    startup.kind = "investor"
    startup.seek = "seed rounds in wearable diagnostics"
    db.session.commit()
    refresh_organisation(startup, top=3)
    assert not targets(startup, "tech-transfer")
    old_lists = db.session.execute(db.select(Suggestion).where(
        Suggestion.target_id == startup.id, Suggestion.kind == "tech-transfer")).scalars().all()
    assert not old_lists  # no research organisation is offered it as a company any more
    assert _stored() == _rebuilt(top=3)


def _rebuilt(top: int) -> list[tuple]:
    incremental = _stored()
    rebuild_all(top=top, refit=False)
    full = _stored()
    assert incremental == full
    return full


def test_incremental_refresh_stores_exactly_what_a_full_rebuild_stores(app):
    company, lab, other, startup = _investor_world()
    rebuild_all(top=3)
    edits = [(other, dict(offer="Liver organoid models, toxicology and drug screening")),
             (company, dict(seek="cardiac tissue engineering and heart monitoring")),
             (lab, dict(therapeutic_areas=["rare_diseases"], offer="gene therapy for rare liver diseases")),
             (startup, dict(kind="sme", offer="EEG analysis software")),
             (company, dict(kind="university"))]
    for organisation, changes in edits:
        for key, value in changes.items():
            setattr(organisation, key, value)
        db.session.commit()
        refresh_organisation(organisation, top=3)
        _rebuilt(top=3)


def test_editing_what_we_seek_brings_partners_of_that_topic_into_the_top_10(client):
    abstracts = " ".join(["Drug delivery nanoparticles for oral formulations of small molecules."] * 5
                         + ["Pharmacokinetics of controlled-release tablets and excipients."] * 5)
    company = make_org(name="Pharma Co", kind="large_company", offer=abstracts, source="cordis")
    delivery = [make_org(name=f"Delivery Lab {i}", kind="university",
                         offer=f"Nanoparticles and drug delivery; oral formulations; controlled release study {i}")
                for i in range(12)]
    eyes = [make_org(name=f"Eye Clinic {i}", kind="irccs_hospital",
                     offer=f"Neuro-ophthalmology: optic neuropathies, retinal ganglion cells, visual pathways {i}")
            for i in range(3)]
    for i, text in enumerate(FILLER):
        make_org(name=f"Filler {i}", kind="public_research_centre", offer=text)
    rebuild_all()
    assert not set(targets(company)[:10]) & {e.id for e in eyes}
    login(client, make_user(organisation=company))
    form = dict(FULL_FORM, name="Pharma Co", kind="large_company", language="en", offer=abstracts,
                seek="Clinical partners in neuro-ophthalmology: optic neuropathies and retinal ganglion cells",
                keywords="neuro-ophthalmology; optic neuropathy", sectors=[], therapeutic_areas=[],
                collaboration_types=[], trl="", funding_stage="", funding_amount_sought="", region="Lombardia",
                proximity="anywhere")
    assert post_form(client, f"/profiles/{company.id}/edit", form).status_code == 302
    assert {e.id for e in eyes} <= set(targets(company)[:10])
    assert len(delivery) == 12
