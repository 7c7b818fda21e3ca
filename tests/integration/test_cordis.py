"""CORDIS import: counts, kinds, PICs as external ids, skipped rows, idempotent re-import."""
from __future__ import annotations

import pytest

from matchmaker.extensions import db
from matchmaker.models import Organisation, Participation, Project
from matchmaker.services.cordis import CordisFormatError, clean_name, import_cordis, kind_for
from tests.conftest import SMALL_CORDIS
from tests.helpers import make_user


def by_pic() -> dict[str, Organisation]:
    return {o.external_id: o for o in db.session.execute(db.select(Organisation)).scalars()}


def count(model) -> int:
    return len(db.session.execute(db.select(model)).scalars().all())


def test_small_extract(app):
    report = import_cordis(SMALL_CORDIS)
    assert (report.projects_created, report.organisations_created, report.participations_created) == (2, 7, 8)
    assert [(e.line, "no PIC" in e.message) for e in report.skipped] == [(10, True)]
    orgs = by_pic()
    fraunhofer = orgs["999984059"]
    assert fraunhofer.kind == "public_research_centre" and fraunhofer.cordis_activity_type == "REC"
    assert len(fraunhofer.participations) == 2
    assert orgs["999757467"].kind == "sme" and orgs["999757467"].sme      # SME company
    assert orgs["999908205"].kind == "large_company"                      # Thales Alenia, not an SME
    assert orgs["999978336"].kind == "university" and orgs["999978336"].country == "GB"  # CORDIS writes UK
    assert fraunhofer.source == "cordis" and "CORDIS" in fraunhofer.source_note
    assert "Took part in 2 Horizon Europe projects" in fraunhofer.description
    titles = [p.title for p in db.session.execute(db.select(Project)).scalars()]
    assert all(t.split(".")[0] in fraunhofer.offer for t in titles)


def test_reimport_is_idempotent(app):
    import_cordis(SMALL_CORDIS)
    first = {pic: (o.id, o.offer) for pic, o in by_pic().items()}
    report = import_cordis(SMALL_CORDIS)
    assert (report.organisations_created, report.organisations_updated, report.participations_created) == (0, 7, 0)
    assert {pic: (o.id, o.offer) for pic, o in by_pic().items()} == first
    assert (count(Organisation), count(Project), count(Participation)) == (7, 2, 8)


def test_reimport_keeps_members_edits(app):
    import_cordis(SMALL_CORDIS)
    org = by_pic()["999984059"]
    org.offer, org.source = "Our own words", "manual"
    db.session.commit()
    import_cordis(SMALL_CORDIS)
    assert by_pic()["999984059"].offer == "Our own words"


def test_cli_command(runner):
    result = runner.invoke(args=["import-cordis", str(SMALL_CORDIS)])
    assert result.exit_code == 0, result.output
    assert "organisations: 7 created, 0 updated; participations: 8 new; skipped rows: 1" in result.output
    assert "skipped line 10" in result.output


def test_folder_without_cordis_files_is_a_clear_error(app, runner, tmp_path):
    with pytest.raises(CordisFormatError, match="projects.csv is missing"):
        import_cordis(tmp_path)
    result = runner.invoke(args=["import-cordis", str(tmp_path)])
    assert result.exit_code == 1 and "projects.csv is missing" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("activity, sme, name, kind", [
    ("PRC", True, "ACME SRL", "sme"), ("PRC", False, "BIGPHARMA SPA", "large_company"),
    ("REC", False, "CNR", "public_research_centre"), ("HES", False, "UNIVERSITA DI PAVIA", "university"),
    ("REC", False, "FONDAZIONE IRCCS ISTITUTO NEUROLOGICO CARLO BESTA", "irccs_hospital"),
    ("HES", False, "CHARITE - UNIVERSITAETSMEDIZIN BERLIN UNIKLINIK", "irccs_hospital"),
    ("PRC", False, "OSPEDALE SAN RAFFAELE SRL", "irccs_hospital"),  # by its name, not by CORDIS's PRC
    ("PRC", False, "Humanitas Mirasole SpA", "irccs_hospital"),
    ("OTH", False, "ASST Grande Ospedale Metropolitano Niguarda", "irccs_hospital"),
    ("PRC", False, "ISTITUTO EUROPEO DI ONCOLOGIA SRL", "irccs_hospital"),
    ("PUB", False, "Fondazione IRCCS Policlinico San Matteo", "irccs_hospital"),
    ("REC", False, "Oslo University Hospital", "irccs_hospital"), ("PRC", False, "CHUGAI PHARMA", "large_company"),
    ("PUB", False, "REGIONE LOMBARDIA", "other"), ("OTH", False, "EUROPA DONNA", "other"),
    # the newcomer walk: Paris's hospitals were a research centre, Norway's hospital trusts a university
    ("REC", False, "ASSISTANCE PUBLIQUE HOPITAUX DE PARIS", "irccs_hospital"),
    ("HES", False, "HELSE BERGEN HF", "irccs_hospital"),
    ("REC", False, "AKERSHUS UNIVERSITETSSYKEHUS HF", "irccs_hospital"),
    ("HES", False, "FAKULTNI NEMOCNICE BRNO", "irccs_hospital"),
    ("REC", False, "FOLKEHELSEINSTITUTTET", "public_research_centre"),  # the public-health institute is not one
])
def test_kind_mapping(activity, sme, name, kind):
    assert kind_for(activity, sme, name) == kind


