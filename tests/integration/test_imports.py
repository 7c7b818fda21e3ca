"""CSV and XLSX import of organisations: bad rows by line number, both modes, idempotent re-import."""
from __future__ import annotations

import io

from openpyxl import Workbook, load_workbook

from matchmaker.extensions import db
from matchmaker.models import Organisation
from matchmaker.services.org_import import TEMPLATE_COLUMNS, import_organisations
from matchmaker.services.tables import read_table
from tests.helpers import csrf_token, login, make_org, make_user

GOOD_AND_BAD = (
    "external_id,name,kind,country,sectors,therapeutic_areas,trl,contact_email,offer\n"
    "A1,Alpha Pharma,large company,IT,pharma;biotech,oncology,5,bd@alpha.example,Small molecules\n"
    "A2,,sme,IT,,,,,\n"                                              # line 3: no name
    'A3,Gamma Lab,university,IT,,,12,,"multi\nline offer"\n'           # line 4: TRL out of range, spans 2 lines
    "A4,Delta Srl,sme,Italy,unknown-sector,,,not-an-email,\n"          # line 6: three problems
    "A5,Epsilon IRCCS,IRCCS,IT,,Oncologia;cardiology,3,,Biobank\n"     # line 7: good (Italian label)
)


def names() -> list[str]:
    return sorted(db.session.execute(db.select(Organisation.name)).scalars())


def run(text: str, mode: str = "good", filename: str = "orgs.csv"):
    return import_organisations(read_table(text.encode(), filename), mode=mode)


def test_good_rows_land_and_bad_rows_are_reported_by_line(app):
    report = run(GOOD_AND_BAD)
    assert report.applied and (report.created, report.updated) == (2, 0)
    assert names() == ["Alpha Pharma", "Epsilon IRCCS"]
    lines = {e.line for e in report.errors}
    assert lines == {3, 4, 6}
    messages = " | ".join(e.message for e in report.errors)
    assert "name: This field is required." in messages and "trl: '12'" in messages
    assert "country: 'Italy'" in messages and "unknown value 'unknown-sector'" in messages
    assert "contact_email" in messages
    epsilon = db.session.execute(db.select(Organisation).where(Organisation.name == "Epsilon IRCCS")).scalar_one()
    assert epsilon.kind == "irccs_hospital" and epsilon.therapeutic_areas == ["oncology", "cardiology"]
    alpha = db.session.execute(db.select(Organisation).where(Organisation.external_id == "A1")).scalar_one()
    assert alpha.sectors == ["pharma", "biotech"] and alpha.trl == 5 and alpha.source == "csv"


def test_all_or_nothing_imports_nothing_when_a_row_is_bad(app):
    report = run(GOOD_AND_BAD, mode="all")
    assert not report.applied and report.created == 0
    assert names() == []
    assert {e.line for e in report.errors} == {3, 4, 6}


def test_all_or_nothing_imports_everything_when_all_rows_are_good(app):
    report = run("name,kind\nOne,sme\nTwo,startup\n", mode="all")
    assert report.applied and report.created == 2 and not report.errors


def test_reimport_updates_instead_of_duplicating(app):
    run(GOOD_AND_BAD)
    report = run(GOOD_AND_BAD.replace("Small molecules", "Biologics"))
    assert (report.created, report.updated) == (0, 2)
    assert names() == ["Alpha Pharma", "Epsilon IRCCS"]
    assert db.session.execute(db.select(Organisation.offer).where(Organisation.external_id == "A1")).scalar() \
        == "Biologics"


def test_rows_without_external_id_match_on_name(app):
    run("name,kind,city\nSolo Lab,university,Pavia\n")
    report = run("name,kind,city\nsolo lab,university,Milano\n")
    assert (report.created, report.updated) == (0, 1)
    assert db.session.execute(db.select(Organisation.city)).scalar_one() == "Milano"


def test_duplicate_rows_in_one_file_are_reported(app):
    report = run("external_id,name,kind\nX,One,sme\nX,One again,sme\n")
    assert [(e.line, e.message) for e in report.errors] == [(3, "same organisation as line 2")]
    assert names() == ["One"]


def test_semicolon_csv_from_italian_excel_with_cp1252(app):
    data = "name;kind;city;sectors\nCaffè Ricerca;PMI;Brescia;Nutraceutica|agri-food\n".encode("cp1252")
    report = import_organisations(read_table(data, "export.csv"))
    assert report.created == 1 and not report.errors
    org = db.session.execute(db.select(Organisation)).scalar_one()
    assert (org.name, org.kind, org.sectors) == ("Caffè Ricerca", "sme", ["nutraceutics", "agrifood"])


def test_missing_required_columns_is_a_file_error(app):
    report = run("title,type\nA,B\n")
    assert not report.applied and report.errors[0].line == 1 and "name" in report.errors[0].message


def test_unknown_columns_are_warned_about(app):
    report = run("name,kind,favourite_colour\nOne,sme,blue\n")
    assert report.created == 1 and "favourite_colour" in report.warnings[0]


def _xlsx(rows: list[list]) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def test_xlsx_import_with_a_bad_row(app):
    data = _xlsx([["external_id", "name", "kind", "trl", "funding_amount_sought"],
                  ["X1", "Excel Start-up", "startup", 6, 250000],
                  ["X2", "Bad TRL", "startup", "high", None],
                  [None, None, None, None, None],
                  ["X3", "Amount in k", "startup", None, "250k"]])
    report = import_organisations(read_table(data, "orgs.xlsx"))
    assert [(e.line) for e in report.errors] == [3]
    assert report.created == 2
    amounts = dict(db.session.execute(db.select(Organisation.external_id, Organisation.funding_amount_sought)).all())
    assert amounts == {"X1": 250_000, "X3": 250_000}