@pytest.mark.cordis
def test_full_history_folder(app, shared_cordis_history):
    report = import_cordis(shared_cordis_history)
    assert report.organisations_created == 4285 and report.projects_created == 578
    # 7,533 rows, but 400 repeat an organisation already listed in the same project: 7,133 distinct pairs.
    assert report.participations_created == 7133 and not report.skipped
    milano = db.session.execute(
        db.select(Organisation).where(Organisation.name == "POLITECNICO DI MILANO")).scalar_one()
    assert milano.region == "Lombardia" and milano.kind == "university"


@pytest.mark.cordis
def test_demo_load_prints_logins_and_they_work(client, runner, shared_cordis_history):
    result = runner.invoke(args=["demo", "load", "--if-empty", "--data", str(shared_cordis_history)])
    assert result.exit_code == 0, result.output
    assert "company@demo.matchmaker.example" in result.output
    again = runner.invoke(args=["demo", "load", "--if-empty", "--data", str(shared_cordis_history)])
    assert "already holds data" in again.output
    assert "researcher@demo.matchmaker.example" in again.output  # the logins are shown again
    from tests.helpers import post_form
    response = post_form(client, "/auth/login", {"email": "researcher@demo.matchmaker.example",
                                                 "password": "demo-researcher-2026"})
    assert response.status_code == 302
    mine = client.get("/profiles/mine", follow_redirects=True).get_data(as_text=True)
    assert "CARLO BESTA" in mine and "biobank" in mine
    # The demo's published partnering day gives every demo login an agenda of several meetings.
    from matchmaker.extensions import db
    from matchmaker.models import Event, EventParticipant, MeetingSeat, User
    from matchmaker.services.events_demo import NAME
    from matchmaker.services.events_demo_more import OPEN_NAME, PAST_NAME
    event = db.session.scalar(db.select(Event).where(Event.name == NAME))
    assert event.status == "published"
    # Beside it, an event open for registration and requests, and a past one with its follow-up.
    statuses = dict(db.session.execute(db.select(Event.name, Event.status)).all())
    assert statuses[OPEN_NAME] == "requests" and statuses[PAST_NAME] == "closed"
    for role in ("company", "researcher", "investor", "startup"):
        user = db.session.scalar(db.select(User).where(User.email == f"{role}@demo.matchmaker.example"))
        placed = db.session.scalar(db.select(db.func.count(MeetingSeat.meeting_id)).join(EventParticipant).where(
            EventParticipant.user_id == user.id, MeetingSeat.pub_slot_id.is_not(None)))
        assert placed >= 4, (role, placed)
    # A convincing demo: nearly every accepted meeting placed (no one accepted more than the event's maximum),
    # requests written in the requester's language, and the investor sees several investable start-ups.
    assert event.report["placed"] >= 0.95 * event.report["requested"], event.report
    from matchmaker.models import MeetingRequest, Organisation, Suggestion
    messages = set(db.session.scalars(db.select(MeetingRequest.message)))
    assert len(messages) >= 4 and any("collaborazione" in m or "studio" in m for m in messages)
    investor = db.session.scalar(db.select(User).where(User.email == "investor@demo.matchmaker.example"))
    kinds = db.session.scalars(db.select(Organisation.kind).join(Suggestion, Suggestion.target_id == Organisation.id)
                               .where(Suggestion.source_id == investor.organisation_id)).all()
    assert kinds.count("startup") >= 3, kinds
    assert db.session.scalar(db.select(Organisation.contact_email).where(Organisation.id == investor.organisation_id))


def test_demo_load_without_data_is_a_clear_message(runner, tmp_path):
    result = runner.invoke(args=["demo", "load", "--data", str(tmp_path / "missing")])
    assert result.exit_code == 1
    assert "Demo data not found" in result.output and "Traceback" not in result.output
    make_user()  # the database is still usable


@pytest.mark.parametrize("raw, clean", [
    ('"Asociacija ""Demencija Lietuvoje"""', 'Asociacija "Demencija Lietuvoje"'),
    ('"ACME, Inc"', "ACME, Inc"), ("  Plain   Name ", "Plain Name"), ('Stray" Quote', "Stray Quote"),
])
def test_names_are_cleaned_of_csv_artefacts(raw, clean):
    assert clean_name(raw) == clean


def test_import_suggests_tags_and_marks_organisations_outside_life_sciences(app):
    import_cordis(SMALL_CORDIS)
    organisations = db.session.execute(db.select(Organisation)).scalars().all()
    assert all(o.life_sciences is not None for o in organisations)
    assert any(o.life_sciences is False for o in organisations)  # the space-warehouse consortium
    for o in organisations:
        assert not (set(o.suggested_sectors) & set(o.sectors))