def test_broken_xlsx_is_a_clear_error(client):
    login(client, make_user(role="organiser"))
    response = client.post("/imports/", data={"csrf_token": csrf_token(client, "/imports/"), "mode": "good",
                                              "file": (io.BytesIO(b"not a zip"), "orgs.xlsx")},
                           content_type="multipart/form-data")
    assert response.status_code == 200
    assert "not a readable .xlsx" in response.get_data(as_text=True)


def test_web_upload_reports_lines_and_imports_good_rows(client):
    login(client, make_user(role="organiser"))
    token = csrf_token(client, "/imports/")
    response = client.post("/imports/", data={"csrf_token": token, "mode": "good",
                                              "file": (io.BytesIO(GOOD_AND_BAD.encode()), "orgs.csv")},
                           content_type="multipart/form-data")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "2 created" in html
    assert "<td>3</td>" in html and "<td>6</td>" in html
    assert names() == ["Alpha Pharma", "Epsilon IRCCS"]


def test_members_cannot_import(client):
    login(client, make_user())
    assert client.get("/imports/").status_code == 403
    assert client.get("/imports/template.csv").status_code == 403


def test_templates_round_trip(client):
    login(client, make_user(role="admin"))
    csv_text = client.get("/imports/template.csv").get_data()
    xlsx = client.get("/imports/template.xlsx").get_data()
    header = load_workbook(io.BytesIO(xlsx)).active[1]
    assert [c.value for c in header] == TEMPLATE_COLUMNS
    for data, name in ((csv_text, "t.csv"), (xlsx, "t.xlsx")):
        report = import_organisations(read_table(data, name))
        assert not report.errors, report.errors
    assert names() == ["Acme Biotech S.r.l."]  # the same example row, imported then updated


def test_cli_import_prints_summary_and_fails_on_bad_rows(runner, tmp_path):
    path = tmp_path / "orgs.csv"
    path.write_text(GOOD_AND_BAD)
    result = runner.invoke(args=["import-orgs", str(path)])
    assert result.exit_code == 1
    assert "line 3: name: This field is required." in result.output
    assert "imported: 2 created, 0 updated, 3 of 5 rows refused" in result.output
    result = runner.invoke(args=["import-orgs", str(path), "--mode", "all"])
    assert "NOTHING imported" in result.output


def test_existing_profiles_are_not_touched_by_other_rows(app):
    make_org(name="Untouched", external_id="KEEP", offer="Original")
    run("external_id,name,kind\nOTHER,Other,sme\n")
    assert db.session.execute(db.select(Organisation.offer).where(Organisation.external_id == "KEEP")).scalar() \
        == "Original"


def test_an_empty_cell_keeps_what_the_profile_has_on_a_reimport(app):
    """The 2026-12-01 walk: a sheet with a few columns filled erased the others (offer, contact, areas...)."""
    run(GOOD_AND_BAD)
    report = run("external_id,name,kind,country,sectors,therapeutic_areas,trl,contact_email,offer,region,city\n"
                 "A1,Alpha Pharma,large company,,,,6,,,Lombardia,\n")
    assert report.updated == 1 and not report.errors
    alpha = db.session.execute(db.select(Organisation).where(Organisation.external_id == "A1")).scalar_one()
    assert alpha.trl == 6 and alpha.region == "Lombardia"  # what the row gives changes
    assert alpha.offer == "Small molecules" and alpha.contact_email == "bd@alpha.example"  # the empty cells: kept
    assert {t.code for t in alpha.tags if t.facet == "sector"} == {"pharma", "biotech"}
    assert {t.code for t in alpha.tags if t.facet == "therapeutic_area"} == {"oncology"}
    assert alpha.country == "IT"  # inferred from the region, as before
    fresh = run("external_id,name,kind,offer,language\nB1,Beta Bio,sme,,\n")
    beta = db.session.execute(db.select(Organisation).where(Organisation.external_id == "B1")).scalar_one()
    assert fresh.created == 1 and beta.offer == "" and beta.language == "en" and beta.sme  # a new one: defaults


def test_an_update_is_checked_with_what_its_empty_cells_keep(app):
    """A review of the empty-cell rule: kind, country and the largest ticket changed with the region, SME flag and
    smallest ticket left empty saved a profile its own rules refuse (an SME large company in France in Lombardia)."""
    run("external_id,name,kind,region,ticket_min\nS1,Start Bio,startup,Lombardia,500000\n")
    report = run("external_id,name,kind,country,region,ticket_max,sme\nS1,Start Bio,large company,FR,,100000,\n"
                 "S2,Other Bio,sme,IT,,,\n", mode="all")
    assert report.updated == report.created == 0 and [e.line for e in report.errors] == [2]
    assert "region" in report.errors[0].message or "country" in report.errors[0].message
    stored = db.session.execute(db.select(Organisation).where(Organisation.external_id == "S1")).scalar_one()
    assert (stored.kind, stored.country, stored.region) == ("startup", "IT", "Lombardia")  # nothing written
    kept = run("external_id,name,kind,region,sme\nS1,Start Bio,large company,,\n")
    stored = db.session.execute(db.select(Organisation).where(Organisation.external_id == "S1")).scalar_one()
    assert kept.updated == 1 and stored.kind == "large_company" and stored.sme is False  # the rule on the whole
    assert stored.region == "Lombardia" and stored.ticket_min == 500000
